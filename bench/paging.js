// Paging and single-page speed against the built-in API on loopback, with a fixed latency per
// request. Run after `scripts/build` with: node bench/paging.js
//
// The server runs in its own process, as a real one would, so its work does not share the
// client's event loop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { fetchAllSourceRecords, fetchSourceRecords } from '../pkg/node.js';
import { medians, printComparisons } from './harness.js';

const RECORDS = 20_000;
const LATENCY_MS = 20;
const PAGE_SIZE = 100;

async function startServer() {
  const main = fileURLToPath(new URL('../api-server/main.js', import.meta.url));
  const child = spawn(process.execPath, [
    main,
    '--port',
    '0',
    '--records',
    String(RECORDS),
    '--latency-ms',
    String(LATENCY_MS),
  ]);
  let output = '';
  child.stdout.setEncoding('utf8');
  while (!/API root:\s+(\S+)/.test(output)) {
    const [chunk] = await once(child.stdout, 'data');
    output += chunk;
  }
  return { child, apiRoot: /API root:\s+(\S+)/.exec(output)[1] };
}

async function main() {
  const { child, apiRoot } = await startServer();
  // The built-in server accepts its own dev credentials; the bench uses Basic like a real client.
  const auth = { username: 'customer_interface', password: 'dev-token-3f9a' };
  const headers = { Authorization: `Basic ${btoa(`${auth.username}:${auth.password}`)}` };
  const query = { baseUrl: apiRoot, auth };
  try {
    const times = await medians({
      concurrent: () => fetchAllSourceRecords(query, { pageSize: PAGE_SIZE, concurrency: 4 }),
      sequential: () => fetchAllSourceRecords(query, { pageSize: PAGE_SIZE, concurrency: 1 }),
      onePage: () => fetchSourceRecords({ ...query, count: 10_000 }),
      plainFetch: async () => {
        const response = await fetch(`${apiRoot}/customer-source-records?count=10000`, { headers });
        return response.json();
      },
    });
    const met = printComparisons(
      `${RECORDS} records, ${LATENCY_MS} ms latency per request, loopback (medians of 10 runs)`,
      [
        {
          name: `fetchAllSourceRecords, concurrency 4, pages of ${PAGE_SIZE}, vs one after another`,
          ours: times.concurrent,
          baseline: times.sequential,
          target: { kind: 'faster', factor: 3 },
        },
        {
          name: 'fetchSourceRecords, one page of 10,000, vs fetch + response.json()',
          ours: times.onePage,
          baseline: times.plainFetch,
          target: { kind: 'at-most', factor: 1.3 },
        },
      ],
    );
    process.exitCode = met ? 0 : 1;
  } finally {
    child.kill();
  }
}

await main();
