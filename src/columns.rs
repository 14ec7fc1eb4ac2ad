//! Records stored as one text buffer plus spans, the form that crosses to JavaScript cheaply.
//!
//! Turning every record into a JS object from Rust costs several boundary calls per field.
//! Instead, all values are appended to one string, and each field of each record keeps where its
//! value starts and ends, both in bytes (for Rust) and in UTF-16 code units (for
//! `String.prototype.slice` in JS). JS then receives one string and one `Uint32Array`.

use crate::record::RecordField;
use crate::record_values::{FieldValues, RecordValues};

/// The span start that marks a null or missing value.
pub const NULL_SPAN: u32 = u32::MAX;

const FIELDS: usize = RecordField::ALL.len();

/// Records in columnar form. Spans are `[start, end)` pairs, [`FIELDS`] pairs per record.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RecordColumns {
    text: String,
    utf16_len: u32,
    byte_spans: Vec<u32>,
    utf16_spans: Vec<u32>,
}

/// The text buffer would pass 4 GiB, which 32-bit spans cannot address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnsFull;

impl RecordColumns {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.byte_spans.len() / (2 * FIELDS)
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.byte_spans.is_empty()
    }

    /// Adds a record with every field null and returns its index.
    pub fn push_empty_record(&mut self) -> usize {
        let index = self.len();
        self.byte_spans.extend([NULL_SPAN; 2 * FIELDS]);
        self.utf16_spans.extend([NULL_SPAN; 2 * FIELDS]);
        index
    }

    /// Sets a field of a record pushed before. Setting a field twice keeps the last value.
    pub fn set(
        &mut self,
        record: usize,
        field: RecordField,
        value: &str,
    ) -> Result<(), ColumnsFull> {
        let units = if value.is_ascii() {
            value.len()
        } else {
            value.encode_utf16().count()
        };
        let byte_start = u32::try_from(self.text.len()).map_err(|_| ColumnsFull)?;
        let byte_end = u32::try_from(self.text.len() + value.len()).map_err(|_| ColumnsFull)?;
        let units = u32::try_from(units).map_err(|_| ColumnsFull)?;
        let utf16_end = self.utf16_len.checked_add(units).ok_or(ColumnsFull)?;
        if byte_end == NULL_SPAN || utf16_end == NULL_SPAN {
            return Err(ColumnsFull);
        }

        let slot = 2 * (record * FIELDS + field.index());
        self.byte_spans[slot..slot + 2].copy_from_slice(&[byte_start, byte_end]);
        self.utf16_spans[slot..slot + 2].copy_from_slice(&[self.utf16_len, utf16_end]);
        self.text.push_str(value);
        self.utf16_len = utf16_end;
        Ok(())
    }

    /// Appends a copy of record `index` of `from`.
    pub fn push_record_from(
        &mut self,
        from: &dyn RecordValues,
        index: usize,
    ) -> Result<(), ColumnsFull> {
        let record = self.push_empty_record();
        for field in RecordField::ALL {
            if let Some(value) = from.value(index, field) {
                self.set(record, field, value)?;
            }
        }
        Ok(())
    }

    /// A field's value, or `None` when it is null or missing.
    pub fn get(&self, record: usize, field: RecordField) -> Option<&str> {
        let slot = 2 * (record * FIELDS + field.index());
        let (start, end) = (self.byte_spans[slot], self.byte_spans[slot + 1]);
        if start == NULL_SPAN {
            return None;
        }
        self.text.get(start as usize..end as usize)
    }

    /// The text buffer all values live in.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// UTF-16 spans into [`RecordColumns::text`], in record order, fields in
    /// [`RecordField::ALL`] order.
    pub fn utf16_spans(&self) -> &[u32] {
        &self.utf16_spans
    }
}

impl RecordValues for RecordColumns {
    fn record_count(&self) -> usize {
        self.len()
    }

    fn value(&self, record: usize, field: RecordField) -> Option<&str> {
        self.get(record, field)
    }

    fn field(&self, field: RecordField) -> FieldValues<'_> {
        let spans = self.byte_spans.get(2 * field.index()..).unwrap_or_default();
        FieldValues::new(&self.text, spans, 2 * FIELDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_and_unset_fields_are_null() {
        let mut columns = RecordColumns::default();
        let first = columns.push_empty_record();
        columns.set(first, RecordField::CustomerId, "c1").unwrap();
        let second = columns.push_empty_record();
        columns.set(second, RecordField::ExternalId, "ž").unwrap();
        assert_eq!(columns.len(), 2);
        assert_eq!(columns.get(0, RecordField::CustomerId), Some("c1"));
        assert_eq!(columns.get(0, RecordField::ExternalId), None);
        assert_eq!(columns.get(1, RecordField::ExternalId), Some("ž"));
    }

    #[test]
    fn utf16_spans_count_code_units_not_bytes() {
        let mut columns = RecordColumns::default();
        let record = columns.push_empty_record();
        columns.set(record, RecordField::RecordId, "🔑é").unwrap();
        columns.set(record, RecordField::SourceId, "a").unwrap();
        let spans = columns.utf16_spans();
        // "🔑" is two UTF-16 units and "é" one, so "a" starts at unit 3 (byte 6).
        assert_eq!(&spans[0..4], &[0, 3, 3, 4]);
        assert_eq!(&spans[4..6], &[NULL_SPAN, NULL_SPAN]);
        assert_eq!(columns.get(record, RecordField::SourceId), Some("a"));
    }
}
