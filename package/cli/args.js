// Flags as node:util parseArgs reads them. Values stay strings here: turning them into a query
// and checking them is the job of invocation.js and of the library.
import { parseArgs } from 'node:util';

import { UsageError } from './usage-error.js';

const text = { type: 'string' };

export const OPTIONS = {
  'base-url': text,
  token: text,
  username: text,
  password: text,
  language: text,
  'timeout-ms': text,
  retries: text,
  count: text,
  offset: text,
  'sort-field': text,
  'sort-direction': text,
  'customer-id': text,
  'customer-source-id': text,
  'external-id': text,
  'external-ids': { type: 'string', multiple: true },
  all: { type: 'boolean' },
  'page-size': text,
  'max-records': text,
  concurrency: text,
  format: text,
  sort: text,
  filter: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

/** Flags whose values are credentials, never to be shown. */
export const SECRET_FLAGS = ['password', 'token'];

/** The parsed flags; a malformed command line throws a UsageError. */
export function readFlags(argv) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    // parseArgs explains some mistakes over several lines; errors here are one line.
    throw new UsageError(`${error.message.replace(/\s*\n\s*/g, ' ')} (see --help)`);
  }
}

/**
 * Values given to secret flags in `argv`, found without parsing it, so that even the message
 * of a command line parseArgs rejects can be cleaned of them.
 */
export function secretsInArgv(argv) {
  const secrets = [];
  argv.forEach((arg, at) => {
    for (const name of SECRET_FLAGS) {
      if (arg === `--${name}` && at + 1 < argv.length) secrets.push(argv[at + 1]);
      if (arg.startsWith(`--${name}=`)) secrets.push(arg.slice(name.length + 3));
    }
  });
  return secrets;
}
