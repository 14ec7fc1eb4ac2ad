// The progress of "load all": a bar and a count that replace the pager while pages arrive.

import { formatCount } from './pager.js';

/** Shows the bar empty, before the first page says how many records there are. */
export function startProgress(box) {
  const bar = box.querySelector('progress');
  bar.removeAttribute('value');
  box.querySelector('.progress-label').textContent = 'Counting records…';
  box.querySelector('button').hidden = false;
  box.hidden = false;
}

/** Moves the bar to `{ loaded, total, pages }` as reported by `fetchAllSourceRecords`. */
export function showProgress(box, { loaded, total, pages }) {
  const bar = box.querySelector('progress');
  bar.max = Math.max(total, 1);
  bar.value = Math.min(loaded, bar.max);
  const requests = pages === 1 ? '1 request' : `${formatCount(pages)} requests`;
  box.querySelector('.progress-label').textContent =
    `${formatCount(loaded)} of ${formatCount(total)} · ${requests}`;
}

/** Leaves the finished bar in view, without its Cancel button. */
export function finishProgress(box, progress) {
  showProgress(box, progress);
  const bar = box.querySelector('progress');
  bar.value = bar.max;
  box.querySelector('button').hidden = true;
}

export function hideProgress(box) {
  box.hidden = true;
}
