// Deterministic sample data for the fake customer-source-records endpoint.
//
// Every value comes from one seeded generator, drawn in a fixed order, so the same seed and
// count give the same array on every machine and Node version.

const SOURCE_KINDS = ['ESHOP', 'APP', 'POS', 'BOOKING', 'ESHOP', 'POS'];
const CZECH_WORDS = ['Žluťoučký', 'Příliš', 'Kůň', 'Úpěl', 'Ďábelské', 'Ódy'];

// Whole seconds, read as a wall-clock time with no offset, like the API's `last_change`.
const FIRST_SECOND = Date.UTC(2019, 0, 1, 0, 0, 0) / 1000;
const LAST_SECOND = Date.UTC(2026, 10, 30, 23, 59, 59) / 1000;

const NULL_EXTERNAL_ID_SHARE = 0.3;
const CZECH_EXTERNAL_ID_SHARE = 0.015;
const NULL_LAST_CHANGE_SHARE = 0.02;
const TIED_LAST_CHANGE_SHARE = 0.06;

/** Returns a function yielding floats in [0, 1), using the mulberry32 algorithm. */
export function createRandom(seed) {
  let state = seed >>> 0;

  return function nextRandom() {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds `count` customer-source records from `seed`; the same input gives the same array. */
export function generateRecords({ seed = 1, count = 3000 } = {}) {
  if (!Number.isInteger(seed)) {
    throw new TypeError('seed must be an integer');
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new TypeError('count must be a non-negative integer');
  }

  const random = createRandom(seed);
  const sources = makeSources(random);
  const customerIds = makeUniqueHexIds(random, 25, Math.max(1, Math.round(count / 3)));
  const usedRecordIds = new Set();
  const usedExternalIds = new Set();
  const records = [];

  for (let index = 0; index < count; index += 1) {
    const source = pick(random, sources);
    records.push({
      customer_source_record_id: makeUniqueHex(random, 20, usedRecordIds),
      customer_source_id: source.id,
      customer_id: pick(random, customerIds),
      external_id: makeExternalId(random, source, usedExternalIds),
      last_change: makeLastChange(random, records),
    });
  }

  return records;
}

function makeSources(random) {
  const ids = makeUniqueHexIds(random, 25, SOURCE_KINDS.length);
  return SOURCE_KINDS.map((kind, index) => ({ id: ids[index], kind }));
}

function makeUniqueHexIds(random, length, howMany) {
  const used = new Set();
  const ids = [];
  while (ids.length < howMany) {
    ids.push(makeUniqueHex(random, length, used));
  }
  return ids;
}

function makeUniqueHex(random, length, used) {
  let id = randomHex(random, length);
  while (used.has(id)) {
    id = randomHex(random, length);
  }
  used.add(id);
  return id;
}

function randomHex(random, length) {
  let hex = '';
  for (let index = 0; index < length; index += 1) {
    hex += randomInt(random, 16).toString(16);
  }
  return hex;
}

// An external id is the record's id in the source system, so it is unique within a source,
// while two sources of the same kind may use the same one.
function makeExternalId(random, source, usedExternalIds) {
  if (random() < NULL_EXTERNAL_ID_SHARE) {
    return null;
  }

  let externalId = randomExternalId(random, source.kind);
  while (usedExternalIds.has(`${source.id}:${externalId}`)) {
    externalId = randomExternalId(random, source.kind);
  }
  usedExternalIds.add(`${source.id}:${externalId}`);
  return externalId;
}

function randomExternalId(random, kind) {
  if (random() < CZECH_EXTERNAL_ID_SHARE) {
    return `${pick(random, CZECH_WORDS)}-${1 + randomInt(random, 99)}`;
  }
  return `${kind}-${String(randomInt(random, 1000000)).padStart(6, '0')}`;
}

// A few records copy an earlier record's time, so sorting on `last_change` meets exact ties.
function makeLastChange(random, earlierRecords) {
  if (random() < NULL_LAST_CHANGE_SHARE) {
    return null;
  }

  if (earlierRecords.length > 0 && random() < TIED_LAST_CHANGE_SHARE) {
    const earlier = pick(random, earlierRecords).last_change;
    if (earlier !== null) {
      return earlier;
    }
  }

  const second = FIRST_SECOND + randomInt(random, LAST_SECOND - FIRST_SECOND + 1);
  return formatWallClock(second);
}

/** Formats seconds since the epoch as `YYYY-MM-DD HH:MM:SS`, read in UTC so no zone leaks in. */
function formatWallClock(second) {
  return new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function pick(random, items) {
  return items[randomInt(random, items.length)];
}

function randomInt(random, below) {
  return Math.floor(random() * below);
}
