// What the browser tests of the demo page share: the built-in API serving www/ and pkg/, Debian's
// Chromium driven by playwright-core (never a downloaded browser), a page that records every
// console error, and where screenshots go.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { startApiServer } from '../../api-server/server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

// Flags for a root user on a closed network: without the background-networking ones Chromium
// keeps trying to reach Google's services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Generous, for a loaded two-core machine; waits end as soon as the page is ready. */
export const WAIT_MS = 30_000;

export const ARTIFACTS = process.env.CSR_TEST_ARTIFACTS ?? join(ROOT, 'test-artifacts');

export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Launches Debian's Chromium headless, with a fresh profile of its own. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: scripts/setup installs Debian's chromium`);
  }
  if (!existsSync(join(ROOT, 'pkg', 'index.js'))) {
    throw new Error('pkg/ is not built: run scripts/build');
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: WAIT_MS });
}

/** The built-in API on a free port, serving the demo page at / and the package at /pkg/. */
export function startDemoServer(options = {}) {
  const staticRoutes = { '/': join(ROOT, 'www'), '/pkg/': join(ROOT, 'pkg') };
  return startApiServer({ ...options, port: 0, staticRoutes });
}

/**
 * Opens the demo page in a new context and waits until its first load settles. `problems`
 * collects every console error and uncaught exception; `dialogs` every alert, confirm or
 * prompt, each dismissed at once.
 */
export async function openDemoPage(browser, server, { viewport = DESKTOP, settle = true } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();

  const problems = [];
  const dialogs = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });

  await page.goto(`${server.url}/`);
  if (settle) {
    await waitForStatus(page, 'loaded');
  }
  return { page, problems, dialogs, close: () => context.close() };
}

/** Waits for `#results[data-status]` to say `status`. */
export async function waitForStatus(page, status) {
  await page.waitForSelector(`#results[data-status="${status}"]`, { timeout: WAIT_MS });
}

/** Saves a screenshot of the whole page under ARTIFACTS and returns its path. */
export async function saveScreenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** The text of every cell in one column of the records table, top to bottom. */
export function columnTexts(page, field) {
  return page.$$eval(`#records tbody td[data-field="${field}"]`, (cells) =>
    cells.map((cell) => (cell.classList.contains('is-null') ? null : cell.textContent)),
  );
}

/** Every record shown in the table, as objects keyed by field (null for an empty value). */
export function shownRecords(page) {
  return page.$$eval('#records tbody tr:not(.empty)', (rows) =>
    rows.map((row) =>
      Object.fromEntries(
        [...row.cells].map((cell) => [
          cell.dataset.field,
          cell.classList.contains('is-null') ? null : cell.textContent,
        ]),
      ),
    ),
  );
}
