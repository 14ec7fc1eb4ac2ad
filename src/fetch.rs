//! One page: attempts under a time limit, retries with backoff, cancellation.

use js_sys::{Function, Object};
use web_sys::AbortSignal;

use crate::error::Error;
use crate::js_error::to_js_error;
use crate::js_props::set;
use crate::js_query::call_hook;
use crate::page::Page;
use crate::query::SourceRecordQuery;
use crate::request::{request_headers, request_url};
use crate::response::read_response;
use crate::retry::RetryDecision;
use crate::timing::{sleep, ScopedCancellation};
use crate::transport::send_get;

/// Sends the query, retrying what the policy allows, until a page, a final error, or `signal`.
pub async fn fetch_page(
    query: &SourceRecordQuery,
    signal: Option<&AbortSignal>,
    on_retry: Option<&Function>,
) -> Result<Page, Error> {
    let url = request_url(query);
    let headers = request_headers(query);
    let mut attempt = 0;
    loop {
        let error = match send_once(query, &url, &headers, signal).await {
            Ok(page) => return Ok(page),
            Err(error) => error,
        };
        let decision = query.retry.decide(attempt, &error, js_sys::Math::random());
        let RetryDecision::RetryAfter { delay_ms } = decision else {
            return Err(error);
        };
        attempt += 1;
        report_retry(on_retry, attempt, delay_ms, &error);
        if !sleep(delay_ms, signal).await {
            return Err(Error::Aborted);
        }
    }
}

/// One attempt. An abort is told apart from a timeout by asking which signal fired.
async fn send_once(
    query: &SourceRecordQuery,
    url: &str,
    headers: &[(&str, String)],
    signal: Option<&AbortSignal>,
) -> Result<Page, Error> {
    let aborted = || signal.is_some_and(AbortSignal::aborted);
    if aborted() {
        return Err(Error::Aborted);
    }
    let attempt = ScopedCancellation::new(signal, query.timeout_ms);
    match send_get(url, headers, &attempt.signal()).await {
        Ok(response) => read_response(query, &response),
        Err(_) if aborted() => Err(Error::Aborted),
        Err(_) if attempt.timed_out() => Err(Error::Timeout {
            timeout_ms: query.timeout_ms,
        }),
        Err(error) => Err(error),
    }
}

/// `onRetry({ attempt, delayMs, status, reason, error })`: `attempt` counts retries from 1,
/// `reason` is the failed attempt's error code.
fn report_retry(on_retry: Option<&Function>, attempt: u32, delay_ms: u64, error: &Error) {
    if on_retry.is_none() {
        return;
    }
    let info = Object::new();
    set(&info, "attempt", attempt);
    set(&info, "delayMs", delay_ms as f64);
    let status = match error {
        Error::Http { status, .. } => wasm_bindgen::JsValue::from(*status),
        _ => wasm_bindgen::JsValue::NULL,
    };
    set(&info, "status", status);
    set(&info, "reason", error.code());
    set(&info, "error", to_js_error(error));
    call_hook(on_retry, &info.into());
}
