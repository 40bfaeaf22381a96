/** Step 1 of the GitHub login for Decap CMS (src/lib/cms/oauth.ts). */
import type { APIRoute } from 'astro';
import { adminOrigin, authorizeUrl, newState, STATE_COOKIE } from '../../lib/cms/oauth.ts';
import { t } from '../../lib/i18n/translate.ts';
import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = ({ url, cookies }) => {
  const config = services().config.oauth;
  if (!config) {
    return new Response(`${t('admin.login.notSetUpHelp')}\n`, {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const origin = adminOrigin(url, services().config.adminOrigin);
  const state = newState();
  cookies.set(STATE_COOKIE, state, { httpOnly: true, secure: origin.startsWith('https:'), sameSite: 'lax', path: '/api/callback', maxAge: 600 });
  return new Response(null, { status: 302, headers: { location: authorizeUrl(config, { redirectUri: `${origin}/api/callback`, state }) } });
};
