// Filters, sorts and pages records the way the endpoint is documented to.

/**
 * Returns one page of the records matching `params` (as made by `parseRecordQuery`), and
 * `total_items`, the number of matches across all pages.
 */
export function selectRecords(records, params) {
  const matching = records.filter((record) => matchesFilters(record, params));
  const ordered = sortRecords(matching, params.sortField, params.sortDirection);
  const page = ordered.slice(params.offset, params.offset + params.count);
  return { records: page, total_items: matching.length };
}

/** Different filters combine with AND; the values of `externalIds` combine with OR. */
export function matchesFilters(record, params) {
  if (params.customerId != null && record.customer_id !== params.customerId) {
    return false;
  }
  if (params.customerSourceId != null && record.customer_source_id !== params.customerSourceId) {
    return false;
  }

  // When both are sent, the documented behaviour is that `external_ids` wins.
  if (params.externalIds != null) {
    return params.externalIds.includes(record.external_id);
  }
  if (params.externalId != null) {
    return record.external_id === params.externalId;
  }
  return true;
}

/**
 * Sorts a copy of `records` on `field`, keeping the stored order among equal values.
 *
 * Without a field the stored order is kept, reversed for DESC, as a database ordering by its
 * primary key would. Nulls sort before every value, so they come first in ASC and last in
 * DESC, as in MySQL. Strings compare by UTF-16 code units, not by any collation.
 */
export function sortRecords(records, field, direction = 'ASC') {
  const sign = direction === 'DESC' ? -1 : 1;
  if (field == null) {
    return sign === 1 ? records.slice() : records.slice().reverse();
  }
  // Array.prototype.sort is stable, so ties keep the stored order in both directions.
  return records.slice().sort((left, right) => sign * compareValues(left[field], right[field]));
}

function compareValues(left, right) {
  if (left === right) {
    return 0;
  }
  if (left === null) {
    return -1;
  }
  if (right === null) {
    return 1;
  }
  return left < right ? -1 : 1;
}
