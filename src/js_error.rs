//! [`Error`] as a real JS `Error` with a stable `name` and `code`.

use js_sys::{Array, Object, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{ApiError, Error, InvalidParam};
use crate::js_props::{optional_string, set};

/// A JS `Error` whose `message` is the Rust message, with `name`, `code` and the details of the
/// variant as properties.
pub fn to_js_error(error: &Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    js_error.set_name(error.name());
    let target: &Object = js_error.unchecked_ref();
    set(target, "code", error.code());
    match error {
        Error::InvalidQuery { field, .. } => set(target, "field", field.as_str()),
        Error::Http {
            status,
            api_error,
            retry_after_ms,
            ..
        } => {
            set_http_details(target, *status, api_error.as_deref());
            let wait = retry_after_ms.map_or(JsValue::NULL, |ms| JsValue::from(ms as f64));
            set(target, "retryAfterMs", wait);
        }
        Error::Timeout { timeout_ms } => set(target, "timeoutMs", *timeout_ms as f64),
        Error::Network { .. } | Error::Aborted => {}
        Error::Decode { field, status, .. } => {
            set(target, "field", optional_string(field.as_deref()));
            set(target, "status", *status);
        }
    }
    js_error.into()
}

fn set_http_details(target: &Object, status: u16, api_error: Option<&ApiError>) {
    set(target, "status", status);
    let empty = ApiError::default();
    let api_error = api_error.unwrap_or(&empty);
    set(
        target,
        "type",
        optional_string(api_error.error_type.as_deref()),
    );
    set(
        target,
        "exception",
        optional_string(api_error.exception.as_deref()),
    );
    set(target, "title", optional_string(api_error.title.as_deref()));
    set(
        target,
        "detail",
        optional_string(api_error.detail.as_deref()),
    );
    let params: Array = api_error.invalid_params.iter().map(invalid_param).collect();
    set(target, "invalidParams", params);
    let error_data = api_error
        .error_data
        .as_deref()
        .and_then(|json| JSON::parse(json).ok())
        .unwrap_or(JsValue::NULL);
    set(target, "errorData", error_data);
}

fn invalid_param(param: &InvalidParam) -> JsValue {
    let object = Object::new();
    set(&object, "name", optional_string(param.name.as_deref()));
    set(&object, "reason", optional_string(param.reason.as_deref()));
    set(&object, "value", optional_string(param.value.as_deref()));
    set(
        &object,
        "message",
        optional_string(param.message.as_deref()),
    );
    object.into()
}
