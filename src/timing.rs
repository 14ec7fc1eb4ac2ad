//! Bindings to `js/timing.js`: waits that end early on abort, and linked abort controllers.

use wasm_bindgen::prelude::*;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/timing.js")]
extern "C" {
    /// Resolves `true` after `ms`, `false` when `signal` aborts first.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: f64, signal: Option<&AbortSignal>) -> js_sys::Promise;

    /// A signal that aborts when either of two does.
    #[wasm_bindgen(js_name = eitherSignal)]
    fn either_signal(first: &AbortSignal, second: &AbortSignal) -> AbortSignal;

    /// An abort controller linked to a parent signal, with an optional time limit.
    pub type Cancellation;

    #[wasm_bindgen(constructor)]
    fn new(parent: Option<&AbortSignal>, timeout_ms: f64) -> Cancellation;

    /// The signal to hand to `fetch`.
    #[wasm_bindgen(method, getter)]
    pub fn signal(this: &Cancellation) -> AbortSignal;

    /// Whether the time limit, not the parent, aborted it.
    #[wasm_bindgen(method, getter, js_name = timedOut)]
    pub fn timed_out(this: &Cancellation) -> bool;

    /// Aborts the signal.
    #[wasm_bindgen(method)]
    pub fn cancel(this: &Cancellation);

    #[wasm_bindgen(method)]
    fn dispose(this: &Cancellation);
}

/// The signal that aborts when any given one does, for an operation that takes a signal both
/// in its query and in its options.
pub fn combined_signal(
    first: Option<AbortSignal>,
    second: Option<AbortSignal>,
) -> Option<AbortSignal> {
    match (first, second) {
        (Some(first), Some(second)) => Some(either_signal(&first, &second)),
        (first, second) => first.or(second),
    }
}

/// Waits `ms`, or less when `signal` aborts; returns whether the whole wait passed.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> bool {
    let waited = wasm_bindgen_futures::JsFuture::from(sleep_promise(ms as f64, signal)).await;
    waited.is_ok_and(|value| value.is_truthy())
}

/// A [`Cancellation`] that detaches itself when dropped, including when the future holding it
/// is dropped halfway (a failed page cancelling its siblings), so no timer is left running.
pub struct ScopedCancellation {
    inner: Cancellation,
    cancel_on_drop: bool,
}

impl ScopedCancellation {
    /// Follows `parent`, and with `timeout_ms > 0` also aborts after that long.
    pub fn new(parent: Option<&AbortSignal>, timeout_ms: u64) -> Self {
        ScopedCancellation {
            inner: Cancellation::new(parent, timeout_ms as f64),
            cancel_on_drop: false,
        }
    }

    /// Like [`ScopedCancellation::new`] without a time limit, and aborting whatever still uses
    /// its signal when dropped.
    pub fn for_run(parent: Option<&AbortSignal>) -> Self {
        ScopedCancellation {
            inner: Cancellation::new(parent, 0.0),
            cancel_on_drop: true,
        }
    }

    /// The signal to pass on.
    pub fn signal(&self) -> AbortSignal {
        self.inner.signal()
    }

    /// Whether the time limit fired.
    pub fn timed_out(&self) -> bool {
        self.inner.timed_out()
    }
}

impl Drop for ScopedCancellation {
    fn drop(&mut self) {
        if self.cancel_on_drop {
            self.inner.cancel();
        }
        self.inner.dispose();
    }
}
