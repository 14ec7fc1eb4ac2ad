// The customer-source-records command, run as a real process (`node pkg/cli.js`) against the
// built-in API on loopback. Expected outputs are computed here from generateRecords, never
// taken from the command's own output.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { after, before, beforeEach, describe, test } from 'node:test';

import { generateRecords } from '../api-server/records.js';
import { startApiServer } from '../api-server/server.js';

const PKG = fileURLToPath(new URL('../pkg/', import.meta.url));
const CLI = join(PKG, 'cli.js');
const FIELDS = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];
const PASSWORD = 'heslo-žluť-🔑-cli';
const ALL = generateRecords({ seed: 1, count: 3000 });

let server;
let token;

before(async () => {
  server = await startApiServer({ password: PASSWORD });
  token = server.credentials.token;
});
after(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.resetRequests();
});

/** The environment of a run: none of the caller's CSR_* variables, plus `extra`. */
function cliEnv(extra = {}) {
  const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('CSR_'));
  return { ...Object.fromEntries(inherited), ...extra };
}

/** Environment naming the test server and its Bearer token. */
function tokenEnv() {
  return cliEnv({ CSR_BASE_URL: server.apiRoot, CSR_TOKEN: token });
}

function startCli(args, env = tokenEnv()) {
  return spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function finished(child) {
  const stdout = [];
  const stderr = [];
  child.stdout.on('data', (chunk) => stdout.push(chunk));
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const [status, signal] = await once(child, 'close');
  return {
    status,
    signal,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}

function runCli(args, env) {
  return finished(startCli(args, env));
}

function ndjsonLines(text) {
  assert.ok(text.endsWith('\n'), 'NDJSON ends with a newline');
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}

// Written out here rather than shared with the CLI: the generated values hold no comma,
// quote or line break, so a row is the values joined by commas, null as nothing.
function plainCsv(records) {
  const rows = records.map((record) => FIELDS.map((field) => record[field] ?? '').join(','));
  return `${[FIELDS.join(','), ...rows].join('\n')}\n`;
}

function assertOneErrorLine(stderr) {
  assert.match(stderr, /^error: [^\n]+\n$/);
}

function searchOf(request) {
  return new URLSearchParams(request.search);
}

describe('one page', () => {
  test('JSON is the page object with the records under "records"', async () => {
    const { status, stdout, stderr } = await runCli(['--count', '5', '--offset', '10']);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.deepEqual(JSON.parse(stdout), {
      totalItems: 3000,
      offset: 10,
      count: 5,
      nextOffset: 15,
      records: ALL.slice(10, 15),
    });
  });

  test('NDJSON prints one record per line', async () => {
    const { status, stdout } = await runCli(['--count', '7', '--format', 'ndjson']);
    assert.equal(status, 0);
    assert.deepEqual(ndjsonLines(stdout), ALL.slice(0, 7));
  });

  test('CSV prints a header row, then one row per record with null as an empty field', async () => {
    const { status, stdout } = await runCli(['--count', '200', '--format', 'csv']);
    assert.equal(status, 0);
    assert.equal(stdout, plainCsv(ALL.slice(0, 200)));
    assert.ok(ALL.slice(0, 200).some((record) => record.external_id === null));
  });

  test('every query flag is sent, and --external-ids values are not split on commas', async () => {
    const args = [
      ...['--sort-field', 'last_change', '--sort-direction', 'desc'],
      ...['--customer-id', 'a&b c', '--customer-source-id', 'src 1', '--external-id', 'Ž#1'],
      ...['--external-ids', 'x,y', '--external-ids', 'z', '--language', 'en'],
      ...['--count', '3', '--offset', '4'],
    ];
    const { status } = await runCli(args);
    assert.equal(status, 0);

    const [request] = server.requests;
    const search = searchOf(request);
    assert.equal(search.get('sort_field'), 'last_change');
    assert.equal(search.get('sort_direction').toUpperCase(), 'DESC');
    assert.equal(search.get('customer_id'), 'a&b c');
    assert.equal(search.get('customer_source_id'), 'src 1');
    assert.equal(search.get('external_id'), 'Ž#1');
    assert.deepEqual(search.getAll('external_ids[]'), ['x,y', 'z']);
    assert.equal(search.get('count'), '3');
    assert.equal(search.get('offset'), '4');
    assert.equal(request.acceptLanguage, 'en');
    assert.equal(request.authScheme, 'Bearer');
  });

  test('--filter and --sort apply to the page client-side', async () => {
    const args = ['--count', '300', '--filter', 'hasExternalId=true', '--sort', 'external_id'];
    const { status, stdout } = await runCli([...args, '--format', 'ndjson']);
    assert.equal(status, 0);

    const expected = ALL.slice(0, 300)
      .filter((record) => record.external_id !== null)
      .sort((a, b) => compareText(a.external_id, b.external_id));
    assert.deepEqual(ndjsonLines(stdout), expected);
  });
});

describe('CSV quoting', () => {
  let quoting;

  before(async () => {
    const record = (id, externalId, lastChange) => ({
      customer_source_record_id: id,
      customer_source_id: 'src,1',
      customer_id: 'cus1',
      external_id: externalId,
      last_change: lastChange,
    });
    quoting = await startApiServer({
      auth: false,
      records: [
        record('r1', 'say "hi", then\nleave', null),
        record('r2', '', '2024-01-01 00:00:00'),
        record('r3', 'cr\r\nlf', null),
      ],
    });
  });
  after(() => quoting.close());

  test('a comma, quote or line break is quoted; empty text stays apart from null', async () => {
    const env = cliEnv({ CSR_BASE_URL: quoting.apiRoot });
    const { status, stdout } = await runCli(['--format', 'csv'], env);
    assert.equal(status, 0);
    assert.equal(
      stdout,
      'customer_source_record_id,customer_source_id,customer_id,external_id,last_change\n' +
        'r1,"src,1",cus1,"say ""hi"", then\nleave",\n' +
        'r2,"src,1",cus1,"",2024-01-01 00:00:00\n' +
        'r3,"src,1",cus1,"cr\r\nlf",\n',
    );
  });
});

describe('every page', () => {
  test('--all --format ndjson prints every record in server order', async () => {
    const args = ['--all', '--format', 'ndjson', '--page-size', '250'];
    const { status, stdout, stderr } = await runCli(args);
    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.deepEqual(ndjsonLines(stdout), ALL);
    assert.equal(server.requests.length, 12);
  });

  test('--all --format ndjson writes each page before asking for the next', async () => {
    server.injectFaults(Array.from({ length: 30 }, () => ({ delayMs: 40 })));
    const child = startCli(['--all', '--format', 'ndjson', '--page-size', '100']);
    const result = finished(child);

    await once(child.stdout, 'data');
    const requestsAtFirstOutput = server.requests.length;
    assert.equal((await result).status, 0);
    assert.ok(requestsAtFirstOutput < 5, `${requestsAtFirstOutput} requests before any output`);
    assert.equal(server.requests.length, 30);
  });

  test('--all stops asking for pages while nobody reads stdout', async () => {
    const child = startCli(['--all', '--format', 'ndjson', '--page-size', '100']);
    await sleep(500);
    const requestsWhileStalled = server.requests.length;

    const { status, stdout } = await finished(child);
    assert.equal(status, 0);
    assert.ok(requestsWhileStalled < 20, `${requestsWhileStalled} of 30 pages sent unread`);
    assert.equal(ndjsonLines(stdout).length, 3000);
  });

  test('--all --format csv honours --max-records', async () => {
    const args = ['--all', '--format', 'csv', '--page-size', '400', '--max-records', '1000'];
    const { status, stdout } = await runCli(args);
    assert.equal(status, 0);
    assert.equal(stdout, plainCsv(ALL.slice(0, 1000)));
  });

  test('--all as JSON is the whole result with every record', async () => {
    const args = ['--all', '--page-size', '500', '--concurrency', '3'];
    const { status, stdout } = await runCli(args);
    assert.equal(status, 0);
    assert.deepEqual(JSON.parse(stdout), {
      totalItems: 3000,
      pages: 6,
      duplicates: 0,
      totalItemsChanged: false,
      complete: true,
      records: ALL,
    });
  });

  test('--sort orders every record by several keys, nulls last', async () => {
    const args = ['--all', '--format', 'ndjson', '--sort', 'last_change:desc,customer_id'];
    const { status, stdout } = await runCli(args);
    assert.equal(status, 0);

    const expected = [...ALL].sort(
      (a, b) =>
        compareNullsLast(a.last_change, b.last_change, -1) ||
        compareNullsLast(a.customer_id, b.customer_id, 1),
    );
    assert.deepEqual(ndjsonLines(stdout), expected);
  });

  test('--filter keeps records matching every key; a repeated key matches any value', async () => {
    const [first, second] = [ALL[0].customer_id, ALL[1].customer_id];
    const args = [
      ...['--all', '--format', 'csv', '--filter', `customerId=${first}`],
      ...['--filter', `customerId=${second}`, '--filter', 'changedFrom=2021-01-01'],
    ];
    const { status, stdout } = await runCli(args);
    assert.equal(status, 0);

    const expected = ALL.filter(
      (record) =>
        [first, second].includes(record.customer_id) &&
        record.last_change !== null &&
        record.last_change >= '2021-01-01 00:00:00',
    );
    assert.ok(expected.length > 0);
    assert.equal(stdout, plainCsv(expected));
  });

  test('closing stdout early, as `| head -n 1` does, ends quietly with status 0', async () => {
    const command = `"${process.execPath}" "${CLI}" --all --format ndjson --page-size 100`;
    const script = `${command} | head -n 1; exit "\${PIPESTATUS[0]}"`;
    const child = spawn('bash', ['-c', script], { env: tokenEnv() });
    const { status, stdout, stderr } = await finished(child);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    assert.deepEqual(ndjsonLines(stdout), ALL.slice(0, 1));
  });
});

describe('credentials', () => {
  test('a Basic user and password from the environment work and are never printed', async () => {
    const env = cliEnv({
      CSR_BASE_URL: server.apiRoot,
      CSR_USERNAME: server.credentials.username,
      CSR_PASSWORD: PASSWORD,
    });
    const { status, stdout, stderr } = await runCli(['--count', '2'], env);
    assert.equal(status, 0);
    assert.equal(server.requests[0].authScheme, 'Basic');
    assert.deepEqual(JSON.parse(stdout).records, ALL.slice(0, 2));
    assert.ok(!`${stdout}${stderr}`.includes(PASSWORD));
  });

  test('a rejected token from the environment: one error line, exit 1, no token', async () => {
    const secret = 'wrong-token-Ab12Cd34';
    const env = cliEnv({ CSR_BASE_URL: server.apiRoot, CSR_TOKEN: secret });
    const { status, stdout, stderr } = await runCli([], env);
    assert.equal(status, 1);
    assert.equal(stdout, '');
    assertOneErrorLine(stderr);
    assert.match(stderr, /401/);
    assert.ok(!stderr.includes(secret));
  });

  test('a rejected password flag gives exit 1 and is not echoed', async () => {
    const secret = 'wrong-password-Zx98';
    const args = ['--base-url', server.apiRoot, '--username', 'customer_interface'];
    const { status, stdout, stderr } = await runCli([...args, '--password', secret], cliEnv());
    assert.equal(status, 1);
    assertOneErrorLine(stderr);
    assert.ok(!`${stdout}${stderr}`.includes(secret));
  });

  test('credential flags replace those of the environment as a whole', async () => {
    const env = cliEnv({ CSR_BASE_URL: server.apiRoot, CSR_TOKEN: 'not-the-token' });
    const args = ['--username', server.credentials.username, '--password', PASSWORD];
    const { status } = await runCli([...args, '--count', '1'], env);
    assert.equal(status, 0);
    assert.equal(server.requests[0].authScheme, 'Basic');
  });

  test('a secret pasted twice on the command line is not echoed by the usage error', async () => {
    const secret = 'pasted-secret-Qw77';
    const { status, stderr } = await runCli(['--token', secret, secret], cliEnv());
    assert.equal(status, 2);
    assertOneErrorLine(stderr);
    assert.ok(!stderr.includes(secret));
  });
});

describe('usage', () => {
  test('--help prints the usage on stdout', async () => {
    const { status, stdout } = await runCli(['--help']);
    assert.equal(status, 0);
    assert.match(stdout, /^Usage: customer-source-records \[options\]/);
    for (const flag of ['--base-url', '--external-ids', '--all', '--format', '--sort']) {
      assert.ok(stdout.includes(flag), flag);
    }
  });

  test('--version prints the package version', async () => {
    const manifest = JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));
    const { status, stdout } = await runCli(['--version']);
    assert.equal(status, 0);
    assert.equal(stdout, `${manifest.version}\n`);
  });

  const usageErrors = [
    { args: ['--bogus'], says: /Unknown option '--bogus'/ },
    { args: ['--count', 'abc'], says: /--count: count must be an integer/ },
    { args: ['--sort-direction', 'up'], says: /--sort-direction: sortDirection/ },
    { args: ['--format', 'xml'], says: /--format must be json, ndjson, csv/ },
    { args: ['--sort', 'last_chang'], says: /--sort: .*last_change/ },
    { args: ['--filter', 'customerid=x'], says: /--filter: .*did you mean customerId/ },
    { args: ['--filter', 'no-equals-sign'], says: /--filter takes KEY=VALUE/ },
    { args: ['--page-size', '10'], says: /need --all/ },
    { args: ['--all', '--concurrency', '99'], says: /--concurrency: .*at most 16/ },
  ];
  for (const { args, says } of usageErrors) {
    test(`${args.join(' ')} is a usage error: one line, exit 2, nothing sent`, async () => {
      const { status, stdout, stderr } = await runCli(args);
      assert.equal(status, 2);
      assert.equal(stdout, '');
      assertOneErrorLine(stderr);
      assert.match(stderr, says);
      assert.equal(server.requests.length, 0);
    });
  }

  test('a missing base URL names the flag and the variable', async () => {
    const { status, stderr } = await runCli([], cliEnv());
    assert.equal(status, 2);
    assert.match(stderr, /^error: --base-url \(or CSR_BASE_URL\): baseUrl is required/);
  });
});

