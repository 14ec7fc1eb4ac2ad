// The normal answer of the API routes: method check, authorization, query, data.

import { checkAuthorization } from './auth.js';
import { parseRecordQuery } from './query.js';
import { selectRecords } from './select.js';
import { emptyAnswer, errorAnswer, jsonAnswer, PREFLIGHT_HEADERS } from './responses.js';

const RESOURCE = 'customer-source-records';
const PER_CUSTOMER = /^\/customers\/([^/]+)\/customer-source-records$/;
const READ_METHODS = ['GET', 'HEAD'];

// HTTP wants a challenge on 401. It names Bearer: a Basic challenge would make a browser pop up
// its own login dialog over the page under test.
const UNAUTHORIZED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="customer-interface"' };

/**
 * Names the route of a path below the API root: `{ customerId }` for the two resource routes
 * (undefined for the plain one), or `null` for any other path.
 */
export function matchResourceRoute(subpath) {
  if (subpath === `/${RESOURCE}`) {
    return { customerId: undefined };
  }

  const perCustomer = PER_CUSTOMER.exec(subpath);
  if (perCustomer === null) {
    return null;
  }
  const customerId = decodeSegment(perCustomer[1]);
  return customerId === null ? null : { customerId };
}

/** The answer to a CORS preflight, for any path below the API root. */
export function preflightAnswer() {
  return emptyAnswer(204, PREFLIGHT_HEADERS);
}

/** The 404 for a path below the API root that names no resource. */
export function unknownPathAnswer(subpath) {
  const [resourceName = null, resourceId = null] = subpath.split('/').filter(Boolean);
  const errorData = {
    resource_name: resourceName === null ? null : decodeSegment(resourceName),
    resource_id: resourceId === null ? null : decodeSegment(resourceId),
  };
  return errorAnswer(404, 'No resource is found at this path.', errorData);
}

/**
 * Answers a request on a resource route.
 *
 * `request` is `{ method, route, search, authorization }`; `context` is
 * `{ records, auth, credentials }`. Routing errors (405) come before authorization, as a
 * router in front of the application would answer them.
 */
export function answerResource(request, context) {
  if (!READ_METHODS.includes(request.method)) {
    const allow = { Allow: 'GET, HEAD, OPTIONS' };
    const detail = `Method ${request.method} is not allowed on this resource.`;
    return errorAnswer(405, detail, { http_method: request.method }, allow);
  }

  if (context.auth) {
    const check = checkAuthorization(request.authorization, context.credentials);
    if (!check.ok) {
      return errorAnswer(401, check.detail, undefined, UNAUTHORIZED_HEADERS);
    }
  }

  const parsed = parseRecordQuery(request.search);
  if (parsed.invalidParams) {
    const errorData = { invalid_params: parsed.invalidParams };
    return errorAnswer(400, 'Some query parameters are not valid.', errorData);
  }

  return recordsAnswer(request.route, parsed.params, context.records);
}

function recordsAnswer(route, params, records) {
  let scope = records;
  if (route.customerId !== undefined) {
    scope = records.filter((record) => record.customer_id === route.customerId);
    // Customers exist here only through their records, so none means no such customer.
    if (scope.length === 0) {
      const errorData = { resource_name: 'customers', resource_id: route.customerId };
      return errorAnswer(404, 'The customer is not found.', errorData);
    }
  }

  const page = selectRecords(scope, params);
  const data = { customer_source_records: page.records, total_items: page.total_items };
  return jsonAnswer(200, { data }, { 'Cache-Control': 'max-age=0' });
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
