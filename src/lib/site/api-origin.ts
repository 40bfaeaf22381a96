/**
 * Where the built pages send comments. By default the origin that serves
 * them: one Node host serves the pages and the server part. When the pages
 * are on GitHub Pages, the build is given the Node host's origin in
 * CONSULTA_API_ORIGIN, and the forms post there (docs/deploy.md); that host
 * then lists the Pages origin in CONSULTA_ALLOWED_ORIGINS.
 *
 * Read at build time only: the value is public (it is in every form's
 * `action`), never a secret.
 */

export class ApiOriginError extends Error {
  override name = 'ApiOriginError';
}

/** '' for the pages' own origin, else an origin such as `https://comments.example.gov.bz`. */
export function apiOrigin(env: Record<string, string | undefined> = process.env): string {
  const value = env.CONSULTA_API_ORIGIN?.trim();
  if (!value) return '';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiOriginError(`CONSULTA_API_ORIGIN is not a URL: "${value}" (expected an origin such as https://comments.example.gov.bz)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ApiOriginError(`CONSULTA_API_ORIGIN must be an http(s) origin, not "${value}"`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ApiOriginError(`CONSULTA_API_ORIGIN must be an origin only, without path, query or credentials: "${value}" (the site must be served from the root of its host)`);
  }
  return url.origin;
}

/** `path` on the server part: absolute when it is another origin, else as given. */
export function apiUrl(path: string, origin: string = apiOrigin()): string {
  return `${origin}${path}`;
}
