// Reads and validates the query string of a customer-source-records request.

export const SORT_FIELDS = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];
export const MAX_EXTERNAL_IDS = 1000;
export const DEFAULT_COUNT = 100;

const EXTERNAL_IDS_KEY = 'external_ids[]';

/**
 * Parses a raw query string (with or without its leading `?`).
 *
 * Returns `{ params }` when every parameter is valid, otherwise `{ invalidParams }`, a list of
 * `{ name, reason, value, message }` as the API puts in `error_data.invalid_params`. Unknown
 * parameters are ignored, as a lenient server would.
 */
export function parseRecordQuery(search) {
  const query = new URLSearchParams(search);
  const problems = [];

  const params = {
    count: readInteger(query, 'count', { min: 1, fallback: DEFAULT_COUNT }, problems),
    offset: readInteger(query, 'offset', { min: 0, fallback: 0 }, problems),
    sortField: readChoice(query, 'sort_field', SORT_FIELDS, problems),
    sortDirection: readSortDirection(query, problems),
    customerId: readId(query, 'customer_id', problems),
    externalId: readId(query, 'external_id', problems),
    customerSourceId: readId(query, 'customer_source_id', problems),
    externalIds: readExternalIds(query, problems),
  };

  return problems.length > 0 ? { invalidParams: problems } : { params };
}

// A repeated scalar parameter keeps its last value, as PHP-style servers do.
function lastValue(query, name) {
  const values = query.getAll(name);
  return values.length > 0 ? values[values.length - 1] : null;
}

function invalid(name, reason, value, message) {
  return { name, reason, value, message };
}

function readInteger(query, name, { min, fallback }, problems) {
  const raw = lastValue(query, name);
  if (raw === null) {
    return fallback;
  }
  if (raw === '') {
    problems.push(invalid(name, 'empty', raw, `${name} must not be empty`));
    return fallback;
  }
  if (!/^-?[0-9]+$/.test(raw)) {
    problems.push(invalid(name, 'invalid_value_format', raw, `${name} must be an integer`));
    return fallback;
  }

  const value = Number(raw);
  if (value < min) {
    problems.push(invalid(name, 'not_allowed_value', raw, `${name} must be at least ${min}`));
    return fallback;
  }
  if (!Number.isSafeInteger(value)) {
    const message = `${name} must be at most ${Number.MAX_SAFE_INTEGER}`;
    problems.push(invalid(name, 'not_allowed_value', raw, message));
    return fallback;
  }
  return value;
}

function readChoice(query, name, allowed, problems) {
  const raw = lastValue(query, name);
  if (raw === null) {
    return null;
  }
  if (raw === '') {
    problems.push(invalid(name, 'empty', raw, `${name} must not be empty`));
    return null;
  }
  if (!allowed.includes(raw)) {
    const message = `${name} must be one of ${allowed.join(', ')}`;
    problems.push(invalid(name, 'not_allowed_value', raw, message));
    return null;
  }
  return raw;
}

// The direction is matched case-insensitively; the server's default is ascending.
function readSortDirection(query, problems) {
  const raw = lastValue(query, 'sort_direction');
  if (raw === null) {
    return 'ASC';
  }
  if (raw === '') {
    problems.push(invalid('sort_direction', 'empty', raw, 'sort_direction must not be empty'));
    return 'ASC';
  }

  // An ASCII-only test, so that look-alikes such as `aſc` (long s) do not upper-case to ASC.
  if (!/^(asc|desc)$/i.test(raw)) {
    const message = 'sort_direction must be ASC or DESC';
    problems.push(invalid('sort_direction', 'not_allowed_value', raw, message));
    return 'ASC';
  }
  return raw.toUpperCase();
}

function readId(query, name, problems) {
  const raw = lastValue(query, name);
  if (raw === '') {
    problems.push(invalid(name, 'empty', raw, `${name} must not be empty`));
    return null;
  }
  return raw;
}

// Only the documented `external_ids[]=a&external_ids[]=b` form is read. A bare `external_ids=a`
// is refused rather than ignored: ignoring it would return unfiltered data and hide the
// client's mistake.
function readExternalIds(query, problems) {
  const bare = lastValue(query, 'external_ids');
  if (bare !== null) {
    const message = 'external_ids must be sent as repeated external_ids[] parameters';
    problems.push(invalid('external_ids', 'invalid_value_format', bare, message));
    return null;
  }

  const values = query.getAll(EXTERNAL_IDS_KEY);
  if (values.length === 0) {
    return null;
  }
  if (values.length > MAX_EXTERNAL_IDS) {
    const message = `external_ids accepts at most ${MAX_EXTERNAL_IDS} values`;
    problems.push(invalid('external_ids', 'not_allowed_value', values.length, message));
    return null;
  }
  if (values.includes('')) {
    problems.push(invalid('external_ids', 'empty', '', 'external_ids values must not be empty'));
    return null;
  }
  return values;
}
