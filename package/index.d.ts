// Types of the package's public entry. Both entries, index.js (browsers and bundlers) and
// node.js (Node), export the same API, so both resolve to this file. Written by hand from what
// the Rust option readers accept; the wasm-bindgen output beside it types only the glue.
//
// Optional options also take `null` and `undefined`: the library treats both as "not given", so
// they stay usable under `exactOptionalPropertyTypes`.

/** The five fields of a record, named as the API names them. */
export type RecordFieldName =
  | 'customer_source_record_id'
  | 'customer_source_id'
  | 'customer_id'
  | 'external_id'
  | 'last_change';

/**
 * A sort direction. Any case is accepted at run time (`'Desc'` too); the types list the two
 * usual spellings of each.
 */
export type SortDirection = 'ASC' | 'DESC' | 'asc' | 'desc';

/** A customer source record as `fetchSourceRecords` resolves it. Unknown fields are dropped. */
export interface SourceRecord {
  customer_source_record_id: string;
  /** The system the account lives in. */
  customer_source_id: string;
  /** The customer account. */
  customer_id: string;
  /** The account's id in the source system; `null` also when the server left it out. */
  external_id: string | null;
  /** `YYYY-MM-DD HH:MM:SS` in the API's local wall-clock time, or `null`. */
  last_change: string | null;
}

/** Basic authentication; the user is usually `customer_interface`, the password the token id. */
export interface BasicAuth {
  username: string;
  password: string;
  token?: null | undefined;
}

/** Bearer authentication with the token id. */
export interface BearerAuth {
  token: string;
  username?: null | undefined;
  password?: null | undefined;
}

/** `query.retry`: how to retry 429, 500, 502, 503, 504, network failures and timeouts. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3); `0` turns retrying off. */
  retries?: number | null | undefined;
  /** The first backoff in ms (default 1000), doubled for each further retry, ±20 % jitter. */
  delayMs?: number | null | undefined;
  /** The longest single wait in ms (default 30000); a longer `Retry-After` fails at once. */
  maxDelayMs?: number | null | undefined;
}

/** What `onRetry` is told before each wait: `reason` and `status` match `error`. */
export type RetryInfo =
  | RetryOf<HttpError, number>
  | RetryOf<RateLimitError, 429>
  | RetryOf<NetworkError, null>
  | RetryOf<TimeoutError, null>;

/** One failed attempt of a kind `E` that will be retried. */
export interface RetryOf<E extends RetriedError, Status extends number | null> {
  /** Counts from 1. */
  attempt: number;
  /** The wait before the next attempt. */
  delayMs: number;
  /** The failed attempt's HTTP status, or `null` when no response arrived. */
  status: Status;
  /** The failed attempt's error code. */
  reason: E['code'];
  /** The failed attempt's error. */
  error: E;
}

/** What `fetchSourceRecords` and the paging functions take. */
export interface SourceRecordQuery {
  /** The interface root, everything before `/customer-source-records`; absolute http(s). */
  baseUrl: string;
  auth?: BasicAuth | BearerAuth | null | undefined;
  /** The `Accept-Language` header, default `cs, en-gb;q=0.8`. */
  language?: string | null | undefined;
  /** Records per page, an integer of at least 1 (the server's default is 100). */
  count?: number | null | undefined;
  /** Records to skip, an integer of at least 0. */
  offset?: number | null | undefined;
  sortField?: RecordFieldName | null | undefined;
  sortDirection?: SortDirection | null | undefined;
  customerId?: string | null | undefined;
  /** @deprecated Deprecated by the API: use `externalIds`. */
  externalId?: string | null | undefined;
  /** 1 to 1000 non-empty ids; a record matches any of them. */
  externalIds?: readonly string[] | null | undefined;
  customerSourceId?: string | null | undefined;
  retry?: RetryOptions | null | undefined;
  /** The time limit of each attempt, body included, in ms (default 30000). */
  timeoutMs?: number | null | undefined;
  /** Cancels at any point, backoff waits included; the promise rejects with an `AbortError`. */
  signal?: AbortSignal | null | undefined;
  /** Called before each retry's wait; what it returns or throws is ignored. */
  onRetry?: ((retry: RetryInfo) => void) | null | undefined;
}

/** One page: what `fetchSourceRecords` resolves with and `sourceRecordPages` yields. */
export interface SourceRecordPage {
  records: SourceRecord[];
  /** Every match across all pages. */
  totalItems: number;
  /** The offset that was asked for. */
  offset: number;
  /** The page size that was asked for. */
  count: number;
  /** The offset of the next page, or `null` on the last (or an empty) page. */
  nextOffset: number | null;
}

/** Options of `sourceRecordPages`. */
export interface PageOptions {
  /** The `count` of each request (default: `query.count`, else 100). */
  pageSize?: number | null | undefined;
  /** Stop after this many records. */
  maxRecords?: number | null | undefined;
  /** Cancels everything (so does `query.signal`). */
  signal?: AbortSignal | null | undefined;
}

/** What `onProgress` is told after each page. */
export interface ProgressInfo {
  loaded: number;
  /** The records expected in all. */
  total: number;
  pages: number;
}

