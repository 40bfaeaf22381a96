/**
 * Which origins may post to this server (send a comment, from a page with or
 * without JavaScript), and the one rule every unsafe request is held to.
 *
 * "The request's own origin" is not enough: behind a proxy that terminates
 * TLS the server sees http://host while browsers send `Origin: https://host`,
 * so that rule alone refuses every real commenter (Astro's built-in
 * `checkOrigin` is that rule, which is why src/middleware.ts applies this
 * one instead). The public origins are known from the configuration, and a
 * trusted proxy's forwarded headers name the one the browser used
 * (client-address.ts).
 */

/** The configured public origins, as `parseConfig` gives them (each already an origin, or empty). */
export interface PublicOriginSettings {
  /** The site's public URL (CONSULTA_SITE_URL, or the `site` the pages were built for). */
  site?: string | null;
  /** This server's public origin when the pages are elsewhere (CONSULTA_API_ORIGIN). */
  apiOrigin?: string | null;
  /** The editors' origin (CONSULTA_ADMIN_ORIGIN). */
  adminOrigin?: string | null;
  /** Other sites whose pages may post (CONSULTA_ALLOWED_ORIGINS). */
  allowed?: readonly string[];
}

/** The public origins trusted to post, besides the one a request came to, once each. Malformed values trust nothing. */
export function publicOrigins(settings: PublicOriginSettings): string[] {
  const origins = new Set<string>();
  for (const candidate of [settings.site, settings.apiOrigin, settings.adminOrigin, ...(settings.allowed ?? [])]) {
    const origin = originOf(candidate);
    if (origin) origins.add(origin);
  }
  return [...origins];
}

/** `https://host[:port]` of a URL or origin, or null when it is not an http(s) one. */
export function originOf(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const url = URL.parse(value.trim());
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Why an unsafe request must be refused as cross-site, or null when it may go on:
 * - safe methods are never refused;
 * - a body a plain HTML form can send (Astro's rule) must come with an
 *   `Origin` that is trusted: browsers send one with every form POST;
 * - anything else (JSON needs a CORS preflight, so another site cannot send
 *   it without our consent) is refused only when its `Origin` is not
 *   trusted; without one it is not a browser being abused (a script).
 */
export function crossSiteRefusal(request: { method: string; contentType: string | null; origin: string | null }, trusted: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const type = request.contentType?.toLowerCase() ?? null;
  const formLike = type === null || FORM_TYPES.some((form) => type.includes(form));
  if (request.origin === null || request.origin === '') return formLike ? 'a form sent without an Origin header' : null;
  const origin = originOf(request.origin);
  if (origin === null) return 'a malformed Origin header';
  return trusted.some((t) => originOf(t) === origin) ? null : 'an origin that is not trusted';
}
