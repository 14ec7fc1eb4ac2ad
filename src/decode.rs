//! Decoding a 200 body into checked records, straight into [`RecordColumns`].
//!
//! The body is walked once with serde seeds that append each value to the columns as it is
//! read, so no per-record structs or strings are allocated. The walk remembers where it is, so
//! an error names the field (`data.customer_source_records[3].customer_id`).

use std::fmt;

use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use crate::columns::RecordColumns;
use crate::error::Error;
use crate::record::RecordField;
use crate::timestamp::is_wall_clock;

/// A decoded page: its records and the server's count of every match.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedPage {
    /// The records of this page, in server order.
    pub records: RecordColumns,
    /// `total_items`: matches across all pages.
    pub total_items: u64,
}

/// Where the walk is, for error messages.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Location {
    Body,
    Data,
    TotalItems,
    Records,
    Record(usize),
    Field(usize, RecordField),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Body => f.write_str("body"),
            Location::Data => f.write_str("data"),
            Location::TotalItems => f.write_str("data.total_items"),
            Location::Records => f.write_str("data.customer_source_records"),
            Location::Record(index) => write!(f, "data.customer_source_records[{index}]"),
            Location::Field(index, field) => {
                write!(
                    f,
                    "data.customer_source_records[{index}].{}",
                    field.api_name()
                )
            }
        }
    }
}

struct DecodeState {
    records: RecordColumns,
    has_records: bool,
    total_items: Option<u64>,
    location: Location,
}

/// Decodes a success body. `status` is carried into errors.
pub fn decode_page(body: &[u8], status: u16) -> Result<DecodedPage, Error> {
    let mut state = DecodeState {
        records: RecordColumns::default(),
        has_records: false,
        total_items: None,
        location: Location::Body,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let walked = BodySeed(&mut state)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if let Err(error) = walked {
        return Err(decode_error(&error, state.location, status));
    }
    finish(state, status)
}

fn finish(state: DecodeState, status: u16) -> Result<DecodedPage, Error> {
    let missing = |location: Location| Error::Decode {
        field: Some(location.to_string()),
        message: "missing".into(),
        status,
    };
    if !state.has_records {
        return Err(missing(Location::Records));
    }
    let total_items = state
        .total_items
        .ok_or_else(|| missing(Location::TotalItems))?;
    Ok(DecodedPage {
        records: state.records,
        total_items,
    })
}

fn decode_error(error: &serde_json::Error, location: Location, status: u16) -> Error {
    let (field, message) = if error.is_eof() {
        (None, "the body ended early".to_owned())
    } else if error.is_syntax() {
        (None, "the body is not valid JSON".to_owned())
    } else {
        (
            Some(location.to_string()),
            without_position(&error.to_string()),
        )
    };
    Error::Decode {
        field,
        message,
        status,
    }
}

/// serde_json appends " at line L column C"; the field path says more than that.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(end) => message[..end].to_owned(),
        None => message.to_owned(),
    }
}

/// Reads an object key into the index of a known name, without allocating.
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|known| *known == key))
    }
}

struct BodySeed<'s>(&'s mut DecodeState);

impl<'de> DeserializeSeed<'de> for BodySeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BodySeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with a data member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut has_data = false;
        while let Some(key) = map.next_key_seed(KeySeed(&["data"]))? {
            if key.is_some() {
                self.0.location = Location::Data;
                map.next_value_seed(DataSeed(self.0))?;
                self.0.location = Location::Body;
                has_data = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !has_data {
            self.0.location = Location::Data;
            return Err(A::Error::custom("missing"));
        }
        Ok(())
    }
}

struct DataSeed<'s>(&'s mut DecodeState);

impl<'de> DeserializeSeed<'de> for DataSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with customer_source_records and total_items")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        const KEYS: &[&str] = &["customer_source_records", "total_items"];
        while let Some(key) = map.next_key_seed(KeySeed(KEYS))? {
            match key {
                Some(0) => {
                    self.0.location = Location::Records;
                    map.next_value_seed(RecordsSeed(self.0))?;
                    self.0.has_records = true;
                }
                Some(_) => {
                    self.0.location = Location::TotalItems;
                    self.0.total_items = Some(map.next_value::<u64>()?);
                }
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
            self.0.location = Location::Data;
        }
        Ok(())
    }
}

