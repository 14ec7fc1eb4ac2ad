// Entry for browsers and bundlers. The .wasm is fetched next to this file on first use, so
// nothing needs to be called before the API; `init()` starts loading early and is harmless to
// call again.
import loadWasm, * as wasm from './customer_source_records.js';
import * as pages from './pages.js';

let ready;
let loaded = false;

/**
 * Loads and instantiates the WebAssembly module once. Optional: every API call waits for it.
 * `source` overrides where the .wasm comes from (a URL, Response, bytes or WebAssembly.Module).
 */
export function init(source) {
  ready ??= loadWasm(source === undefined ? undefined : { module_or_path: source }).then(
    () => {
      loaded = true;
    },
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
  requireLoaded('sourceRecordsUrl');
  return wasm.sourceRecordsUrl(query);
}

// sourceRecordsUrl, sortRecords, filterRecords and RecordSet are synchronous, so they cannot wait
// for the .wasm: before `await init()` they throw this rather than an obscure TypeError from the
// glue.
function requireLoaded(name) {
  if (loaded) return;
  const error = new Error(`${name} needs the WebAssembly module: await init() first`);
  error.name = 'NotInitializedError';
  error.code = 'ERR_NOT_INITIALIZED';
  throw error;
}

/** Synchronous: call after `await init()` in browsers. */
export function sortRecords(records, keys, options) {
  requireLoaded('sortRecords');
  return wasm.sortRecords(records, keys, options);
}

/** Synchronous: call after `await init()` in browsers. */
export function filterRecords(records, filter) {
  requireLoaded('filterRecords');
  return wasm.filterRecords(records, filter);
}

/** Bytes of WebAssembly memory in use by the module, for watching memory use. */
export function wasmMemoryBytes() {
  requireLoaded('wasmMemoryBytes');
  return wasm.wasmMemoryBytes();
}

const RECORD_SET_FACTORIES = new Set(['fromRecords', 'fromPages', 'fromJson']);

/** The glue's RecordSet, whose factories check first that `await init()` has run. */
export const RecordSet = new Proxy(wasm.RecordSet, {
  get(target, key, receiver) {
    const value = Reflect.get(target, key, receiver);
    if (!RECORD_SET_FACTORIES.has(key)) return value;
    return (...args) => {
      requireLoaded(`RecordSet.${key}`);
      return value.apply(target, args);
    };
  },
});
