// Tests of the local fake API server (api-server/), through real HTTP requests.
//
// Most tests use five hand-written records, so every expected page, order and count below is
// worked out by hand from this table rather than taken from the server's output:
//
//   stored  id  source     customer  external_id     last_change
//   0       c3  src-eshop  cust-1    Žluťoučký-12    null
//   1       a1  src-eshop  cust-1    ESHOP-000002    2021-04-07 11:54:23
//   2       e5  src-app    cust-1    APP-000010      2019-06-30 08:00:00
//   3       d4  src-pos    cust-3    POS-000001      2021-04-07 11:54:23
//   4       b2  src-app    cust-2    null            2020-01-01 00:00:00

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { generateRecords } from '../api-server/records.js';
import { startApiServer } from '../api-server/server.js';

const RECORDS = [
  record('c3', 'src-eshop', 'cust-1', 'Žluťoučký-12', null),
  record('a1', 'src-eshop', 'cust-1', 'ESHOP-000002', '2021-04-07 11:54:23'),
  record('e5', 'src-app', 'cust-1', 'APP-000010', '2019-06-30 08:00:00'),
  record('d4', 'src-pos', 'cust-3', 'POS-000001', '2021-04-07 11:54:23'),
  record('b2', 'src-app', 'cust-2', null, '2020-01-01 00:00:00'),
];

const PASSWORD = 'heslo-žluť-🔑';
const TOKEN = 'test-bearer-token';
const RESOURCE = 'customer-source-records';

function record(id, source, customer, externalId, lastChange) {
  return {
    customer_source_record_id: id,
    customer_source_id: source,
    customer_id: customer,
    external_id: externalId,
    last_change: lastChange,
  };
}

