//! Some fields of records that live in a JS array, copied into wasm memory for one call.
//!
//! JavaScript appends the values of the fields asked for to one string and records each value's
//! length in UTF-16 code units, or a marker for null and for values it cannot pass. One string
//! and one `Uint32Array` cross the boundary; here the lengths become byte spans.

use crate::columns::NULL_SPAN;
use crate::error::Error;
use crate::record::RecordField;
use crate::record_values::{FieldValues, RecordValues};

/// Length marker: the value is `null`, `undefined` or missing.
pub const NULL_VALUE: u32 = u32::MAX;
/// Length marker: the value is neither a string nor null.
pub const NOT_A_STRING: u32 = u32::MAX - 1;
/// Length marker: the record itself is not an object (all its fields carry this marker).
pub const NOT_A_RECORD: u32 = u32::MAX - 2;
/// Length marker: the string holds a lone surrogate, which UTF-8 cannot represent.
pub const LONE_SURROGATE: u32 = u32::MAX - 3;

/// The values of `fields` for every record, as byte spans into one text.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldColumns {
    text: String,
    slots: [Option<usize>; RecordField::ALL.len()],
    width: usize,
    /// `[start, end)` pairs, `width` pairs per record.
    spans: Vec<u32>,
}

impl FieldColumns {
    /// Builds the columns from JS's text and per-value UTF-16 lengths (record-major, fields in
    /// the order of `fields`). `records` names the caller's argument in errors.
    pub fn from_utf16_lengths(
        records: &str,
        text: String,
        fields: &[RecordField],
        lengths: &[u32],
    ) -> Result<FieldColumns, Error> {
        let width = fields.len().max(1);
        let mut slots = [None; RecordField::ALL.len()];
        for (slot, field) in fields.iter().enumerate() {
            slots[field.index()] = Some(slot);
        }

        let mut spans = Vec::with_capacity(2 * lengths.len());
        let mut cursor = Utf16Cursor::new(&text);
        for (at, length) in lengths.iter().enumerate() {
            let (record, field) = (at / width, fields[at % width]);
            let span = match *length {
                NULL_VALUE => (NULL_SPAN, NULL_SPAN),
                NOT_A_RECORD => return Err(not_a_record(records, record)),
                NOT_A_STRING => return Err(not_a_string(records, record, field)),
                LONE_SURROGATE => return Err(lone_surrogate(records, record, field)),
                // Lengths that do not fit the text can only come from a value that ends in
                // half a surrogate pair, which joined text glued to the next value's half.
                units => cursor
                    .advance(units)
                    .ok_or_else(|| lone_surrogate(records, record, field))?,
            };
            spans.extend([span.0, span.1]);
        }
        Ok(FieldColumns {
            text,
            slots,
            width,
            spans,
        })
    }
}

impl RecordValues for FieldColumns {
    fn record_count(&self) -> usize {
        self.spans.len() / (2 * self.width)
    }

    fn value(&self, record: usize, field: RecordField) -> Option<&str> {
        self.field(field).get(record)
    }

    fn field(&self, field: RecordField) -> FieldValues<'_> {
        let spans = self.slots[field.index()].and_then(|slot| self.spans.get(2 * slot..));
        match spans {
            Some(spans) => FieldValues::new(&self.text, spans, 2 * self.width),
            None => FieldValues::missing(),
        }
    }
}

/// Walks a UTF-8 text in steps counted in UTF-16 code units.
struct Utf16Cursor<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
}

impl<'t> Utf16Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Utf16Cursor {
            text,
            ascii: text.is_ascii(),
            byte: 0,
        }
    }

    /// The byte span of the next `units` code units, or `None` past the end of the text.
    fn advance(&mut self, units: u32) -> Option<(u32, u32)> {
        let start = self.byte;
        if self.ascii {
            self.byte = start.checked_add(units as usize)?;
        } else {
            let mut left = units as usize;
            for c in self.text.get(start..)?.chars() {
                if left == 0 {
                    break;
                }
                left = left.checked_sub(c.len_utf16())?;
                self.byte += c.len_utf8();
            }
            if left != 0 {
                return None;
            }
        }
        if self.byte > self.text.len() {
            return None;
        }
        Some((u32::try_from(start).ok()?, u32::try_from(self.byte).ok()?))
    }
}

fn not_a_record(records: &str, record: usize) -> Error {
    let field = format!("{records}[{record}]");
    Error::invalid(&field, format!("{field} must be a record object"))
}

fn not_a_string(records: &str, record: usize, field: RecordField) -> Error {
    let field = format!("{records}[{record}].{}", field.api_name());
    Error::invalid(&field, format!("{field} must be a string or null"))
}

fn lone_surrogate(records: &str, record: usize, field: RecordField) -> Error {
    let field = format!("{records}[{record}].{}", field.api_name());
    Error::invalid(
        &field,
        format!("{field} holds a lone surrogate; only well-formed strings can be compared"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: [RecordField; 2] = [RecordField::CustomerId, RecordField::ExternalId];

    #[test]
    fn utf16_lengths_become_byte_spans_even_for_astral_characters() {
        let text = "c1😀ž".to_owned() + "c2";
        let lengths = [2, 3, 2, NULL_VALUE];
        let columns = FieldColumns::from_utf16_lengths("records", text, &TWO, &lengths).unwrap();
        assert_eq!(columns.record_count(), 2);
        assert_eq!(columns.value(0, RecordField::CustomerId), Some("c1"));
        assert_eq!(columns.value(0, RecordField::ExternalId), Some("😀ž"));
        assert_eq!(columns.value(1, RecordField::CustomerId), Some("c2"));
        assert_eq!(columns.value(1, RecordField::ExternalId), None);
        assert_eq!(columns.value(1, RecordField::LastChange), None);
    }

    #[test]
    fn markers_name_the_record_and_field_at_fault() {
        let cases = [
            (NOT_A_STRING, "records[1].external_id"),
            (NOT_A_RECORD, "records[1]"),
            (LONE_SURROGATE, "records[1].external_id"),
        ];
        for (marker, expected) in cases {
            let lengths = [1, 1, 1, marker];
            let error = FieldColumns::from_utf16_lengths("records", "abc".into(), &TWO, &lengths)
                .unwrap_err();
            let Error::InvalidQuery { field, .. } = error else {
                panic!("not an invalid query error")
            };
            assert_eq!(field, expected);
        }
    }

    #[test]
    fn lengths_past_the_text_are_an_error_not_a_panic() {
        for text in ["ab", "ž"] {
            let result = FieldColumns::from_utf16_lengths("records", text.into(), &TWO, &[1, 5]);
            assert!(result.is_err(), "{text}");
        }
    }
}
