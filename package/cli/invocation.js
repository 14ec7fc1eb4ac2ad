// What the command line asks for: the library's query and paging options, the output format
// and the client-side sort and filter. Values are passed on as given, numbers as numbers; the
// library checks them and its InvalidQueryError names what is wrong.
import { readClientFilter, readClientSort } from './client-side-flags.js';
import { UsageError } from './usage-error.js';

export const FORMATS = ['json', 'ndjson', 'csv'];

const QUERY_FLAGS = {
  count: 'count',
  offset: 'offset',
  'sort-field': 'sortField',
  'sort-direction': 'sortDirection',
  'customer-id': 'customerId',
  'customer-source-id': 'customerSourceId',
  'external-id': 'externalId',
  'external-ids': 'externalIds',
  language: 'language',
  'timeout-ms': 'timeoutMs',
};
const NUMBER_FLAGS = new Set([
  'count',
  'offset',
  'timeout-ms',
  'retries',
  'page-size',
  'max-records',
  'concurrency',
]);
const PAGING_FLAGS = {
  'page-size': 'pageSize',
  'max-records': 'maxRecords',
  concurrency: 'concurrency',
};

/** Reads parsed flags and the environment; throws a UsageError for what only the CLI knows. */
export function readInvocation(flags, env) {
  const format = flags.format ?? 'json';
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  }
  const paging = readPaging(flags);
  if (!flags.all && Object.keys(paging).length > 0) {
    throw new UsageError('--page-size, --max-records and --concurrency need --all');
  }

  return {
    query: readQuery(flags, env),
    all: flags.all === true,
    paging,
    format,
    sortKeys: flags.sort === undefined ? null : readClientSort(flags.sort),
    filter: flags.filter === undefined ? null : readClientFilter(flags.filter),
  };
}

function readQuery(flags, env) {
  const query = { baseUrl: flags['base-url'] ?? env.CSR_BASE_URL };
  for (const [flag, key] of Object.entries(QUERY_FLAGS)) {
    if (flags[flag] !== undefined) query[key] = readValue(flag, flags[flag]);
  }
  if (flags.retries !== undefined) query.retry = { retries: readValue('retries', flags.retries) };
  const auth = readAuth(flags, env);
  if (auth !== null) query.auth = auth;
  return query;
}

function readPaging(flags) {
  const paging = {};
  for (const [flag, key] of Object.entries(PAGING_FLAGS)) {
    if (flags[flag] !== undefined) paging[key] = readValue(flag, flags[flag]);
  }
  return paging;
}

// Text that reads as a number becomes one; anything else stays text for the library to reject
// with its own message ("count must be an integer, not a string").
function readValue(flag, value) {
  if (NUMBER_FLAGS.has(flag) && /^[+-]?[0-9]+(\.[0-9]+)?$/.test(value)) return Number(value);
  return value;
}

// Credential flags, when any is given, replace the environment's as a whole, so a token in the
// environment does not mix with a user and password given for one command.
function readAuth(flags, env) {
  const fromFlags = { username: flags.username, password: flags.password, token: flags.token };
  const fromEnv = { username: env.CSR_USERNAME, password: env.CSR_PASSWORD, token: env.CSR_TOKEN };
  const chosen = Object.values(fromFlags).some(isGiven) ? fromFlags : fromEnv;
  const given = Object.entries(chosen).filter(([, value]) => isGiven(value));
  return given.length === 0 ? null : Object.fromEntries(given);
}

function isGiven(value) {
  return value !== undefined && value !== '';
}

/** The environment's credentials, to be kept out of every message the CLI prints. */
export function secretsInEnv(env) {
  return [env.CSR_PASSWORD, env.CSR_TOKEN].filter(isGiven);
}
