// Timers and cancellation for retries, time limits and concurrent paging. They live in JS
// because setTimeout and AbortController are host APIs; the decisions stay in Rust.

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts (never rejects). */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * An AbortController that also aborts when `parent` does, and optionally after `timeoutMs`
 * (then `timedOut` is true). `dispose()` detaches it from the parent and clears the timer.
 */
export class Cancellation {
  constructor(parent, timeoutMs) {
    this.controller = new AbortController();
    this.timedOut = false;
    this.parent = parent ?? null;
    this.onParentAbort = () => this.controller.abort();
    if (this.parent?.aborted) {
      this.controller.abort();
    } else {
      this.parent?.addEventListener('abort', this.onParentAbort, { once: true });
    }
    this.timer =
      timeoutMs > 0
        ? setTimeout(() => {
            this.timedOut = true;
            this.controller.abort();
          }, timeoutMs)
        : undefined;
  }

  get signal() {
    return this.controller.signal;
  }

  cancel() {
    this.controller.abort();
  }

  dispose() {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}

/** A signal that aborts when either does; used when a caller passes one in two places. */
export function eitherSignal(first, second) {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([first, second]);
  const controller = new AbortController();
  const abort = () => controller.abort();
  for (const signal of [first, second]) {
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  }
  return controller.signal;
}
