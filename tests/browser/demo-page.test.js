// The demo page in a real browser (Debian's Chromium through playwright-core), used as a
// person would: against the built-in API serving www/ and the built package.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { generateRecords } from '../../api-server/records.js';
import {
  PHONE,
  columnTexts,
  launchChromium,
  openDemoPage,
  saveScreenshot,
  shownRecords,
  startDemoServer,
  waitForStatus,
} from './demo-session.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const RESOURCE_PATH = /\/customer-source-records$/;

let browser;
let server;
let session;

before(async () => {
  [browser, server] = await Promise.all([launchChromium(), startDemoServer()]);
});

after(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});

afterEach(async () => {
  await session?.close();
  session = undefined;
  server.clearFaults();
  server.resetRequests();
});

async function open(options) {
  session = await openDemoPage(browser, server, options);
  return session;
}

function assertNoProblems({ problems, dialogs }) {
  assert.deepEqual(problems, [], 'the page logged errors');
  assert.deepEqual(dialogs, [], 'the page opened a dialog');
}

function resourceRequests() {
  return server.requests.filter((request) => RESOURCE_PATH.test(request.path));
}

describe('the first visit', () => {
  test('runs in headless Chromium, not in some other browser or in Node', async () => {
    const { page } = await open();
    const userAgent = await page.evaluate(() => navigator.userAgent);
    assert.match(userAgent, /HeadlessChrome\/\d+/);
    assert.match(browser.version(), /^\d+\./);
    assertNoProblems(session);
  });

  test('shows the first page of records from the built-in API with no typing', async () => {
    const { page } = await open();

    const expected = generateRecords({ seed: 1, count: 3000 }).slice(0, 25);
    assert.deepEqual(await shownRecords(page), expected);
    assert.equal(await page.textContent('#summary'), 'Records 1–25 of 3,000');
    assert.equal(await page.textContent('#page-label'), 'Page 1 of 120');
    assert.equal(resourceRequests()[0].authScheme, 'Basic');

    await saveScreenshot(page, 'demo-loaded-desktop');
    assertNoProblems(session);
  });

  test('keeps credentials out of the URL, storage, cookies and the request line', async () => {
    const { page } = await open();
    const { password, token } = server.credentials;

    const shown = await page.evaluate(() => ({
      href: location.href,
      requestLine: document.querySelector('#request-url').value,
      storage: localStorage.length + sessionStorage.length,
      cookie: document.cookie,
    }));
    assert.match(shown.requestLine, /\/customer-source-records\?count=25&offset=0$/);
    for (const secret of [password, token]) {
      assert.ok(!shown.href.includes(secret));
      assert.ok(!shown.requestLine.includes(secret));
    }
    assert.equal(shown.storage, 0);
    assert.equal(shown.cookie, '');
    assertNoProblems(session);
  });

  test('connects with a Bearer token when that scheme is chosen', async () => {
    const { page } = await open();

    await page.click('#connection summary');
    await page.click('.segmented label:has(input[value=bearer])');
    assert.equal(await page.isVisible('input[name=token]'), true);
    assert.equal(await page.isVisible('input[name=password]'), false);
    await page.click('#fetch');
    await waitForStatus(page, 'loaded');

    assert.equal(resourceRequests().at(-1).authScheme, 'Bearer');
    assert.match(await page.textContent('#connection-summary'), /Bearer token$/);
    assertNoProblems(session);
  });

  test('is readable at phone width: every record is a card of labels and values', async () => {
    const { page } = await open({ viewport: PHONE });

    const layout = await page.evaluate(() => ({
      pageWidth: document.documentElement.scrollWidth,
      label: getComputedStyle(document.querySelector('#records tbody td'), '::before').content,
    }));
    assert.ok(layout.pageWidth <= 390, `the page is ${layout.pageWidth}px wide`);
    assert.equal(layout.label, '"Record id"');

    await saveScreenshot(page, 'demo-loaded-phone');
    assertNoProblems(session);
  });
});

