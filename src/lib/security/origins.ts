/**
 * Which origins may post to this server: send a comment, from a page with or
 * without JavaScript.
 *
 * "The request's own origin" is not enough: behind a proxy that terminates
 * TLS the server sees http://host while browsers send `Origin: https://host`,
 * so that rule alone refuses every real commenter (Astro's built-in
 * `checkOrigin` is that rule, which is why src/middleware.ts replaces it).
 * The public origins are known from the configuration instead.
 */
import { apiOrigin } from '../site/api-origin.ts';

type Env = Record<string, string | undefined>;

/** CONSULTA_ALLOWED_ORIGINS: comma-separated origins of other sites whose pages may post comments. */
export function extraOriginsFromEnv(env: Env): string[] {
  return (env.CONSULTA_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/**
 * The public origins trusted to post, besides the one a request came to: the
 * site's public URL (`site`, from CONSULTA_SITE_URL at build time), this
 * server's public origin when it differs (CONSULTA_API_ORIGIN,
 * CONSULTA_ADMIN_ORIGIN), and CONSULTA_ALLOWED_ORIGINS. Malformed values are
 * left out, not trusted.
 */
export function configuredOrigins(env: Env, site?: string): string[] {
  const candidates = [site, safeApiOrigin(env), env.CONSULTA_ADMIN_ORIGIN, ...extraOriginsFromEnv(env)];
  const origins = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate?.trim()) continue;
    try {
      const url = new URL(candidate.trim());
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
    } catch {
      // not a URL: trusts nothing
    }
  }
  return [...origins];
}

function safeApiOrigin(env: Env): string {
  try {
    return apiOrigin(env);
  } catch {
    return '';
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Astro's cross-site form rule, with the trusted origins in place of the
 * request's own: a POST (or other unsafe method) that a plain HTML form could
 * send, from an origin not trusted, is refused. JSON cannot be sent
 * cross-site without a preflight, so the comment API checks it itself.
 */
export function isForbiddenCrossSiteForm(request: Request, trusted: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const type = request.headers.get('content-type');
  if (type !== null && !FORM_TYPES.some((form) => type.toLowerCase().includes(form))) return false;
  const origin = request.headers.get('origin');
  return origin === null || !trusted.includes(origin);
}
