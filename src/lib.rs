//! Client for the customer-source-records resource of a CRM's REST customer interface,
//! compiled to WebAssembly for browsers and Node.
//!
//! The JS API is exported from this file; everything it does lives in modules that build and
//! test natively: the query and its checks (`query`, `base_url`, `auth`, `options`), the exact
//! request (`request`), and reading the answer (`response`, `decode`, `api_error`).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api_error;
pub mod auth;
pub mod base_url;
pub mod columns;
pub mod decode;
pub mod error;
pub mod options;
pub mod page;
pub mod query;
pub mod record;
pub mod request;
pub mod response;
pub mod timestamp;

mod fetch;
mod js_error;
mod js_page;
mod js_props;
mod transport;

use wasm_bindgen::prelude::*;

/// Fetches one page of customer source records: `{ records, totalItems, offset, count,
/// nextOffset }`. Rejects with an `Error` whose `name` and `code` say what went wrong.
#[wasm_bindgen(js_name = fetchSourceRecords)]
pub async fn fetch_source_records(query: JsValue) -> Result<JsValue, JsValue> {
    match fetch::fetch_page(query).await {
        Ok(page) => Ok(js_page::page_to_js(&page)),
        Err(error) => Err(js_error::to_js_error(&error)),
    }
}
