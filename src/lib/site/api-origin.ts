/**
 * Where the built pages send comments. By default the origin that serves
 * them: one Node host serves the pages and the server part. When the pages
 * are on GitHub Pages, the build is given the Node host's origin in
 * CONSULTA_API_ORIGIN (parsed with the other settings, src/lib/config), and
 * the forms post there (docs/deploy.md); that host then lists the Pages
 * origin in CONSULTA_ALLOWED_ORIGINS. The value is public (it is in every
 * form's `action`), never a secret.
 */

/** `path` on the server part: absolute when `origin` is another origin, else as given ('' is the pages' own). */
export function apiUrl(path: string, origin: string): string {
  return `${origin}${path}`;
}
