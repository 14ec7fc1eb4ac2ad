// sourceRecordPages as an async generator over the wasm page cursor. Shared by both entries;
// it assumes the module is initialised.
import { SourceRecordPageCursor } from './customer_source_records.js';

/**
 * Yields pages one request at a time. Leaving the loop (break, return, throw) sends nothing
 * more; the cursor is freed either way.
 */
export async function* sourceRecordPages(query, options) {
  const cursor = new SourceRecordPageCursor(query, options);
  try {
    for (;;) {
      const page = await cursor.next();
      if (page === null) {
        return;
      }
      yield page;
    }
  } finally {
    cursor.free();
  }
}
