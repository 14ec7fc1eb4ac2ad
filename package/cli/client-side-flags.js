// --sort and --filter as arguments for the library's sortRecords and filterRecords. Only the
// shape of the flags is read here; field names, directions and filter values are the
// library's to check.
import { UsageError } from './usage-error.js';

/** `last_change:desc,customer_id` → `[{ field, direction }, { field }]`. */
export function readClientSort(text) {
  return text.split(',').map((part) => {
    const [field, direction, ...rest] = part.trim().split(':');
    if (rest.length > 0) throw new UsageError(`--sort takes FIELD[:asc|desc],... not ${part}`);
    return direction === undefined ? { field } : { field, direction };
  });
}

/**
 * Repeated `key=value` → a filterRecords filter. A key given more than once becomes an array
 * (any of the values matches); `hasExternalId` takes `true` or `false`.
 */
export function readClientFilter(entries) {
  const filter = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals < 1) {
      throw new UsageError(`--filter takes KEY=VALUE, e.g. customerId=8aa209ac2f, not ${entry}`);
    }
    const key = entry.slice(0, equals);
    const value = readFilterValue(key, entry.slice(equals + 1));
    filter[key] = Object.hasOwn(filter, key) ? [filter[key], value].flat() : value;
  }
  return filter;
}

function readFilterValue(key, value) {
  if (key === 'hasExternalId' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
