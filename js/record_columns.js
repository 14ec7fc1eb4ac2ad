// Moves records and values between JS arrays and the wasm side. Nothing here compares or
// matches records; that is done in Rust (src/sort.rs, src/filter.rs). Values cross as one string
// plus a Uint32Array of UTF-16 lengths (src/field_columns.rs), results come back as record
// indices, which is far cheaper than converting every record in both directions.

const NULL_VALUE = 0xffffffff;
const NOT_A_STRING = 0xfffffffe;
const NOT_A_RECORD = 0xfffffffd;
const LONE_SURROGATE = 0xfffffffc;

const FIELD_NAMES = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];

const LONE_SURROGATE_PATTERN = /\p{Surrogate}/u;

function isWellFormed(text) {
  return typeof text.isWellFormed === 'function'
    ? text.isWellFormed()
    : !LONE_SURROGATE_PATTERN.test(text);
}

/**
 * The values of the fields numbered `fieldIndexes` (positions in FIELD_NAMES) of every record:
 * `[text, lengths]`, with one length (or marker) per record and field, record by record.
 */
export function valuesOfFields(records, fieldIndexes) {
  const names = Array.from(fieldIndexes, (index) => FIELD_NAMES[index]);
  const width = names.length;
  const lengths = new Uint32Array(records.length * width);
  let text = '';
  for (let i = 0, at = 0; i < records.length; i += 1, at += width) {
    const record = records[i];
    if (record === null || typeof record !== 'object') {
      lengths.fill(NOT_A_RECORD, at, at + width);
      continue;
    }
    for (let f = 0; f < width; f += 1) {
      const value = record[names[f]];
      if (typeof value === 'string') {
        text += value;
        lengths[at + f] = value.length;
      } else {
        lengths[at + f] = value === null || value === undefined ? NULL_VALUE : NOT_A_STRING;
      }
    }
  }
  if (!isWellFormed(text)) markLoneSurrogates(records, names, lengths);
  return [text, lengths];
}

// UTF-8 cannot carry a lone surrogate, so such values are marked for the wasm side to reject.
function markLoneSurrogates(records, names, lengths) {
  const width = names.length;
  for (let at = 0; at < lengths.length; at += 1) {
    if (lengths[at] >= LONE_SURROGATE) continue;
    const value = records[Math.floor(at / width)][names[at % width]];
    if (!isWellFormed(value)) lengths[at] = LONE_SURROGATE;
  }
}

/** The records at the given indices, in that order, as a new array. */
export function pickRecords(records, indices) {
  const picked = new Array(indices.length);
  for (let i = 0; i < indices.length; i += 1) picked[i] = records[indices[i]];
  return picked;
}

function sliceValues(text, spans) {
  const values = new Array(spans.length / 2);
  for (let i = 0; i < values.length; i += 1) {
    values[i] = text.slice(spans[2 * i], spans[2 * i + 1]);
  }
  return values;
}

/**
 * Ranks distinct strings (sliced from `text` by UTF-16 `spans`) by `new Intl.Collator(locale)`:
 * one rank per string, equal for strings the collator calls equal. Throws for a bad locale.
 */
export function collationRanks(text, spans, locale) {
  const { compare } = new Intl.Collator(locale);
  const values = sliceValues(text, spans);
  const sorted = values.slice().sort(compare);
  const rankOf = new Map();
  let rank = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    if (i > 0 && compare(sorted[i - 1], sorted[i]) !== 0) rank = i;
    rankOf.set(sorted[i], rank);
  }
  return Uint32Array.from(values, (value) => rankOf.get(value));
}

/** A plain object from distinct strings and their counts; `__proto__` stays an own key. */
export function countsToObject(text, spans, counts) {
  const values = sliceValues(text, spans);
  return Object.fromEntries(values.map((value, i) => [value, counts[i]]));
}
