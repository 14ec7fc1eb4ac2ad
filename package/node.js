// Entry for Node (import and require). The .wasm is read from disk and instantiated
// synchronously when this module loads, so every export is usable at once.
import { readFileSync } from 'node:fs';
import { initSync } from './customer_source_records.js';

initSync({
  module: readFileSync(new URL('./customer_source_records_bg.wasm', import.meta.url)),
});

/** Kept for code shared with browsers: Node is ready as soon as the module is loaded. */
export function init() {
  return Promise.resolve();
}

export {
  fetchAllSourceRecords,
  fetchSourceRecords,
  filterRecords,
  RecordSet,
  sortRecords,
  sourceRecordsUrl,
  wasmMemoryBytes,
} from './customer_source_records.js';
export { sourceRecordPages } from './pages.js';