/** Options of `fetchAllSourceRecords`. */
export interface FetchAllOptions extends PageOptions {
  /** Requests in flight at once, 1 to 16 (default 4). */
  concurrency?: number | null | undefined;
  onProgress?: ((progress: ProgressInfo) => void) | null | undefined;
  /** Resolve with the records in a `RecordSet`, never as JS objects (default false). */
  recordSet?: boolean | null | undefined;
}

/** What `fetchAllSourceRecords` resolves with; `records` is a `RecordSet` with `recordSet: true`. */
export interface AllSourceRecords<Records = SourceRecord[]> {
  /** Unique by `customer_source_record_id`, in server order. */
  records: Records;
  totalItems: number;
  pages: number;
  /** Records dropped as repeats of one already seen. */
  duplicates: number;
  /** Whether any page reported another `totalItems` than the first. */
  totalItemsChanged: boolean;
  /** Whether the unique records add up to `totalItems` and the total never moved. */
  complete: boolean;
}

/**
 * What `sortRecords` and `filterRecords` read from each record: only the fields a call uses,
 * each a string, `null` or missing. Records may carry any other properties.
 */
export type RecordFields = { readonly [F in RecordFieldName]?: string | null | undefined };

/** A record as `RecordSet.fromRecords` takes it: the three ids are required. */
export interface SourceRecordInput {
  readonly customer_source_record_id: string;
  readonly customer_source_id: string;
  readonly customer_id: string;
  readonly external_id?: string | null | undefined;
  readonly last_change?: string | null | undefined;
}

/** One sort key: a field name (ascending) or a field with a direction. */
export type SortKey =
  RecordFieldName | { field: RecordFieldName; direction?: SortDirection | null | undefined };

/** One key or keys in priority order; an empty array is rejected at run time. */
export type SortKeys = SortKey | readonly SortKey[];

/** Where `null` and missing values go whatever the direction; any case is accepted. */
export type NullsPlacement = 'first' | 'last' | 'FIRST' | 'LAST';

export interface SortOptions {
  /** Default `'last'`. */
  nulls?: NullsPlacement | null | undefined;
  /** A BCP 47 tag for `Intl.Collator`, such as `'cs'`; without it, JavaScript's `<` order. */
  locale?: string | null | undefined;
}

/** Id values: one string, or several of which any may match. */
export type IdMatch = string | readonly string[];

/** A record filter: every key given must match. */
export interface SourceRecordFilter {
  customerId?: IdMatch | null | undefined;
  customerSourceId?: IdMatch | null | undefined;
  externalId?: IdMatch | null | undefined;
  hasExternalId?: boolean | null | undefined;
  /** Inclusive, `YYYY-MM-DD` (from 00:00:00) or `YYYY-MM-DD HH:MM:SS`. */
  changedFrom?: string | null | undefined;
  /** Inclusive, `YYYY-MM-DD` (to 23:59:59) or `YYYY-MM-DD HH:MM:SS`. */
  changedTo?: string | null | undefined;
  /** Text searched for in every field. */
  search?: string | null | undefined;
}

/** A page, or anything else with the records of one, as `RecordSet.fromPages` takes it. */
export interface RecordsHolder {
  readonly records: readonly SourceRecordInput[];
}

/**
 * Records kept in WebAssembly memory. `filter` and `sort` return new sets sharing the records;
 * `free()` releases a set's memory as soon as it is no longer needed. The factories throw a
 * `NotInitializedError` in browsers before `await init()`.
 */
export declare class RecordSet {
  private constructor();
  static fromRecords(records: readonly SourceRecordInput[]): RecordSet;
  static fromPages(pages: RecordsHolder | readonly RecordsHolder[]): RecordSet;
  /** Decodes the API's JSON body, checked like a fetched page (a bad body: `DecodeError`). */
  static fromJson(body: string | Uint8Array | ArrayBuffer): RecordSet;
  /** Number of records. */
  readonly length: number;
  filter(filter: SourceRecordFilter): RecordSet;
  /** Ties keep this set's order. */
  sort(keys: SortKeys, options?: SortOptions | null): RecordSet;
  /** Records at positions `start..end`, read like `Array.prototype.slice`. */
  slice(start?: number | null, end?: number | null): SourceRecord[];
  toArray(): SourceRecord[];
  /** `{ value: count }` in first-appearance order; `null` values are not counted. */
  countBy(field: RecordFieldName): Record<string, number>;
  // [Symbol.dispose] exists where the platform has it, but is left out here: declaring it needs
  // the esnext.disposable lib, and would break consumers compiled without it. Use free().
  free(): void;
}

/** Where the `.wasm` can come from, as `init(source)` takes it. */
export type WasmSource =
  string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WasmModule;

// `WebAssembly.Module`, read off globalThis so that a Node project compiled without the DOM lib
// (whose @types/node may not declare WebAssembly) still compiles these types.
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } }
  ? M
  : never;