describe('failures and interruption', () => {
  test('an unreachable server gives one error line and exit 1', async () => {
    const stopped = await startApiServer({ auth: false });
    await stopped.close();
    const args = ['--base-url', stopped.apiRoot, '--retries', '0'];
    const { status, stderr } = await runCli(args, cliEnv());
    assert.equal(status, 1);
    assertOneErrorLine(stderr);
  });

  test('Ctrl-C cancels the request in flight and exits 130', async () => {
    server.injectFaults([{ delayMs: 30000 }]);
    const child = startCli(['--count', '1']);
    const result = finished(child);
    while (server.requests.length === 0 && child.exitCode === null) await sleep(10);

    child.kill('SIGINT');
    const { status, stdout, stderr } = await result;
    assert.equal(status, 130);
    assert.equal(stdout, '');
    assert.equal(stderr, 'error: interrupted\n');
  });
});

describe('progress bar', () => {
  test('on a terminal, --all draws a bar on stderr; the records still go to stdout', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'csr-cli-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const out = join(dir, 'records.ndjson');
    const args = '--all --format ndjson --page-size 300';
    const command = `"${process.execPath}" "${CLI}" ${args} > "${out}"`;

    // `script` runs the command on a pseudo-terminal, so stderr is a TTY and stdout a file.
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: tokenEnv() });
    const { status, stdout: terminal } = await finished(child);
    assert.equal(status, 0);
    assert.match(terminal, /\d+\/3000 records, page \d+/);
    assert.deepEqual(ndjsonLines(await readFile(out, 'utf8')), ALL);
  });
});

