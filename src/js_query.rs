//! Option objects from JS: the plain-data part for the native readers, and the hooks (an
//! `AbortSignal`, callbacks) that only make sense in JS.

use js_sys::{Array, Function, Object};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::error::Error;
use crate::options::OptionValue;

/// The JS objects an option object may carry.
#[derive(Default, Clone)]
pub struct Hooks {
    /// Cancels everything when it aborts.
    pub signal: Option<AbortSignal>,
    /// Called before each retry.
    pub on_retry: Option<Function>,
    /// Called as pages arrive.
    pub on_progress: Option<Function>,
}

/// Splits an option object into plain data and the hooks named in `hook_keys`. Other keys pass
/// through to the native reader, which rejects unknown ones.
pub fn split_options(
    name: &str,
    value: JsValue,
    hook_keys: &[&str],
) -> Result<(OptionValue, Hooks), Error> {
    let mut hooks = Hooks::default();
    if !value.is_object() || value.is_function() || Array::is_array(&value) {
        return Ok((plain(name, value)?, hooks));
    }
    let mut entries = Vec::new();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let pair: Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if hook_keys.contains(&key.as_str()) {
            read_hook(&mut hooks, &key, value)?;
        } else {
            entries.push((key.clone(), plain(&key, value)?));
        }
    }
    Ok((OptionValue::Object(entries), hooks))
}

fn read_hook(hooks: &mut Hooks, key: &str, value: JsValue) -> Result<(), Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    match key {
        "signal" => {
            let signal = value
                .dyn_into::<AbortSignal>()
                .map_err(|_| Error::invalid(key, "signal must be an AbortSignal"))?;
            hooks.signal = Some(signal);
        }
        _ => {
            let function = value
                .dyn_into::<Function>()
                .map_err(|_| Error::invalid(key, format!("{key} must be a function")))?;
            if key == "onRetry" {
                hooks.on_retry = Some(function);
            } else {
                hooks.on_progress = Some(function);
            }
        }
    }
    Ok(())
}

/// Functions, symbols and class instances cannot be read as plain data.
fn plain(name: &str, value: JsValue) -> Result<OptionValue, Error> {
    serde_wasm_bindgen::from_value(value).map_err(|_| {
        Error::invalid(
            name,
            format!("{name} must be plain data: strings, numbers, booleans, arrays, objects"),
        )
    })
}

/// Calls a callback with one argument. What it returns or throws is ignored: a caller's bug in
/// a progress bar must not fail the fetch (cancel with a signal instead).
pub fn call_hook(hook: Option<&Function>, argument: &JsValue) {
    if let Some(hook) = hook {
        let _ = hook.call1(&JsValue::UNDEFINED, argument);
    }
}
