// Static files (the demo page and the built package) served beside the fake API with sirv.

import { resolve } from 'node:path';

/**
 * Builds a handler for `staticRoutes`, an object mapping URL prefixes to folders, such as
 * `{ '/pkg/': '/abs/pkg', '/': '/abs/www' }`. The longest matching prefix is tried first and
 * a file missing there falls through to the next one. Returns null when there are no routes.
 *
 * The handler is `(req, res, notFound) => void`.
 */
export async function createStaticHandler(staticRoutes = {}) {
  const entries = Object.entries(staticRoutes);
  if (entries.length === 0) {
    return null;
  }

  // Imported only here, so a server without static routes runs without node_modules.
  const { default: sirv } = await import('sirv');

  // `dev` makes sirv look on disk at each request, so a rebuilt package is served without a
  // restart; it also marks the files as not to be cached.
  const routes = entries
    .map(([prefix, folder]) => ({
      prefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
      serve: sirv(resolve(folder), { dev: true }),
    }))
    .sort((left, right) => right.prefix.length - left.prefix.length);

  return (req, res, notFound) => tryRoutes(req, res, routes, 0, notFound);
}

// sirv reads the path from `req.url`, so the prefix is cut off while it looks, and put back
// before the next route is tried.
function tryRoutes(req, res, routes, first, notFound) {
  const originalUrl = req.url;

  for (let index = first; index < routes.length; index += 1) {
    const { prefix, serve } = routes[index];
    if (originalUrl.startsWith(prefix)) {
      req.url = originalUrl.slice(prefix.length - 1);
      serve(req, res, () => {
        req.url = originalUrl;
        tryRoutes(req, res, routes, index + 1, notFound);
      });
      return;
    }
  }

  notFound();
}