struct RecordsSeed<'s>(&'s mut DecodeState);

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            self.0.location = Location::Record(self.0.records.len());
            if seq.next_element_seed(RecordSeed(self.0))?.is_none() {
                return Ok(());
            }
        }
    }
}

struct RecordSeed<'s>(&'s mut DecodeState);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = ();

    /// Called only for an element that exists, so the record is pushed here.
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let index = self.0.records.push_empty_record();
        deserializer.deserialize_map(RecordVisitor {
            state: self.0,
            index,
        })
    }
}

struct RecordVisitor<'s> {
    state: &'s mut DecodeState,
    index: usize,
}

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        const KEYS: [&str; 5] = [
            "customer_source_record_id",
            "customer_source_id",
            "customer_id",
            "external_id",
            "last_change",
        ];
        let index = self.index;
        while let Some(key) = map.next_key_seed(KeySeed(&KEYS))? {
            let Some(position) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let field = RecordField::ALL[position];
            self.state.location = Location::Field(index, field);
            map.next_value_seed(FieldSeed {
                state: self.state,
                index,
                field,
            })?;
            self.state.location = Location::Record(index);
        }
        check_required_fields(self.state, index)
    }
}

fn check_required_fields<E: serde::de::Error>(
    state: &mut DecodeState,
    index: usize,
) -> Result<(), E> {
    let absent = RecordField::ALL
        .into_iter()
        .find(|field| !field.is_nullable() && state.records.get(index, *field).is_none());
    match absent {
        Some(field) => {
            state.location = Location::Field(index, field);
            Err(E::custom("missing"))
        }
        None => Ok(()),
    }
}

