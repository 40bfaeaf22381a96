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

const GITHUB_API = 'https://api.github.com';

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
 * What every HTML page's policy must hold besides what Astro gives it: a
 * script policy (Astro hashes its own scripts; without one, only our own
 * files), and what a <meta> policy cannot express or Astro leaves open.
 */
const PAGE_REQUIREMENTS = {
  'script-src': "'self'",
  'form-action': "'self'",
  ...HARDENING,
};

/**
 * The policy of a page rendered on demand: Astro sends its hashed
 * `script-src`/`style-src` policy for such pages as a header (for
 * prerendered ones, as a <meta>), so a header set here must merge with it,
 * never replace it: replacing it would leave the page with no script policy
 * at all. Directives Astro set are kept as they are; missing ones are added.
 */
export function pagePolicy(astroPolicy: string | null): string {
  const directives = parsePolicy(astroPolicy ?? '');
  for (const [name, value] of Object.entries(PAGE_REQUIREMENTS)) if (!directives.has(name)) directives.set(name, value);
  return [...directives].map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The headers the server adds to a prerendered page it sends (its <meta> policy holds the script hashes). */
export const STATIC_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': csp(HARDENING),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** A policy's directives by name, in order; a repeated directive is ignored, as browsers do. */
export function parsePolicy(policy: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, values.join(' '));
  }
  return directives;
}

export type SecurityZone = 'admin' | 'oauth' | 'public';

/** Which policy a path falls under, with or without a trailing slash. */
export function securityZone(pathname: string): SecurityZone {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin';
  if (path === '/api/auth' || path === '/api/callback' || path.startsWith('/api/auth/') || path.startsWith('/api/callback/')) return 'oauth';
  return 'public';
}

/** Headers to set on an on-demand response; `astroPolicy` is the policy Astro already set on it, if any. */
export function securityHeaders(pathname: string, contentType: string | null, astroPolicy: string | null = null): Record<string, string> {
  const zone = securityZone(pathname);
  const isPage = (contentType ?? '').startsWith('text/html');
  const policy = zone === 'admin' ? ADMIN_CSP : zone === 'oauth' ? OAUTH_CSP : isPage ? pagePolicy(astroPolicy) : PUBLIC_CSP;
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': zone === 'public' ? 'strict-origin-when-cross-origin' : 'no-referrer',
    ...(zone === 'public' ? {} : { 'cache-control': 'no-store', 'x-robots-tag': 'noindex' }),
  };
}
