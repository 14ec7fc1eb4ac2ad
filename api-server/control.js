// Control routes, so that tests in another process (a browser test's driver) can queue faults
// and read what the client sent, and the demo page can fill in its connection. They are for a
// local test server only and need no credentials.

import { emptyAnswer, jsonAnswer, writeAnswer } from './responses.js';

export const CONTROL_PREFIX = '/__control/';

const MAX_BODY_BYTES = 1024 * 1024;
const CONTROL_PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
};

/**
 * Answers a request below CONTROL_PREFIX. `state` is `{ config, faults, requests }`: the
 * server's options, its fault queue and its array of recorded requests, which is emptied in
 * place.
 */
export async function handleControl(req, res, path, state) {
  writeAnswer(res, await controlAnswer(req, path, state));
}

async function controlAnswer(req, path, { config, faults, requests }) {
  if (req.method === 'OPTIONS') {
    return emptyAnswer(204, CONTROL_PREFLIGHT_HEADERS);
  }

  const route = `${req.method} ${path}`;
  switch (route) {
    case 'POST /__control/faults':
      return queueFaults(req, faults);
    case 'DELETE /__control/faults':
      faults.clear();
      return emptyAnswer(204);
    case 'GET /__control/requests':
      return jsonAnswer(200, requests);
    case 'DELETE /__control/requests':
      requests.length = 0;
      return emptyAnswer(204);
    case 'GET /__control/connection':
      return jsonAnswer(200, connection(req, config));
    default:
      return jsonAnswer(404, { error: `no control route for ${route}` });
  }
}

// What the demo page needs to connect with no typing: the API root as this request reached the
// server, and this server's own dev credentials (`auth` false when it accepts any request).
function connection(req, { apiPath, auth, username, password, token }) {
  const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  const apiRoot = `http://${host}${apiPath}`;
  return { apiRoot, auth, username, password, token };
}

async function queueFaults(req, faults) {
  let text;
  try {
    text = await readBody(req);
  } catch (error) {
    return jsonAnswer(413, { error: error.message });
  }

  try {
    const pending = faults.add(JSON.parse(text));
    return jsonAnswer(200, { pending });
  } catch (error) {
    return jsonAnswer(400, { error: `expected a JSON array of faults: ${error.message}` });
  }
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new RangeError(`the body must be at most ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