describe('the server-side query', () => {
  test('shows the request URL as the parameters are typed and fetches it', async () => {
    const { page } = await open();

    await page.fill('input[name=count]', '5');
    await page.selectOption('select[name=sortField]', 'last_change');
    await page.selectOption('select[name=sortDirection]', 'DESC');
    await page.fill('textarea[name=externalIds]', 'POS-022689\nAPP-394983');
    const url = await page.textContent('#request-url');
    const search = [
      'count=5',
      'offset=0',
      'sort_field=last_change',
      'sort_direction=DESC',
      'external_ids[]=POS-022689',
      'external_ids[]=APP-394983',
    ];
    assert.equal(new URL(url).search, `?${search.join('&')}`);

    await page.click('#fetch');
    await waitForStatus(page, 'loaded');
    const ids = await columnTexts(page, 'external_id');
    assert.deepEqual(ids.toSorted(), ['APP-394983', 'POS-022689']);
    assert.equal(resourceRequests().at(-1).search, new URL(url).search);
    assertNoProblems(session);
  });

  test('marks an invalid parameter as it is typed, with the reason instead of a URL', async () => {
    const { page } = await open();

    await page.fill('input[name=count]', '0');
    assert.equal(await page.getAttribute('input[name=count]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#request-url', 'data-valid'), 'false');
    assert.match(await page.textContent('#request-url'), /count/);

    await page.fill('input[name=count]', '10');
    assert.equal(await page.getAttribute('input[name=count]', 'aria-invalid'), null);
    assertNoProblems(session);
  });

  test('pages forward and back through the server pages', async () => {
    const { page } = await open();
    const all = generateRecords({ seed: 1, count: 3000 });

    await page.click('#pager [data-go=next]');
    await waitForStatus(page, 'loaded');
    assert.equal(await page.textContent('#summary'), 'Records 26–50 of 3,000');
    assert.deepEqual(await shownRecords(page), all.slice(25, 50));

    await page.click('#pager [data-go=last]');
    await waitForStatus(page, 'loaded');
    assert.equal(await page.textContent('#summary'), 'Records 2,976–3,000 of 3,000');
    assert.equal(await page.isDisabled('#pager [data-go=next]'), true);
    assertNoProblems(session);
  });

  test('loading reserves the table space, so nothing moves when the rows arrive', async () => {
    server.injectFaults([{ delayMs: 1500 }, { delayMs: 1500 }]);
    const { page } = await open({ settle: false });
    const tableBox = () => page.locator('.table-wrap').boundingBox();

    await waitForStatus(page, 'loading');
    const firstLoading = await tableBox();
    assert.ok((await page.locator('#records tr.skeleton').count()) > 0);
    await waitForStatus(page, 'loaded');
    assert.deepEqual(await tableBox(), firstLoading);

    await page.click('#pager [data-go=next]');
    await waitForStatus(page, 'loading');
    assert.deepEqual(await tableBox(), firstLoading);
    await waitForStatus(page, 'loaded');
    assert.deepEqual(await tableBox(), firstLoading);
    assertNoProblems(session);
  });
});

