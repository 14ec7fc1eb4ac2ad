// Callers' objects that throw when read (getters, revoked Proxies, cycles) and polluted
// prototypes. Each reading happens in JS inside a try, never with wasm code on the stack: an
// exception unwinding through wasm skipped restoring its stack, and after about 1,400 such calls
// every call failed with "memory access out of bounds".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startApiServer } from '../api-server/server.js';
import {
  fetchAllSourceRecords,
  fetchSourceRecords,
  filterRecords,
  RecordSet,
  sortRecords,
  sourceRecordsUrl,
} from '../pkg/node.js';

let server;

before(async () => {
  server = await startApiServer({ auth: false, recordCount: 50 });
});
after(() => server.close());

function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function throwingGetter(key) {
  return Object.defineProperty({ baseUrl: 'http://127.0.0.1/api' }, key, {
    enumerable: true,
    get() {
      throw new Error('secret-in-caller-message');
    },
  });
}

function assertUnreadable(error, field) {
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'InvalidQueryError');
  assert.equal(error.field, field);
  assert.match(error.message, /could not be read/);
  assert.doesNotMatch(error.message, /secret-in-caller-message/);
}

test('a throwing getter in a query rejects instead of escaping', async () => {
  await assert.rejects(fetchSourceRecords(throwingGetter('count')), (error) => {
    assertUnreadable(error, 'query');
    return true;
  });
  await assert.rejects(fetchAllSourceRecords({ baseUrl: server.apiRoot }, revoked()), (error) => {
    assertUnreadable(error, 'options');
    return true;
  });
});

test('thousands of throwing reads leave the module working', () => {
  for (let i = 0; i < 3000; i += 1) {
    assert.throws(() => sourceRecordsUrl(revoked()), { name: 'InvalidQueryError' });
    assert.throws(() => filterRecords([], throwingGetter('search')), { name: 'InvalidQueryError' });
  }
  const sorted = sortRecords([{ customer_id: 'b' }, { customer_id: 'a' }], 'customer_id');
  assert.deepEqual(
    sorted.map((record) => record.customer_id),
    ['a', 'b'],
  );
});

test('records that throw when read are named, and a set survives a bad filter', () => {
  const records = new Proxy([{ customer_id: 'a' }], {
    get(target, key) {
      if (key === '0') throw new Error('no');
      return Reflect.get(target, key);
    },
  });
  assert.throws(
    () => sortRecords(records, 'customer_id'),
    (error) => {
      assertUnreadable(error, 'records');
      return true;
    },
  );
  const set = RecordSet.fromRecords([{ customer_source_record_id: 'r', customer_id: 'a' }]);
  assert.throws(() => set.filter(revoked()), { name: 'InvalidQueryError' });
  assert.equal(set.length, 1);
  set.free();
});

test('a key inherited from a polluted Object.prototype is not part of a filter', () => {
  const records = [{ customer_id: 'a' }, { customer_id: 'b' }];
  Object.prototype.customerId = 'b';
  try {
    const matched = filterRecords(records, { search: '' });
    assert.deepEqual(
      matched.map((record) => record.customer_id),
      ['a', 'b'],
    );
  } finally {
    delete Object.prototype.customerId;
  }
});

test('a filter is read once: what is checked is what is matched', () => {
  let reads = 0;
  const filter = {
    get customerId() {
      reads += 1;
      return reads === 1 ? 'a' : 42;
    },
  };
  const matched = filterRecords([{ customer_id: 'a' }, { customer_id: 'b' }], filter);
  assert.deepEqual(
    matched.map((record) => record.customer_id),
    ['a'],
  );
  assert.equal(reads, 1);
});

test('a lone surrogate in a query value is rejected rather than sent as U+FFFD', async () => {
  await assert.rejects(
    fetchSourceRecords({ baseUrl: server.apiRoot, customerId: 'abc\ud800' }),
    (error) => {
      assert.equal(error.name, 'InvalidQueryError');
      assert.equal(error.field, 'customerId');
      return true;
    },
  );
  const auth = { username: 'customer_interface', password: 'pw\udc00' };
  assert.throws(() => sourceRecordsUrl({ baseUrl: server.apiRoot, auth }), {
    name: 'InvalidQueryError',
  });
  assert.equal(server.requests.length, 0);
  const page = await fetchSourceRecords({ baseUrl: server.apiRoot, customerId: 'abc\u{1F511}' });
  assert.equal(page.records.length, 0);
});

test('a lone surrogate in a filter never matches U+FFFD', () => {
  // JS never finds '\ud800' equal to, or inside, '\ufffd'; a filter read through a lossy
  // conversion to Rust text would. Rejecting the filter would be right too; matching is not.
  const record = (id, customerId) => ({
    customer_source_record_id: id,
    customer_source_id: 's',
    customer_id: customerId,
  });
  const records = [record('r0', '\ufffd'), record('r1', 'x\ufffdy')];
  const matched = (filter) => {
    try {
      return filterRecords(records, filter).map((found) => found.customer_source_record_id);
    } catch (error) {
      assert.equal(error.name, 'InvalidQueryError');
      return [];
    }
  };
  assert.deepEqual(matched({ search: '\udc00' }), []);
  assert.deepEqual(matched({ customerId: '\ud800' }), []);
  const set = RecordSet.fromRecords(records);
  const inSet = (filter) => {
    try {
      const view = set.filter(filter);
      const ids = view.toArray().map((found) => found.customer_source_record_id);
      view.free();
      return ids;
    } catch (error) {
      assert.equal(error.name, 'InvalidQueryError');
      return [];
    }
  };
  assert.deepEqual(inSet({ customerId: '\ud800' }), []);
  assert.deepEqual(inSet({ search: 'x\udc00' }), []);
  set.free();
});
