/**
 * Security headers of the responses our server renders on demand (src/middleware.ts).
 * Prerendered public pages are files served as they are; they carry Astro's
 * hashed CSP in a <meta> (astro.config.mjs `security.csp`), which also holds
 * for the same pages deployed to GitHub Pages.
 *
 * - The admin (Decap CMS) may talk to our own origin and GitHub's API only.
 *   Its scripts are our own files, but Decap validates its configuration
 *   with AJV, which compiles validators with `new Function` (checked: without
 *   `'unsafe-eval'` the admin stops at "Error compiling schema"), and styles
 *   itself with CSS-in-JS, hence `'unsafe-inline'` for styles. Both only on
 *   /admin/, which loads no third-party code and renders no visitor input.
 * - The OAuth callback page runs one known script, allowed by its hash.
 * - Everything else gets a strict policy: nothing but our own origin, and
 *   no framing, plugins or foreign form targets.
 */
import { CALLBACK_SCRIPT_HASH } from '../cms/oauth.ts';

export const GITHUB_API = 'https://api.github.com';

const csp = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

const HARDENING = { 'object-src': "'none'", 'base-uri': "'self'", 'frame-ancestors': "'none'" };

/** /admin/: Decap CMS. */
export const ADMIN_CSP = csp({
  'default-src': "'self'",
  'script-src': "'self' 'unsafe-eval'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': `'self' ${GITHUB_API}`,
  'frame-src': "'self' blob:",
  'worker-src': "'self' blob:",
  'form-action': "'self'",
  ...HARDENING,
});

/** /api/auth (a redirect) and /api/callback (the popup page). */
export const OAUTH_CSP = csp({
  'default-src': "'none'",
  'script-src': CALLBACK_SCRIPT_HASH,
  'connect-src': "'self'",
  'form-action': "'none'",
  ...HARDENING,
  'base-uri': "'none'",
});

/** Other on-demand responses: API JSON and server-rendered public pages. */
export const PUBLIC_CSP = csp({
  'default-src': "'self'",
  'img-src': "'self' data:",
  'form-action': "'self'",
  ...HARDENING,
});

/**
 * Astro already puts a hashed `script-src`/`style-src` policy in the <meta>
 * of every page it renders; a header policy is enforced in addition to it,
 * so for HTML pages the header adds only what a <meta> cannot express
 * (frame-ancestors) and what Astro leaves open, and never blocks the hashed
 * inline scripts and styles the <meta> allows.
 */
export const PUBLIC_PAGE_CSP = csp({
  'form-action': "'self'",
  ...HARDENING,
});

export type SecurityZone = 'admin' | 'oauth' | 'public';

/** Which policy a path falls under. */
export function securityZone(pathname: string): SecurityZone {
  if (pathname === '/admin' || pathname.startsWith('/admin/')) return 'admin';
  if (pathname === '/api/auth' || pathname === '/api/callback' || pathname.startsWith('/api/auth/')) return 'oauth';
  return 'public';
}

/** Headers to set on an on-demand response. */
export function securityHeaders(pathname: string, contentType: string | null): Record<string, string> {
  const zone = securityZone(pathname);
  const isPage = (contentType ?? '').startsWith('text/html');
  const policy = zone === 'admin' ? ADMIN_CSP : zone === 'oauth' ? OAUTH_CSP : isPage ? PUBLIC_PAGE_CSP : PUBLIC_CSP;
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': zone === 'public' ? 'strict-origin-when-cross-origin' : 'no-referrer',
    ...(zone === 'public' ? {} : { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }),
  };
}
