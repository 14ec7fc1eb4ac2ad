//! Building plain JS objects from Rust.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// Sets `target[key] = value`. Setting a property on a fresh plain object or `Error` cannot
/// fail, so the result is ignored rather than unwrapped.
pub fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value.into());
}

/// A string, or `null` when absent.
pub fn optional_string(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}
