/** /admin/config.yml, generated from src/lib/cms/config.ts: the one place the CMS is configured. */
import type { APIRoute } from 'astro';
import settings from '../../../content/site.json' with { type: 'json' };
import { cmsConfigYaml } from '../../lib/cms/config.ts';
import { adminOrigin, DEFAULT_SCOPE } from '../../lib/cms/oauth.ts';

export const prerender = false;

export const GET: APIRoute = ({ url }) => {
  const origin = adminOrigin(url);
  const yaml = cmsConfigYaml({
    repository: process.env.CONSULTA_CMS_REPOSITORY?.trim() || settings.repository,
    branch: process.env.CONSULTA_CMS_BRANCH?.trim() || 'main',
    authOrigin: origin,
    scope: process.env.GITHUB_OAUTH_SCOPE?.trim() === 'repo' ? 'repo' : DEFAULT_SCOPE,
    // `npm run dev` runs decap-server beside the site; the dev server proxies /api/v1 to it.
    localBackendUrl: import.meta.env.DEV ? `${url.origin}/api/v1` : undefined,
  });
  return new Response(yaml, { headers: { 'content-type': 'text/yaml; charset=utf-8' } });
};
