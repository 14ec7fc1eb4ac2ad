// sortRecords and filterRecords from the built package: random records against the plain-JS
// references in tests/shared (the same module a browser page can run), then the named cases.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';

import { filterRecords, sortRecords } from '../pkg/node.js';
import { runSortFilterProperties } from './shared/sort-filter-properties.js';

function record(id, fields = {}) {
  return {
    customer_source_record_id: id,
    customer_source_id: 's',
    customer_id: 'c',
    external_id: null,
    last_change: null,
    ...fields,
  };
}

const ids = (records) => records.map((each) => each.customer_source_record_id);

function invalid(run, field) {
  assert.throws(run, (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'InvalidQueryError');
    assert.equal(error.code, 'ERR_INVALID_QUERY');
    assert.equal(error.field, field);
    return true;
  });
}

describe('against the plain-JS reference', () => {
  test('random records sort and filter exactly like the reference', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      runSortFilterProperties({ sortRecords, filterRecords }, { runs: 300, seed });
    }
  });
});

describe('sortRecords', () => {
  test('Czech order puts ch after h whatever the default locale', () => {
    const words = ['chata', 'hrad', 'cihla', 'čáp', 'Hora', 'zebra'];
    const records = words.map((word, i) => record(`r${i}`, { customer_id: word }));
    const sorted = sortRecords(records, 'customer_id', { locale: 'cs' });
    // Worked out from the Czech alphabet: c, č, ..., h, ch, ..., z; lowercase before uppercase.
    assert.deepEqual(
      sorted.map((each) => each.customer_id),
      ['cihla', 'čáp', 'Hora', 'hrad', 'chata', 'zebra'],
    );
    const plain = sortRecords(records, 'customer_id');
    assert.deepEqual(
      plain.map((each) => each.customer_id),
      ['Hora', 'chata', 'cihla', 'hrad', 'zebra', 'čáp'],
    );
  });

  test("default order is JavaScript's: astral characters before U+E000", () => {
    const records = [record('a', { customer_id: '\ue000' }), record('b', { customer_id: '😀' })];
    assert.deepEqual(ids(sortRecords(records, 'customer_id')), ['b', 'a']);
  });

  test('a descending sort keeps ties in input order, it is not a reversed ascending one', () => {
    const records = [
      record('1', { customer_id: 'x' }),
      record('2', { customer_id: 'y' }),
      record('3', { customer_id: 'x' }),
      record('4', { customer_id: 'y' }),
    ];
    const descending = sortRecords(records, { field: 'customer_id', direction: 'DESC' });
    assert.deepEqual(ids(descending), ['2', '4', '1', '3']);
  });

  test('nulls and missing values go last in both directions, or first when asked', () => {
    const records = [
      record('1', { external_id: 'b' }),
      record('2'),
      record('3', { external_id: 'a' }),
      { customer_source_record_id: '4' },
    ];
    for (const direction of ['ASC', 'desc']) {
      const values = direction === 'ASC' ? ['3', '1'] : ['1', '3'];
      const key = { field: 'external_id', direction };
      assert.deepEqual(ids(sortRecords(records, key)), [...values, '2', '4']);
      assert.deepEqual(ids(sortRecords(records, key, { nulls: 'first' })), ['2', '4', ...values]);
      assert.deepEqual(ids(sortRecords(records, key, { nulls: 'first', locale: 'cs' })), [
        '2',
        '4',
        ...values,
      ]);
    }
  });

  test('several keys sort ties of the first by the next', () => {
    const records = [
      record('1', { customer_id: 'b', last_change: '2024-01-01 00:00:00' }),
      record('2', { customer_id: 'a', last_change: '2024-01-01 00:00:00' }),
      record('3', { customer_id: 'b', last_change: '2024-02-01 00:00:00' }),
    ];
    const keys = ['customer_id', { field: 'last_change', direction: 'desc' }];
    assert.deepEqual(ids(sortRecords(records, keys)), ['2', '3', '1']);
  });

  test('the input is left untouched; the result is a new array of the same objects', () => {
    const records = [record('2', { customer_id: 'b' }), record('1', { customer_id: 'a' })];
    const copy = records.slice();
    const sorted = sortRecords(records, 'customer_id');
    assert.deepEqual(records, copy);
    assert.equal(sorted[0], records[1]);
    assert.notEqual(sorted, records);
  });

  test('bad keys, options and records are rejected with the field at fault', () => {
    const records = [record('1')];
    invalid(() => sortRecords(records, 'customerId'), 'keys');
    invalid(
      () => sortRecords(records, [{ field: 'customer_id', direction: 'up' }]),
      'keys[0].direction',
    );
    invalid(() => sortRecords(records, 'customer_id', { nulls: 'middle' }), 'nulls');
    invalid(() => sortRecords(records, 'customer_id', { locale: 'not a locale' }), 'locale');
    invalid(() => sortRecords(records, 'customer_id', { order: 'x' }), 'order');
    invalid(() => sortRecords('records', 'customer_id'), 'records');
    invalid(() => sortRecords([record('1'), 5], 'customer_id'), 'records[1]');
    invalid(
      () => sortRecords([record('1', { customer_id: 7 })], 'customer_id'),
      'records[0].customer_id',
    );
    invalid(
      () => sortRecords([record('1', { customer_id: 'a\ud800' })], 'customer_id'),
      'records[0].customer_id',
    );
  });
});

