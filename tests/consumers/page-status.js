// Runs the checks in a browser page and reports through the page itself: `data-status` on
// <body> ('ok' or 'failed') and the result as JSON in `data-result`, with the paths of the
// .wasm files the page loaded.
import { runChecks } from './package-checks.js';

function loadedWasmPaths() {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.endsWith('.wasm'));
}

export async function reportOnPage(csr) {
  const { body } = document;
  try {
    const api = new URLSearchParams(location.search).get('api');
    const result = await runChecks(csr, api);
    body.dataset.result = JSON.stringify({ ...result, wasm: loadedWasmPaths() });
    body.dataset.status = 'ok';
  } catch (error) {
    body.dataset.result = JSON.stringify({ error: `${error.name}: ${error.message}` });
    body.dataset.status = 'failed';
  }
}
