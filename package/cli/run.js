// Fetches what an invocation asks for and writes it: one page, every record held at once
// (JSON or --sort), or every page streamed as it comes (NDJSON and CSV).
import {
  fetchAllSourceRecords,
  fetchSourceRecords,
  filterRecords,
  sortRecords,
  sourceRecordPages,
  sourceRecordsUrl,
} from '../node.js';
import { jsonChunks, rowFormat } from './formats.js';
import { UsageError } from './usage-error.js';

/**
 * `invocation` from readInvocation; `io`: `{ output, progress, warn, signal }`. Resolves when
 * everything is written; rejects with the library's error or the output's.
 */
export async function runInvocation(invocation, io) {
  checkBeforeSending(invocation);
  const query = { ...invocation.query, signal: io.signal };

  if (!invocation.all) {
    await writePage(await fetchSourceRecords(query), invocation, io.output);
  } else if (streamsPages(invocation)) {
    await streamPages(query, invocation, io);
  } else {
    await writeAll(query, invocation, io);
  }
}

/** Whether records are written page by page as they come, rather than all at the end. */
export function streamsPages({ all, format, sortKeys }) {
  return all && format !== 'json' && sortKeys === null;
}

// Everything the library can check without a request is checked first, so a typo in --sort
// fails at once rather than after a long export.
function checkBeforeSending({ query, sortKeys, filter }) {
  sourceRecordsUrl(query);
  if (filter !== null) withFlag('--filter', () => filterRecords([], filter));
  if (sortKeys !== null) withFlag('--sort', () => sortRecords([], sortKeys));
}

function withFlag(flag, check) {
  try {
    check();
  } catch (error) {
    if (error?.code !== 'ERR_INVALID_QUERY') throw error;
    throw new UsageError(`${flag}: ${error.message}`);
  }
}

function clientSide(records, { filter, sortKeys }) {
  const kept = filter === null ? records : filterRecords(records, filter);
  return sortKeys === null ? kept : sortRecords(kept, sortKeys);
}

async function writePage(page, invocation, output) {
  const { records, ...summary } = page;
  await writeRecords(summary, clientSide(records, invocation), invocation.format, output);
}

async function writeAll(query, invocation, { output, progress, warn, signal }) {
  const onProgress = ({ loaded, total, pages }) => progress.update(loaded, total, pages);
  const options = { ...invocation.paging, onProgress, signal };
  let result;
  try {
    result = await fetchAllSourceRecords(query, options);
  } finally {
    progress.stop();
  }

  const { records, ...summary } = result;
  if (!result.complete) warn(incompleteWarning(result));
  await writeRecords(summary, clientSide(records, invocation), invocation.format, output);
}

async function writeRecords(summary, records, format, output) {
  if (format === 'json') {
    for (const chunk of jsonChunks(summary, records)) await output.write(chunk);
    return;
  }
  const { header, rows } = rowFormat(format);
  await output.write(header + rows(records));
}

// One page in memory at a time: the next request is sent only once this page is written.
async function streamPages(query, invocation, { output, progress, warn, signal }) {
  const { header, rows } = rowFormat(invocation.format);
  const options = invocation.paging;
  const walk = { loaded: 0, pages: 0, totals: new Set() };
  await output.write(header);

  try {
    for await (const page of sourceRecordPages(query, { ...options, signal })) {
      walk.loaded += page.records.length;
      walk.pages += 1;
      walk.totals.add(page.totalItems);
      progress.update(walk.loaded, expectedRecords(query, options, page), walk.pages);
      await output.write(rows(clientSide(page.records, invocation)));
    }
  } finally {
    progress.stop();
  }

  if (walk.totals.size > 1) warn(changedTotalWarning([...walk.totals]));
}

function expectedRecords(query, { maxRecords }, page) {
  const remaining = Math.max(0, page.totalItems - (query.offset ?? 0));
  return maxRecords === undefined ? remaining : Math.min(remaining, maxRecords);
}

// `complete` already allows for --offset and --max-records: when false, data moved.
function incompleteWarning({ totalItems, records, duplicates, totalItemsChanged }) {
  const moved = totalItemsChanged ? ', the total changed while paging' : '';
  return (
    `warning: ${records.length} unique records for a total of ${totalItems} ` +
    `(${duplicates} duplicates dropped${moved}): the data changed during the export`
  );
}

function changedTotalWarning(totals) {
  return (
    `warning: the total changed while paging (${totals.join(' → ')}): ` +
    'records may be repeated or missing'
  );
}
