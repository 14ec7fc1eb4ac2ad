// The server-side query: every documented parameter, read from the form as the package takes
// them, and the exact request URL shown live, checked by the package itself as the user types.

const TEXT_PARAMS = ['sortField', 'sortDirection', 'customerId', 'externalId', 'customerSourceId'];
const INTEGER_PARAMS = ['count', 'offset'];

/**
 * The query parameters set in the form; empty inputs are left out so the server's defaults
 * apply. Text that is not a number becomes NaN, so the package says what is wrong with it.
 */
export function readQueryParams(form) {
  const { elements } = form;
  const params = {};

  for (const name of INTEGER_PARAMS) {
    const input = elements[name];
    if (input.validity.badInput) {
      params[name] = Number.NaN;
    } else if (input.value !== '') {
      params[name] = input.valueAsNumber;
    }
  }
  for (const name of TEXT_PARAMS) {
    const value = elements[name].value.trim();
    if (value !== '') {
      params[name] = value;
    }
  }

  const externalIds = elements.externalIds.value
    .split(/[\n,]/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (externalIds.length > 0) {
    params.externalIds = externalIds;
  }
  return params;
}

/**
 * Shows `sourceRecordsUrl(query)` in `output`, or why the query is invalid, and marks the
 * input the package names. Returns the package's error, or null when the query is valid.
 */
export function showRequestUrl(form, output, query, sourceRecordsUrl) {
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }

  try {
    output.value = sourceRecordsUrl(query);
    output.dataset.valid = 'true';
    return null;
  } catch (error) {
    output.value = error.message;
    output.dataset.valid = 'false';
    inputForField(form, error.field)?.setAttribute('aria-invalid', 'true');
    return error;
  }
}

/** The input behind a package field path such as `externalIds[3]` or `auth.token`. */
export function inputForField(form, field) {
  if (typeof field !== 'string') {
    return null;
  }
  const name = field.startsWith('auth.') ? field.slice(5) : field.replace(/\[\d+\]$/, '');
  const input = form.elements[name];
  return input instanceof HTMLElement ? input : null;
}
