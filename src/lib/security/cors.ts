/**
 * Cross-origin access to the comment API, for pages served from another
 * origin than the server part (the site on GitHub Pages, the API on a Node
 * host; src/lib/site/api-origin.ts). Only the two endpoints the comment form
 * calls are shared, only with the trusted origins (./origins.ts), and
 * without credentials: a comment needs no cookie.
 */

/** The endpoints the comment form's script calls. */
const SHARED_PATHS = new Set(['/api/comments', '/api/altcha']);

/** Whether `pathname` is an endpoint other allowed origins may call (trailing slash or not). */
export function isSharedPath(pathname: string): boolean {
  return SHARED_PATHS.has(pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname);
}

/**
 * The headers that let a page on `requestOrigin` read the answer: none for
 * a same-origin request (no Origin, or our own) or an origin not allowed,
 * which the browser then blocks. `Vary: Origin` always, so a cache never
 * serves one origin's answer to another.
 */
export function corsHeaders(requestOrigin: string | null, ownOrigin: string, allowed: readonly string[]): Record<string, string> {
  const vary = { vary: 'Origin' };
  if (!requestOrigin || requestOrigin === ownOrigin || !allowed.includes(requestOrigin)) return vary;
  return { ...vary, 'access-control-allow-origin': requestOrigin };
}

/**
 * The answer to a preflight (`OPTIONS` before a JSON POST): 204 with the
 * method and headers the form's script uses for an allowed origin; 403
 * without any Access-Control header otherwise.
 */
export function preflightResponse(requestOrigin: string | null, ownOrigin: string, allowed: readonly string[]): Response {
  const headers = corsHeaders(requestOrigin, ownOrigin, allowed);
  if (!headers['access-control-allow-origin']) return new Response(null, { status: 403, headers });
  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, accept',
      'access-control-max-age': '600',
    },
  });
}
