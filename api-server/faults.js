// Fault injection: makes the next resource requests fail the ways a real deployment can.
//
// A fault is a plain object, every field optional:
//   { status, headers, body, delayMs, kind: 'html' | 'not-json' | 'truncated' | 'hang' }
// Each resource request takes the next queued fault, if any. `delayMs` waits first (the server
// does the waiting); `headers` are added to whatever is answered; without `status`, `body` or
// `kind` the normal answer follows.

import { STATUS_CODES } from 'node:http';

import {
  CORS_HEADERS,
  JSON_TYPE,
  emptyAnswer,
  errorAnswer,
  hasErrorBody,
  writeAnswer,
} from './responses.js';

export const FAULT_KINDS = ['html', 'not-json', 'truncated', 'hang'];

const FAULT_FIELDS = ['status', 'headers', 'body', 'delayMs', 'kind'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const NOT_JSON_BODY = 'Service is being updated, please try again in a few minutes.\n';

/** A first-in, first-out queue of checked faults. */
export function createFaultQueue() {
  const pending = [];

  return {
    /** Checks every fault before queueing any, so a bad list changes nothing. */
    add(faults) {
      if (!Array.isArray(faults)) {
        throw new TypeError('faults must be an array');
      }
      pending.push(...faults.map(checkFault));
      return pending.length;
    },
    clear() {
      pending.length = 0;
    },
    take() {
      return pending.shift() ?? null;
    },
    get size() {
      return pending.length;
    },
  };
}

/** Returns a frozen copy of `fault`, or throws a TypeError naming what is wrong with it. */
export function checkFault(fault) {
  if (fault === null || typeof fault !== 'object' || Array.isArray(fault)) {
    throw new TypeError('a fault must be an object');
  }
  const unknown = Object.keys(fault).filter((key) => !FAULT_FIELDS.includes(key));
  if (unknown.length > 0) {
    throw new TypeError(`unknown fault field: ${unknown.join(', ')}`);
  }

  const { status, headers, body, delayMs, kind } = fault;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw new TypeError('fault status must be an integer from 200 to 599');
  }
  if (body !== undefined && typeof body !== 'string') {
    throw new TypeError('fault body must be a string');
  }
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    throw new TypeError('fault delayMs must be a number of at least 0');
  }
  if (kind !== undefined && !FAULT_KINDS.includes(kind)) {
    throw new TypeError(`fault kind must be one of ${FAULT_KINDS.join(', ')}`);
  }

  return Object.freeze({ ...fault, headers: checkHeaders(headers) });
}

function checkHeaders(headers = {}) {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw new TypeError('fault headers must be an object');
  }
  for (const [name, value] of Object.entries(headers)) {
    const valueOk = typeof value === 'number' || typeof value === 'string';
    if (!HEADER_NAME.test(name) || !valueOk || /[\r\n]/.test(String(value))) {
      throw new TypeError(`fault header ${JSON.stringify(name)} is not a valid header`);
    }
  }
  return { ...headers };
}

/**
 * Writes the answer to a resource request, altered by `fault` when there is one.
 * `renderNormal()` builds the answer the request would get without a fault.
 */
export function answerWithFault(res, fault, { method, renderNormal }) {
  if (fault === null) {
    writeAnswer(res, renderNormal());
    return;
  }

  // Nothing is written: the socket stays open until the client gives up or the server closes.
  if (fault.kind === 'hang') {
    return;
  }

  const answer = faultAnswer(fault, method, renderNormal);
  const withHeaders = { ...answer, headers: { ...answer.headers, ...fault.headers } };
  if (fault.kind === 'truncated') {
    writeTruncated(res, withHeaders);
  } else {
    writeAnswer(res, withHeaders);
  }
}

function faultAnswer(fault, method, renderNormal) {
  if (fault.kind === 'html') {
    return htmlAnswer(fault.status ?? 502, fault.body);
  }
  // The content type still claims JSON, as a misconfigured backend's would.
  if (fault.kind === 'not-json') {
    const body = fault.body ?? NOT_JSON_BODY;
    return { status: fault.status ?? 200, headers: { 'Content-Type': JSON_TYPE }, body };
  }
  if (fault.kind === 'truncated') {
    return withStatus(renderNormal(), fault.status);
  }

  if (fault.body !== undefined) {
    const headers = { 'Content-Type': JSON_TYPE };
    return { status: fault.status ?? 200, headers, body: fault.body };
  }
  if (fault.status === undefined || fault.status < 300) {
    return withStatus(renderNormal(), fault.status);
  }
  return statusAnswer(fault.status, method);
}

function withStatus(answer, status) {
  return status === undefined ? answer : { ...answer, status };
}

// 429 and 503 have no documented body; the statuses with a documented error body get one.
function statusAnswer(status, method) {
  if (!hasErrorBody(status)) {
    return emptyAnswer(status);
  }

  const detail = `Injected ${status} fault.`;
  const errorData = {
    400: { invalid_params: [] },
    403: { resource_name: 'customer-source-records', interface_name: 'customer-interface' },
    404: { resource_name: 'customer-source-records', resource_id: null },
    405: { http_method: method },
  }[status];
  return errorAnswer(status, detail, errorData);
}

// A page like the one a reverse proxy shows when the application behind it fails.
function htmlAnswer(status, body) {
  const reason = STATUS_CODES[status] ?? 'Error';
  const page =
    body ??
    [
      '<!DOCTYPE html>',
      `<html><head><title>${status} ${reason}</title></head>`,
      `<body><h1>${status} ${reason}</h1>`,
      '<p>The server behind this proxy did not answer. Please try again later.</p>',
      '<hr><address>fake-proxy</address></body></html>',
      '',
    ].join('\n');
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: page };
}

// The Content-Length header promises the whole body, only the first half is sent, and then
// the socket is closed. The client gets the status and headers, then fails while reading the
// body (a network error such as undici's "terminated", not a JSON parse error: `not-json`
// covers that case).
function writeTruncated(res, { status, headers, body }) {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...CORS_HEADERS, ...headers, 'Content-Length': bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
}