describe('sorting and filtering what is loaded', () => {
  const byText = (left, right) => (left < right ? -1 : left > right ? 1 : 0);
  const descendingNullsLast = (left, right) => {
    if (left === null || right === null) {
      return (left === null) - (right === null);
    }
    return byText(right, left);
  };

  test('a header click sorts the rows and a shift-click adds a second key', async () => {
    const { page } = await open();
    const loaded = await shownRecords(page);

    await page.click('th[data-field=customer_source_id] button');
    const bySource = loaded.toSorted((a, b) => byText(a.customer_source_id, b.customer_source_id));
    assert.deepEqual(await shownRecords(page), bySource);
    assert.equal(
      await page.getAttribute('th[data-field=customer_source_id]', 'aria-sort'),
      'ascending',
    );

    // Shift-click twice: added ascending, then turned descending.
    await page.click('th[data-field=last_change] button', { modifiers: ['Shift'] });
    await page.click('th[data-field=last_change] button', { modifiers: ['Shift'] });
    const twoKeys = loaded.toSorted(
      (a, b) =>
        byText(a.customer_source_id, b.customer_source_id) ||
        descendingNullsLast(a.last_change, b.last_change),
    );
    assert.deepEqual(await shownRecords(page), twoKeys);
    assert.equal(await page.textContent('th[data-field=last_change] .sort-mark'), '↓2');

    // A plain click replaces both keys.
    await page.click('th[data-field=customer_id] button');
    const byCustomer = loaded.toSorted((a, b) => byText(a.customer_id, b.customer_id));
    assert.deepEqual(await shownRecords(page), byCustomer);
    assertNoProblems(session);
  });

  test('the headers sort from the keyboard too', async () => {
    const { page } = await open();

    await page.focus('th[data-field=last_change] button');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('th[data-field=last_change]', 'aria-sort'), 'ascending');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('th[data-field=last_change]', 'aria-sort'), 'descending');
    assertNoProblems(session);
  });

  test('the search box and the filters narrow the rows as they are set', async () => {
    const { page } = await open();
    const loaded = await shownRecords(page);
    const rows = () => shownRecords(page);

    await page.fill('input[name=search]', 'pos');
    const withPos = loaded.filter((record) =>
      Object.values(record).some((value) => value?.toLowerCase().includes('pos')),
    );
    assert.ok(withPos.length > 0 && withPos.length < loaded.length);
    assert.deepEqual(await rows(), withPos);
    assert.equal(await page.textContent('#refine-note'), `${withPos.length} of 25 match`);
    await page.fill('input[name=search]', '');

    await page.selectOption('select[name=hasExternalId]', 'false');
    assert.deepEqual(
      await rows(),
      loaded.filter((record) => record.external_id === null),
    );
    await page.selectOption('select[name=hasExternalId]', '');

    const source = loaded[0].customer_source_id;
    await page.selectOption('#refine select[name=customerSourceId]', source);
    assert.deepEqual(
      await rows(),
      loaded.filter((record) => record.customer_source_id === source),
    );

    await page.fill('input[name=changedFrom]', '2023-01-01');
    await page.fill('input[name=changedTo]', '2024-12-31');
    const inRange = (record) =>
      record.customer_source_id === source &&
      record.last_change !== null &&
      record.last_change >= '2023-01-01 00:00:00' &&
      record.last_change <= '2024-12-31 23:59:59';
    assert.deepEqual(await rows(), loaded.filter(inRange));

    await page.click('#refine button[type=reset]');
    await page.waitForFunction(() => document.querySelector('#refine-note').textContent === '');
    assert.deepEqual(await rows(), loaded);
    assertNoProblems(session);
  });
});

describe('load all', () => {
  test('shows the progress finish with the right total', async () => {
    const { page } = await open();
    server.resetRequests();

    await page.click('#load-all');
    await waitForStatus(page, 'loaded');

    const progress = await page.$eval('#progress-bar', (bar) => ({
      value: bar.value,
      max: bar.max,
    }));
    assert.deepEqual(progress, { value: 3000, max: 3000 });
    assert.equal(await page.isVisible('#progress'), true);
    assert.equal(await page.textContent('#progress-label'), '3,000 of 3,000 · 6 requests');
    assert.equal(await page.textContent('#summary'), 'All 3,000 records loaded in 6 requests');
    assert.equal(resourceRequests().length, 6);

    // The table renders in steps, so a large set stays responsive.
    assert.equal((await shownRecords(page)).length, 500);
    await page.click('#show-more');
    assert.equal((await shownRecords(page)).length, 1000);
    assertNoProblems(session);
  });

  test('Cancel stops loading and keeps the records from before', async () => {
    const { page } = await open();
    const before = await shownRecords(page);

    server.injectFaults([{}, ...Array.from({ length: 5 }, () => ({ delayMs: 10_000 }))]);
    await page.click('#load-all');
    await page.waitForFunction(() => document.querySelector('#progress-bar').value === 500);
    await page.click('#cancel');
    await waitForStatus(page, 'cancelled');

    assert.deepEqual(await shownRecords(page), before);
    assert.equal(await page.isVisible('#progress'), false);
    assert.equal(await page.isVisible('#pager'), true);
    assertNoProblems(session);
  });
});

