// Every way people load the package, from the tarball `npm pack` makes of pkg/, installed with
// npm into scratch projects: Node `import` and `require`, a browser page without a bundler, and
// Vite and webpack production builds with no wasm plugin. Each fetches a page from the built-in
// API and sorts it (tests/consumers/package-checks.js); pages report through `data-status`.
//
// The installs reach the npm registry (the package's own dependencies, vite, webpack), run in
// parallel as soon as the tarball exists, and start from empty folders every run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { startApiServer } from '../api-server/server.js';
import { launchChromium, WAIT_MS } from './browser/demo-session.js';
import { packPackage, ROOT } from './consumers/packed-package.js';

const run = promisify(execFile);
const FIXTURES = join(ROOT, 'tests', 'consumers');
const STEP_TIMEOUT_MS = 300_000;

// Majors known to work here; a new major is a deliberate upgrade, not a surprise in CI.
const VITE = 'vite@8';
const WEBPACK = ['webpack@5', 'webpack-cli@7'];

// Under `npm test`, npm exports its settings for this repository as npm_* variables, among
// them npm_config_local_prefix=<this repository>, which would make a nested `npm install` work
// here instead of in the scratch project. Settings a user exports as NPM_CONFIG_* are kept.
const NPM_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')),
);

let work;
let packed;
let api;
let projects;
let browser;

/** A scratch project with the given fixtures (`[from, to]` pairs) and nothing installed. */
async function scratchProject(name, fixtures) {
  const folder = join(work, name);
  await mkdir(folder, { recursive: true });
  const manifest = { name: `scratch-${name}`, private: true, type: 'module' };
  await writeFile(join(folder, 'package.json'), JSON.stringify(manifest));
  for (const [from, to] of fixtures) {
    await mkdir(join(folder, to, '..'), { recursive: true });
    await copyFile(join(FIXTURES, from), join(folder, to));
  }
  return folder;
}

async function timed(timings, label, step) {
  const started = performance.now();
  const result = await step();
  timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function npmInstall(folder, specs) {
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', ...specs];
  return run('npm', args, { cwd: folder, env: NPM_ENV, maxBuffer: 16 << 20 });
}

function runBin(folder, bin, args) {
  const path = join(folder, 'node_modules', '.bin', bin);
  return run(path, args, { cwd: folder, env: NPM_ENV, maxBuffer: 16 << 20 });
}

/** Starts preparing a project at once; the test that needs it awaits `ready`. */
function prepare(name, fixtures, steps) {
  const timings = [];
  const ready = (async () => {
    const folder = await scratchProject(name, fixtures);
    await steps(folder, timings);
    return folder;
  })();
  // The rejection is reported by the test that awaits it, not as an unhandled one meanwhile.
  ready.catch(() => {});
  return { ready, timings };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'csr-consumers-'));
  packed = await packPackage(work);
  const tarball = packed.tarball;

  const shared = [
    ['package-checks.js', 'package-checks.js'],
    ['page-status.js', 'page-status.js'],
  ];
  projects = {
    plain: prepare(
      'plain',
      [
        ...shared,
        ['plain-page.html', 'index.html'],
        ['node-import.mjs', 'node-import.mjs'],
        ['node-require.cjs', 'node-require.cjs'],
      ],
      (folder, timings) => timed(timings, 'npm install', () => npmInstall(folder, [tarball])),
    ),
    vite: prepare(
      'vite',
      [...shared, ['bundled-entry.js', 'bundled-entry.js'], ['vite-index.html', 'index.html']],
      async (folder, timings) => {
        await timed(timings, 'npm install', () => npmInstall(folder, [tarball, VITE]));
        await timed(timings, 'vite build', () => runBin(folder, 'vite', ['build']));
      },
    ),
    webpack: prepare(
      'webpack',
      [
        ['package-checks.js', 'src/package-checks.js'],
        ['page-status.js', 'src/page-status.js'],
        ['bundled-entry.js', 'src/index.js'],
      ],
      async (folder, timings) => {
        await timed(timings, 'npm install', () => npmInstall(folder, [tarball, ...WEBPACK]));
        await timed(timings, 'webpack build', () =>
          runBin(folder, 'webpack', ['--mode', 'production']),
        );
        await copyFile(join(FIXTURES, 'webpack-index.html'), join(folder, 'dist', 'index.html'));
      },
    ),
  };

  api = await startApiServer({ auth: false });
});

after(async () => {
  await Promise.all([api?.close(), browser?.close()]);
  await rm(work, { recursive: true, force: true });
});

async function runNode(folder, script) {
  const { stdout, stderr } = await run(process.execPath, [script, api.apiRoot], { cwd: folder });
  return { result: JSON.parse(stdout), stderr };
}

