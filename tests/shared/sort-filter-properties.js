// Plain-JS references for sortRecords, filterRecords and RecordSet, random records to compare
// them on, and a runner that checks an implementation against the references. Pure ESM with no
// imports, so the same module runs under `node --test` and in a browser page:
//
//   import { runSortFilterProperties } from './shared/sort-filter-properties.js';
//   runSortFilterProperties({ sortRecords, filterRecords, RecordSet }, { runs: 300, seed: 1 });
//
// The references are written the way a careful JS developer would, independently of the Rust
// code: Array.prototype.sort (stable since ES2019) with `<` or Intl.Collator, and filter.

export const FIELDS = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];

const isNull = (value) => value === null || value === undefined;

function keyList(keys) {
  return [keys]
    .flat()
    .map((key) =>
      typeof key === 'string'
        ? { field: key, descending: false }
        : { field: key.field, descending: /^desc$/i.test(key.direction ?? 'ASC') },
    );
}

/** Stable sort by the keys; nulls last (or first) whatever the direction. */
export function referenceSort(records, keys, options = {}) {
  const nullsFirst = /^first$/i.test(options.nulls ?? 'last');
  const compareText = options.locale
    ? new Intl.Collator(options.locale).compare
    : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const list = keyList(keys);
  return records.slice().sort((a, b) => {
    for (const { field, descending } of list) {
      const x = a[field];
      const y = b[field];
      if (isNull(x) && isNull(y)) continue;
      if (isNull(x)) return nullsFirst ? -1 : 1;
      if (isNull(y)) return nullsFirst ? 1 : -1;
      const order = compareText(x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

/** Search folding: each character lowercased on its own (no final-sigma context). */
export function foldForSearch(text) {
  return Array.from(text, (character) => character.toLowerCase()).join('');
}

/** Every key must match; ids match any of theirs; bounds are inclusive wall-clock text. */
export function referenceFilter(records, filter) {
  const idSet = (value) => (isNull(value) ? null : new Set([value].flat()));
  const ids = [
    ['customer_id', idSet(filter.customerId)],
    ['customer_source_id', idSet(filter.customerSourceId)],
    ['external_id', idSet(filter.externalId)],
  ].filter(([, set]) => set !== null);
  const from = isNull(filter.changedFrom)
    ? null
    : filter.changedFrom.length === 10
      ? `${filter.changedFrom} 00:00:00`
      : filter.changedFrom;
  const to = isNull(filter.changedTo)
    ? null
    : filter.changedTo.length === 10
      ? `${filter.changedTo} 23:59:59`
      : filter.changedTo;
  const needle = isNull(filter.search) ? null : foldForSearch(filter.search);

  return records.filter((record) => {
    if (!isNull(filter.hasExternalId) && isNull(record.external_id) === filter.hasExternalId) {
      return false;
    }
    for (const [field, set] of ids) {
      if (typeof record[field] !== 'string' || !set.has(record[field])) return false;
    }
    if (from !== null || to !== null) {
      const changed = record.last_change;
      if (typeof changed !== 'string') return false;
      if (from !== null && changed < from) return false;
      if (to !== null && changed > to) return false;
    }
    if (needle === null) return true;
    return FIELDS.some(
      (field) => typeof record[field] === 'string' && foldForSearch(record[field]).includes(needle),
    );
  });
}

/** `{ value: count }` in first-appearance order, nulls not counted. */
export function referenceCountBy(records, field) {
  const counts = new Map();
  for (const record of records) {
    const value = record[field];
    if (!isNull(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return Object.fromEntries(counts);
}

/** A record as RecordSet gives it back: the five fields, null where missing. */
export function plainRecord(record) {
  return Object.fromEntries(FIELDS.map((field) => [field, record[field] ?? null]));
}

/** mulberry32: the same seed gives the same cases everywhere. */
export function createRandom(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

// Few pieces so that values tie often; mixed case, Czech diacritics (ch sorts after h in cs),
// Greek sigma, dotted İ, characters outside the BMP (Deseret has case) and U+E000/U+FFFF, which
// order differently in UTF-16 than in code points.
const PIECES = [
  'a',
  'A',
  'b',
  'B',
  'c',
  'ch',
  'Ch',
  'h',
  'H',
  'č',
  'Č',
  'ž',
  'Ž',
  'é',
  'e',
  'E',
  'i',
  'İ',
  'Σ',
  'σ',
  'ς',
  '😀',
  '𐐀',
  '𐐨',
  '\ue000',
  '\uffff',
  ' ',
  '-',
  '0',
  '9',
  'x',
];
const DAYS = ['2024-03-09', '2024-03-10', '2024-03-11', '2024-12-31', '2025-01-01'];
const TIMES = ['00:00:00', '00:00:01', '12:30:00', '23:59:58', '23:59:59'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function randomText(random) {
  const parts = Math.floor(random() * 4);
  let text = '';
  for (let i = 0; i < parts; i += 1) text += pick(random, PIECES);
  return text;
}

function randomRecord(random) {
  const record = {};
  for (const field of FIELDS) {
    const roll = random();
    if (roll < 0.1) continue;
    if (roll < 0.25) {
      record[field] = null;
    } else {
      record[field] =
        field === 'last_change'
          ? `${pick(random, DAYS)} ${pick(random, TIMES)}`
          : randomText(random);
    }
  }
  return record;
}

export function randomRecords(random, most = 40) {
  return Array.from({ length: Math.floor(random() * most) }, () => randomRecord(random));
}

function randomKey(random) {
  const field = pick(random, FIELDS);
  const roll = random();
  if (roll < 0.3) return field;
  return { field, direction: pick(random, ['ASC', 'desc', 'Desc', 'asc']) };
}

export function randomSort(random) {
  const count = 1 + Math.floor(random() * 3);
  const keys = Array.from({ length: count }, () => randomKey(random));
  const options = {};
  if (random() < 0.5) options.nulls = pick(random, ['first', 'last', 'FIRST']);
  if (random() < 0.3) options.locale = pick(random, ['cs', 'en', 'de', 'sv']);
  return { keys: count === 1 && random() < 0.5 ? keys[0] : keys, options };
}

export function randomFilter(random, records) {
  const known = records.flatMap((record) => FIELDS.map((field) => record[field]));
  const value = () => (random() < 0.7 && known.length ? pick(random, known) : randomText(random));
  const ids = () => {
    const one = value();
    if (random() < 0.5 && typeof one === 'string') return one;
    return Array.from({ length: Math.floor(random() * 3) }, value).filter(
      (id) => typeof id === 'string',
    );
  };
  const bound = () => {
    const date = pick(random, DAYS);
    return random() < 0.5 ? date : `${date} ${pick(random, TIMES)}`;
  };
  const filter = {};
  if (random() < 0.3) filter.customerId = ids();
  if (random() < 0.2) filter.customerSourceId = ids();
  if (random() < 0.2) filter.externalId = ids();
  if (random() < 0.3) filter.hasExternalId = random() < 0.5;
  if (random() < 0.3) filter.changedFrom = bound();
  if (random() < 0.3) filter.changedTo = bound();
  if (random() < 0.4) filter.search = random() < 0.5 ? pick(random, PIECES) : randomText(random);
  return filter;
}

function describe(what) {
  return JSON.stringify(what, (key, value) => (value === undefined ? '(undefined)' : value));
}

function sameList(name, details, actual, expected) {
  const a = describe(actual);
  const e = describe(expected);
  if (a !== e) {
    throw new Error(
      `${name} differs from the plain-JS reference\n${details}\n` + `expected ${e}\n     got ${a}`,
    );
  }
}

/**
 * Compares `sortRecords`, `filterRecords` and `RecordSet` (any of them may be left out) with
 * the references on `runs` random cases; throws an Error describing the first difference.
 */
export function runSortFilterProperties(api, { runs = 200, seed = 1 } = {}) {
  const random = createRandom(seed);
  for (let run = 0; run < runs; run += 1) {
    const records = randomRecords(random);
    const { keys, options } = randomSort(random);
    const filter = randomFilter(random, records);
    const details =
      `seed ${seed}, run ${run}: records ${describe(records)}\n` +
      `keys ${describe(keys)}, options ${describe(options)}, filter ${describe(filter)}`;
    const positions = (list) => list.map((record) => records.indexOf(record));
    const sorted = referenceSort(records, keys, options);
    const filtered = referenceFilter(records, filter);

    if (api.sortRecords) {
      const before = records.slice();
      const ours = api.sortRecords(records, keys, options);
      sameList('sortRecords', details, positions(ours), positions(sorted));
      sameList('sortRecords input', details, positions(records), positions(before));
    }
    if (api.filterRecords) {
      sameList(
        'filterRecords',
        details,
        positions(api.filterRecords(records, filter)),
        positions(filtered),
      );
    }
    if (api.RecordSet) checkRecordSet(api.RecordSet, records, { keys, options, filter, details });
  }
  return runs;
}

function checkRecordSet(RecordSet, records, { keys, options, filter, details }) {
  const plain = (list) => list.map(plainRecord);
  const set = RecordSet.fromRecords(records);
  const sorted = set.sort(keys, options);
  const filtered = set.filter(filter);
  const both = filtered.sort(keys, options);
  try {
    sameList('RecordSet.toArray', details, set.toArray(), plain(records));
    const expectedOrder = plain(referenceSort(records, keys, options));
    sameList('RecordSet.sort', details, sorted.toArray(), expectedOrder);
    const expected = referenceFilter(records, filter);
    sameList('RecordSet.filter', details, filtered.toArray(), plain(expected));
    sameList(
      'RecordSet.filter().sort()',
      details,
      both.toArray(),
      plain(referenceSort(expected, keys, options)),
    );
    if (sorted.length !== records.length) throw new Error(`RecordSet.length\n${details}`);
    const start = Math.floor(records.length / 3) - 2;
    sameList('RecordSet.slice', details, sorted.slice(start, -1), expectedOrder.slice(start, -1));
    for (const field of FIELDS) {
      sameList(
        `RecordSet.countBy(${field})`,
        details,
        Object.entries(filtered.countBy(field)),
        Object.entries(referenceCountBy(expected, field)),
      );
    }
  } finally {
    for (const each of [both, filtered, sorted, set]) each.free();
  }
}
