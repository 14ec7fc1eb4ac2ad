// The shapes and headers of the API's answers.
//
// An answer is built as plain data, `{ status, headers, body }`, and written in one place, so
// fault injection can alter or cut an answer before it goes out.

export const JSON_TYPE = 'application/json; charset=utf-8';

// Sent on every API answer. Retry-After is exposed so a cross-origin client can honour it.
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};

export const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Headers': 'Authorization, Accept, Accept-Language, Content-Type',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
};

// `type` and `exception` are the same code except for 403, where the documentation puts the
// specific reason in `type`.
const ERRORS = {
  400: { exception: 'bad_request_exception', title: 'Bad request' },
  401: { exception: 'unauthorized_exception', title: 'Unauthorized' },
  403: {
    type: 'interface_not_allowed_exception',
    exception: 'forbidden_exception',
    title: 'Forbidden',
  },
  404: { exception: 'not_found_exception', title: 'Not found' },
  405: { exception: 'method_not_allowed_exception', title: 'Method not allowed' },
  500: { exception: 'internal_server_error_exception', title: 'Internal server error' },
};

/** Whether the API documents an `{"error": ...}` body for this status. */
export function hasErrorBody(status) {
  return Object.hasOwn(ERRORS, status);
}

/** Builds the API's `{"error": {...}}` body for a documented error status. */
export function errorBody(status, detail, errorData) {
  const { type, exception, title } = ERRORS[status];
  const error = { type: type ?? exception, exception, title, detail };
  if (errorData !== undefined) {
    error.error_data = errorData;
  }
  return { error };
}

export function jsonAnswer(status, value, headers = {}) {
  return {
    status,
    headers: { 'Content-Type': JSON_TYPE, ...headers },
    body: JSON.stringify(value),
  };
}

export function errorAnswer(status, detail, errorData, headers = {}) {
  return jsonAnswer(status, errorBody(status, detail, errorData), headers);
}

export function emptyAnswer(status, headers = {}) {
  return { status, headers, body: '' };
}

/** Writes an answer with the CORS headers and an exact Content-Length. */
export function writeAnswer(res, { status, headers, body }) {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...headers,
    'Content-Length': bytes.length,
  });
  res.end(bytes);
}
