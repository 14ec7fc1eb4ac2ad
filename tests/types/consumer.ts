// A typed consumer of the package, compiled with `tsc --noEmit` by tests/types.test.js against
// the packed package (never run). Each `// @ts-expect-error TSnnnn` line must fail to compile
// with that code: tsc reports an unneeded directive (TS2578), and the test also compiles a copy
// without the directives to check that each line fails for the stated reason. Checked by hand
// too: with `sortDirection: 'up'` corrected to 'ASC', tsc failed with TS2578 on that line.
import {
  fetchAllSourceRecords,
  fetchSourceRecords,
  filterRecords,
  init,
  RecordSet,
  sortRecords,
  sourceRecordPages,
  sourceRecordsUrl,
  wasmMemoryBytes,
} from 'customer-source-records';
import type {
  AllSourceRecords,
  FetchError,
  RecordFieldName,
  RetryInfo,
  SortKey,
  SourceRecord,
  SourceRecordPage,
  SourceRecordQuery,
  SourceRecordsError,
} from 'customer-source-records';

const baseUrl = 'https://shop.example.test/rest-api/customer-interface/v1.0';

// Typed `Equal<A, B>`: fails to compile unless the two types are the same.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): void {}

export async function everyExport(signal: AbortSignal): Promise<void> {
  await init();
  await init(new URL('./customer_source_records_bg.wasm', import.meta.url));

  const query: SourceRecordQuery = {
    baseUrl,
    auth: { username: 'customer_interface', password: 'secret' },
    language: 'en',
    count: 50,
    offset: 0,
    sortField: 'last_change',
    sortDirection: 'DESC',
    customerId: '8aa209ac2f84f95201d96bb23',
    externalIds: ['a', 'b'],
    customerSourceId: undefined,
    retry: { retries: 2, delayMs: 100, maxDelayMs: null },
    timeoutMs: 5000,
    signal,
    onRetry: (retry: RetryInfo) => {
      const status: number | null = retry.status;
      if (retry.reason === 'ERR_TIMEOUT') console.log(retry.error.timeoutMs, status);
    },
  };

  const page = await fetchSourceRecords(query);
  expectType<Equal<typeof page, SourceRecordPage>>();
  expectType<Equal<typeof page.nextOffset, number | null>>();
  const record = page.records[0];
  if (record) {
    expectType<Equal<typeof record.external_id, string | null>>();
    expectType<Equal<typeof record.last_change, string | null>>();
    expectType<Equal<typeof record.customer_id, string>>();
  }

  const all = await fetchAllSourceRecords(
    { baseUrl, auth: { token: 'bearer-token' } },
    { concurrency: 4, pageSize: 500, maxRecords: 2000, signal, onProgress: (p) => p.loaded },
  );
  expectType<Equal<typeof all, AllSourceRecords>>();
  const complete: boolean = all.complete && !all.totalItemsChanged && all.duplicates === 0;

  const kept = await fetchAllSourceRecords({ baseUrl }, { recordSet: true });
  expectType<Equal<typeof kept.records, RecordSet>>();
  kept.records.free();

  for await (const each of sourceRecordPages({ baseUrl }, { pageSize: 1000 })) {
    expectType<Equal<typeof each, SourceRecordPage>>();
  }

  const url: string = sourceRecordsUrl({ baseUrl, sortDirection: 'asc' });
  const bytes: number = wasmMemoryBytes();
  console.log(complete, url, bytes);
}

// Records of the caller's own type keep that type through sorting and filtering.
interface Row {
  customer_id: string;
  external_id: string | null;
  label: string;
}

export function sortingAndFiltering(rows: Row[], records: SourceRecord[]): void {
  const sorted = sortRecords(rows, [{ field: 'customer_id', direction: 'desc' }, 'external_id'], {
    nulls: 'first',
    locale: 'cs',
  });
  expectType<Equal<typeof sorted, Row[]>>();
  const byChange: SourceRecord[] = sortRecords(records, 'last_change');
  const keys: SortKey[] = ['customer_source_id', { field: 'last_change', direction: 'ASC' }];
  sortRecords(records, keys, null);

  const filtered = filterRecords(rows, {
    customerId: ['c1', 'c2'],
    hasExternalId: true,
    changedFrom: '2024-01-01',
    changedTo: '2024-12-31 23:59:59',
    search: 'novák',
  });
  expectType<Equal<typeof filtered, Row[]>>();
  console.log(byChange.length);
}

