// The demo page: wires the connection, the server-side query, the results and the client-side
// view together. `#results[data-status]` says where the page is: loading, loaded, error or
// cancelled.
import * as csr from '../pkg/index.js';

import { canRefine, listSources, nextSortKeys, readFilter, refine } from './client-view.js';
import {
  describeConnection,
  prefillConnection,
  readConnection,
  showSchemeFields,
} from './connection.js';
import { clearError, explainError, renderError } from './errors.js';
import { finishProgress, hideProgress, showProgress, startProgress } from './load-progress.js';
import { formatCount, showPager, targetOffset } from './pager.js';
import { inputForField, readQueryParams, showRequestUrl } from './query-form.js';
import {
  makeHeadersSortable,
  markBusy,
  renderRows,
  renderSkeleton,
  showSortKeys,
} from './results-table.js';

// Rows put in the table at once; more on request, so a large "load all" stays responsive.
const RENDER_STEP = 500;
const LOAD_ALL_PAGE_SIZE = 500;
const TIMEOUT_MS = 30_000;

const $ = (selector) => document.querySelector(selector);
const form = $('#request');
const results = $('#results');
const table = $('#records');
const tbody = table.tBodies[0];
const errorPanel = $('#error');
const progressBox = $('#progress');
const refineForm = $('#refine');

const state = {
  records: [],
  page: null,
  all: null,
  sortKeys: [],
  shown: RENDER_STEP,
  controller: null,
  lastAction: null,
  refinable: false,
};

function setStatus(status, summary) {
  results.dataset.status = status;
  $('#summary').textContent = summary;
}

function currentQuery() {
  return { ...readConnection(form), ...readQueryParams(form) };
}

function updateRequestLine() {
  const { auth, language, ...query } = currentQuery();
  showRequestUrl(form, $('#request-url'), query, csr.sourceRecordsUrl);
  $('#connection-summary').textContent = describeConnection(form);
}

// Runs one load: cancels the one before, shows loading without moving the layout, and turns
// the outcome into a status. `load(signal)` resolves with what `show(result)` puts in view;
// a load that another one replaced changes nothing.
async function run(action, load, show) {
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  state.lastAction = action;

  clearError(errorPanel);
  if (state.records.length === 0) {
    renderSkeleton(tbody);
  } else {
    markBusy(tbody);
  }
  setStatus('loading', 'Loading records…');

  let result;
  try {
    result = await load(controller.signal);
  } catch (error) {
    if (state.controller === controller) {
      showFailure(error, controller.signal.aborted);
    }
    return;
  }
  if (state.controller !== controller) {
    return;
  }

  show(result);
  state.shown = RENDER_STEP;
  listSources(refineForm.elements.customerSourceId, state.records);
  renderView();
  setStatus('loaded', loadedSummary());
}

function fetchPage() {
  hideProgress(progressBox);
  const load = (signal) =>
    csr.fetchSourceRecords({
      ...currentQuery(),
      timeoutMs: TIMEOUT_MS,
      signal,
      onRetry: showRetrying,
    });
  return run(fetchPage, load, (page) => {
    Object.assign(state, { records: page.records, page, all: null });
    showPager($('#pager'), page);
  });
}

// Every matching record from the first, whatever the offset field says.
function loadAll() {
  $('#pager').hidden = true;
  startProgress(progressBox);
  const { offset, count, ...query } = currentQuery();
  const load = (signal) =>
    csr.fetchAllSourceRecords(
      { ...query, timeoutMs: TIMEOUT_MS, onRetry: showRetrying },
      {
        pageSize: LOAD_ALL_PAGE_SIZE,
        signal,
        onProgress: (progress) => showProgress(progressBox, progress),
      },
    );
  return run(loadAll, load, (all) => {
    Object.assign(state, { records: all.records, page: null, all });
    const { records, totalItems, pages } = all;
    finishProgress(progressBox, { loaded: records.length, total: totalItems, pages });
  });
}

function showRetrying({ status, delayMs, attempt }) {
  const what = status === null ? 'The request failed' : `The server answered ${status}`;
  const wait = Math.ceil(delayMs / 1000);
  $('#summary').textContent = `${what}; trying again in ${wait} s (retry ${attempt})…`;
}

function showFailure(error, cancelled) {
  if (cancelled || error.name === 'AbortError') {
    hideProgress(progressBox);
    showPager($('#pager'), state.page);
    setStatus('cancelled', 'Cancelled. The records shown are from before.');
    renderView();
    return;
  }

  const explained = explainError(error);
  const input = inputForField(form, error.field);
  input?.setAttribute('aria-invalid', 'true');
  if (input?.closest('#connection')) {
    $('#connection').open = true;
  }
  renderError(errorPanel, explained, {
    onRetry: () => state.lastAction?.(),
    onEditConnection: () => editConnection(explained.status),
  });
  state.records = [];
  hideProgress(progressBox);
  $('#pager').hidden = true;
  setStatus('error', `Failed: ${explained.heading}.`);
  renderView();
}

