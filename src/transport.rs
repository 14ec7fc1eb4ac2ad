//! Sending the request with the platform's `fetch`.
//!
//! gloo-net binds the global `fetch` rather than `window.fetch`, so the same build works in
//! browsers, workers and Node 18+.

use gloo_net::http::Request;
use web_sys::AbortSignal;

use crate::error::Error;
use crate::response::RawResponse;
use crate::retry::parse_retry_after;

/// Sends a GET and reads the whole body, both under `signal`. Only a failure to get a response
/// is an error here; statuses are judged by the caller. `Retry-After` is readable cross-origin
/// only when the server exposes it.
pub async fn send_get(
    url: &str,
    headers: &[(&str, String)],
    signal: &AbortSignal,
) -> Result<RawResponse, Error> {
    let request = headers
        .iter()
        .fold(Request::get(url), |request, (name, value)| {
            request.header(name, value)
        })
        .abort_signal(Some(signal));
    let response = request.send().await.map_err(network_error)?;
    let retry_after = response.headers().get("retry-after");
    let body = response.binary().await.map_err(network_error)?;
    Ok(RawResponse {
        status: response.status(),
        status_text: response.status_text(),
        body,
        retry_after_ms: retry_after
            .and_then(|value| parse_retry_after(&value, js_sys::Date::now())),
    })
}

/// `fetch` rejects with a `TypeError` whose text names neither the URL's secrets (there are
/// none: credentials travel in headers) nor the headers.
fn network_error(error: gloo_net::Error) -> Error {
    Error::Network {
        message: error.to_string(),
    }
}