describe('filterRecords', () => {
  const day = [
    record('before', { last_change: '2024-03-09 23:59:59' }),
    record('first second', { last_change: '2024-03-10 00:00:00' }),
    record('last second', { last_change: '2024-03-10 23:59:59' }),
    record('after', { last_change: '2024-03-11 00:00:00' }),
    record('never', { last_change: null }),
  ];

  test('a bare date covers its whole day, both bounds inclusive', () => {
    const matched = filterRecords(day, { changedFrom: '2024-03-10', changedTo: '2024-03-10' });
    assert.deepEqual(ids(matched), ['first second', 'last second']);
    const to = filterRecords(day, { changedTo: '2024-03-10 00:00:00' });
    assert.deepEqual(ids(to), ['before', 'first second']);
  });

  test('date bounds give the same records in every time zone', () => {
    const script = `
      import { filterRecords } from './pkg/node.js';
      const day = ${JSON.stringify(day)};
      const matched = filterRecords(day, { changedFrom: '2024-03-10', changedTo: '2024-03-10' });
      console.log(JSON.stringify([new Date(2024, 2, 10).getTimezoneOffset(),
        matched.map((each) => each.customer_source_record_id)]));`;
    const offsets = new Set();
    for (const zone of ['Pacific/Kiritimati', 'America/St_Johns', 'UTC', 'Asia/Kathmandu']) {
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: new URL('..', import.meta.url),
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      const [offset, matched] = JSON.parse(output);
      offsets.add(offset);
      assert.deepEqual(matched, ['first second', 'last second'], zone);
    }
    assert.equal(offsets.size, 4, 'each child really ran in a different zone');
  });

  test('ids match any of theirs, keys combine with AND, search ignores case', () => {
    const records = [
      record('1', { customer_id: 'a', external_id: 'Žluť' }),
      record('2', { customer_id: 'b', external_id: 'x' }),
      record('3', { customer_id: 'a' }),
    ];
    assert.deepEqual(ids(filterRecords(records, { customerId: ['a', 'z'] })), ['1', '3']);
    assert.deepEqual(ids(filterRecords(records, { customerId: 'a', hasExternalId: true })), ['1']);
    assert.deepEqual(ids(filterRecords(records, { search: 'žLUŤ' })), ['1']);
    assert.deepEqual(ids(filterRecords(records, { customerId: [] })), []);
  });

  test('an unknown key, a malformed date or a wrong type is rejected', () => {
    invalid(() => filterRecords(day, { customer_id: 'a' }), 'customer_id');
    invalid(() => filterRecords(day, { changedFrom: '2024-02-30' }), 'changedFrom');
    invalid(() => filterRecords(day, { changedTo: '10.3.2024' }), 'changedTo');
    invalid(() => filterRecords(day, { hasExternalId: 'yes' }), 'hasExternalId');
    invalid(() => filterRecords(day, { externalId: ['a', 1] }), 'externalId[1]');
    invalid(() => filterRecords(day, null), 'filter');
    // Numbers that are not whole take another path into wasm than whole ones; both are named.
    invalid(() => filterRecords(day, { externalId: ['a', 1.5] }), 'externalId[1]');
    invalid(() => filterRecords(day, { customerId: 2 ** 60 }), 'customerId');
    // An unknown key is named whatever its value, undefined included (JSON.stringify drops it).
    invalid(() => filterRecords(day, { customer_id: null }), 'customer_id');
    invalid(() => filterRecords(day, { customer_id: undefined }), 'customer_id');
  });

  test('values that are not text never match, as in plain JS, and a non-record is named', () => {
    const records = [record('1', { customer_id: 'a' }), record('2', { customer_id: 42 })];
    assert.deepEqual(ids(filterRecords(records, { customerId: ['a', '42'] })), ['1']);
    const dated = [
      record('1', { last_change: '2020-01-01 00:00:00' }),
      record('2', { last_change: new Date(0) }),
    ];
    assert.deepEqual(ids(filterRecords(dated, { changedFrom: '1970-01-01' })), ['1']);
    invalid(() => filterRecords([record('1'), 7], { search: 'x' }), 'records[1]');
    invalid(() => filterRecords([null], { customerId: 'a' }), 'records[0]');
  });
});