struct FieldSeed<'s> {
    state: &'s mut DecodeState,
    index: usize,
    field: RecordField,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match (self.field, self.field.is_nullable()) {
            (RecordField::LastChange, _) => f.write_str("a YYYY-MM-DD HH:MM:SS string or null"),
            (_, true) => f.write_str("a string or null"),
            (_, false) => f.write_str("a string"),
        }
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<(), E> {
        if self.field == RecordField::LastChange && !is_wall_clock(value) {
            return Err(E::invalid_value(serde::de::Unexpected::Str(value), &self));
        }
        self.state
            .records
            .set(self.index, self.field, value)
            .map_err(|_| E::custom("the page is too large to hold"))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        if self.field.is_nullable() {
            Ok(())
        } else {
            Err(E::invalid_type(serde::de::Unexpected::Unit, &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = r#"{"customer_source_record_id":"8fd6413615ac66413615",
        "customer_source_id":"8fd5ac664136155defa0d64c0","customer_id":"8aa209ac2f84f95201d96bb23",
        "external_id":null,"last_change":"2021-04-07 11:54:23"}"#;

    fn page(records: &str, total: &str) -> Vec<u8> {
        format!(r#"{{"data":{{"customer_source_records":[{records}],"total_items":{total}}}}}"#)
            .into_bytes()
    }

    fn failure(body: &[u8]) -> (Option<String>, String) {
        match decode_page(body, 200).unwrap_err() {
            Error::Decode { field, message, .. } => (field, message),
            other => panic!("not a decode error: {other:?}"),
        }
    }

    #[test]
    fn documented_example_decodes() {
        let decoded = decode_page(&page(RECORD, "1"), 200).unwrap();
        assert_eq!(decoded.total_items, 1);
        assert_eq!(decoded.records.len(), 1);
        let get = |field| decoded.records.get(0, field);
        assert_eq!(get(RecordField::RecordId), Some("8fd6413615ac66413615"));
        assert_eq!(
            get(RecordField::SourceId),
            Some("8fd5ac664136155defa0d64c0")
        );
        assert_eq!(
            get(RecordField::CustomerId),
            Some("8aa209ac2f84f95201d96bb23")
        );
        assert_eq!(get(RecordField::ExternalId), None);
        assert_eq!(get(RecordField::LastChange), Some("2021-04-07 11:54:23"));
    }

    #[test]
    fn missing_nullable_fields_and_unknown_fields_are_accepted() {
        let record = r#"{"customer_id":"c","new_field":{"x":[1,2]},"customer_source_id":"s",
            "customer_source_record_id":"r"}"#;
        let body = format!(
            r#"{{"meta":1,"data":{{"total_items":7,"extra":null,
            "customer_source_records":[{record},{record}]}}}}"#
        );
        let decoded = decode_page(body.as_bytes(), 200).unwrap();
        assert_eq!(decoded.total_items, 7);
        assert_eq!(decoded.records.len(), 2);
        assert_eq!(decoded.records.get(1, RecordField::LastChange), None);
        assert_eq!(decoded.records.get(1, RecordField::CustomerId), Some("c"));
    }

    #[test]
    fn escaped_strings_are_unescaped() {
        let record = r#"{"customer_source_record_id":"r\"1\u017d","customer_source_id":"s",
            "customer_id":"c","external_id":"a\\b\ud83d\udd11"}"#;
        let decoded = decode_page(&page(record, "1"), 200).unwrap();
        assert_eq!(decoded.records.get(0, RecordField::RecordId), Some("r\"1Ž"));
        assert_eq!(
            decoded.records.get(0, RecordField::ExternalId),
            Some("a\\b🔑")
        );
    }

    #[test]
    fn empty_page_decodes() {
        let decoded = decode_page(&page("", "0"), 200).unwrap();
        assert!(decoded.records.is_empty());
    }

    #[test]
    fn wrong_type_names_the_record_and_field() {
        let record = RECORD.replace(
            r#""customer_id":"8aa209ac2f84f95201d96bb23""#,
            r#""customer_id":42"#,
        );
        let (field, message) = failure(&page(&format!("{RECORD},{record}"), "2"));
        assert_eq!(
            field.as_deref(),
            Some("data.customer_source_records[1].customer_id")
        );
        assert_eq!(message, "invalid type: integer `42`, expected a string");
    }

    #[test]
    fn null_in_a_required_field_is_rejected() {
        let record = RECORD.replace(
            r#""customer_id":"8aa209ac2f84f95201d96bb23""#,
            r#""customer_id":null"#,
        );
        let (field, message) = failure(&page(&record, "1"));
        assert_eq!(
            field.as_deref(),
            Some("data.customer_source_records[0].customer_id")
        );
        assert_eq!(message, "invalid type: null, expected a string");
    }

    #[test]
    fn missing_required_field_is_named() {
        let record = r#"{"customer_source_record_id":"r","customer_id":"c"}"#;
        let (field, message) = failure(&page(record, "1"));
        assert_eq!(
            field.as_deref(),
            Some("data.customer_source_records[0].customer_source_id")
        );
        assert_eq!(message, "missing");
    }

    #[test]
    fn malformed_last_change_is_rejected() {
        let record = RECORD.replace("2021-04-07 11:54:23", "2021-04-07T11:54:23Z");
        let (field, message) = failure(&page(&record, "1"));
        assert_eq!(
            field.as_deref(),
            Some("data.customer_source_records[0].last_change")
        );
        assert_eq!(
            message,
            "invalid value: string \"2021-04-07T11:54:23Z\", expected a YYYY-MM-DD HH:MM:SS string or null"
        );
    }

    #[test]
    fn negative_or_missing_total_items_is_rejected() {
        let (field, _) = failure(&page(RECORD, "-1"));
        assert_eq!(field.as_deref(), Some("data.total_items"));
        let body = format!(r#"{{"data":{{"customer_source_records":[{RECORD}]}}}}"#);
        assert_eq!(
            failure(body.as_bytes()),
            (Some("data.total_items".into()), "missing".into())
        );
    }

    #[test]
    fn missing_data_or_records_is_named() {
        assert_eq!(failure(b"{}"), (Some("data".into()), "missing".into()));
        assert_eq!(
            failure(br#"{"data":{"total_items":3}}"#),
            (
                Some("data.customer_source_records".into()),
                "missing".into()
            )
        );
        let (field, _) = failure(br#"{"data":null}"#);
        assert_eq!(field.as_deref(), Some("data"));
    }

    #[test]
    fn html_and_cut_bodies_are_reported_as_such() {
        assert_eq!(
            failure(b"<html><body>502 Bad Gateway</body></html>"),
            (None, "the body is not valid JSON".into())
        );
        let body = page(RECORD, "1");
        assert_eq!(
            failure(&body[..body.len() / 2]),
            (None, "the body ended early".into())
        );
        assert_eq!(failure(b""), (None, "the body ended early".into()));
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        let mut body = page(RECORD, "1");
        body.extend_from_slice(b" x");
        assert_eq!(failure(&body), (None, "the body is not valid JSON".into()));
    }
}
