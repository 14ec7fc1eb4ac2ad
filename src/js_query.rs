//! Option objects from JS: the plain-data part for the native readers, and the hooks (an
//! `AbortSignal`, callbacks) that only make sense in JS.

use js_sys::{Array, Function};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::error::Error;
use crate::js_caller;
use crate::options::OptionValue;
use crate::timing::combined_signal;

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

impl Hooks {
    /// The hooks of a query joined with those of its options: either signal cancels, `onRetry`
    /// comes from the query and `onProgress` from the options.
    pub fn with_options(self, options: Hooks) -> Hooks {
        Hooks {
            signal: combined_signal(self.signal, options.signal),
            on_retry: self.on_retry,
            on_progress: options.on_progress,
        }
    }
}

/// Splits an option object into plain data and the hooks named in `hook_keys`. Other keys pass
/// through to the native reader, which rejects unknown ones.
pub fn split_options(
    name: &str,
    value: JsValue,
    hook_keys: &[&str],
) -> Result<(OptionValue, Hooks), Error> {
    let mut hooks = Hooks::default();
    let Some(pairs) = js_caller::entries(name, &value, hook_keys)? else {
        return Ok((js_caller::plain_value(name, &value)?, hooks));
    };
    let mut entries = Vec::new();
    for pair in pairs.iter() {
        let pair: Array = pair.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        if hook_keys.contains(&key.as_str()) {
            read_hook(&mut hooks, &key, value)?;
        } else {
            entries.push((key.clone(), js_caller::plain_value(&key, &value)?));
        }
    }
    Ok((OptionValue::Object(entries), hooks))
}

fn read_hook(hooks: &mut Hooks, key: &str, value: JsValue) -> Result<(), Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(());
    }
    match key {
        "signal" if js_caller::is_signal(&value) => hooks.signal = Some(value.unchecked_into()),
        "signal" => return Err(Error::invalid(key, "signal must be an AbortSignal")),
        _ if !value.is_function() => {
            return Err(Error::invalid(key, format!("{key} must be a function")));
        }
        "onRetry" => hooks.on_retry = Some(value.unchecked_into()),
        _ => hooks.on_progress = Some(value.unchecked_into()),
    }
    Ok(())
}

/// Calls a callback with one argument. What it returns or throws is ignored: a caller's bug in
/// a progress bar must not fail the fetch (cancel with a signal instead).
pub fn call_hook(hook: Option<&Function>, argument: &JsValue) {
    if let Some(hook) = hook {
        let _ = hook.call1(&JsValue::UNDEFINED, argument);
    }
}
