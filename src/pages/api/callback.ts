/** Step 2 of the GitHub login for Decap CMS: check state, swap the code, hand the token to the admin window. */
import type { APIRoute } from 'astro';
import { adminOrigin, callbackPage, exchangeCode, statesMatch, STATE_COOKIE, type OAuthResult } from '../../lib/cms/oauth.ts';

import { t } from '../../lib/i18n/translate.ts';
import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = async ({ url, cookies }) => {
  const origin = adminOrigin(url, services().config.adminOrigin);
  const expected = cookies.get(STATE_COOKIE)?.value;
  // One use only, whatever happens next.
  cookies.delete(STATE_COOKIE, { path: '/api/callback' });
  const config = services().config.oauth;
  let result: OAuthResult;
  let status = 200;
  if (!config) {
    result = { ok: false, message: t('admin.login.notSetUp') };
    status = 503;
  } else if (!statesMatch(url.searchParams.get('state'), expected)) {
    result = { ok: false, message: t('admin.login.stateMismatch') };
    status = 400;
  } else if (url.searchParams.get('error')) {
    result = { ok: false, message: t('admin.login.denied', { error: url.searchParams.get('error') ?? '' }) };
    status = 400;
  } else {
    const code = url.searchParams.get('code');
    result = code ? await exchangeCode(config, { code, redirectUri: `${origin}/api/callback` }) : { ok: false, message: t('admin.login.noCode') };
    if (!result.ok) status = code ? 502 : 400;
  }
  return new Response(callbackPage(result, origin), { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
};
