// The built package loads the ways Node users load it: `import` and `require` by package name,
// from a project that has it in node_modules, in a separate Node process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { startApiServer } from '../api-server/server.js';

const run = promisify(execFile);
const pkg = fileURLToPath(new URL('../pkg', import.meta.url));

let project;
let server;

before(async () => {
  project = await mkdtemp(join(tmpdir(), 'csr-consumer-'));
  await mkdir(join(project, 'node_modules'));
  await symlink(pkg, join(project, 'node_modules', 'customer-source-records'), 'dir');
  server = await startApiServer({ auth: false });
});

after(async () => {
  await server.close();
  await rm(project, { recursive: true, force: true });
});

async function runIn(project, args) {
  const { stdout, stderr } = await run(process.execPath, args, { cwd: project });
  return { stdout: stdout.trim(), stderr: stderr.trim() };
}

test('an ES module imports the package by name and fetches a page', async () => {
  const script = `
    import { fetchSourceRecords } from 'customer-source-records';
    const page = await fetchSourceRecords({ baseUrl: process.argv[1], count: 3 });
    console.log(page.records.length, page.totalItems);`;
  const { stdout, stderr } = await runIn(project, [
    '--input-type=module',
    '-e',
    script,
    server.apiRoot,
  ]);
  assert.equal(stdout, '3 3000');
  assert.equal(stderr, '');
});

test('a CommonJS script requires the package by name and fetches a page', async () => {
  const script = `
    const { fetchSourceRecords } = require('customer-source-records');
    fetchSourceRecords({ baseUrl: process.argv[1], count: 2 })
      .then((page) => console.log(page.records.length, page.nextOffset));`;
  const { stdout, stderr } = await runIn(project, ['-e', script, server.apiRoot]);
  assert.equal(stdout, '2 2');
  assert.equal(stderr, '');
});

test('the shipped files name no directory of the machine that built them', async () => {
  const { readFile, readdir } = await import('node:fs/promises');
  const { homedir } = await import('node:os');
  const builders = [
    homedir(),
    process.env.CARGO_HOME,
    fileURLToPath(new URL('..', import.meta.url)),
  ]
    .filter(Boolean)
    .map((dir) => dir.replace(/\/$/, ''));
  const files = await readdir(pkg, { recursive: true, withFileTypes: true });
  const shipped = files
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  assert.ok(shipped.some((path) => path.endsWith('.wasm')));
  for (const path of shipped) {
    const text = (await readFile(path)).toString('latin1');
    for (const dir of builders) assert.ok(!text.includes(dir), `${path} contains ${dir}`);
  }
});
