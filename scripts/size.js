// Prints the raw and gzipped sizes of the built package's .wasm and of the JavaScript a library
// user loads with it (the wasm-bindgen glue, the entry files, the snippets; not the CLI), and
// fails when the gzipped .wasm is over budget. Run after `scripts/build`: node scripts/size.js
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const WASM_BUDGET_GZIP = 64 * 1024;
const pkg = new URL('../pkg/', import.meta.url);

function sizes(path) {
  const bytes = readFileSync(new URL(path, pkg));
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** Every `.js` file under `dir` (relative to pkg/), depth first. */
function scripts(dir) {
  return readdirSync(new URL(dir, pkg), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory()) return scripts(`${path}/`);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function printTable(rows) {
  const lines = [['file', 'raw', 'gzip']];
  for (const { path, raw, gzip } of rows) lines.push([path, kb(raw), kb(gzip)]);
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  for (const [path, ...figures] of lines) {
    const right = figures.map((cell, column) => cell.padStart(widths[column + 1]));
    console.log([path.padEnd(widths[0]), ...right].join('  '));
  }
}

const wasm = sizes('customer_source_records_bg.wasm');
const entries = readdirSync(pkg).filter((name) => name.endsWith('.js') && name !== 'cli.js');
const glue = [...entries, ...scripts('snippets/')].map(sizes);
const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0);
const glueTotal = { path: 'JS glue, total', raw: sum(glue, 'raw'), gzip: sum(glue, 'gzip') };

printTable([wasm, ...glue, glueTotal]);
console.log('(KB = 1024 bytes; gzip level 9, each file on its own)');

if (wasm.gzip > WASM_BUDGET_GZIP) {
  const budget = kb(WASM_BUDGET_GZIP);
  console.error(`the .wasm is ${kb(wasm.gzip)} gzipped, over its budget of ${budget}`);
  process.exitCode = 1;
} else {
  console.log(`the .wasm is within its budget of ${kb(WASM_BUDGET_GZIP)} gzipped`);
}
