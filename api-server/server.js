// A local stand-in for the CRM's customer-source-records endpoint, faithful enough to test a
// real client against: the documented routes, parameters, errors, CORS and authorization,
// plus fault injection and a record of what the client sent.

import { once } from 'node:events';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { readAuthScheme } from './auth.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { answerWithFault, createFaultQueue } from './faults.js';
import { generateRecords } from './records.js';
import {
  answerResource,
  matchResourceRoute,
  preflightAnswer,
  unknownPathAnswer,
} from './resource.js';
import { errorAnswer, writeAnswer } from './responses.js';
import { createStaticHandler } from './static.js';

export const DEFAULT_OPTIONS = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  seed: 1,
  recordCount: 3000,
  records: null,
  apiPath: '/webservice/rest-api/customer-interface/v1.0',
  username: 'customer_interface',
  password: 'dev-token-3f9a',
  token: 'dev-bearer-7c21e0',
  auth: true,
  latencyMs: 0,
  staticRoutes: {},
  // Node's own default is 16 KiB, too small for the documented 1000 `external_ids[]` values in
  // one URL. Real proxies often allow only 8 KiB; a smaller value here imitates one.
  maxHeaderSize: 64 * 1024,
});

/**
 * Starts the server and resolves once it listens, with
 * `{ url, apiRoot, credentials, requests, injectFaults, clearFaults, resetRequests, close }`.
 * See DEFAULT_OPTIONS for the options; an option left undefined takes its default.
 */
export async function startApiServer(options = {}) {
  const config = readOptions(options);
  const { username, password, token } = config;
  const records =
    config.records ??
    generateRecords({
      seed: config.seed,
      count: config.recordCount,
    });
  const state = {
    config,
    resourceContext: { records, auth: config.auth, credentials: { username, password, token } },
    requests: [],
    faults: createFaultQueue(),
    serveStatic: await createStaticHandler(config.staticRoutes),
  };

  const server = createServer({ maxHeaderSize: config.maxHeaderSize }, (req, res) => {
    handleRequest(req, res, state).catch((error) => answerInternalError(res, error));
  });
  server.listen(config.port, config.host);
  await once(server, 'listening');

  const url = serverUrl(server.address());
  let closing = null;
  return {
    url,
    apiRoot: url + config.apiPath,
    credentials: { username, password, token },
    requests: state.requests,
    injectFaults: (faults) => state.faults.add(faults),
    clearFaults: () => state.faults.clear(),
    resetRequests: () => {
      state.requests.length = 0;
    },
    close: () => {
      closing ??= closeServer(server);
      return closing;
    },
  };
}

function readOptions(options) {
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(DEFAULT_OPTIONS, key));
  if (unknown.length > 0) {
    throw new TypeError(`unknown option: ${unknown.join(', ')}`);
  }

  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  const config = { ...DEFAULT_OPTIONS, ...Object.fromEntries(given) };
  if (config.username.includes(':')) {
    throw new TypeError('username must not contain ":" (RFC 7617)');
  }
  if (!(Number.isFinite(config.latencyMs) && config.latencyMs >= 0)) {
    throw new TypeError('latencyMs must be a number of at least 0');
  }
  if (config.records !== null && !Array.isArray(config.records)) {
    throw new TypeError('records must be an array');
  }
  return { ...config, apiPath: normalizeApiPath(config.apiPath) };
}

// Kept with a leading slash and without a trailing one, so `url + apiPath` is the API root.
function normalizeApiPath(apiPath) {
  const trimmed = apiPath.replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function serverUrl({ address, port }) {
  const unspecified = { '0.0.0.0': '127.0.0.1', '::': '::1' };
  const host = unspecified[address] ?? address;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

// close() alone would wait for every open connection to end, hung requests and idle
// keep-alive sockets included, so they are cut at once.
function closeServer(server) {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function handleRequest(req, res, state) {
  const target = splitUrl(req.url);

  if (target.path.startsWith(CONTROL_PREFIX)) {
    await handleControl(req, res, target.path, state);
    return;
  }

  const subpath = apiSubpath(target.path, state.config.apiPath);
  if (subpath !== null) {
    await handleApi(req, res, { ...target, subpath }, state);
    return;
  }

  const notFound = () => writeAnswer(res, plainNotFound());
  if (state.serveStatic === null) {
    notFound();
  } else {
    state.serveStatic(req, res, notFound);
  }
}

// The raw path and query as the client sent them, nothing decoded or normalised.
function splitUrl(rawUrl) {
  const mark = rawUrl.indexOf('?');
  if (mark < 0) {
    return { path: rawUrl, search: '' };
  }
  return { path: rawUrl.slice(0, mark), search: rawUrl.slice(mark) };
}

function apiSubpath(path, apiPath) {
  if (path === apiPath) {
    return '';
  }
  return path.startsWith(`${apiPath}/`) ? path.slice(apiPath.length) : null;
}

// Every request below the API root but a preflight is recorded, takes the next fault and waits
// the configured latency, so a client calling a wrong path shows up in `requests` too.
async function handleApi(req, res, target, state) {
  if (req.method === 'OPTIONS') {
    writeAnswer(res, preflightAnswer());
    return;
  }

  state.requests.push(describeRequest(req, target));
  const fault = state.faults.take();
  const answered = await pause(state.config.latencyMs + (fault?.delayMs ?? 0), res);
  if (!answered) {
    return;
  }

  const route = matchResourceRoute(target.subpath);
  const renderNormal = () => {
    if (route === null) {
      return unknownPathAnswer(target.subpath);
    }
    const { method, headers } = req;
    const request = { method, route, search: target.search, authorization: headers.authorization };
    return answerResource(request, state.resourceContext);
  };
  answerWithFault(res, fault, { method: req.method, renderNormal });
}

// Only the scheme of the Authorization header is kept, never its value.
function describeRequest(req, { path, search }) {
  return {
    method: req.method,
    path,
    search,
    acceptLanguage: req.headers['accept-language'] ?? null,
    accept: req.headers.accept ?? null,
    authScheme: readAuthScheme(req.headers.authorization),
  };
}

/** Waits `ms`; resolves false if the connection closed first (client gone or server closed). */
async function pause(ms, res) {
  if (ms <= 0) {
    return true;
  }

  const controller = new AbortController();
  const abort = () => controller.abort();
  res.once('close', abort);
  try {
    await sleep(ms, undefined, { signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', abort);
  }
}

function plainNotFound() {
  const headers = { 'Content-Type': 'text/plain; charset=utf-8' };
  return { status: 404, headers, body: 'Not found\n' };
}

function answerInternalError(res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeAnswer(res, errorAnswer(500, `The fake server failed: ${error.message}`));
}
