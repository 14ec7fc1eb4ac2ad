// fetchSourceRecords from the built package in pkg/, against the built-in API server on
// loopback: what is sent, what comes back, and every kind of failure.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { generateRecords } from '../api-server/records.js';
import { startApiServer } from '../api-server/server.js';
import { rejection } from './shared/rejection.js';
import { fetchSourceRecords } from '../pkg/node.js';

const FIELDS = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];

let server;
let basic;

before(async () => {
  server = await startApiServer({ password: 'heslo-žluť-🔑' });
  basic = { username: server.credentials.username, password: server.credentials.password };
});
after(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

/** Every string an error exposes: message, stack and each own property. */
function everythingIn(error) {
  const props = Object.getOwnPropertyNames(error).map((key) => JSON.stringify(error[key]));
  return [String(error), error.stack, ...props].join('\n');
}

describe('successful fetches', () => {
  test('the first page matches the server data with the documented defaults', async () => {
    const page = await fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic });
    const expected = generateRecords({ seed: 1, count: 3000 }).slice(0, 100);
    assert.deepEqual(page.records, expected);
    assert.equal(page.totalItems, 3000);
    assert.equal(page.offset, 0);
    assert.equal(page.count, 100);
    assert.equal(page.nextOffset, 100);
  });

  test('a Basic password with non-ASCII characters is sent as UTF-8', async () => {
    const page = await fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic, count: 1 });
    assert.equal(page.records.length, 1);
    assert.equal(server.requests[0].authScheme, 'Basic');
  });

  test('a Bearer token authenticates', async () => {
    const auth = { token: server.credentials.token };
    const page = await fetchSourceRecords({ baseUrl: server.apiRoot, auth, count: 2 });
    assert.equal(page.records.length, 2);
    assert.equal(server.requests[0].authScheme, 'Bearer');
  });

  test('the request keeps the path prefix and sends every parameter encoded', async () => {
    await fetchSourceRecords({
      baseUrl: `${server.apiRoot}/`,
      auth: basic,
      language: 'en',
      count: 5,
      offset: 10,
      sortField: 'last_change',
      sortDirection: 'desc',
      customerId: 'a&b c',
      externalId: 'Ž#1',
      externalIds: ['x+y', 'z'],
      customerSourceId: 's/1',
    });
    const [sent] = server.requests;
    assert.equal(sent.path, '/webservice/rest-api/customer-interface/v1.0/customer-source-records');
    assert.equal(
      sent.search,
      '?count=5&offset=10&sort_field=last_change&sort_direction=DESC&customer_id=a%26b%20c' +
        '&external_id=%C5%BD%231&customer_source_id=s%2F1&external_ids[]=x%2By&external_ids[]=z',
    );
    assert.equal(sent.acceptLanguage, 'en');
    assert.equal(sent.accept, 'application/json');
  });

  test('the documented Accept-Language default is sent', async () => {
    await fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic, count: 1 });
    assert.equal(server.requests[0].acceptLanguage, 'cs, en-gb;q=0.8');
  });

  test('the last page is short and has no next offset', async () => {
    const page = await fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic, offset: 2950 });
    assert.equal(page.records.length, 50);
    assert.equal(page.nextOffset, null);
  });

  test('filters and sorting reach the server', async () => {
    const all = generateRecords({ seed: 1, count: 3000 });
    const customer = all[7].customer_id;
    const page = await fetchSourceRecords({
      baseUrl: server.apiRoot,
      auth: basic,
      customerId: customer,
      sortField: 'customer_source_record_id',
      sortDirection: 'DESC',
    });
    const expected = all
      .filter((record) => record.customer_id === customer)
      .map((record) => record.customer_source_record_id)
      .sort()
      .reverse();
    assert.deepEqual(
      page.records.map((record) => record.customer_source_record_id),
      expected,
    );
    assert.equal(page.totalItems, expected.length);
  });

  test('external ids match any of the values', async () => {
    const withIds = generateRecords({ seed: 1, count: 3000 }).filter((r) => r.external_id);
    const wanted = [withIds[0].external_id, withIds[5].external_id, 'no-such-id'];
    const page = await fetchSourceRecords({
      baseUrl: server.apiRoot,
      auth: basic,
      externalIds: wanted,
    });
    assert.ok(page.records.length >= 2);
    for (const record of page.records) {
      assert.ok(wanted.includes(record.external_id));
    }
  });
});

