// Command line for the local customer-source-records server.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { startApiServer } from './server.js';

const USAGE = `Usage: node api-server/main.js [options]

Serves a fake customer-source-records API (and optionally static files) until stopped.

Options:
  --port N          port to listen on (default 8787; 0 picks a free one)
  --host HOST       address to listen on (default 127.0.0.1)
  --seed N          seed of the generated records (default 1)
  --records N       number of generated records (default 3000)
  --latency-ms N    delay added to every API request (default 0)
  --www DIR         serve DIR at /
  --pkg DIR         serve DIR at /pkg/
  --help            print this help
`;

const OPTIONS = {
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  seed: { type: 'string', default: '1' },
  records: { type: 'string', default: '3000' },
  'latency-ms': { type: 'string', default: '0' },
  www: { type: 'string' },
  pkg: { type: 'string' },
  help: { type: 'boolean', default: false },
};

async function main() {
  let args;
  try {
    args = parseArgs({ options: OPTIONS, allowPositionals: false }).values;
  } catch (error) {
    fail(error.message);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }

  const server = await startApiServer({
    host: args.host,
    port: readInteger(args.port, 'port', 0),
    seed: readInteger(args.seed, 'seed', -(2 ** 31)),
    recordCount: readInteger(args.records, 'records', 0),
    latencyMs: readInteger(args['latency-ms'], 'latency-ms', 0),
    staticRoutes: staticRoutes(args),
  });

  printSummary(server, args);
  stopOnSignal(server);
}

function readInteger(text, name, min) {
  if (!/^-?[0-9]+$/.test(text) || Number(text) < min) {
    fail(`--${name} must be an integer of at least ${min}`);
  }
  return Number(text);
}

function staticRoutes({ www, pkg }) {
  const routes = {};
  if (www !== undefined) {
    routes['/'] = resolve(www);
  }
  if (pkg !== undefined) {
    routes['/pkg/'] = resolve(pkg);
  }
  return routes;
}

// Printing the credentials is deliberate: they are this local server's own dev credentials.
function printSummary({ url, apiRoot, credentials }, args) {
  const basic = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8');
  const lines = [
    `customer-source-records test server listening on ${url}`,
    `API root:        ${apiRoot}`,
    `Basic user:      ${credentials.username}`,
    `Basic password:  ${credentials.password}`,
    `  (header: Authorization: Basic ${basic.toString('base64')})`,
    `Bearer token:    ${credentials.token}`,
    `Control:         ${url}/__control/faults, ${url}/__control/requests`,
  ];
  if (args.www !== undefined) {
    lines.unshift(`Demo page:       ${url}/`);
    lines.push(`Static /:        ${resolve(args.www)}`);
  }
  if (args.pkg !== undefined) {
    lines.push(`Static /pkg/:    ${resolve(args.pkg)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function stopOnSignal(server) {
  const stop = async (signal) => {
    process.stdout.write(`${signal}: closing\n`);
    await server.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(message) {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

main().catch((error) => {
  process.stderr.write(`could not start the server: ${error.message}\n`);
  process.exit(1);
});
