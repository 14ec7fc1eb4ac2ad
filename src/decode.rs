//! Decoding a 200 body into checked records, straight into [`RecordColumns`].
//!
//! The body is read once with the JSON [`Reader`], and each value is appended to the columns as
//! it is read, so no per-record structs or strings are allocated. The walk remembers where it
//! is, so an error names the field (`data.customer_source_records[3].customer_id`).
//!
//! A value of the wrong type is described in serde's words ("invalid type: integer `42`,
//! expected a string"), as these messages always were; numbers are quoted as the body
//! wrote them. Members other than the documented ones are skipped (after being checked as
//! JSON). A member that appears twice is read twice: a record field keeps its last non-null
//! value, `total_items` its last value, and a second `customer_source_records` (or `data`)
//! appends its records.

use std::fmt;

use crate::columns::RecordColumns;
use crate::error::Error;
use crate::json::{self, JsonError, Kind, Reader, MAX_DEPTH};
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

/// Why the walk stopped.
enum Failure {
    /// The body is not JSON, or is cut short.
    Json(JsonError),
    /// The body is JSON but not a page: what is wrong at the walk's location.
    Shape(String),
}

impl From<JsonError> for Failure {
    fn from(error: JsonError) -> Self {
        Failure::Json(error)
    }
}

struct Walk<'a> {
    reader: Reader<'a>,
    /// Where escaped strings are unescaped; one buffer serves every string of the body.
    scratch: String,
    records: RecordColumns,
    has_records: bool,
    total_items: Option<u64>,
    location: Location,
}

/// Decodes a success body. `status` is carried into errors.
pub fn decode_page(body: &[u8], status: u16) -> Result<DecodedPage, Error> {
    let mut walk = Walk {
        reader: Reader::new(body),
        scratch: String::new(),
        records: RecordColumns::default(),
        has_records: false,
        total_items: None,
        location: Location::Body,
    };
    let walked = walk.body();
    let walked = walked.and_then(|()| Ok(walk.reader.finish()?));
    if let Err(failure) = walked {
        return Err(decode_error(failure, walk.location, status));
    }
    finish(walk, status)
}

fn finish(walk: Walk<'_>, status: u16) -> Result<DecodedPage, Error> {
    let missing = |location: Location| Error::Decode {
        field: Some(location.to_string()),
        message: "missing".into(),
        status,
    };
    if !walk.has_records {
        return Err(missing(Location::Records));
    }
    let total_items = walk
        .total_items
        .ok_or_else(|| missing(Location::TotalItems))?;
    Ok(DecodedPage {
        records: walk.records,
        total_items,
    })
}

fn decode_error(failure: Failure, location: Location, status: u16) -> Error {
    let (field, message) = match failure {
        Failure::Json(JsonError::EndedEarly) => (None, "the body ended early".to_owned()),
        Failure::Json(JsonError::TooDeep) => (
            None,
            format!("the body nests arrays and objects more than {MAX_DEPTH} deep"),
        ),
        Failure::Json(_) => (None, "the body is not valid JSON".to_owned()),
        Failure::Shape(message) => (Some(location.to_string()), message),
    };
    Error::Decode {
        field,
        message,
        status,
    }
}

fn missing() -> Failure {
    Failure::Shape("missing".to_owned())
}

