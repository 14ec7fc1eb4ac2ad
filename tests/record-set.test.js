// RecordSet from the built package: random records against the plain-JS references, building
// from pages, JSON bodies and arrays, and a tight synchronous loop that must not grow memory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { generateRecords } from '../api-server/records.js';
import { RecordSet, wasmMemoryBytes } from '../pkg/node.js';
import { runSortFilterProperties } from './shared/sort-filter-properties.js';

function body(records) {
  return JSON.stringify({ data: { customer_source_records: records, total_items: 99 } });
}

describe('against the plain-JS reference', () => {
  test('random records sort, filter, slice and count exactly like the reference', () => {
    for (const seed of [11, 12, 13]) runSortFilterProperties({ RecordSet }, { runs: 200, seed });
  });
});

describe('building a RecordSet', () => {
  const records = generateRecords({ seed: 3, count: 50 });

  test('from a JSON body as text, bytes or ArrayBuffer, with the same records', () => {
    const bytes = new TextEncoder().encode(body(records));
    for (const source of [body(records), bytes, bytes.buffer]) {
      const set = RecordSet.fromJson(source);
      assert.deepEqual(set.toArray(), records);
      set.free();
    }
  });

  test('from one page or several, in order', () => {
    const pages = [{ records: records.slice(0, 20) }, { records: records.slice(20) }];
    const fromPages = RecordSet.fromPages(pages);
    const fromOne = RecordSet.fromPages(pages[0]);
    assert.deepEqual(fromPages.toArray(), records);
    assert.equal(fromOne.length, 20);
    fromPages.free();
    fromOne.free();
  });

  test('a body that is not a page rejects with a DecodeError naming the field', () => {
    const broken = body(records).replace('"customer_id":"', '"customer_id":7,"x":"');
    assert.throws(
      () => RecordSet.fromJson(broken),
      (error) => {
        assert.equal(error.name, 'DecodeError');
        assert.equal(error.field, 'data.customer_source_records[0].customer_id');
        return true;
      },
    );
    assert.throws(() => RecordSet.fromJson(42), { name: 'InvalidQueryError', field: 'body' });
    assert.throws(() => RecordSet.fromPages([{ items: [] }]), {
      name: 'InvalidQueryError',
      field: 'pages[0].records',
    });
  });
});

describe('reading a RecordSet', () => {
  const records = generateRecords({ seed: 4, count: 30 });

  test('slice reads start and end like Array.prototype.slice', () => {
    const set = RecordSet.fromRecords(records);
    for (const [start, end] of [[], [5], [-3], [2, 7], [-8, -2], [7, 2], [0, 1000]]) {
      assert.deepEqual(set.slice(start, end), records.slice(start, end), `${start}, ${end}`);
    }
    set.free();
  });

  test('countBy gives a plain object, keeping a __proto__ value as an own key', () => {
    const set = RecordSet.fromRecords([
      { customer_id: '__proto__' },
      { customer_id: 'b' },
      { customer_id: '__proto__' },
      { customer_id: null },
    ]);
    const counts = set.countBy('customer_id');
    assert.equal(Object.getPrototypeOf(counts), Object.prototype);
    assert.deepEqual(Object.entries(counts), [
      ['__proto__', 2],
      ['b', 1],
    ]);
    assert.throws(() => set.countBy('customerId'), { name: 'InvalidQueryError', field: 'field' });
    set.free();
  });

  test('a bad filter or sort key throws and leaves the set as it was', () => {
    const set = RecordSet.fromRecords(records);
    assert.throws(() => set.filter({ changedFrom: '2024-13-01' }), { field: 'changedFrom' });
    assert.throws(() => set.sort('nope'), { name: 'InvalidQueryError', field: 'keys' });
    assert.deepEqual(set.toArray(), records);
    set.free();
  });
});

test('sort, filter, slice, countBy and free in a tight loop do not grow wasm memory', () => {
  const records = generateRecords({ seed: 5, count: 20_000 });
  const set = RecordSet.fromJson(body(records));
  const round = () => {
    const filtered = set.filter({ hasExternalId: true, search: 'a' });
    const sorted = filtered.sort([{ field: 'last_change', direction: 'desc' }, 'customer_id']);
    const collated = set.sort('external_id', { locale: 'cs', nulls: 'first' });
    sorted.slice(0, 50);
    collated.slice(-50);
    sorted.countBy('customer_source_id');
    filtered.free();
    sorted.free();
    collated.free();
  };
  for (let i = 0; i < 20; i += 1) round();
  const settled = wasmMemoryBytes();
  for (let i = 0; i < 300; i += 1) round();
  assert.equal(wasmMemoryBytes(), settled);
  set.free();
});