describe('installed package', () => {
  test('npx runs the bin by name from a project that installed the packed package', async (t) => {
    const exec = promisify(execFile);
    const dir = await mkdtemp(join(tmpdir(), 'csr-install-'));
    t.after(() => rm(dir, { recursive: true, force: true }));

    const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error'];
    const { stdout: packed } = await exec('npm', ['pack', PKG, '--pack-destination', dir]);
    const tarball = join(dir, packed.trim().split('\n').at(-1));
    await writeFile(join(dir, 'package.json'), '{ "name": "scratch", "private": true }\n');
    await exec('npm', ['install', ...npmFlags, tarball], { cwd: dir });

    const { stdout } = await exec('npx', ['--no', '--', 'customer-source-records', '--version'], {
      cwd: dir,
    });
    const manifest = JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));
    assert.equal(stdout, `${manifest.version}\n`);

    // cli-progress comes from the registry as a dependency, not bundled in the tarball.
    const installed = join(dir, 'node_modules');
    const progress = JSON.parse(
      await readFile(join(installed, 'cli-progress', 'package.json'), 'utf8'),
    );
    assert.equal(progress.name, 'cli-progress');
    const ours = JSON.parse(
      await readFile(join(installed, 'customer-source-records', 'package.json'), 'utf8'),
    );
    assert.equal(ours.bundleDependencies, undefined);
    assert.ok(ours.dependencies['cli-progress']);
  });
});

/** JavaScript's own string order, which sortRecords documents as its default. */
function compareText(a, b) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareNullsLast(a, b, direction) {
  if (a === null || b === null) return (a === null) - (b === null);
  return direction * compareText(a, b);
}