impl Walk<'_> {
    fn body(&mut self) -> Result<(), Failure> {
        self.enter_object("an object with a data member")?;
        let mut has_data = false;
        while let Some(known) = self.next_key(&["data"])? {
            if known.is_none() {
                self.skip_value()?;
                continue;
            }
            self.location = Location::Data;
            self.data()?;
            self.location = Location::Body;
            has_data = true;
        }
        if !has_data {
            self.location = Location::Data;
            return Err(missing());
        }
        Ok(())
    }

    fn data(&mut self) -> Result<(), Failure> {
        const KEYS: &[&str] = &["customer_source_records", "total_items"];
        self.enter_object("an object with customer_source_records and total_items")?;
        while let Some(known) = self.next_key(KEYS)? {
            match known {
                Some(0) => {
                    self.location = Location::Records;
                    self.records()?;
                    self.has_records = true;
                }
                Some(_) => {
                    self.location = Location::TotalItems;
                    self.total_items = Some(self.total_items()?);
                }
                None => self.skip_value()?,
            }
            self.location = Location::Data;
        }
        Ok(())
    }

    fn total_items(&mut self) -> Result<u64, Failure> {
        let kind = self.reader.peek()?;
        if kind != Kind::Number {
            return Err(self.wrong_type(kind, "u64"));
        }
        let number = self.reader.read_number()?;
        if let Some(total) = number.to_u64() {
            return Ok(total);
        }
        let found = if number.is_integer() {
            "invalid value: integer"
        } else {
            "invalid type: floating point"
        };
        Err(Failure::Shape(format!(
            "{found} `{}`, expected u64",
            number.text()
        )))
    }

    fn records(&mut self) -> Result<(), Failure> {
        self.enter_array("an array of records")?;
        loop {
            self.location = Location::Record(self.records.len());
            if !self.reader.next_element()? {
                return Ok(());
            }
            self.record()?;
        }
    }

    fn record(&mut self) -> Result<(), Failure> {
        let index = self.records.push_empty_record();
        self.enter_object("a record object")?;
        // Bit `field.index()` is set once the field holds a string.
        let mut present = 0u8;
        while let Some(known) = self.next_field()? {
            let Some(field) = known else {
                self.skip_value()?;
                continue;
            };
            self.location = Location::Field(index, field);
            if self.field(index, field)? {
                present |= 1 << field.index();
            }
            self.location = Location::Record(index);
        }
        self.check_required_fields(index, present)
    }

    fn check_required_fields(&mut self, index: usize, present: u8) -> Result<(), Failure> {
        let absent = RecordField::ALL
            .into_iter()
            .find(|field| !field.is_nullable() && present & (1 << field.index()) == 0);
        match absent {
            Some(field) => {
                self.location = Location::Field(index, field);
                Err(missing())
            }
            None => Ok(()),
        }
    }

    /// Reads a field's value into the record; `true` when it was a string, `false` for null.
    fn field(&mut self, index: usize, field: RecordField) -> Result<bool, Failure> {
        let expecting = match (field, field.is_nullable()) {
            (RecordField::LastChange, _) => "a YYYY-MM-DD HH:MM:SS string or null",
            (_, true) => "a string or null",
            (_, false) => "a string",
        };
        match self.reader.peek()? {
            Kind::String => {
                let value = self.reader.read_str(&mut self.scratch)?;
                if field == RecordField::LastChange && !is_wall_clock(value) {
                    let value = quoted(value);
                    let message = format!("invalid value: string {value}, expected {expecting}");
                    return Err(Failure::Shape(message));
                }
                self.records
                    .set(index, field, value)
                    .map_err(|_| Failure::Shape("the page is too large to hold".to_owned()))?;
                Ok(true)
            }
            Kind::Null if field.is_nullable() => {
                self.reader.read_null()?;
                Ok(false)
            }
            kind => Err(self.wrong_type(kind, expecting)),
        }
    }

    /// Opens an object, or fails with a type error naming what was `expecting`.
    fn enter_object(&mut self, expecting: &str) -> Result<(), Failure> {
        match self.reader.peek()? {
            Kind::Object => Ok(self.reader.enter_object()?),
            kind => Err(self.wrong_type(kind, expecting)),
        }
    }

    /// Opens an array, or fails with a type error naming what was `expecting`.
    fn enter_array(&mut self, expecting: &str) -> Result<(), Failure> {
        match self.reader.peek()? {
            Kind::Array => Ok(self.reader.enter_array()?),
            kind => Err(self.wrong_type(kind, expecting)),
        }
    }

    /// The next member name as its position in `known` (`Some(None)` for another name).
    fn next_key(&mut self, known: &[&str]) -> Result<Option<Option<usize>>, JsonError> {
        let key = self.reader.next_key(&mut self.scratch)?;
        Ok(key.map(|key| known.iter().position(|name| *name == key)))
    }

    /// The next member name of a record as the field it names (`Some(None)` for another name).
    fn next_field(&mut self) -> Result<Option<Option<RecordField>>, JsonError> {
        let key = self.reader.next_key(&mut self.scratch)?;
        Ok(key.map(RecordField::from_api_name))
    }

    fn skip_value(&mut self) -> Result<(), JsonError> {
        self.reader.skip_value(&mut self.scratch).map(drop)
    }

    /// The error for a value of kind `kind` where `expecting` was wanted. A scalar is read so
    /// that the message can quote it; a body that turns out not to be JSON there says so.
    fn wrong_type(&mut self, kind: Kind, expecting: &str) -> Failure {
        match self.unexpected(kind) {
            Ok(found) => Failure::Shape(format!("invalid type: {found}, expected {expecting}")),
            Err(error) => Failure::Json(error),
        }
    }

    /// serde's name for the value, with the value itself for scalars.
    fn unexpected(&mut self, kind: Kind) -> Result<String, JsonError> {
        Ok(match kind {
            Kind::Object => "map".to_owned(),
            Kind::Array => "sequence".to_owned(),
            Kind::Null => {
                self.reader.read_null()?;
                "null".to_owned()
            }
            Kind::Bool => format!("boolean `{}`", self.reader.read_bool()?),
            Kind::Number => {
                let number = self.reader.read_number()?;
                let name = if number.is_integer() {
                    "integer"
                } else {
                    "floating point"
                };
                format!("{name} `{}`", number.text())
            }
            Kind::String => format!(
                "string {}",
                quoted(self.reader.read_str(&mut self.scratch)?)
            ),
        })
    }
}