function basicHeader(username, password) {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

const BEARER = { Authorization: `Bearer ${TOKEN}` };

async function call(server, pathAndQuery, init = {}) {
  const response = await fetch(`${server.apiRoot}${pathAndQuery}`, {
    ...init,
    headers: init.headers ?? BEARER,
  });
  const text = await response.text();
  return { response, status: response.status, text, json: text ? safeJson(text) : null };
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function idsOf(json) {
  return json.data.customer_source_records.map((item) => item.customer_source_record_id);
}

async function waitFor(condition) {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the fake customer-source-records API', () => {
  let server;

  before(async () => {
    server = await startApiServer({ records: RECORDS, password: PASSWORD, token: TOKEN });
  });
  after(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.resetRequests();
  });

  describe('authorization', () => {
    it('accepts Basic credentials whose password is UTF-8 with non-ASCII characters', async () => {
      const headers = { Authorization: basicHeader('customer_interface', PASSWORD) };
      const { status, json } = await call(server, `/${RESOURCE}`, { headers });
      assert.equal(status, 200);
      assert.equal(json.data.total_items, 5);
    });

    it('accepts a Bearer token, whatever the letter case of the scheme', async () => {
      const lower = { Authorization: `bearer ${TOKEN}` };
      assert.equal((await call(server, `/${RESOURCE}`)).status, 200);
      assert.equal((await call(server, `/${RESOURCE}`, { headers: lower })).status, 200);
    });

    it('refuses a wrong password with 401 in the API error shape, echoing no secret', async () => {
      const headers = { Authorization: basicHeader('customer_interface', 'heslo') };
      const { status, json, text } = await call(server, `/${RESOURCE}`, { headers });
      assert.equal(status, 401);
      assert.deepEqual(Object.keys(json.error), ['type', 'exception', 'title', 'detail']);
      assert.equal(json.error.type, 'unauthorized_exception');
      assert.equal(json.error.exception, 'unauthorized_exception');
      assert.equal(json.error.title, 'Unauthorized');
      assert.ok(!text.includes('heslo'));
    });

    it('refuses a wrong Bearer token, a missing header and another scheme', async () => {
      const cases = [{ Authorization: 'Bearer nope' }, {}, { Authorization: 'Digest abc' }];
      for (const headers of cases) {
        const { status, text } = await call(server, `/${RESOURCE}`, { headers });
        assert.equal(status, 401);
        assert.ok(!text.includes('nope'));
      }
    });

    it('refuses Basic bytes that are not UTF-8 even where lossy decoding would match', async () => {
      // 0xff alone decodes lossily to U+FFFD, the replacement character, which is the password.
      const strict = await startApiServer({ records: RECORDS, password: '\ufffd' });
      const bytes = Buffer.concat([Buffer.from('customer_interface:'), Buffer.from([0xff])]);
      const headers = { Authorization: `Basic ${bytes.toString('base64')}` };
      try {
        assert.equal((await call(strict, `/${RESOURCE}`, { headers })).status, 401);
      } finally {
        await strict.close();
      }
    });

    it('lets requests without credentials through when auth is false', async () => {
      const open = await startApiServer({ records: RECORDS, auth: false });
      try {
        assert.equal((await call(open, `/${RESOURCE}`, { headers: {} })).status, 200);
      } finally {
        await open.close();
      }
    });
  });

  describe('paging and filters', () => {
    it('returns a page from offset and count while total_items counts every match', async () => {
      const { json } = await call(server, `/${RESOURCE}?count=2&offset=1`);
      assert.deepEqual(idsOf(json), ['a1', 'e5']);
      assert.equal(json.data.total_items, 5);
    });

    it('returns 100 records by default and an empty page past the end', async () => {
      const all = await call(server, `/${RESOURCE}`);
      assert.deepEqual(idsOf(all.json), ['c3', 'a1', 'e5', 'd4', 'b2']);
      const past = await call(server, `/${RESOURCE}?offset=7`);
      assert.deepEqual(past.json, { data: { customer_source_records: [], total_items: 5 } });
    });

    it('returns the records with every documented field unchanged', async () => {
      const { json } = await call(server, `/${RESOURCE}?count=1&offset=4`);
      assert.deepEqual(json.data.customer_source_records, [RECORDS[4]]);
    });

    it('combines different filters with AND', async () => {
      const query = 'customer_id=cust-1&customer_source_id=src-eshop';
      const { json } = await call(server, `/${RESOURCE}?${query}`);
      assert.deepEqual(idsOf(json), ['c3', 'a1']);
      assert.equal(json.data.total_items, 2);
    });

    it('matches external_id exactly, including a percent-encoded Czech value', async () => {
      const query = `external_id=${encodeURIComponent('Žluťoučký-12')}`;
      const { json } = await call(server, `/${RESOURCE}?${query}`);
      assert.deepEqual(idsOf(json), ['c3']);
    });

    it('matches any external_ids[] value, with literal or percent-encoded brackets', async () => {
      const literal = 'external_ids[]=POS-000001&external_ids[]=APP-000010&external_ids[]=x';
      const encoded = 'external_ids%5B%5D=POS-000001&external_ids%5B%5D=APP-000010';
      assert.deepEqual(idsOf((await call(server, `/${RESOURCE}?${literal}`)).json), ['e5', 'd4']);
      assert.deepEqual(idsOf((await call(server, `/${RESOURCE}?${encoded}`)).json), ['e5', 'd4']);
    });

    it('ignores external_id when external_ids[] is sent too', async () => {
      const query = 'external_ids[]=POS-000001&external_id=ESHOP-000002';
      assert.deepEqual(idsOf((await call(server, `/${RESOURCE}?${query}`)).json), ['d4']);
    });

    it('accepts 1000 external_ids[] values', async () => {
      const values = Array.from({ length: 999 }, (_, index) => `external_ids[]=X-${index}`);
      const query = [...values, 'external_ids[]=APP-000010'].join('&');
      const { status, json } = await call(server, `/${RESOURCE}?${query}`);
      assert.equal(status, 200);
      assert.deepEqual(idsOf(json), ['e5']);
    });

    it('ignores unknown parameters', async () => {
      const { status, json } = await call(server, `/${RESOURCE}?colour=blue&count=1`);
      assert.equal(status, 200);
      assert.deepEqual(idsOf(json), ['c3']);
    });

    it('filters on the customer named in the per-customer path', async () => {
      const { status, json } = await call(server, `/customers/cust-1/${RESOURCE}?count=2`);
      assert.equal(status, 200);
      assert.deepEqual(idsOf(json), ['c3', 'a1']);
      assert.equal(json.data.total_items, 3);
    });

    it('answers 404 naming the customer when the per-customer path names none', async () => {
      const { status, json } = await call(server, `/customers/cust-9/${RESOURCE}`);
      assert.equal(status, 404);
      const errorData = { resource_name: 'customers', resource_id: 'cust-9' };
      assert.deepEqual(json.error.error_data, errorData);
    });
  });

  describe('sorting', () => {
    const expected = {
      customer_source_record_id: [
        ['a1', 'b2', 'c3', 'd4', 'e5'],
        ['e5', 'd4', 'c3', 'b2', 'a1'],
      ],
      customer_source_id: [
        ['e5', 'b2', 'c3', 'a1', 'd4'],
        ['d4', 'c3', 'a1', 'e5', 'b2'],
      ],
      customer_id: [
        ['c3', 'a1', 'e5', 'b2', 'd4'],
        ['d4', 'b2', 'c3', 'a1', 'e5'],
      ],
      external_id: [
        ['b2', 'e5', 'a1', 'd4', 'c3'],
        ['c3', 'd4', 'a1', 'e5', 'b2'],
      ],
      last_change: [
        ['c3', 'e5', 'b2', 'a1', 'd4'],
        ['a1', 'd4', 'b2', 'e5', 'c3'],
      ],
    };

    for (const [field, [ascending, descending]] of Object.entries(expected)) {
      it(`sorts on ${field} both ways, nulls first when ascending, ties in stored order`, async () => {
        const up = await call(server, `/${RESOURCE}?sort_field=${field}&sort_direction=asc`);
        const down = await call(server, `/${RESOURCE}?sort_field=${field}&sort_direction=DeSc`);
        assert.deepEqual(idsOf(up.json), ascending);
        assert.deepEqual(idsOf(down.json), descending);
      });
    }

    it('sorts ascending when no direction is given', async () => {
      const { json } = await call(server, `/${RESOURCE}?sort_field=customer_id`);
      assert.deepEqual(idsOf(json), ['c3', 'a1', 'e5', 'b2', 'd4']);
    });

    it('pages after sorting, not before', async () => {
      const query = 'sort_field=last_change&sort_direction=DESC&count=2&offset=2';
      assert.deepEqual(idsOf((await call(server, `/${RESOURCE}?${query}`)).json), ['b2', 'e5']);
    });
  });

  describe('invalid parameters', () => {
    it('answers 400 listing every invalid parameter with a documented reason', async () => {
      const query = 'count=0&offset=-1&sort_field=name&sort_direction=up&customer_id=';
      const { status, json } = await call(server, `/${RESOURCE}?${query}`);
      assert.equal(status, 400);
      assert.equal(json.error.type, 'bad_request_exception');
      assert.equal(json.error.exception, 'bad_request_exception');
      assert.equal(json.error.title, 'Bad request');
      const problems = json.error.error_data.invalid_params;
      assert.deepEqual(
        problems.map(({ name, reason, value }) => ({ name, reason, value })),
        [
          { name: 'count', reason: 'not_allowed_value', value: '0' },
          { name: 'offset', reason: 'not_allowed_value', value: '-1' },
          { name: 'sort_field', reason: 'not_allowed_value', value: 'name' },
          { name: 'sort_direction', reason: 'not_allowed_value', value: 'up' },
          { name: 'customer_id', reason: 'empty', value: '' },
        ],
      );
      assert.ok(problems.every((problem) => typeof problem.message === 'string'));
    });

    it('refuses a count that is not an integer as invalid_value_format', async () => {
      for (const count of ['abc', '1.5', '+3', '1e3']) {
        const { status, json } = await call(server, `/${RESOURCE}?count=${count}`);
        assert.equal(status, 400);
        assert.equal(json.error.error_data.invalid_params[0].reason, 'invalid_value_format');
      }
    });

    it('refuses more than 1000 external_ids[] values', async () => {
      const query = Array.from({ length: 1001 }, (_, index) => `external_ids[]=X-${index}`);
      const { status, json } = await call(server, `/${RESOURCE}?${query.join('&')}`);
      assert.equal(status, 400);
      const [problem] = json.error.error_data.invalid_params;
      assert.equal(problem.name, 'external_ids');
      assert.equal(problem.reason, 'not_allowed_value');
    });

    it('refuses an empty external_ids[] value and a bare external_ids parameter', async () => {
      const empty = await call(server, `/${RESOURCE}?external_ids[]=`);
      const bare = await call(server, `/${RESOURCE}?external_ids=POS-000001`);
      assert.equal(empty.json.error.error_data.invalid_params[0].reason, 'empty');
      assert.equal(bare.json.error.error_data.invalid_params[0].reason, 'invalid_value_format');
    });
  });

  describe('routes and headers', () => {
    it('answers success as JSON with max-age=0 and the CORS headers', async () => {
      const { response } = await call(server, `/${RESOURCE}`);
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'max-age=0');
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
    });

    it('puts the CORS headers on errors too', async () => {
      const { response } = await call(server, `/${RESOURCE}`, { headers: {} });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
    });

    it('answers a preflight with 204 and the allowed headers and methods', async () => {
      const { status, response } = await call(server, `/${RESOURCE}`, { method: 'OPTIONS' });
      assert.equal(status, 204);
      assert.equal(
        response.headers.get('access-control-allow-headers'),
        'Authorization, Accept, Accept-Language, Content-Type',
      );
      assert.equal(response.headers.get('access-control-allow-methods'), 'GET, HEAD, OPTIONS');
      assert.equal(server.requests.length, 0);
    });

    it('answers HEAD with the headers of GET and no body', async () => {
      const get = await call(server, `/${RESOURCE}?count=1`);
      const head = await call(server, `/${RESOURCE}?count=1`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
      const length = String(Buffer.byteLength(get.text));
      assert.equal(head.response.headers.get('content-length'), length);
    });

    it('answers 405 naming the method for a POST to the resource', async () => {
      const { status, json, response } = await call(server, `/${RESOURCE}`, { method: 'POST' });
      assert.equal(status, 405);
      assert.equal(json.error.exception, 'method_not_allowed_exception');
      assert.deepEqual(json.error.error_data, { http_method: 'POST' });
      assert.equal(response.headers.get('allow'), 'GET, HEAD, OPTIONS');
    });

    it('answers 404 naming resource and id for an unknown path below the API root', async () => {
      const { status, json } = await call(server, `/${RESOURCE}/a1`);
      assert.equal(status, 404);
      assert.equal(json.error.exception, 'not_found_exception');
      assert.deepEqual(json.error.error_data, { resource_name: RESOURCE, resource_id: 'a1' });
    });

    it('records each request with its raw query and auth scheme but no credentials', async () => {
      const headers = {
        Authorization: basicHeader('customer_interface', PASSWORD),
        Accept: 'application/json',
        'Accept-Language': 'cs, en-gb;q=0.8',
      };
      await call(server, `/${RESOURCE}?external_ids%5B%5D=a&count=1`, { headers });
      assert.deepEqual(server.requests, [
        {
          method: 'GET',
          path: `${new URL(server.apiRoot).pathname}/${RESOURCE}`,
          search: '?external_ids%5B%5D=a&count=1',
          acceptLanguage: 'cs, en-gb;q=0.8',
          accept: 'application/json',
          authScheme: 'Basic',
        },
      ]);
    });
  });

  describe('faults', () => {
    it('answers a 429 fault with an empty body and an exposed Retry-After', async () => {
      server.injectFaults([{ status: 429, headers: { 'Retry-After': '2' } }]);
      const { status, text, response } = await call(server, `/${RESOURCE}`);
      assert.equal(status, 429);
      assert.equal(text, '');
      assert.equal(response.headers.get('retry-after'), '2');
      assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After');
    });

    it('uses each fault for one request, in order, then answers normally', async () => {
      server.injectFaults([{ status: 503 }, { status: 500 }]);
      const statuses = [];
      for (let index = 0; index < 3; index += 1) {
        statuses.push((await call(server, `/${RESOURCE}`)).status);
      }
      assert.deepEqual(statuses, [503, 500, 200]);
    });

    it('gives a 500 fault the API error body', async () => {
      server.injectFaults([{ status: 500 }]);
      const { json } = await call(server, `/${RESOURCE}`);
      assert.equal(json.error.exception, 'internal_server_error_exception');
    });

    it('answers an html fault with a 502 HTML page', async () => {
      server.injectFaults([{ kind: 'html' }]);
      const { status, text, response } = await call(server, `/${RESOURCE}`);
      assert.equal(status, 502);
      assert.match(response.headers.get('content-type'), /^text\/html/);
      assert.match(text, /<html>/);
    });

    it('answers a not-json fault with 200 and a body that does not parse', async () => {
      server.injectFaults([{ kind: 'not-json' }]);
      const { status, text } = await call(server, `/${RESOURCE}`);
      assert.equal(status, 200);
      assert.throws(() => JSON.parse(text), SyntaxError);
    });

    it('cuts a truncated answer so that reading the body fails', async () => {
      server.injectFaults([{ kind: 'truncated' }]);
      const response = await fetch(`${server.apiRoot}/${RESOURCE}`, { headers: BEARER });
      assert.equal(response.status, 200);
      await assert.rejects(response.text(), TypeError);
    });

    it('waits delayMs before answering normally', async () => {
      server.injectFaults([{ delayMs: 200 }]);
      const started = Date.now();
      const { status } = await call(server, `/${RESOURCE}`);
      assert.equal(status, 200);
      assert.ok(Date.now() - started >= 190);
    });

    it('refuses a fault of an unknown kind and queues none of its list', async () => {
      assert.throws(() => server.injectFaults([{ status: 500 }, { kind: 'boom' }]), TypeError);
      assert.equal((await call(server, `/${RESOURCE}`)).status, 200);
    });
  });

  describe('control routes', () => {
    it('queue faults, list requests and clear both over HTTP', async () => {
      const control = `${server.url}/__control`;
      const faults = [{ status: 503 }, { status: 500 }];
      const queued = await fetch(`${control}/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      });
      assert.equal(queued.status, 200);
      assert.equal((await call(server, `/${RESOURCE}`)).status, 503);

      assert.equal((await fetch(`${control}/faults`, { method: 'DELETE' })).status, 204);
      assert.equal((await call(server, `/${RESOURCE}`)).status, 200);

      const listed = await (await fetch(`${control}/requests`)).json();
      assert.deepEqual(
        listed.map((entry) => entry.authScheme),
        ['Bearer', 'Bearer'],
      );
      assert.equal((await fetch(`${control}/requests`, { method: 'DELETE' })).status, 204);
      assert.equal(server.requests.length, 0);
    });

    it('refuse a body that is not a JSON array of faults with 400', async () => {
      const answer = await fetch(`${server.url}/__control/faults`, { method: 'POST', body: '{' });
      assert.equal(answer.status, 400);
    });
  });
});

describe('a server with latency and hung requests', () => {
  it('delays every API request by latencyMs', async () => {
    const server = await startApiServer({ records: RECORDS, auth: false, latencyMs: 150 });
    try {
      const started = Date.now();
      assert.equal((await call(server, `/${RESOURCE}`, { headers: {} })).status, 200);
      assert.ok(Date.now() - started >= 140);
    } finally {
      await server.close();
    }
  });

  it('ends a hung request and a long delay promptly when closed', async () => {
    const server = await startApiServer({ records: RECORDS, auth: false });
    server.injectFaults([{ kind: 'hang' }, { delayMs: 60000 }]);
    const outcomes = Promise.allSettled([
      fetch(`${server.apiRoot}/${RESOURCE}`),
      fetch(`${server.apiRoot}/${RESOURCE}`),
    ]);
    await waitFor(() => server.requests.length === 2);

    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 1000);
    for (const outcome of await outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.ok(outcome.reason instanceof TypeError);
    }
  });
});

describe('generateRecords', () => {
  it('gives the same records for the same seed and different ones for another', () => {
    const first = JSON.stringify(generateRecords({ seed: 42, count: 500 }));
    assert.equal(JSON.stringify(generateRecords({ seed: 42, count: 500 })), first);
    assert.notEqual(JSON.stringify(generateRecords({ seed: 43, count: 500 })), first);
  });

  it('makes records of the documented shape with unique ids', () => {
    const records = generateRecords({ seed: 7, count: 3000 });
    assert.equal(records.length, 3000);
    for (const item of records) {
      assert.deepEqual(Object.keys(item), [
        'customer_source_record_id',
        'customer_source_id',
        'customer_id',
        'external_id',
        'last_change',
      ]);
      assert.match(item.customer_source_record_id, /^[0-9a-f]{20}$/);
      assert.match(item.customer_source_id, /^[0-9a-f]{25}$/);
      assert.match(item.customer_id, /^[0-9a-f]{25}$/);
      if (item.last_change !== null) {
        assert.match(item.last_change, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        assert.ok(item.last_change >= '2019-01-01' && item.last_change < '2026-12-01');
      }
    }
    const unique = (field) => new Set(records.map((item) => item[field])).size;
    assert.equal(unique('customer_source_record_id'), 3000);
    assert.equal(unique('customer_source_id'), 6);
    assert.ok(unique('customer_id') > 800 && unique('customer_id') <= 1000);
  });

  it('leaves about 30 % of external ids and 2 % of times null, with ties and diacritics', () => {
    const records = generateRecords({ seed: 7, count: 3000 });
    const share = (test) => records.filter(test).length / records.length;
    assert.ok(Math.abs(share((item) => item.external_id === null) - 0.3) < 0.04);
    assert.ok(Math.abs(share((item) => item.last_change === null) - 0.02) < 0.01);
    assert.ok(records.some((item) => /[^\x00-\x7f]/.test(item.external_id ?? '')));

    const times = records.map((item) => item.last_change).filter((time) => time !== null);
    assert.ok(new Set(times).size < times.length);
  });
});
