//! Read access to records by index and field, whatever form they are held in.
//!
//! The sort and filter engines are written against this trait so that the same code serves
//! records kept in wasm memory ([`crate::columns::RecordColumns`]) and the few columns copied
//! over from a JS array for one call ([`crate::field_columns::FieldColumns`]).
//!
//! Both forms keep their values as byte spans into one text, so one field of either is a
//! [`FieldValues`]: the sort engine takes records as `&dyn RecordValues`, is compiled once, and
//! still reads each value with plain arithmetic rather than a call through the trait.

use crate::columns::NULL_SPAN;
use crate::record::RecordField;

/// Records that can be read by index.
pub trait RecordValues {
    /// Number of records.
    fn record_count(&self) -> usize;

    /// A field's value, or `None` when it is null or missing.
    fn value(&self, record: usize, field: RecordField) -> Option<&str>;

    /// Every record's value of one field.
    fn field(&self, field: RecordField) -> FieldValues<'_>;
}

/// One field of every record: `[start, end)` byte spans into a text, one pair every `stride`
/// numbers. A start of [`NULL_SPAN`] is null; so is every value of a field with no spans.
#[derive(Debug, Clone, Copy)]
pub struct FieldValues<'r> {
    text: &'r str,
    spans: &'r [u32],
    stride: usize,
}

impl<'r> FieldValues<'r> {
    /// The field whose first record's span starts at `spans[0]`, the next `stride` later.
    pub fn new(text: &'r str, spans: &'r [u32], stride: usize) -> FieldValues<'r> {
        FieldValues {
            text,
            spans,
            stride,
        }
    }

    /// A field the records do not hold: every value is null.
    pub fn missing() -> FieldValues<'static> {
        FieldValues {
            text: "",
            spans: &[],
            stride: 0,
        }
    }

    /// The value of `record`, or `None` when it is null or out of range.
    #[inline]
    pub fn get(&self, record: usize) -> Option<&'r str> {
        let at = record.checked_mul(self.stride)?;
        let (start, end) = (*self.spans.get(at)?, *self.spans.get(at.checked_add(1)?)?);
        if start == NULL_SPAN {
            return None;
        }
        self.text.get(start as usize..end as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_every_stride_and_null_spans_are_none() {
        let spans = [0, 2, 9, 9, NULL_SPAN, NULL_SPAN, 7, 7, 2, 5];
        let field = FieldValues::new("abcde", &spans, 4);
        assert_eq!(field.get(0), Some("ab"));
        assert_eq!(field.get(1), None);
        assert_eq!(field.get(2), Some("cde"));
        assert_eq!(field.get(3), None, "past the spans");
    }

    #[test]
    fn a_missing_field_is_null_for_every_record() {
        assert_eq!(FieldValues::missing().get(0), None);
        assert_eq!(FieldValues::missing().get(usize::MAX), None);
    }
}
