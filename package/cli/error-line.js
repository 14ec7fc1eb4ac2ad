// Turns any failure into the one line printed on stderr and the exit status.
import { UsageError } from './usage-error.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 };

// Library fields (InvalidQueryError.field up to the first `.` or `[`) and the flags that set
// them, so a message about `sortDirection` also says which flag to fix.
const FLAG_OF_FIELD = {
  baseUrl: '--base-url (or CSR_BASE_URL)',
  auth: '--token, --username, --password (or CSR_TOKEN, CSR_USERNAME, CSR_PASSWORD)',
  count: '--count',
  offset: '--offset',
  sortField: '--sort-field',
  sortDirection: '--sort-direction',
  customerId: '--customer-id',
  customerSourceId: '--customer-source-id',
  externalId: '--external-id',
  externalIds: '--external-ids',
  language: '--language',
  timeoutMs: '--timeout-ms',
  retry: '--retries',
  pageSize: '--page-size',
  maxRecords: '--max-records',
  concurrency: '--concurrency',
};

export function exitStatus(error) {
  if (error instanceof UsageError || error?.code === 'ERR_INVALID_QUERY') return EXIT.usage;
  return EXIT.failed;
}

/**
 * `error: <what happened>` on one line, with the flag to fix where the library names a query
 * field, and with every secret replaced by [redacted].
 */
export function errorLine(error, secrets) {
  const flag = flagOfField(error?.field);
  const message = flag === null ? messageOf(error) : `${flag}: ${messageOf(error)}`;
  return `error: ${redact(message, secrets).replace(/\s*[\r\n]+\s*/g, ' ')}\n`;
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

function flagOfField(field) {
  if (typeof field !== 'string') return null;
  const root = field.replace(/^options\./, '').split(/[.[]/)[0];
  return FLAG_OF_FIELD[root] ?? null;
}

/** `text` with each secret replaced, longest first so no part of a longer one is left. */
export function redact(text, secrets) {
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  return longestFirst.reduce((result, secret) => result.replaceAll(secret, '[redacted]'), text);
}
