// The sort and filter property tests of tests/shared/sort-filter-properties.js, run inside
// Debian's Chromium against the package as a page loads it (pkg/index.js, init(), then the
// synchronous exports), so the comparison with the plain-JS references also holds in the
// browser's V8, ICU and Intl.Collator, not only Node's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startApiServer } from '../../api-server/server.js';
import { launchChromium, WAIT_MS } from './demo-session.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await startApiServer({
    port: 0,
    staticRoutes: { '/pkg/': join(ROOT, 'pkg'), '/shared/': join(ROOT, 'tests', 'shared') },
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  // Chromium asks every origin for /favicon.ico, which this server does not have; its 404 is
  // logged as a console error without the URL, so failed responses are checked by URL instead.
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) {
      problems.push(text);
    }
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && path !== '/favicon.ico')
      problems.push(`${response.status()} ${path}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${server.url}/pkg/package.json`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the page really runs in headless Chromium', async () => {
  const agent = await page.evaluate(() => navigator.userAgent);
  assert.match(agent, /HeadlessChrome/);
});

test('sortRecords, filterRecords and RecordSet agree with the plain-JS references', async () => {
  const runs = await page.evaluate(async () => {
    const pkg = await import('/pkg/index.js');
    const { runSortFilterProperties } = await import('/shared/sort-filter-properties.js');
    await pkg.init();
    const { sortRecords, filterRecords, RecordSet } = pkg;
    for (const seed of [101, 102, 103]) {
      runSortFilterProperties({ sortRecords, filterRecords, RecordSet }, { runs: 150, seed });
    }
    return 3 * 150;
  });
  assert.equal(runs, 450);
  assert.deepEqual(problems, []);
});

test('Czech collation puts ch after h in the browser too', async () => {
  const order = await page.evaluate(async () => {
    const { init, sortRecords } = await import('/pkg/index.js');
    await init();
    const records = ['chata', 'hrad', 'cesta', 'i'].map((customer_id) => ({ customer_id }));
    return sortRecords(records, 'customer_id', { locale: 'cs' }).map((r) => r.customer_id);
  });
  assert.deepEqual(order, ['cesta', 'hrad', 'chata', 'i']);
});