describe('decoding what the server sends', () => {
  let custom;
  const odd = [
    {
      customer_source_record_id: 'r1',
      customer_source_id: 's1',
      customer_id: 'c1',
      brand_new_field: { nested: true },
    },
    {
      customer_source_record_id: 'r2🔑',
      customer_source_id: 's2',
      customer_id: 'Žluťoučký',
      external_id: 'e2',
      last_change: null,
    },
  ];

  before(async () => {
    custom = await startApiServer({ records: odd, auth: false });
  });
  after(() => custom.close());

  test('missing and null fields become null and unknown fields are dropped', async () => {
    const page = await fetchSourceRecords({ baseUrl: custom.apiRoot });
    assert.deepEqual(page.records, [
      {
        customer_source_record_id: 'r1',
        customer_source_id: 's1',
        customer_id: 'c1',
        external_id: null,
        last_change: null,
      },
      {
        customer_source_record_id: 'r2🔑',
        customer_source_id: 's2',
        customer_id: 'Žluťoučký',
        external_id: 'e2',
        last_change: null,
      },
    ]);
    assert.deepEqual(Object.keys(page.records[0]), FIELDS);
  });

  test('a record of the wrong type is a DecodeError naming the field', async () => {
    const broken = await startApiServer({
      auth: false,
      records: [{ ...odd[1] }, { ...odd[0], customer_id: 42 }],
    });
    try {
      const error = await rejection(fetchSourceRecords({ baseUrl: broken.apiRoot }));
      assert.equal(error.name, 'DecodeError');
      assert.equal(error.code, 'ERR_DECODE');
      assert.equal(error.field, 'data.customer_source_records[1].customer_id');
      assert.equal(error.status, 200);
    } finally {
      await broken.close();
    }
  });
});

describe('errors', () => {
  test('a wrong password is an HttpError 401 that never shows the password', async () => {
    const secret = 'not-the-password-🔑';
    const auth = { username: 'customer_interface', password: secret };
    const error = await rejection(fetchSourceRecords({ baseUrl: server.apiRoot, auth }));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'HttpError');
    assert.equal(error.code, 'ERR_HTTP_STATUS');
    assert.equal(error.status, 401);
    assert.equal(error.exception, 'unauthorized_exception');
    assert.match(error.message, /^server answered 401/);
    assert.match(error.message, /check auth/);
    const exposed = everythingIn(error);
    assert.ok(!exposed.includes(secret));
    assert.ok(!exposed.includes(Buffer.from(`customer_interface:${secret}`).toString('base64')));
  });

  test('a wrong token never shows the token', async () => {
    const token = 'wrong-token-c0ffee';
    const error = await rejection(fetchSourceRecords({ baseUrl: server.apiRoot, auth: { token } }));
    assert.equal(error.status, 401);
    assert.ok(!everythingIn(error).includes(token));
  });

  test('a 400 carries the API title, detail and invalid params', async () => {
    server.injectFaults([{ status: 400 }]);
    const error = await rejection(fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic }));
    assert.equal(error.name, 'HttpError');
    assert.equal(error.status, 400);
    assert.equal(error.exception, 'bad_request_exception');
    assert.equal(typeof error.title, 'string');
    assert.ok(Array.isArray(error.invalidParams));
  });

  test('a 404 for a wrong base path carries the resource in errorData', async () => {
    const baseUrl = `${server.apiRoot}/nope`;
    const error = await rejection(fetchSourceRecords({ baseUrl, auth: basic }));
    assert.equal(error.status, 404);
    assert.match(error.message, /check baseUrl/);
    assert.equal(typeof error.errorData, 'object');
  });

  for (const [fault, status] of [
    [{ status: 429 }, 429],
    [{ status: 503 }, 503],
    [{ kind: 'html' }, 502],
  ]) {
    test(`a ${status} answer without the API's body rejects with status ${status}`, async () => {
      server.injectFaults([fault]);
      const query = { baseUrl: server.apiRoot, auth: basic, retry: { retries: 0 } };
      const error = await rejection(fetchSourceRecords(query));
      assert.equal(error.name, status === 429 ? 'RateLimitError' : 'HttpError');
      assert.equal(error.status, status);
      assert.equal(error.type, null);
    });
  }

  test('a 403 carries the code the API puts in type', async () => {
    server.injectFaults([{ status: 403 }]);
    const error = await rejection(fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic }));
    assert.equal(error.name, 'HttpError');
    assert.equal(error.status, 403);
    assert.equal(error.type, 'interface_not_allowed_exception');
    assert.equal(server.requests.length, 1);
  });

  test('a body that is not JSON is a DecodeError without a field', async () => {
    server.injectFaults([{ kind: 'not-json' }]);
    const error = await rejection(fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic }));
    assert.equal(error.name, 'DecodeError');
    assert.equal(error.field, null);
    assert.equal(error.message, 'unexpected response: the body is not valid JSON');
  });

  test('a body cut short rejects as a decode or network error', async () => {
    server.injectFaults([{ kind: 'truncated' }]);
    const query = { baseUrl: server.apiRoot, auth: basic, retry: { retries: 0 } };
    const error = await rejection(fetchSourceRecords(query));
    assert.ok(['DecodeError', 'NetworkError'].includes(error.name), error.name);
  });

  test('a refused connection is a NetworkError', async () => {
    const closed = await startApiServer();
    const baseUrl = closed.apiRoot;
    await closed.close();
    const error = await rejection(fetchSourceRecords({ baseUrl, retry: { retries: 0 } }));
    assert.equal(error.name, 'NetworkError');
    assert.equal(error.code, 'ERR_NETWORK');
  });

  test('the module keeps working after every kind of failure', async () => {
    server.injectFaults([{ kind: 'not-json' }, { status: 503 }]);
    const noRetry = { baseUrl: server.apiRoot, auth: basic, retry: { retries: 0 } };
    await rejection(fetchSourceRecords(noRetry));
    await rejection(fetchSourceRecords(noRetry));
    await rejection(fetchSourceRecords({ baseUrl: 'nope' }));
    const page = await fetchSourceRecords({ baseUrl: server.apiRoot, auth: basic, count: 3 });
    assert.equal(page.records.length, 3);
  });
});

