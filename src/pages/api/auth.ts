/** Step 1 of the GitHub login for Decap CMS (src/lib/cms/oauth.ts). */
import type { APIRoute } from 'astro';
import { adminOrigin, authorizeUrl, newState, STATE_COOKIE } from '../../lib/cms/oauth.ts';

import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = ({ url, cookies }) => {
  const config = services().config.oauth;
  if (!config) {
    return new Response('GitHub login is not set up on this server: set GITHUB_OAUTH_CLIENT_ID and GITHUB_OAUTH_CLIENT_SECRET (docs/deploy.md).\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const origin = adminOrigin(url, services().config.adminOrigin);
  const state = newState();
  cookies.set(STATE_COOKIE, state, { httpOnly: true, secure: origin.startsWith('https:'), sameSite: 'lax', path: '/api/callback', maxAge: 600 });
  return new Response(null, { status: 302, headers: { location: authorizeUrl(config, { redirectUri: `${origin}/api/callback`, state }) } });
};