/** What every scenario must show: a page of 20 fetched and sorted with the package. */
function assertFetchedAndSorted(result) {
  assert.equal(result.records, 20);
  assert.equal(result.totalItems, 3000);
  assert.equal(result.sortedAscending, true);
  assert.equal(result.sameRecords, true);
}

/**
 * Serves `folder` at / beside the built-in API, opens `/` in Chromium and waits for the page's
 * `data-status`. Resolves with that status, the page's result and every console warning, error
 * and uncaught exception.
 */
async function openInChromium(folder) {
  browser ??= await launchChromium();
  const server = await startApiServer({ auth: false, staticRoutes: { '/': folder } });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (['error', 'warning'].includes(message.type())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));

    await page.goto(`${server.url}/?api=${encodeURIComponent(server.apiRoot)}`);
    const body = page.locator('body[data-status]');
    await body.waitFor({ state: 'attached', timeout: WAIT_MS });
    const status = await body.getAttribute('data-status');
    const result = JSON.parse(await body.getAttribute('data-result'));
    return { status, result, problems };
  } finally {
    await context.close();
    await server.close();
  }
}

async function filesUnder(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath ?? entry.path, entry.name)));
}

/** The build emitted the package's .wasm unchanged as one file, and the page loaded that file. */
async function assertWasmAsset(dist, loadedPaths) {
  const wasmFiles = (await filesUnder(dist)).filter((file) => file.endsWith('.wasm'));
  assert.equal(wasmFiles.length, 1, `expected one .wasm in ${dist}: ${wasmFiles}`);
  const [emitted, original] = await Promise.all([
    readFile(join(dist, wasmFiles[0])),
    readFile(join(ROOT, 'pkg', 'customer_source_records_bg.wasm')),
  ]);
  assert.ok(emitted.equals(original), 'the emitted .wasm differs from the package');
  assert.deepEqual(loadedPaths, [`/${wasmFiles[0]}`]);
}

async function checkBrowserScenario(t, folder) {
  const { status, result, problems } = await openInChromium(folder);
  assert.equal(status, 'ok', result.error);
  assert.equal(result.sortBeforeInit, 'ERR_NOT_INITIALIZED');
  assert.equal(result.urlBeforeInit, 'ERR_NOT_INITIALIZED');
  assertFetchedAndSorted(result);
  assert.deepEqual(problems, []);
  t.diagnostic(`loaded ${result.wasm.join(', ')}`);
  return result;
}

function reportTimings(t, project) {
  for (const timing of project.timings) t.diagnostic(timing);
}

const options = { timeout: STEP_TIMEOUT_MS };

test('1/6 npm pack of pkg/ holds both entries, their types, the glue and the .wasm', () => {
  const expected = [
    'package.json',
    'index.js',
    'node.js',
    'index.d.ts',
    'pages.js',
    'customer_source_records.js',
    'customer_source_records_bg.wasm',
  ];
  for (const file of expected) assert.ok(packed.files.includes(file), `${file} is not packed`);
  assert.ok(
    packed.files.some((file) => file.startsWith('snippets/')),
    'snippets/ not packed',
  );
});

test('2/6 Node ESM: import by name, init twice, fetch a page and sort it', options, async (t) => {
  const folder = await projects.plain.ready;
  reportTimings(t, projects.plain);
  const { result, stderr } = await runNode(folder, 'node-import.mjs');
  assert.equal(result.sortBeforeInit, null, 'Node is ready on import');
  assert.equal(result.urlBeforeInit, null);
  assertFetchedAndSorted(result);
  assert.equal(stderr, '');
});

test('3/6 Node CommonJS: require by name, fetch a page and sort it', options, async () => {
  const folder = await projects.plain.ready;
  const { result, stderr } = await runNode(folder, 'node-require.cjs');
  assert.equal(result.sortBeforeInit, null, 'Node is ready on require');
  assert.equal(result.urlBeforeInit, null);
  assertFetchedAndSorted(result);
  assert.equal(stderr, '');
});

test('4/6 browser without a bundler: a module script from node_modules', options, async (t) => {
  const folder = await projects.plain.ready;
  const result = await checkBrowserScenario(t, folder);
  assert.deepEqual(result.wasm, [
    '/node_modules/customer-source-records/customer_source_records_bg.wasm',
  ]);
});

test('5/6 Vite production build, no plugin: .wasm emitted as an asset', options, async (t) => {
  const folder = await projects.vite.ready;
  reportTimings(t, projects.vite);
  const result = await checkBrowserScenario(t, join(folder, 'dist'));
  await assertWasmAsset(join(folder, 'dist'), result.wasm);
});

test('6/6 webpack 5 production build, no config: .wasm emitted as an asset', options, async (t) => {
  const folder = await projects.webpack.ready;
  reportTimings(t, projects.webpack);
  const result = await checkBrowserScenario(t, join(folder, 'dist'));
  await assertWasmAsset(join(folder, 'dist'), result.wasm);
});
