// Checks the Authorization header against the credentials the server accepts.
//
// Nothing here keeps, logs or returns the header's value or the decoded credentials; the
// result only says whether they matched and, if not, a message that names neither.

import { createHash, timingSafeEqual } from 'node:crypto';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Returns 'Basic', 'Bearer' or null (no header, or another scheme). */
export function readAuthScheme(header) {
  const scheme = splitHeader(header)?.scheme.toLowerCase();
  if (scheme === 'basic') {
    return 'Basic';
  }
  if (scheme === 'bearer') {
    return 'Bearer';
  }
  return null;
}

/**
 * Checks `header` against `{ username, password, token }`: Basic must carry
 * `username:password` (UTF-8, RFC 7617), Bearer must carry `token`.
 *
 * Returns `{ ok: true }` or `{ ok: false, detail }`.
 */
export function checkAuthorization(header, credentials) {
  const parts = splitHeader(header);
  if (parts === null) {
    return refuse('The Authorization header is missing or empty.');
  }

  const scheme = readAuthScheme(header);
  if (scheme === 'Bearer') {
    return sameSecret(parts.value, credentials.token)
      ? { ok: true }
      : refuse('The bearer token is not valid.');
  }
  if (scheme === 'Basic') {
    return checkBasic(parts.value, credentials);
  }
  return refuse('Use Basic or Bearer authorization.');
}

function checkBasic(encoded, credentials) {
  const decoded = decodeBasic(encoded);
  if (decoded === null) {
    return refuse('Basic credentials must be base64 of UTF-8 "user:token".');
  }

  // Both are compared, whatever the first gives, so the answer takes the same time either way.
  const userMatches = sameSecret(decoded.username, credentials.username);
  const passwordMatches = sameSecret(decoded.password, credentials.password);
  return userMatches && passwordMatches
    ? { ok: true }
    : refuse('The user name or token is not valid.');
}

function decodeBasic(encoded) {
  if (!BASE64.test(encoded)) {
    return null;
  }

  let text;
  try {
    text = utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    return null;
  }

  // A user name cannot contain ':', so the first one separates it from the password.
  const colon = text.indexOf(':');
  if (colon < 0) {
    return null;
  }
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function splitHeader(header) {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header ?? '');
  return match === null ? null : { scheme: match[1], value: match[2] };
}

// Hashing first gives equal-length buffers, which timingSafeEqual needs.
function sameSecret(given, expected) {
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

function refuse(detail) {
  return { ok: false, detail };
}
