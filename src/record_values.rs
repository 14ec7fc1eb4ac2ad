//! Read access to records by index and field, whatever form they are held in.
//!
//! The sort and filter engines are written against this trait so that the same code serves
//! records kept in wasm memory ([`RecordColumns`]) and the few columns copied over from a JS
//! array for one call ([`crate::field_columns::FieldColumns`]).

use crate::columns::RecordColumns;
use crate::record::RecordField;

/// Records that can be read by index.
pub trait RecordValues {
    /// Number of records.
    fn record_count(&self) -> usize;

    /// A field's value, or `None` when it is null or missing.
    fn value(&self, record: usize, field: RecordField) -> Option<&str>;
}

impl RecordValues for RecordColumns {
    fn record_count(&self) -> usize {
        self.len()
    }

    fn value(&self, record: usize, field: RecordField) -> Option<&str> {
        self.get(record, field)
    }
}