describe('errors', () => {
  test('a wrong password is explained as a 401, and Retry works once it is fixed', async () => {
    const { page } = await open();

    await page.click('#connection summary');
    await page.fill('input[name=password]', 'not-the-token');
    await page.click('#fetch');
    await waitForStatus(page, 'error');

    const panel = await page.textContent('#error');
    assert.match(panel, /did not accept these credentials/);
    assert.match(panel, /HTTP 401/);
    assert.match(panel, /Unauthorized/);
    assert.match(panel, /The user name or token is not valid\./);
    assert.match(panel, /Check the user and token id under Connection/);
    assert.ok(!panel.includes('not-the-token'));
    await saveScreenshot(page, 'demo-error-401');

    await page.click('#error [data-action=edit-connection]');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'password');
    await page.fill('input[name=password]', server.credentials.password);
    await page.click('#error [data-action=retry]');
    await waitForStatus(page, 'loaded');
    assert.equal(await page.isHidden('#error'), true);
    assert.equal((await shownRecords(page)).length, 25);

    // The browser itself reports the failed request; the page logged nothing.
    assert.deepEqual(session.problems, [
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
    assert.deepEqual(session.dialogs, []);
  });

  test("a 400 shows the API's invalid parameters", async () => {
    const { page } = await open();
    const body = JSON.stringify({
      error: {
        type: 'bad_request_exception',
        exception: 'bad_request_exception',
        title: 'Bad request',
        detail: 'Some parameters are not valid.',
        error_data: {
          invalid_params: [
            {
              name: 'sort_field',
              reason: 'not_allowed_value',
              value: 'colour',
              message: 'Unknown field.',
            },
          ],
        },
      },
    });

    server.injectFaults([{ status: 400, body }]);
    await page.click('#fetch');
    await waitForStatus(page, 'error');

    const cells = await page.$$eval('#error .invalid-params tbody td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(cells, ['sort_field', 'not_allowed_value', 'colour', 'Unknown field.']);
    assert.match(await page.textContent('#error h3'), /The API rejected the query.*HTTP 400/);
    assert.equal(session.problems.length, 1);
    assert.match(session.problems[0], /status of 400/);
  });
});

describe('values from a server are text', () => {
  let hostileServer;

  before(async () => {
    const records = generateRecords({ seed: 7, count: 3 });
    records[1] = { ...records[1], external_id: HOSTILE };
    hostileServer = await startDemoServer({ records });
  });
  after(() => hostileServer.close());

  test('an external_id holding HTML shows as text and runs nothing', async () => {
    session = await openDemoPage(browser, hostileServer);
    const { page } = session;

    const cell = page.locator('#records tbody tr:nth-child(2) td[data-field=external_id]');
    assert.equal(await cell.textContent(), HOSTILE);
    assert.equal(await page.locator('#records img').count(), 0);
    assert.equal(await page.locator('#records tbody td > *').count(), 0);
    assertNoProblems(session);
  });

  test("HTML in the API's error detail shows as text and runs nothing", async () => {
    session = await openDemoPage(browser, hostileServer);
    const { page } = session;
    const body = JSON.stringify({
      error: {
        type: 'bad_request_exception',
        exception: 'bad_request_exception',
        title: HOSTILE,
        detail: HOSTILE,
        error_data: { invalid_params: [{ name: HOSTILE, reason: 'empty', value: HOSTILE }] },
      },
    });

    hostileServer.injectFaults([{ status: 400, body }]);
    await page.click('#fetch');
    await waitForStatus(page, 'error');

    assert.equal(await page.locator('#error img').count(), 0);
    assert.equal(await page.textContent('#error .api-words strong'), HOSTILE);
    assert.deepEqual(session.dialogs, []);
    assert.equal(session.problems.length, 1);
    assert.match(session.problems[0], /status of 400/);
  });
});