/// `text` as a JSON string, to quote a value in a message.
fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    json::write_str(&mut quoted, text);
    quoted
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
    fn total_items_must_be_an_integer_that_fits_u64_and_is_quoted_as_written() {
        let cases = [
            ("-1", "invalid value: integer `-1`, expected u64"),
            ("-0", "invalid value: integer `-0`, expected u64"),
            ("1.5", "invalid type: floating point `1.5`, expected u64"),
            ("1.0", "invalid type: floating point `1.0`, expected u64"),
            ("1e3", "invalid type: floating point `1e3`, expected u64"),
            (
                "18446744073709551616",
                "invalid value: integer `18446744073709551616`, expected u64",
            ),
            (r#""3""#, r#"invalid type: string "3", expected u64"#),
            ("null", "invalid type: null, expected u64"),
            ("[3]", "invalid type: sequence, expected u64"),
        ];
        for (total, message) in cases {
            let expected = (Some("data.total_items".to_owned()), message.to_owned());
            assert_eq!(failure(&page(RECORD, total)), expected, "{total}");
        }
        let largest = decode_page(&page(RECORD, "18446744073709551615"), 200).unwrap();
        assert_eq!(largest.total_items, u64::MAX);
        assert_eq!(decode_page(&page(RECORD, "0"), 200).unwrap().total_items, 0);
    }

    #[test]
    fn numbers_and_other_values_in_a_string_field_are_named_as_written() {
        let cases = [
            (
                "1e3",
                "invalid type: floating point `1e3`, expected a string",
            ),
            ("-7", "invalid type: integer `-7`, expected a string"),
            ("false", "invalid type: boolean `false`, expected a string"),
            (r#"{"id":"c"}"#, "invalid type: map, expected a string"),
        ];
        for (value, message) in cases {
            let record = RECORD.replace(r#""8aa209ac2f84f95201d96bb23""#, value);
            let field = Some("data.customer_source_records[0].customer_id".to_owned());
            assert_eq!(failure(&page(&record, "1")), (field, message.to_owned()));
        }
    }

    #[test]
    fn a_value_quoted_in_a_message_is_escaped_as_json() {
        let record = RECORD.replace("2021-04-07 11:54:23", r#"say \"now\"\u0001"#);
        let (_, message) = failure(&page(&record, "1"));
        assert_eq!(
            message,
            r#"invalid value: string "say \"now\"\u0001", expected a YYYY-MM-DD HH:MM:SS string or null"#
        );
    }

    #[test]
    fn every_cut_of_a_page_ended_early() {
        let record = r#"{"customer_source_record_id":"r\"1\u017d","customer_source_id":"Žluť",
            "customer_id":"c","external_id":"\ud83d\udd11","last_change":null,"x":[1.5e3,true]}"#;
        let body = page(&format!("{record},{record}"), "2");
        assert_eq!(decode_page(&body, 200).unwrap().records.len(), 2);
        for end in 0..body.len() {
            let expected = (None, "the body ended early".to_owned());
            assert_eq!(failure(&body[..end]), expected, "cut at {end}");
        }
    }

    #[test]
    fn a_cut_inside_a_character_after_an_escape_ended_early() {
        let record = RECORD.replace(r#""external_id":null"#, r#""external_id":"\"Žluť\"""#);
        let body = page(&record, "1");
        assert!(decode_page(&body, 200).is_ok());
        let inside = body
            .windows(2)
            .position(|pair| pair == "Ž".as_bytes())
            .unwrap()
            + 1;
        let expected = (None, "the body ended early".to_owned());
        assert_eq!(failure(&body[..inside]), expected);
    }

    #[test]
    fn unknown_members_of_any_shape_are_skipped() {
        let record = RECORD.replace(
            r#""external_id":null"#,
            r#""x":{"a":["]","}",{"b":"\"}\\"}],"c":[[],{}]},"external_id":"e","y":-1.5E-3"#,
        );
        let body = format!(
            r#"{{"a":"}}","data":{{"b":[{{"c":null}}],"customer_source_records":[{record}],
            "total_items":1}},"z":[true,false]}}"#
        );
        let decoded = decode_page(body.as_bytes(), 200).unwrap();
        assert_eq!(decoded.records.get(0, RecordField::ExternalId), Some("e"));
    }

    #[test]
    fn pretty_printed_bodies_and_escaped_member_names_decode() {
        let body = "{\n  \"data\" : {\n    \"customer_source_records\" : [ {\r\n\t\"customer\\u005fid\" : \"c\" ,
            \"customer_source_id\":\"s\",\"customer_source_record_id\":\"r\" } ] ,
            \"total_items\" : 1 } }\n";
        let decoded = decode_page(body.as_bytes(), 200).unwrap();
        assert_eq!(decoded.records.get(0, RecordField::CustomerId), Some("c"));
    }

    #[test]
    fn a_repeated_member_is_read_again() {
        let record = r#"{"customer_source_record_id":"r","customer_source_id":"s","customer_id":"c",
            "customer_id":"d","external_id":"e","external_id":null}"#;
        let body = format!(
            r#"{{"data":{{"total_items":5,"customer_source_records":[{record}],"total_items":6,
            "customer_source_records":[{record}]}}}}"#
        );
        let decoded = decode_page(body.as_bytes(), 200).unwrap();
        assert_eq!(decoded.total_items, 6);
        assert_eq!(decoded.records.len(), 2);
        assert_eq!(decoded.records.get(1, RecordField::CustomerId), Some("d"));
        // A later null does not clear a value already read.
        assert_eq!(decoded.records.get(1, RecordField::ExternalId), Some("e"));
    }

    #[test]
    fn bad_text_anywhere_in_the_body_is_not_json() {
        let not_json = (None, "the body is not valid JSON".to_owned());
        let mut invalid_utf8 = page(RECORD, "1");
        let at = invalid_utf8.iter().position(|byte| *byte == b'8').unwrap();
        invalid_utf8[at] = 0xff;
        assert_eq!(failure(&invalid_utf8), not_json);
        let lone = RECORD.replace(r#""external_id":null"#, r#""external_id":"\ud800""#);
        assert_eq!(failure(&page(&lone, "1")), not_json);
        let unknown = RECORD.replace(r#""external_id":null"#, r#""x":"\udc00""#);
        assert_eq!(failure(&page(&unknown, "1")), not_json);
        let control = RECORD.replace("8aa209ac", "8aa\t209ac");
        assert_eq!(failure(&page(&control, "1")), not_json);
        assert_eq!(failure(&page(&format!("{RECORD},"), "1")), not_json);
    }

    #[test]
    fn nesting_beyond_the_cap_is_named_as_such() {
        // The body and `data` are two levels; 126 more reach the cap.
        let nested = |depth: usize| {
            let value = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            format!(r#"{{"data":{{"x":{value},"customer_source_records":[],"total_items":0}}}}"#)
        };
        assert!(decode_page(nested(126).as_bytes(), 200).is_ok());
        assert_eq!(
            failure(nested(127).as_bytes()),
            (
                None,
                "the body nests arrays and objects more than 128 deep".to_owned()
            )
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
