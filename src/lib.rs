//! Client for the customer-source-records resource of a CRM's REST customer interface,
//! compiled to WebAssembly for browsers and Node.
//!
//! The JS API is exported from this file; everything it does lives in modules that build and
//! test natively: the query and its checks (`query`, `base_url`, `auth`, `options`), the exact
//! request (`request`), reading the answer (`response`, `decode`, `api_error`), and when to
//! retry and how to page (`retry`, `paging`). Modules named `js_*`, `fetch*`, `transport`,
//! `timing` and `page_cursor` are the thin layer that needs a JS host.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api_error;
pub mod auth;
pub mod base_url;
pub mod collation;
pub mod columns;
pub mod decode;
pub mod error;
pub mod field_columns;
pub mod filter;
pub mod json;
pub mod lowercase;
pub mod options;
pub mod page;
pub mod paging;
pub mod query;
pub mod record;
pub mod record_set;
pub mod record_values;
pub mod request;
pub mod response;
pub mod retry;
pub mod search;
pub mod sort;
pub mod sort_primitives;
pub mod sort_spec;
pub mod text_list;
pub mod text_order;
pub mod timestamp;

#[cfg(test)]
mod test_random;

mod fetch;
mod fetch_all;
mod js_caller;
mod js_error;
mod js_page;
mod js_props;
mod js_query;
mod js_record_set;
mod js_records;
mod page_cursor;
mod timing;
mod transport;

pub use page_cursor::SourceRecordPageCursor;

use js_sys::Array;
use wasm_bindgen::prelude::*;

/// Fetches one page of customer source records: `{ records, totalItems, offset, count,
/// nextOffset }`. Rejects with an `Error` whose `name` and `code` say what went wrong.
#[wasm_bindgen(js_name = fetchSourceRecords)]
pub async fn fetch_source_records(query: JsValue) -> Result<JsValue, JsValue> {
    let (options, hooks) = js_query::split_options("query", query, &["signal", "onRetry"])
        .map_err(|error| js_error::to_js_error(&error))?;
    let page = async {
        let query = query::SourceRecordQuery::from_options(&options)?;
        fetch::fetch_page(&query, hooks.signal.as_ref(), hooks.on_retry.as_ref()).await
    };
    match page.await {
        Ok(page) => Ok(js_page::page_to_js(&page)),
        Err(error) => Err(js_error::to_js_error(&error)),
    }
}

/// Fetches every matching record: the first page, then the rest concurrently, in server order,
/// de-duplicated: `{ records, totalItems, pages, duplicates, totalItemsChanged, complete }`.
#[wasm_bindgen(js_name = fetchAllSourceRecords)]
pub async fn fetch_all_source_records(
    query: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    fetch_all::fetch_all_from_js(query, options)
        .await
        .map_err(|error| js_error::to_js_error(&error))
}

/// The URL `fetchSourceRecords(query)` would request, for display. Throws an
/// `InvalidQueryError` for an invalid query. Credentials are never part of it.
#[wasm_bindgen(js_name = sourceRecordsUrl)]
pub fn source_records_url(query: JsValue) -> Result<String, JsValue> {
    let url = js_query::split_options("query", query, &["signal", "onRetry"])
        .and_then(|(options, _)| query::SourceRecordQuery::from_options(&options))
        .map(|query| request::request_url(&query));
    url.map_err(|error| js_error::to_js_error(&error))
}

/// Sorts records by one or more fields and returns a new array; the input is left as it was.
/// `keys`: a field name, `{ field, direction }` or an array of those; `options`: `{ nulls,
/// locale }`. Throws an `InvalidQueryError` for bad keys, options or records.
#[wasm_bindgen(js_name = sortRecords)]
pub fn sort_records(records: JsValue, keys: JsValue, options: JsValue) -> Result<Array, JsValue> {
    js_records::sort_records(records, keys, options).map_err(|error| js_error::to_js_error(&error))
}

/// The records that match every key of `filter`, in input order, as a new array. Throws an
/// `InvalidQueryError` for an unknown key, a malformed date or a value of the wrong type.
#[wasm_bindgen(js_name = filterRecords)]
pub fn filter_records(records: JsValue, filter: JsValue) -> Result<Array, JsValue> {
    js_records::filter_records(records, filter).map_err(|error| js_error::to_js_error(&error))
}

/// The size of the module's linear memory in bytes, to watch that repeated calls do not grow it.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
