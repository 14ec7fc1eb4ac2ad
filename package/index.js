// Entry for browsers and bundlers. The .wasm is fetched next to this file on first use, so
// nothing needs to be called before the API; `init()` starts loading early and is harmless to
// call again.
import loadWasm, * as wasm from './customer_source_records.js';
import * as pages from './pages.js';

let ready;

/**
 * Loads and instantiates the WebAssembly module once. Optional: every API call waits for it.
 * `source` overrides where the .wasm comes from (a URL, Response, bytes or WebAssembly.Module).
 */
export function init(source) {
  ready ??= loadWasm(source === undefined ? undefined : { module_or_path: source }).catch(
    (error) => {
      // A failed load (offline, wrong MIME type) may succeed later: do not keep the failure.
      ready = undefined;
      throw error;
    },
  );
  return ready.then(() => undefined);
}

export async function fetchSourceRecords(query) {
  await init();
  return wasm.fetchSourceRecords(query);
}

export async function fetchAllSourceRecords(query, options) {
  await init();
  return wasm.fetchAllSourceRecords(query, options);
}

export async function* sourceRecordPages(query, options) {
  await init();
  yield* pages.sourceRecordPages(query, options);
}

/** Synchronous: call after `await init()` in browsers. */
export function sourceRecordsUrl(query) {
  return wasm.sourceRecordsUrl(query);
}
