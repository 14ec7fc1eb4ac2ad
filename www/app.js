// The demo page: fetches one page from the API root in the form and shows it in a table.
// Values from the server are only ever set as text, never as HTML.
import { fetchSourceRecords } from './pkg/index.js';

const FIELDS = [
  'customer_source_record_id',
  'customer_source_id',
  'customer_id',
  'external_id',
  'last_change',
];

// The built-in API serves this page, so it is the default connection.
const BUILT_IN = {
  baseUrl: `${location.origin}/webservice/rest-api/customer-interface/v1.0`,
  username: 'customer_interface',
  password: 'dev-token-3f9a',
};

const form = document.querySelector('#connection');
const status = document.querySelector('#status');
const body = document.querySelector('#records tbody');

function showStatus(state, text) {
  status.dataset.status = state;
  status.textContent = text;
}

function row(record) {
  const tr = document.createElement('tr');
  for (const field of FIELDS) {
    const td = document.createElement('td');
    td.textContent = record[field] ?? '—';
    tr.append(td);
  }
  return tr;
}

async function load() {
  const values = new FormData(form);
  showStatus('loading', 'Loading…');
  try {
    const page = await fetchSourceRecords({
      baseUrl: values.get('baseUrl'),
      auth: { username: values.get('username'), password: values.get('password') },
      count: Number(values.get('count')),
      offset: Number(values.get('offset')),
    });
    body.replaceChildren(...page.records.map(row));
    const last = page.offset + page.records.length;
    showStatus('loaded', `Records ${page.offset + 1}–${last} of ${page.totalItems}`);
  } catch (error) {
    body.replaceChildren();
    showStatus('error', `${error.name}: ${error.message}`);
  }
}

for (const [name, value] of Object.entries(BUILT_IN)) {
  form.elements[name].value = value;
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
load();
