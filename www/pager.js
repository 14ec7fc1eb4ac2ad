// Navigation between the server's pages of one query: where each button leads, and the label.

const numbers = new Intl.NumberFormat('en');

/** Formats a count the way the rest of the page does: 3,000. */
export function formatCount(value) {
  return numbers.format(value);
}

/**
 * The offset a pager button leads to from `page` (`{ offset, count, totalItems }`), or null
 * when there is no such page.
 */
export function targetOffset(go, { offset, count, totalItems }) {
  const last = totalItems === 0 ? 0 : Math.floor((totalItems - 1) / count) * count;
  const targets = {
    first: 0,
    previous: Math.max(0, offset - count),
    next: offset + count,
    last,
  };
  const target = targets[go];
  if (target === undefined || target === offset || target > last) {
    return null;
  }
  return target;
}

/** Shows where `page` sits among the pages, or hides the pager when there is no page. */
export function showPager(nav, page) {
  nav.hidden = page === null;
  if (page === null) {
    return;
  }
  for (const button of nav.querySelectorAll('[data-go]')) {
    button.disabled = targetOffset(button.dataset.go, page) === null;
  }
  const pages = Math.max(1, Math.ceil(page.totalItems / page.count));
  const current = Math.floor(page.offset / page.count) + 1;
  nav.querySelector('.page-label').textContent =
    `Page ${formatCount(current)} of ${formatCount(pages)}`;
}