describe('invalid queries reject before anything is sent', () => {
  const base = () => ({ baseUrl: server.apiRoot, auth: basic });
  const cases = [
    ['no query at all', () => undefined, 'query'],
    ['a missing baseUrl', () => ({ count: 5 }), 'baseUrl'],
    ['a relative baseUrl', () => ({ baseUrl: '/rest-api/v1.0' }), 'baseUrl'],
    ['an ftp baseUrl', () => ({ baseUrl: 'ftp://example.test/v1' }), 'baseUrl'],
    ['a fractional count', () => ({ ...base(), count: 2.5 }), 'count'],
    ['a zero count', () => ({ ...base(), count: 0 }), 'count'],
    ['a NaN offset', () => ({ ...base(), offset: Number.NaN }), 'offset'],
    ['a negative offset', () => ({ ...base(), offset: -1 }), 'offset'],
    ['a count given as a string', () => ({ ...base(), count: '10' }), 'count'],
    ['an unknown sortField', () => ({ ...base(), sortField: 'name' }), 'sortField'],
    ['a bad sortDirection', () => ({ ...base(), sortDirection: 'up' }), 'sortDirection'],
    ['an empty customerId', () => ({ ...base(), customerId: '' }), 'customerId'],
    ['an empty customerSourceId', () => ({ ...base(), customerSourceId: '' }), 'customerSourceId'],
    [
      'more than 1000 externalIds',
      () => ({ ...base(), externalIds: Array.from({ length: 1001 }, (_, i) => `e${i}`) }),
      'externalIds',
    ],
    [
      'a user name containing a colon',
      () => ({ ...base(), auth: { username: 'a:b', password: 'p' } }),
      'auth.username',
    ],
    ['a snake_case option', () => ({ ...base(), sort_field: 'customer_id' }), 'sort_field'],
  ];

  for (const [what, makeQuery, field] of cases) {
    test(`${what} is an InvalidQueryError on ${field}`, async () => {
      const error = await rejection(fetchSourceRecords(makeQuery()));
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'InvalidQueryError');
      assert.equal(error.code, 'ERR_INVALID_QUERY');
      assert.equal(error.field, field);
      assert.equal(server.requests.length, 0);
    });
  }

  test('a snake_case option names the right spelling', async () => {
    const error = await rejection(fetchSourceRecords({ ...base(), customer_id: 'c' }));
    assert.equal(error.message, 'unknown option customer_id; did you mean customerId?');
  });

  test('a rejected password is never echoed', async () => {
    const auth = { username: 'u', password: 'pw-hidden-42', token: 'tk-hidden-42' };
    const error = await rejection(fetchSourceRecords({ baseUrl: server.apiRoot, auth }));
    assert.equal(error.name, 'InvalidQueryError');
    const exposed = everythingIn(error);
    assert.ok(!exposed.includes('pw-hidden-42') && !exposed.includes('tk-hidden-42'));
  });
});
