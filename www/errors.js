// Errors as a person wants them: what happened, the status, the API's own words, and what to
// do next. Everything the server sent is set as text.

const HTTP_ADVICE = {
  400: {
    heading: 'The API rejected the query',
    advice: 'Correct the parameters listed below, then try again.',
  },
  401: {
    heading: 'The API did not accept these credentials',
    advice:
      'Check the user and token id under Connection: the token may be mistyped, revoked or ' +
      'meant for another scheme (Basic or Bearer).',
    fixConnection: true,
  },
  403: {
    heading: 'These credentials may not use this interface',
    advice: 'Ask an administrator to allow the customer interface for this token.',
    fixConnection: true,
  },
  404: {
    heading: 'Nothing answers at this API root',
    advice:
      'Check the API root under Connection: it ends before /customer-source-records, ' +
      'for example …/rest-api/customer-interface/v1.0.',
    fixConnection: true,
  },
  405: {
    heading: 'The server does not allow this request',
    advice: 'The API root probably points at something other than the customer interface.',
    fixConnection: true,
  },
  429: {
    heading: 'Too many requests',
    advice: 'The API limits how often it may be called. Wait a moment, then retry.',
  },
};

const SERVER_FAILED = {
  heading: 'The server failed to answer',
  advice: 'This is a problem on the server side. Try again in a few minutes.',
};

const UNEXPECTED_STATUS = {
  heading: 'The server answered with an unexpected status',
  advice: 'Retry; if it keeps happening, check the API root under Connection.',
  fixConnection: true,
};

const UNKNOWN = {
  heading: 'Something went wrong',
  advice: 'Try again. If it keeps happening, the technical details say what failed.',
};

const OTHER_ERRORS = {
  NetworkError: {
    heading: 'Could not reach the server',
    advice:
      'Check the API root and your network. A server on another origin must allow this ' +
      'page with CORS.',
    fixConnection: true,
  },
  TimeoutError: {
    heading: 'The server took too long',
    advice: 'Try again, or ask for fewer records at once with a smaller count.',
  },
  DecodeError: {
    heading: 'The answer is not what the API documents',
    advice:
      'Something between you and the API (a proxy, a maintenance page) may have answered, ' +
      'or the API root points at another service.',
    fixConnection: true,
  },
  InvalidQueryError: {
    heading: 'The query is not valid',
    advice: 'Correct the highlighted field. Nothing was sent.',
  },
};

/**
 * What to show for `error`: `{ heading, status, title, detail, invalidParams, advice,
 * fixConnection, message }`, each text or null.
 */
export function explainError(error) {
  const status = typeof error?.status === 'number' ? error.status : null;
  const known = adviceFor(error?.name, status);
  return {
    heading: known.heading,
    status,
    title: error?.title ?? null,
    detail: error?.detail ?? null,
    invalidParams: Array.isArray(error?.invalidParams) ? error.invalidParams : [],
    advice: waitAdvice(error) ?? known.advice,
    fixConnection: known.fixConnection === true,
    message: String(error?.message ?? error),
  };
}

function adviceFor(name, status) {
  if (name === 'HttpError' || name === 'RateLimitError') {
    return HTTP_ADVICE[status] ?? (status >= 500 ? SERVER_FAILED : UNEXPECTED_STATUS);
  }
  return OTHER_ERRORS[name] ?? UNKNOWN;
}

function waitAdvice(error) {
  const wait = error?.retryAfterMs;
  if (typeof wait !== 'number') {
    return null;
  }
  return `The server asks to wait ${Math.ceil(wait / 1000)} s before the next request.`;
}

/**
 * Fills `panel` with the explanation and its actions: Retry always, Edit connection when the
 * connection is the likely cause.
 */
export function renderError(panel, explained, { onRetry, onEditConnection }) {
  const heading = document.createElement('h3');
  heading.textContent = explained.heading;
  if (explained.status !== null) {
    const badge = document.createElement('span');
    badge.className = 'status-badge';
    badge.textContent = `HTTP ${explained.status}`;
    heading.append(' ', badge);
  }

  const parts = [heading];
  const said = apiWords(explained);
  if (said !== null) {
    parts.push(said);
  }
  if (explained.invalidParams.length > 0) {
    parts.push(invalidParamsTable(explained.invalidParams));
  }
  parts.push(paragraph('advice', explained.advice));
  parts.push(technicalDetails(explained.message));
  parts.push(actions(explained, { onRetry, onEditConnection }));

  panel.replaceChildren(...parts);
  panel.hidden = false;
}

export function clearError(panel) {
  panel.hidden = true;
  panel.replaceChildren();
}

// The API's title and detail, quoted as it sent them.
function apiWords({ title, detail }) {
  if (title === null && detail === null) {
    return null;
  }
  const quote = document.createElement('blockquote');
  quote.className = 'api-words';
  if (title !== null) {
    const strong = document.createElement('strong');
    strong.textContent = title;
    quote.append(strong);
  }
  if (detail !== null && detail !== title) {
    quote.append(title === null ? '' : ' — ', detail);
  }
  return quote;
}

function invalidParamsTable(params) {
  const table = document.createElement('table');
  table.className = 'invalid-params';
  const head = table.createTHead().insertRow();
  for (const label of ['Parameter', 'Reason', 'Value', 'Message']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  for (const param of params) {
    const row = body.insertRow();
    for (const key of ['name', 'reason', 'value', 'message']) {
      row.insertCell().textContent = param[key] ?? '—';
    }
  }
  return table;
}

function technicalDetails(message) {
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.textContent = 'Technical details';
  const code = document.createElement('code');
  code.textContent = message;
  details.append(summary, code);
  return details;
}

function actions({ fixConnection }, { onRetry, onEditConnection }) {
  const row = document.createElement('div');
  row.className = 'error-actions';
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'primary';
  retry.dataset.action = 'retry';
  retry.textContent = 'Retry';
  retry.addEventListener('click', onRetry);
  row.append(retry);

  if (fixConnection) {
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.dataset.action = 'edit-connection';
    edit.textContent = 'Edit connection';
    edit.addEventListener('click', onEditConnection);
    row.append(edit);
  }
  return row;
}

function paragraph(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
