// The records table. Every value from the server goes in with textContent or as an attribute
// value, never through innerHTML, so a record can hold any text and nothing of it runs.

const SKELETON_ROWS = 12;

/** Replaces the rows with `records`, in order, or with one row saying `emptyText`. */
export function renderRows(tbody, records, emptyText) {
  const fields = fieldsOf(tbody);
  const labels = labelsOf(tbody);
  const rows = records.map((record) => {
    const tr = document.createElement('tr');
    fields.forEach((field, index) => tr.append(cell(record[field], labels[index], field)));
    return tr;
  });
  tbody.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(fields.length, emptyText)]));
  tbody.closest('table').removeAttribute('aria-busy');
}

function emptyRow(columns, text) {
  const tr = document.createElement('tr');
  tr.className = 'empty';
  const td = document.createElement('td');
  td.colSpan = columns;
  td.textContent = text;
  tr.append(td);
  return tr;
}

/** Placeholder rows of the same height as real ones, so the first load does not jump. */
export function renderSkeleton(tbody) {
  const columns = fieldsOf(tbody).length;
  const rows = Array.from({ length: SKELETON_ROWS }, () => {
    const tr = document.createElement('tr');
    tr.className = 'skeleton';
    for (let index = 0; index < columns; index += 1) {
      const td = document.createElement('td');
      td.append(document.createElement('span'));
      tr.append(td);
    }
    return tr;
  });
  tbody.replaceChildren(...rows);
  markBusy(tbody);
}

/** Keeps the rows in place, dimmed, while the next ones load. */
export function markBusy(tbody) {
  tbody.closest('table').setAttribute('aria-busy', 'true');
}

/**
 * Turns each header into a button that calls `onSort(field, additive)`; additive (shift) adds
 * a further key instead of replacing the sort.
 */
export function makeHeadersSortable(table, onSort) {
  for (const th of table.tHead.rows[0].cells) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.title = 'Sort; shift-click to add a further key';
    const label = document.createElement('span');
    label.className = 'sort-label';
    label.textContent = th.textContent;
    const mark = document.createElement('span');
    mark.className = 'sort-mark';
    mark.setAttribute('aria-hidden', 'true');
    button.append(label, mark);
    button.addEventListener('click', (event) => onSort(th.dataset.field, event.shiftKey));
    th.replaceChildren(button);
  }
}

/** Shows the sort keys on the headers: direction, and priority when there is more than one. */
export function showSortKeys(table, keys) {
  for (const th of table.tHead.rows[0].cells) {
    const at = keys.findIndex((key) => key.field === th.dataset.field);
    const key = keys[at];
    const mark = th.querySelector('.sort-mark');
    if (key === undefined) {
      th.removeAttribute('aria-sort');
      th.removeAttribute('data-direction');
      mark?.replaceChildren();
      continue;
    }
    th.dataset.direction = key.direction;
    if (at === 0) {
      th.setAttribute('aria-sort', key.direction === 'DESC' ? 'descending' : 'ascending');
    } else {
      th.removeAttribute('aria-sort');
    }
    if (mark) {
      const arrow = key.direction === 'DESC' ? '↓' : '↑';
      mark.textContent = keys.length > 1 ? `${arrow}${at + 1}` : arrow;
    }
  }
}

function cell(value, label, field) {
  const td = document.createElement('td');
  td.dataset.label = label;
  td.dataset.field = field;
  if (value === null || value === undefined) {
    td.className = 'is-null';
    td.textContent = '—';
    td.title = 'none';
  } else {
    td.textContent = value;
    td.title = value;
  }
  return td;
}

function fieldsOf(tbody) {
  return [...headerCells(tbody)].map((th) => th.dataset.field);
}

function labelsOf(tbody) {
  const label = (th) => (th.querySelector('.sort-label') ?? th).textContent;
  return [...headerCells(tbody)].map(label);
}

function headerCells(tbody) {
  return tbody.closest('table').tHead.rows[0].cells;
}
