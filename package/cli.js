#!/usr/bin/env node
// The `customer-source-records` command: a thin layer over this package's Node entry that turns
// flags into a query, prints records on stdout and failures as one line on stderr.
import { readFileSync } from 'node:fs';

import { readFlags, secretsInArgv } from './cli/args.js';
import { EXIT, errorLine, exitStatus, redact } from './cli/error-line.js';
import { readInvocation, secretsInEnv } from './cli/invocation.js';
import { createOutput, isClosedPipe } from './cli/output.js';
import { createProgress } from './cli/progress.js';
import { runInvocation, streamsPages } from './cli/run.js';
import { USAGE } from './cli/usage.js';

const argv = process.argv.slice(2);
const secrets = [...secretsInArgv(argv), ...secretsInEnv(process.env)];
const controller = new AbortController();
const output = createOutput(process.stdout, controller.signal);

// Why the run stopped early, if it did: Ctrl-C, or the reader of stdout went away (`| head`).
// Either way the requests in flight are cancelled.
let stoppedBy = null;
process.once('SIGINT', () => {
  stoppedBy ??= 'interrupt';
  controller.abort();
});
process.stdout.on('error', (error) => {
  if (!isClosedPipe(error)) return;
  stoppedBy ??= 'closed pipe';
  controller.abort();
});

async function main() {
  const flags = readFlags(argv);
  if (flags.help) return output.write(USAGE);
  if (flags.version) return output.write(`${packageVersion()}\n`);

  const invocation = readInvocation(flags, process.env);
  const progress = createProgress(showsProgress(invocation), process.stderr);
  const warn = (line) => process.stderr.write(`${redact(line, secrets)}\n`);
  return runInvocation(invocation, { output, progress, warn, signal: controller.signal });
}

function packageVersion() {
  const manifest = readFileSync(new URL('./package.json', import.meta.url), 'utf8');
  return JSON.parse(manifest).version;
}

// Only on a terminal, and not while records stream to that same terminal between redraws.
function showsProgress(invocation) {
  if (!invocation.all || !process.stderr.isTTY) return false;
  return !(process.stdout.isTTY && streamsPages(invocation));
}

function finish(error) {
  if (stoppedBy === 'closed pipe' || isClosedPipe(error)) return EXIT.ok;
  if (stoppedBy === 'interrupt') {
    process.stderr.write('error: interrupted\n');
    return EXIT.interrupted;
  }
  process.stderr.write(errorLine(error, secrets));
  return exitStatus(error);
}

// exitCode rather than exit(): stdout is flushed before the process ends.
main().then(
  () => {
    process.exitCode = stoppedBy === 'interrupt' ? EXIT.interrupted : EXIT.ok;
  },
  (error) => {
    process.exitCode = finish(error);
  },
);