export function recordSets(page: SourceRecordPage, body: Uint8Array): number {
  const set = RecordSet.fromPages([page, page]);
  const fromJson = RecordSet.fromJson(body);
  const fromRecords = RecordSet.fromRecords([
    { customer_source_record_id: 'r1', customer_source_id: 's1', customer_id: 'c1' },
  ]);
  const view = set.filter({ externalId: 'x' }).sort('customer_id', { nulls: 'last' });
  const records: SourceRecord[] = view.slice(0, 10).concat(view.toArray());
  const counts: Record<string, number> = set.countBy('customer_source_id');
  const length: number = view.length + fromJson.length + fromRecords.length;
  view.free();
  console.log(records, counts);
  return length;
}

// Errors are told apart by `code` (or `name`), each with its own properties.
export function describeError(error: SourceRecordsError): string {
  switch (error.code) {
    case 'ERR_INVALID_QUERY':
      return `fix ${error.field}`;
    case 'ERR_HTTP_STATUS':
      // @ts-expect-error TS2339 timeoutMs belongs to TimeoutError, not HttpError
      console.log(error.timeoutMs);
      return `${error.status} ${error.title ?? ''} ${error.invalidParams.length}`;
    case 'ERR_RATE_LIMITED': {
      const status: 429 = error.status;
      return `wait ${error.retryAfterMs ?? 0} ms after ${status}`;
    }
    case 'ERR_TIMEOUT':
      return `over ${error.timeoutMs} ms`;
    case 'ERR_DECODE':
      return `${error.status} ${error.field ?? 'not JSON'}`;
    case 'ERR_NETWORK':
    case 'ERR_ABORTED':
    case 'ERR_NOT_INITIALIZED':
      return error.message;
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}

export async function catching(): Promise<void> {
  try {
    await fetchSourceRecords({ baseUrl });
  } catch (caught) {
    const error = caught as FetchError;
    if (error.name === 'HttpError' && error.status === 401) console.log(error.errorData);
    if (error instanceof Error) console.log(error.stack);
  }
}

// Mistakes that must not compile.
export function mistakes(records: SourceRecord[], record: SourceRecord): void {
  // @ts-expect-error TS2322 a direction is ASC or DESC
  fetchSourceRecords({ baseUrl, sortDirection: 'up' });
  // @ts-expect-error TS2820 sort fields are the API's snake_case names
  fetchSourceRecords({ baseUrl, sortField: 'lastChange' });
  // @ts-expect-error TS2561 options are camelCase: sortField, not sort_field
  fetchSourceRecords({ baseUrl, sort_field: 'last_change' });
  // @ts-expect-error TS2741 baseUrl is required
  fetchSourceRecords({ count: 10 });
  // @ts-expect-error TS2322 count is a number
  fetchSourceRecords({ baseUrl, count: '10' });
  // @ts-expect-error TS2322 auth is { username, password } or { token }, not both
  fetchSourceRecords({ baseUrl, auth: { username: 'u', password: 'p', token: 't' } });
  // @ts-expect-error TS2345 a sort key names a record field
  sortRecords(records, 'customerId');
  // @ts-expect-error TS2345 a wrong direction in a sort key
  sortRecords(records, { field: 'customer_id', direction: 'descending' });
  // @ts-expect-error TS2322 nulls go first or last
  sortRecords(records, 'customer_id', { nulls: 'never' });
  // @ts-expect-error TS2561 filter keys are camelCase
  filterRecords(records, { customer_id: 'c1' });
  // @ts-expect-error TS2345 countBy takes a record field name
  RecordSet.fromRecords(records).countBy('customerId');
  // @ts-expect-error TS2673 RecordSet is made by its factories
  new RecordSet();
  // @ts-expect-error TS2339 pages have no `total`
  fetchSourceRecords({ baseUrl }).then((page) => page.total);
  const fields: RecordFieldName[] = ['customer_id'];
  // @ts-expect-error TS2322 external_id may be null
  const external: string = record.external_id;
  console.log(fields, external);
}
