// The three output formats as text chunks, so large outputs are written piece by piece.
import { csvHeader, csvRows } from './csv.js';

// Records per chunk of a JSON document: large enough to write few times, small enough that no
// single string grows with the export.
const JSON_CHUNK = 1000;

/**
 * A format that can be written one page at a time: `header` once, then `rows(records)` for
 * each page. JSON has no such form, see jsonChunks.
 */
export function rowFormat(name) {
  if (name === 'csv') return { header: csvHeader(), rows: csvRows };
  return { header: '', rows: ndjsonRows };
}

function ndjsonRows(records) {
  let lines = '';
  for (const record of records) lines += `${JSON.stringify(record)}\n`;
  return lines;
}

/**
 * One JSON object: the fields of `summary` (the page's or the whole result's), then the
 * records under "records", one per line.
 */
export function* jsonChunks(summary, records) {
  const head = JSON.stringify({ ...summary, records: [] }).slice(0, -2);
  yield `${head}${records.length === 0 ? '' : '\n'}`;
  for (let start = 0; start < records.length; start += JSON_CHUNK) {
    const chunk = records.slice(start, start + JSON_CHUNK).map((record) => JSON.stringify(record));
    const last = start + JSON_CHUNK >= records.length;
    yield `${chunk.join(',\n')}${last ? '\n' : ',\n'}`;
  }
  yield ']}\n';
}
