// The connection part of the form: API root, authorization and Accept-Language. Values live
// only in the form's inputs, in this tab's memory; nothing here writes to storage or the URL.

const PREFILL_URL = '/__control/connection';

/**
 * Fills the connection from the built-in API, which says where it lives and which dev
 * credentials it accepts. Resolves false when the page is served by something else.
 */
export async function prefillConnection(form) {
  let connection;
  try {
    const response = await fetch(PREFILL_URL, { cache: 'no-store' });
    if (!response.ok) {
      return false;
    }
    connection = await response.json();
  } catch {
    return false;
  }

  const { elements } = form;
  elements.baseUrl.value = connection.apiRoot ?? '';
  elements.username.value = connection.username ?? '';
  elements.password.value = connection.password ?? '';
  elements.token.value = connection.token ?? '';
  elements.scheme.value = connection.auth === false ? 'none' : 'basic';
  showSchemeFields(form);
  return true;
}

/** Shows the inputs of the chosen authorization scheme and hides the others. */
export function showSchemeFields(form) {
  const scheme = form.elements.scheme.value;
  for (const field of form.querySelectorAll('[data-scheme]')) {
    field.hidden = field.dataset.scheme !== scheme;
  }
}

/** `{ baseUrl, auth, language }` as the package takes them; unset values are left out. */
export function readConnection(form) {
  const { elements } = form;
  const connection = { baseUrl: elements.baseUrl.value.trim() };

  const scheme = elements.scheme.value;
  if (scheme === 'basic') {
    connection.auth = { username: elements.username.value, password: elements.password.value };
  } else if (scheme === 'bearer') {
    connection.auth = { token: elements.token.value };
  }

  const language = elements.language.value.trim();
  if (language !== '') {
    connection.language = language;
  }
  return connection;
}

/** One line for the collapsed connection: where, and how (never the secret itself). */
export function describeConnection(form) {
  const { elements } = form;
  const where = hostOf(elements.baseUrl.value.trim());
  const scheme = elements.scheme.value;
  if (scheme === 'basic') {
    return `${where} · Basic as ${elements.username.value || '(no user)'}`;
  }
  return scheme === 'bearer' ? `${where} · Bearer token` : `${where} · no authorization`;
}

function hostOf(text) {
  if (text === '') {
    return 'No API root';
  }
  try {
    return new URL(text).host;
  } catch {
    return text;
  }
}
