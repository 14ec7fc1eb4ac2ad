// Sorting and filtering what is already loaded, in the browser, with the package's own
// `sortRecords` and `filterRecords`. The page has no sort or filter code of its own.

/**
 * The sort keys after a click on `field`'s header. A plain click sorts by that field alone,
 * ascending first and descending on the next click; an additive (shift) click adds it as a
 * further key or flips its direction when it is one already.
 */
export function nextSortKeys(keys, field, additive) {
  const at = keys.findIndex((key) => key.field === field);
  const flipped = (key) => ({ field, direction: key.direction === 'ASC' ? 'DESC' : 'ASC' });

  if (additive) {
    if (at < 0) {
      return [...keys, { field, direction: 'ASC' }];
    }
    return keys.map((key, index) => (index === at ? flipped(key) : key));
  }
  if (at === 0 && keys.length === 1) {
    return [flipped(keys[0])];
  }
  return [{ field, direction: 'ASC' }];
}

/** The filter of the refine form, in the shape `filterRecords` takes; empty inputs left out. */
export function readFilter(form) {
  const filter = {};
  const { search, customerSourceId, hasExternalId, changedFrom, changedTo } = form.elements;
  if (search.value.trim() !== '') {
    filter.search = search.value.trim();
  }
  if (customerSourceId.value !== '') {
    filter.customerSourceId = customerSourceId.value;
  }
  if (hasExternalId.value !== '') {
    filter.hasExternalId = hasExternalId.value === 'true';
  }
  if (changedFrom.value !== '') {
    filter.changedFrom = changedFrom.value;
  }
  if (changedTo.value !== '') {
    filter.changedTo = changedTo.value;
  }
  return filter;
}

/**
 * Whether the package offers client-side sorting and filtering. Checked on the module
 * namespace, so the page still loads with a package built before they existed.
 */
export function canRefine(csr) {
  return typeof csr.sortRecords === 'function' && typeof csr.filterRecords === 'function';
}

/** `records` filtered, then sorted; the same array when there is nothing to do. */
export function refine(csr, records, filter, keys) {
  let view = records;
  if (Object.keys(filter).length > 0) {
    view = csr.filterRecords(view, filter);
  }
  if (keys.length > 0) {
    view = csr.sortRecords(view, keys);
  }
  return view;
}

/**
 * Lists the sources found in `records` in the source filter, most records first, keeping the
 * current choice when it is still there.
 */
export function listSources(select, records) {
  const counts = new Map();
  for (const record of records) {
    const id = record.customer_source_id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const chosen = select.value;
  const options = [...counts]
    .sort((left, right) => right[1] - left[1])
    .map(([id, count]) => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = `${id} (${count})`;
      return option;
    });
  select.replaceChildren(select.options[0], ...options);
  select.value = counts.has(chosen) ? chosen : '';
}
