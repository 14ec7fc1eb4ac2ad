// Every read of an object a caller passed in happens here, never from Rust. A getter that throws,
// a revoked Proxy or a cycle raises a JS exception; thrown while wasm code is on the stack, it
// would unwind through wasm, skipping the code that restores wasm's own stack, and after a few
// thousand such calls the module breaks for good. The Rust side imports these functions with
// `catch`, so an exception here becomes an ordinary error there.

const MAX_DEPTH = 32;

/** A deep copy of `value` made of plain objects, arrays and primitives. Throws on trouble. */
export function plainData(value) {
  return copy(value, 0);
}

function copy(value, depth) {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) throw new RangeError(`nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return Array.from(value, (item) => copy(item, depth + 1));
  // No prototype: a key inherited from a polluted Object.prototype must never read as given.
  const plain = Object.create(null);
  for (const key of Object.keys(value)) {
    Object.defineProperty(plain, key, {
      value: copy(value[key], depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return plain;
}

/**
 * An options object as `[key, value]` pairs, the values of `hookKeys` as the caller gave them
 * and every other value as plain data; `null` when `value` is not an object of options.
 */
export function optionEntries(value, hookKeys) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return Object.keys(value).map((key) => {
    const given = value[key];
    return [key, hookKeys.includes(key) ? given : copy(given, 1)];
  });
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Whether every string in plain data (a copy from `plainData` or `optionEntries`) is well-formed
 * Unicode. A lone surrogate cannot be sent: UTF-8 would silently turn it into U+FFFD.
 */
export function isWellFormedData(value) {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (value === null || typeof value !== 'object') return true;
  return (Array.isArray(value) ? value : Object.values(value)).every(isWellFormedData);
}

/** Whether `value` is an AbortSignal. */
export function isAbortSignal(value) {
  return value instanceof AbortSignal;
}

/** Whether `value` is an array. */
export function isArray(value) {
  return Array.isArray(value);
}

/**
 * A filter read once: `[json, data]`, its plain copy and that copy as JSON text, or null when
 * the copy holds anything JSON would drop or change (undefined, functions, symbols, big
 * integers, NaN and infinities) so that the value-by-value path can name it. One JSON string
 * crosses into wasm far faster than a long id list value by value, and matching then uses the
 * very data checked.
 */
export function filterAsJson(filter) {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) return null;
  const data = copy(filter, 0);
  return isJsonData(data) ? [JSON.stringify(data), data] : null;
}

// `undefined` is not JSON data: JSON.stringify would drop the key, and an unknown key with an
// undefined value would then go unreported; the value-by-value path names it.
function isJsonData(value) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      return (Array.isArray(value) ? value : Object.values(value)).every(isJsonData);
    default:
      return false;
  }
}

/**
 * The records of a page, or of an array of pages, in one array; the index of the first page
 * without a `records` array instead, for the error to name it.
 */
export function recordsOfPages(pages) {
  const list = Array.isArray(pages) ? pages : [pages];
  const records = [];
  for (let at = 0; at < list.length; at += 1) {
    const page = list[at];
    const ofPage = page !== null && typeof page === 'object' ? page.records : undefined;
    if (!Array.isArray(ofPage)) return at;
    for (let i = 0; i < ofPage.length; i += 1) records.push(ofPage[i]);
  }
  return records;
}

/** A body as a string or a copy of its bytes; null for any other kind of value. */
export function bodyOf(body) {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body.slice();
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  return null;
}
