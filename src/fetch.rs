//! One page, from the caller's query object to a decoded page.

use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::options::OptionValue;
use crate::page::Page;
use crate::query::SourceRecordQuery;
use crate::request::{request_headers, request_url};
use crate::response::read_response;
use crate::transport::send_get;

/// Checks the query, sends it, and decodes the answer. Nothing is sent for an invalid query.
pub async fn fetch_page(options: JsValue) -> Result<Page, Error> {
    let query = SourceRecordQuery::from_options(&read_options(options)?)?;
    let response = send_get(&request_url(&query), &request_headers(&query)).await?;
    read_response(&query, &response)
}

/// Values such as functions or symbols cannot be read as options.
fn read_options(options: JsValue) -> Result<OptionValue, Error> {
    serde_wasm_bindgen::from_value(options).map_err(|_| {
        Error::invalid(
            "query",
            "query must be a plain object of strings, numbers, booleans and arrays",
        )
    })
}
