// Retries, Retry-After, time limits, cancellation and paging, against the built-in API's fault
// modes. Waits are kept short with small delays instead of the 1 s default backoff.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { generateRecords } from '../api-server/records.js';
import { startApiServer } from '../api-server/server.js';
import { rejection } from './shared/rejection.js';
import {
  fetchAllSourceRecords,
  fetchSourceRecords,
  RecordSet,
  sourceRecordPages,
} from '../pkg/node.js';

let server;
let base;

before(async () => {
  server = await startApiServer({ auth: false, recordCount: 2500 });
  base = { baseUrl: server.apiRoot, retry: { delayMs: 10 } };
});
after(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

function recordRetries() {
  const retries = [];
  return { retries, onRetry: (info) => retries.push(info) };
}

describe('retries', () => {
  for (const status of [429, 500, 502, 503, 504]) {
    test(`a ${status} is retried and the next answer is used`, async () => {
      server.injectFaults([{ status }]);
      const { retries, onRetry } = recordRetries();
      const page = await fetchSourceRecords({ ...base, count: 5, onRetry });
      assert.equal(page.records.length, 5);
      assert.equal(server.requests.length, 2);
      assert.equal(retries.length, 1);
      assert.equal(retries[0].attempt, 1);
      assert.equal(retries[0].status, status);
      assert.equal(retries[0].error.status, status);
    });
  }

  for (const status of [400, 401, 403, 404, 405]) {
    test(`a ${status} is never retried`, async () => {
      server.injectFaults([{ status }]);
      const { retries, onRetry } = recordRetries();
      const error = await rejection(fetchSourceRecords({ ...base, onRetry }));
      assert.equal(error.status, status);
      assert.equal(server.requests.length, 1);
      assert.equal(retries.length, 0);
    });
  }

  test('three retries by default, then the last error', async () => {
    server.injectFaults([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const { retries, onRetry } = recordRetries();
    const error = await rejection(fetchSourceRecords({ ...base, onRetry }));
    assert.equal(error.status, 503);
    assert.equal(server.requests.length, 4);
    assert.deepEqual(
      retries.map((retry) => retry.attempt),
      [1, 2, 3],
    );
  });

  test('backoff doubles from delayMs with at most 20 % jitter', async () => {
    server.injectFaults([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const { retries, onRetry } = recordRetries();
    await fetchSourceRecords({ ...base, count: 1, retry: { delayMs: 40 }, onRetry });
    const delays = retries.map((retry) => retry.delayMs);
    const bases = [40, 80, 160];
    delays.forEach((delay, index) => {
      assert.ok(delay >= bases[index] * 0.8 && delay <= bases[index] * 1.2, `${delays}`);
    });
  });

  test('retries: 0 turns retrying off', async () => {
    server.injectFaults([{ status: 503 }]);
    const error = await rejection(fetchSourceRecords({ ...base, retry: { retries: 0 } }));
    assert.equal(error.status, 503);
    assert.equal(server.requests.length, 1);
  });

  test('a refused connection is retried, then rejects as a NetworkError', async () => {
    const closed = await startApiServer();
    await closed.close();
    const { retries, onRetry } = recordRetries();
    const error = await rejection(
      fetchSourceRecords({ baseUrl: closed.apiRoot, retry: { delayMs: 5 }, onRetry }),
    );
    assert.equal(error.name, 'NetworkError');
    assert.deepEqual(
      retries.map((retry) => retry.reason),
      ['ERR_NETWORK', 'ERR_NETWORK', 'ERR_NETWORK'],
    );
  });
});

describe('Retry-After', () => {
  test('delay-seconds wins over the backoff', async () => {
    server.injectFaults([{ status: 429, headers: { 'Retry-After': '1' } }]);
    const { retries, onRetry } = recordRetries();
    await fetchSourceRecords({ ...base, count: 1, onRetry });
    assert.equal(retries[0].delayMs, 1000);
    assert.equal(server.requests.length, 2);
  });

  test('an HTTP-date is a wait until that moment', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    server.injectFaults([{ status: 503, headers: { 'Retry-After': inTwoSeconds } }]);
    const { retries, onRetry } = recordRetries();
    await fetchSourceRecords({ ...base, count: 1, onRetry });
    // The date has whole seconds, so the wait is between 1 and 2 seconds.
    assert.ok(retries[0].delayMs > 900 && retries[0].delayMs <= 2000, `${retries[0].delayMs}`);
  });

  test('a date in the past means retry now', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    server.injectFaults([{ status: 429, headers: { 'Retry-After': past } }]);
    const { retries, onRetry } = recordRetries();
    await fetchSourceRecords({ ...base, count: 1, onRetry });
    assert.equal(retries[0].delayMs, 0);
  });

  test('without Retry-After the backoff applies', async () => {
    server.injectFaults([{ status: 429 }]);
    const { retries, onRetry } = recordRetries();
    await fetchSourceRecords({ ...base, count: 1, retry: { delayMs: 50 }, onRetry });
    assert.ok(retries[0].delayMs >= 40 && retries[0].delayMs <= 60);
  });

  test('a wait beyond maxDelayMs fails at once with the requested wait', async () => {
    server.injectFaults([{ status: 429, headers: { 'Retry-After': '3600' } }]);
    const { retries, onRetry } = recordRetries();
    const error = await rejection(fetchSourceRecords({ ...base, onRetry }));
    assert.equal(error.name, 'RateLimitError');
    assert.equal(error.code, 'ERR_RATE_LIMITED');
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.match(error.message, /wait 3600 s/);
    assert.equal(server.requests.length, 1);
    assert.equal(retries.length, 0);
  });
});

describe('time limits and cancellation', () => {
  test('a hung server hits the timeout', async () => {
    server.injectFaults([{ kind: 'hang' }]);
    const error = await rejection(
      fetchSourceRecords({ ...base, timeoutMs: 200, retry: { retries: 0 } }),
    );
    assert.equal(error.name, 'TimeoutError');
    assert.equal(error.code, 'ERR_TIMEOUT');
    assert.equal(error.timeoutMs, 200);
    assert.equal(server.requests.length, 1);
  });

  test('a timed-out attempt is retried like a network failure', async () => {
    server.injectFaults([{ kind: 'hang' }]);
    const { retries, onRetry } = recordRetries();
    const page = await fetchSourceRecords({ ...base, count: 2, timeoutMs: 200, onRetry });
    assert.equal(page.records.length, 2);
    assert.equal(retries[0].reason, 'ERR_TIMEOUT');
    assert.equal(server.requests.length, 2);
  });

  test('aborting during a request rejects with an AbortError and sends nothing more', async () => {
    server.injectFaults([{ kind: 'hang' }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(fetchSourceRecords({ ...base, signal: controller.signal }));
    assert.equal(error.name, 'AbortError');
    assert.equal(error.code, 'ERR_ABORTED');
    assert.equal(server.requests.length, 1);
  });

  test('aborting during a backoff wait ends the wait', async () => {
    server.injectFaults([{ status: 503 }]);
    const controller = new AbortController();
    const query = {
      ...base,
      retry: { delayMs: 60_000, maxDelayMs: 60_000 },
      signal: controller.signal,
      onRetry: () => controller.abort(),
    };
    const error = await rejection(fetchSourceRecords(query));
    assert.equal(error.name, 'AbortError');
    assert.equal(server.requests.length, 1);
  });

  test('an already aborted signal sends nothing', async () => {
    const error = await rejection(fetchSourceRecords({ ...base, signal: AbortSignal.abort() }));
    assert.equal(error.name, 'AbortError');
    assert.equal(server.requests.length, 0);
  });

  test('a signal that is not an AbortSignal is an invalid query', async () => {
    const error = await rejection(fetchSourceRecords({ ...base, signal: {} }));
    assert.equal(error.name, 'InvalidQueryError');
    assert.equal(error.field, 'signal');
  });
});

describe('fetchAllSourceRecords', () => {
  test('every record comes back in server order with progress to the total', async () => {
    const progress = [];
    const all = await fetchAllSourceRecords(base, {
      pageSize: 100,
      onProgress: (info) => progress.push(info),
    });
    assert.deepEqual(all.records, generateRecords({ seed: 1, count: 2500 }));
    assert.equal(all.totalItems, 2500);
    assert.equal(all.pages, 25);
    assert.equal(all.duplicates, 0);
    assert.equal(all.totalItemsChanged, false);
    assert.equal(all.complete, true);
    assert.equal(server.requests.length, 25);
    assert.deepEqual(progress.at(-1), { loaded: 2500, total: 2500, pages: 25 });
    assert.equal(progress.length, 25);
  });

  test('every page is asked for exactly once with the page size', async () => {
    await fetchAllSourceRecords(base, { pageSize: 1000, concurrency: 2 });
    const searches = server.requests.map((request) => request.search).sort();
    assert.deepEqual(searches, [
      '?count=1000&offset=0',
      '?count=1000&offset=1000',
      '?count=1000&offset=2000',
    ]);
  });

  test('maxRecords stops early and trims the last request', async () => {
    const all = await fetchAllSourceRecords(base, { pageSize: 100, maxRecords: 250 });
    assert.equal(all.records.length, 250);
    assert.equal(all.complete, true);
    const counts = server.requests.map((request) => request.search).sort();
    assert.deepEqual(counts, [
      '?count=100&offset=0',
      '?count=100&offset=100',
      '?count=50&offset=200',
    ]);
  });

  test('a page that fails after its retries fails the whole call', async () => {
    server.injectFaults([{}, { status: 404 }]);
    const error = await rejection(fetchAllSourceRecords(base, { pageSize: 500, concurrency: 1 }));
    assert.equal(error.status, 404);
  });

  test('aborting between pages sends no further request', async () => {
    const controller = new AbortController();
    const error = await rejection(
      fetchAllSourceRecords(base, {
        pageSize: 100,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    assert.equal(error.name, 'AbortError');
    assert.equal(server.requests.length, 1);
  });

  test('recordSet: true keeps every record in one RecordSet instead of JS objects', async () => {
    const progress = [];
    const all = await fetchAllSourceRecords(base, {
      pageSize: 1000,
      recordSet: true,
      onProgress: (info) => progress.push(info.loaded),
    });
    try {
      assert.ok(all.records instanceof RecordSet);
      assert.equal(all.records.length, 2500);
      assert.equal(all.complete, true);
      assert.deepEqual(
        all.records.slice(2498, 2500),
        generateRecords({ seed: 1, count: 2500 }).slice(2498),
      );
      assert.deepEqual(
        progress.sort((a, b) => a - b),
        [1000, 2000, 2500],
      );
    } finally {
      all.records.free();
    }
  });

  test('a total that the pages do not bear out stops at the first short page', async () => {
    // A server claiming 10^12 records but holding 250: without stopping at the short page the
    // client would plan ten billion requests.
    const records = generateRecords({ seed: 3, count: 250 });
    const lying = await startApiServer({ auth: false, records });
    lying.injectFaults([{ body: JSON.stringify(pageClaiming(records.slice(0, 100), 1e12)) }]);
    try {
      const all = await fetchAllSourceRecords(
        { baseUrl: lying.apiRoot },
        { pageSize: 100, concurrency: 2 },
      );
      assert.deepEqual(all.records, records);
      assert.equal(all.complete, false);
      assert.ok(lying.requests.length <= 5, `${lying.requests.length} requests`);
    } finally {
      await lying.close();
    }
  });

  test('a signal in the query still cancels when the options carry another', async () => {
    const fromQuery = new AbortController();
    const error = await rejection(
      fetchAllSourceRecords(
        { ...base, signal: fromQuery.signal },
        {
          pageSize: 100,
          signal: new AbortController().signal,
          onProgress: () => fromQuery.abort(),
        },
      ),
    );
    assert.equal(error.name, 'AbortError');
    assert.equal(server.requests.length, 1);
  });

  test('a record inserted between pages is reported, not hidden', async () => {
    const records = generateRecords({ seed: 7, count: 250 });
    const moving = await startApiServer({ auth: false, records });
    const inserted = { ...records[0], customer_source_record_id: 'ffffffffffffffffffff' };
    try {
      const all = await fetchAllSourceRecords(
        { baseUrl: moving.apiRoot },
        { pageSize: 100, concurrency: 1, onProgress: once(() => records.unshift(inserted)) },
      );
      // Every later page starts one record earlier, so page two repeats the last record of
      // page one and the inserted record itself is never seen.
      assert.equal(all.totalItemsChanged, true);
      assert.equal(all.duplicates, 1);
      assert.deepEqual(all.records, generateRecords({ seed: 7, count: 250 }));
      assert.equal(all.complete, false);
    } finally {
      await moving.close();
    }
  });
});

describe('sourceRecordPages', () => {
  test('pages come one request at a time until the last', async () => {
    const sizes = [];
    for await (const page of sourceRecordPages(base, { pageSize: 1000 })) {
      sizes.push(page.records.length);
    }
    assert.deepEqual(sizes, [1000, 1000, 500]);
    assert.equal(server.requests.length, 3);
  });

  test('breaking out of the loop stops further requests', async () => {
    for await (const page of sourceRecordPages(base, { pageSize: 100 })) {
      assert.equal(page.offset, 0);
      break;
    }
    assert.equal(server.requests.length, 1);
  });

  test('an invalid query rejects on the first step and sends nothing', async () => {
    const pages = sourceRecordPages({ ...base, count: -1 });
    const error = await rejection(pages.next());
    assert.equal(error.name, 'InvalidQueryError');
    assert.equal(server.requests.length, 0);
  });
});

function pageClaiming(records, totalItems) {
  return { data: { customer_source_records: records, total_items: totalItems } };
}

function once(action) {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      action();
    }
  };
}
