// What every consumer scenario does with the package it installed, in Node and in browsers:
// synchronous exports before any init, init twice (harmless to repeat), one page fetched from
// the built-in API, and sortRecords on it. The result is plain data for the test to compare.

function errorCodeOf(call) {
  try {
    call();
    return null;
  } catch (error) {
    return error.code ?? error.name;
  }
}

function isAscending(values) {
  return values.every((value, at) => at === 0 || values[at - 1] <= value);
}

export async function runChecks(csr, baseUrl) {
  const sortBeforeInit = errorCodeOf(() => csr.sortRecords([], 'customer_id'));
  const urlBeforeInit = errorCodeOf(() => csr.sourceRecordsUrl({ baseUrl }));
  await Promise.all([csr.init(), csr.init()]);
  await csr.init();

  const query = { baseUrl, count: 20, sortField: 'customer_id', sortDirection: 'DESC' };
  const page = await csr.fetchSourceRecords(query);
  const sorted = csr.sortRecords(page.records, { field: 'customer_id', direction: 'asc' });
  const sameRecords =
    sorted.length === page.records.length &&
    sorted.every((record) => page.records.includes(record));
  return {
    sortBeforeInit,
    urlBeforeInit,
    records: page.records.length,
    totalItems: page.totalItems,
    sortedAscending: isAscending(sorted.map((record) => record.customer_id)),
    sameRecords,
  };
}
