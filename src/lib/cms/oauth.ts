/**
 * GitHub login for Decap CMS when the site is not on Netlify: the two steps
 * of GitHub's web application flow, run by our own server, and the popup
 * handshake Decap expects (decap-cms-lib-auth, `authenticate`):
 *
 * 1. Decap opens a popup on `/api/auth?provider=github`. We answer with a
 *    redirect to GitHub's authorize page, carrying a random `state` that we
 *    also set in an HttpOnly cookie scoped to the callback.
 * 2. GitHub sends the browser to `/api/callback?code&state`. We check the
 *    state against the cookie (CSRF, RFC 6749 §10.12), swap the code for a
 *    token with the client secret, and return a page that says
 *    `authorizing:github` to its opener, waits for the opener to answer from
 *    our own origin, then posts `authorization:github:success:{"token":…}`
 *    (or `…:error:{"message":…}`) to that origin only.
 *
 * https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#web-application-flow
 * The client secret is the server's (GITHUB_OAUTH_CLIENT_SECRET) and never leaves it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { t } from '../i18n/translate.ts';

export const STATE_COOKIE = 'consulta_oauth_state';
/** The narrowest scope that lets an editor open branches and pull requests on a public repository. */
export const DEFAULT_SCOPE = 'public_repo';
/** The scopes an editor's login may ask for. */
export const OAUTH_SCOPES = ['public_repo', 'repo'] as const;

export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  /** `public_repo` (public repository) or `repo` (private). */
  scope: string;
  /** GitHub's web origin, `https://github.com`; tests point it at a stand-in. */
  githubUrl: string;
}

/** A fresh, unguessable state value. */
export function newState(): string {
  return randomBytes(24).toString('base64url');
}

/** Where the popup goes first: GitHub's authorize page for our app. */
export function authorizeUrl(config: OAuthConfig, options: { redirectUri: string; state: string }): string {
  const url = new URL('/login/oauth/authorize', config.githubUrl);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('state', options.state);
  url.searchParams.set('allow_signup', 'false');
  return url.href;
}

/** Constant-time comparison of the state GitHub returned with the one in our cookie. */
export function statesMatch(returned: string | null | undefined, expected: string | null | undefined): boolean {
  if (!returned || !expected) return false;
  const a = Buffer.from(returned);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type OAuthResult = { ok: true; token: string } | { ok: false; message: string };

/** Swaps the code for a token at GitHub's token endpoint. `fetch` is injected for tests. */
export async function exchangeCode(
  config: OAuthConfig,
  options: { code: string; redirectUri: string },
  fetchImpl: typeof fetch = fetch,
): Promise<OAuthResult> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/login/oauth/access_token', config.githubUrl), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'consulta-cms-auth' },
      body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, code: options.code, redirect_uri: options.redirectUri }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { ok: false, message: t('admin.login.unreachable') };
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown; error_description?: unknown };
  if (response.ok && typeof body.access_token === 'string' && body.access_token) return { ok: true, token: body.access_token };
  // GitHub answers 200 with `error` for a bad or expired code; never echo the secret or the code.
  const reason = typeof body.error_description === 'string' ? body.error_description : typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
  return { ok: false, message: t('admin.login.refused', { reason }) };
}

/**
 * The popup's script. It is the same for every login, so the page's CSP can
 * allow exactly it by hash; the per-login data sits in a JSON block beside it.
 */
const CALLBACK_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('consulta-oauth').textContent);
  var message = 'authorization:github:' + data.status + ':' + JSON.stringify(data.content);
  if (!window.opener) return;
  function receive(event) {
    if (event.origin !== data.origin || event.data !== 'authorizing:github') return;
    window.removeEventListener('message', receive);
    window.opener.postMessage(message, data.origin);
  }
  window.addEventListener('message', receive);
  window.opener.postMessage('authorizing:github', data.origin);
})();`;

export const CALLBACK_SCRIPT_HASH = `'sha256-${createHash('sha256').update(CALLBACK_SCRIPT).digest('base64')}'`;

/** The page GitHub redirects the popup to. `origin` is the only window that may receive the token. */
export function callbackPage(result: OAuthResult, origin: string): string {
  const data = {
    status: result.ok ? 'success' : 'error',
    content: result.ok ? { token: result.token, provider: 'github' } : { message: result.message },
    origin,
  };
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const text = result.ok ? t('admin.login.done') : t('admin.login.failed', { reason: escapeHtml(result.message) });
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${t('admin.login.title')}</title></head>
<body>
<p>${text}</p>
<script type="application/json" id="consulta-oauth">${json}</script>
<script>${CALLBACK_SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The origin editors use for /admin and the OAuth routes. Behind a proxy that
 * terminates TLS the request says `http://…`; `configured`
 * (CONSULTA_ADMIN_ORIGIN, e.g. `https://consult.example.gov.bz`) then gives
 * the real one, which must match the OAuth app's callback URL.
 */
export function adminOrigin(requestUrl: URL, configured: string | null): string {
  return configured ?? requestUrl.origin;
}