function editConnection(status) {
  const details = $('#connection');
  details.open = true;
  const { elements } = form;
  const secret = elements.scheme.value === 'bearer' ? elements.token : elements.password;
  const field = status === 401 || status === 403 ? secret : elements.baseUrl;
  field.focus();
  field.select?.();
}

// The loaded records through the client-side filter and sort, as far as shown.
function renderView() {
  let view = state.records;
  let note = '';
  if (state.refinable) {
    try {
      const filter = readFilter(refineForm);
      view = refine(csr, state.records, filter, state.sortKeys);
      if (Object.keys(filter).length > 0) {
        note = `${formatCount(view.length)} of ${formatCount(state.records.length)} match`;
      }
    } catch (error) {
      note = error.message;
    }
  }
  $('#refine-note').textContent = note;

  renderRows(tbody, view.slice(0, state.shown), emptyText());
  const more = $('#show-more');
  more.hidden = view.length <= state.shown;
  more.textContent = `Show ${formatCount(Math.min(RENDER_STEP, view.length - state.shown))} more`;
  showSortKeys(table, state.sortKeys);
}

function emptyText() {
  if (results.dataset.status === 'error' || state.lastAction === null) {
    return 'Nothing loaded.';
  }
  return state.records.length === 0 ? 'No records match this query.' : 'No loaded records match.';
}

function loadedSummary() {
  if (state.all !== null) {
    return allSummary(state.all);
  }
  const { offset, totalItems, records } = state.page;
  if (records.length === 0) {
    return `No records on this page; ${formatCount(totalItems)} match in all.`;
  }
  const range = `${formatCount(offset + 1)}–${formatCount(offset + records.length)}`;
  return `Records ${range} of ${formatCount(totalItems)}`;
}

function allSummary({ records, pages, duplicates, totalItemsChanged, complete }) {
  const requests = pages === 1 ? '1 request' : `${formatCount(pages)} requests`;
  const parts = [`All ${formatCount(records.length)} records loaded in ${requests}`];
  if (duplicates > 0) {
    parts.push(`${formatCount(duplicates)} repeated across pages and shown once`);
  }
  if (totalItemsChanged) {
    parts.push('the total changed while loading');
  }
  if (!complete) {
    parts.push('some records may be missing: load again to be sure');
  }
  return parts.join('; ');
}

function wireEvents() {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fetchPage();
  });
  form.addEventListener('input', updateRequestLine);
  form.addEventListener('change', (event) => {
    if (event.target.name === 'scheme') {
      showSchemeFields(form);
    }
    updateRequestLine();
  });
  $('#load-all').addEventListener('click', loadAll);
  $('#cancel').addEventListener('click', () => state.controller?.abort());

  $('#pager').addEventListener('click', (event) => {
    const go = event.target.closest('[data-go]')?.dataset.go;
    const offset = go === undefined || state.page === null ? null : targetOffset(go, state.page);
    if (offset !== null) {
      form.elements.offset.value = offset;
      updateRequestLine();
      fetchPage();
    }
  });
  $('#show-more').addEventListener('click', () => {
    state.shown += RENDER_STEP;
    renderView();
  });
}

function wireRefine() {
  state.refinable = canRefine(csr);
  if (!state.refinable) {
    refineForm.hidden = true;
    return;
  }
  makeHeadersSortable(table, (field, additive) => {
    state.sortKeys = nextSortKeys(state.sortKeys, field, additive);
    state.shown = RENDER_STEP;
    renderView();
  });
  const apply = () => {
    state.shown = RENDER_STEP;
    renderView();
  };
  refineForm.addEventListener('input', apply);
  refineForm.addEventListener('submit', (event) => event.preventDefault());
  // Reset changes the inputs after its event, so the view is redrawn a task later.
  refineForm.addEventListener('reset', () => setTimeout(apply));
}

async function start() {
  renderSkeleton(tbody);
  const [, prefilled] = await Promise.all([csr.init(), prefillConnection(form)]);
  wireRefine();
  wireEvents();
  updateRequestLine();
  for (const button of form.querySelectorAll('button')) {
    button.disabled = false;
  }

  if (prefilled) {
    await fetchPage();
  } else {
    $('#connection').open = true;
    renderRows(tbody, [], 'Fill in the connection, then fetch a page.');
    setStatus('idle', 'Not connected yet.');
  }
}

start().catch((error) => showFailure(error, false));
