//! Reading what a caller passed in, through `js/caller_values.js`, so that a throwing getter or
//! a revoked Proxy gives an [`Error`] instead of an exception unwinding through wasm.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::options::OptionValue;

#[wasm_bindgen(module = "/js/caller_values.js")]
extern "C" {
    #[wasm_bindgen(js_name = plainData, catch)]
    fn plain_data(value: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = optionEntries, catch)]
    fn option_entries(value: &JsValue, hook_keys: Vec<String>) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = isWellFormedData, catch)]
    fn is_well_formed_data(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(js_name = isAbortSignal, catch)]
    fn is_abort_signal(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(js_name = isArray, catch)]
    fn is_array_or_throw(value: &JsValue) -> Result<bool, JsValue>;

    /// All records of a page or pages, or the index of the first page without records.
    #[wasm_bindgen(js_name = recordsOfPages, catch)]
    pub fn records_of_pages(pages: &JsValue) -> Result<JsValue, JsValue>;

    /// A body as a string or a copy of its bytes, or `null`.
    #[wasm_bindgen(js_name = bodyOf, catch)]
    pub fn body_of(body: &JsValue) -> Result<JsValue, JsValue>;
}

/// A caller's value as plain data; functions, symbols and the like are rejected under `name`.
pub fn plain_value(name: &str, value: &JsValue) -> Result<OptionValue, Error> {
    plain_copy(name, value).map(|(value, _)| value)
}

/// Like [`plain_value`], also returning the plain JS copy that was read.
pub fn plain_copy(name: &str, value: &JsValue) -> Result<(OptionValue, JsValue), Error> {
    let copy = plain_data(value).map_err(|thrown| unreadable(name, &thrown))?;
    check_well_formed(name, &copy)?;
    let read = option_value(&copy).ok_or_else(|| {
        Error::invalid(
            name,
            format!("{name} must be plain data: strings, numbers, booleans, arrays, objects"),
        )
    })?;
    Ok((read, copy))
}

/// Converts a copy made by `plainData` (plain objects, arrays and primitives, at most 32 levels
/// deep); `None` when it holds anything else: a function, a symbol, a big integer.
fn option_value(value: &JsValue) -> Option<OptionValue> {
    if value.is_null() || value.is_undefined() {
        return Some(OptionValue::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Some(OptionValue::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        return Some(OptionValue::Number(number));
    }
    if let Some(text) = value.as_string() {
        return Some(OptionValue::String(text));
    }
    if let Some(items) = value.dyn_ref::<Array>() {
        let items = items.iter().map(|item| option_value(&item));
        return items.collect::<Option<_>>().map(OptionValue::Array);
    }
    if value.is_function() || !value.is_object() {
        return None;
    }
    let entries = js_sys::Object::entries(value.unchecked_ref());
    let entries = entries.iter().map(|entry| {
        let pair: Array = entry.unchecked_into();
        Some((pair.get(0).as_string()?, option_value(&pair.get(1))?))
    });
    entries.collect::<Option<_>>().map(OptionValue::Object)
}

/// Checks that plain data holds no lone surrogate. Rust text cannot hold one, so it would turn
/// into U+FFFD: sent to the server instead of what the caller meant, or matched against
/// records that hold U+FFFD.
fn check_well_formed(name: &str, value: &JsValue) -> Result<(), Error> {
    match is_well_formed_data(value) {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::invalid(
            name,
            format!(
                "{name} holds a lone surrogate; only well-formed Unicode can be sent or matched"
            ),
        )),
        Err(thrown) => Err(unreadable(name, &thrown)),
    }
}

/// An options object's entries, hook values untouched; `None` when it is not an object.
pub fn entries(name: &str, value: &JsValue, hook_keys: &[&str]) -> Result<Option<Array>, Error> {
    let keys = hook_keys.iter().map(|key| key.to_string()).collect();
    let pairs = option_entries(value, keys).map_err(|thrown| unreadable(name, &thrown))?;
    Ok((!pairs.is_null()).then(|| pairs.unchecked_into()))
}

/// Whether `value` is an `AbortSignal`; a value that throws on the check is not.
pub fn is_signal(value: &JsValue) -> bool {
    is_abort_signal(value).unwrap_or(false)
}

/// Whether `value` is an array; a value that throws on the check (a revoked Proxy) is not.
pub fn is_array(value: &JsValue) -> bool {
    is_array_or_throw(value).unwrap_or(false)
}

/// The error for a value whose reading threw. The caller's own message is not repeated: it is
/// the caller's code speaking, and may say anything.
pub fn unreadable(name: &str, thrown: &JsValue) -> Error {
    let kind = js_sys::Reflect::get(thrown, &JsValue::from_str("name"))
        .ok()
        .and_then(|kind| kind.as_string())
        .filter(|kind| kind.len() <= 40)
        .unwrap_or_else(|| "an exception".into());
    Error::invalid(
        name,
        format!("{name} could not be read: reading it threw {kind} (a getter, a Proxy or a cycle)"),
    )
}