/**
 * Loads the WebAssembly module once; every later call returns the same promise, so it is
 * harmless to repeat. The asynchronous functions call it themselves. In browsers, await it
 * before the synchronous ones (`sortRecords`, `filterRecords`, `sourceRecordsUrl`,
 * `wasmMemoryBytes`, `RecordSet`). `source` overrides where the `.wasm` comes from (by default
 * the file beside the module); in Node the module is ready on import and `source` is ignored.
 */
export declare function init(source?: WasmSource | Promise<WasmSource>): Promise<void>;

/**
 * Sends one request for a page. Rejects with a {@link FetchError}, and with an
 * `InvalidQueryError` before sending anything for an invalid query.
 */
export declare function fetchSourceRecords(query: SourceRecordQuery): Promise<SourceRecordPage>;

/**
 * Every matching record: the first page, then the others concurrently, in server order,
 * de-duplicated. Rejects with a {@link FetchError}.
 */
export declare function fetchAllSourceRecords(
  query: SourceRecordQuery,
  options: FetchAllOptions & { recordSet: true },
): Promise<AllSourceRecords<RecordSet>>;
export declare function fetchAllSourceRecords(
  query: SourceRecordQuery,
  options?: FetchAllOptions & { recordSet?: false | null | undefined },
): Promise<AllSourceRecords>;

/** Pages one request at a time; leaving the loop sends nothing more. Rejects with a FetchError. */
export declare function sourceRecordPages(
  query: SourceRecordQuery,
  options?: PageOptions,
): AsyncGenerator<SourceRecordPage, void, undefined>;

/** The exact URL `fetchSourceRecords(query)` would request; never holds credentials. */
export declare function sourceRecordsUrl(query: SourceRecordQuery): string;

/** A new array of the same record objects, sorted; the input is left as it was. */
export declare function sortRecords<R extends RecordFields>(
  records: readonly R[],
  keys: SortKeys,
  options?: SortOptions | null,
): R[];

/** The records that match every key of `filter`, in input order, as a new array. */
export declare function filterRecords<R extends RecordFields>(
  records: readonly R[],
  filter: SourceRecordFilter,
): R[];

/** Bytes of WebAssembly memory in use by the module. */
export declare function wasmMemoryBytes(): number;

/** Any value `JSON.parse` can return. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One entry of a 400 answer's `invalid_params`. */
export interface InvalidParam {
  name: string | null;
  reason: string | null;
  value: string | null;
  message: string | null;
}

/** The query or options were rejected; nothing was sent. */
export interface InvalidQueryError extends Error {
  name: 'InvalidQueryError';
  code: 'ERR_INVALID_QUERY';
  /** The option at fault as the caller spelt it, such as `count` or `keys[1].direction`. */
  field: string;
}

/** What `HttpError` and `RateLimitError` carry of the answer. */
export interface HttpErrorDetails {
  status: number;
  type: string | null;
  exception: string | null;
  title: string | null;
  detail: string | null;
  /** The parameters a 400 answer names; empty otherwise. */
  invalidParams: InvalidParam[];
  /** The API's raw `error_data`, or `null`. */
  errorData: JsonValue;
  /** The wait `Retry-After` asked for, in ms, or `null`. */
  retryAfterMs: number | null;
}

/** A non-2xx status other than 429; 500, 502, 503 and 504 are retried. */
export interface HttpError extends Error, HttpErrorDetails {
  name: 'HttpError';
  code: 'ERR_HTTP_STATUS';
}

/** A 429 answer, once the retries are used up or `Retry-After` asked for too long. */
export interface RateLimitError extends Error, HttpErrorDetails {
  name: 'RateLimitError';
  code: 'ERR_RATE_LIMITED';
  status: 429;
}

/** No response: refused, DNS, CORS, offline, or a connection broken mid-body. */
export interface NetworkError extends Error {
  name: 'NetworkError';
  code: 'ERR_NETWORK';
}

/** An attempt took longer than `timeoutMs`. */
export interface TimeoutError extends Error {
  name: 'TimeoutError';
  code: 'ERR_TIMEOUT';
  timeoutMs: number;
}

/** The caller's signal aborted. */
export interface AbortError extends Error {
  name: 'AbortError';
  code: 'ERR_ABORTED';
}

/** The body is not JSON, or not a page of the documented shape. */
export interface DecodeError extends Error {
  name: 'DecodeError';
  code: 'ERR_DECODE';
  /** Where in the body, such as `data.customer_source_records[3].customer_id`; `null` when the
   * body is not JSON. */
  field: string | null;
  status: number;
}

/** A synchronous export was called in a browser before `await init()`. */
export interface NotInitializedError extends Error {
  name: 'NotInitializedError';
  code: 'ERR_NOT_INITIALIZED';
}

/** The errors that `onRetry` may be told about. */
export type RetriedError = HttpError | RateLimitError | NetworkError | TimeoutError;

/** Every error the fetching functions reject with (besides a failure to load the `.wasm`). */
export type FetchError =
  | InvalidQueryError
  | HttpError
  | RateLimitError
  | NetworkError
  | TimeoutError
  | AbortError
  | DecodeError;

/** Every error of this package, told apart by `name` or `code`. */
export type SourceRecordsError = FetchError | NotInitializedError;
