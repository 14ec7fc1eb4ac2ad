// Builds record objects from the columnar form the wasm side decodes into (src/columns.rs):
// one string holding every value and, per record, a [start, end) pair of UTF-16 offsets for each
// field in the order below. A start of 0xFFFFFFFF means null. Slicing in JS and creating objects
// with one literal shape is far cheaper than building each object through the wasm boundary.

const NULL_SPAN = 0xffffffff;

function value(text, spans, at) {
  const start = spans[at];
  return start === NULL_SPAN ? null : text.slice(start, spans[at + 1]);
}

export function recordsFromColumns(text, spans) {
  const count = spans.length / 10;
  const records = new Array(count);
  for (let i = 0, at = 0; i < count; i += 1, at += 10) {
    records[i] = {
      customer_source_record_id: value(text, spans, at),
      customer_source_id: value(text, spans, at + 2),
      customer_id: value(text, spans, at + 4),
      external_id: value(text, spans, at + 6),
      last_change: value(text, spans, at + 8),
    };
  }
  return records;
}
