//! [`Page`] as the plain JS object `fetchSourceRecords` resolves with.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::columns::RecordColumns;
use crate::js_props::set;
use crate::js_record_set::JsRecordSet;
use crate::page::Page;
use crate::paging::AllRecords;

#[wasm_bindgen(module = "/js/records_from_columns.js")]
extern "C" {
    /// Slices `text` into record objects; see `columns` for why records cross this way.
    #[wasm_bindgen(js_name = recordsFromColumns)]
    fn records_from_columns(text: &str, spans: &[u32]) -> Array;
}

/// Records as plain JS objects.
pub fn records_to_js(records: &RecordColumns) -> Array {
    records_from_columns(records.text(), records.utf16_spans())
}

/// `{ records, totalItems, offset, count, nextOffset }`.
pub fn page_to_js(page: &Page) -> JsValue {
    let object = Object::new();
    set(&object, "records", records_to_js(&page.decoded.records));
    set(&object, "totalItems", page.decoded.total_items as f64);
    set(&object, "offset", page.offset as f64);
    set(&object, "count", page.count as f64);
    let next = page
        .next_offset()
        .map_or(JsValue::NULL, |next| JsValue::from(next as f64));
    set(&object, "nextOffset", next);
    object.into()
}

/// `{ records, totalItems, pages, duplicates, totalItemsChanged, complete }`, the records as
/// plain objects or, with `into_record_set`, as one `RecordSet`, so that they never exist as
/// JS objects.
pub fn all_records_to_js(all: AllRecords, into_record_set: bool) -> JsValue {
    let object = Object::new();
    set(&object, "totalItems", all.total_items as f64);
    set(&object, "pages", all.pages as f64);
    set(&object, "duplicates", all.duplicates as f64);
    set(&object, "totalItemsChanged", all.total_items_changed);
    set(&object, "complete", all.complete);
    let records = if into_record_set {
        JsValue::from(JsRecordSet::from_columns(all.records))
    } else {
        records_to_js(&all.records).into()
    };
    set(&object, "records", records);
    object.into()
}
