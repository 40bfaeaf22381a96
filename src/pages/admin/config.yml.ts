/** /admin/config.yml, generated from src/lib/cms/config.ts: the one place the CMS is configured. */
import type { APIRoute } from 'astro';
import settings from '../../../content/site.json' with { type: 'json' };
import { cmsConfigYaml } from '../../lib/cms/config.ts';
import { adminOrigin, DEFAULT_SCOPE } from '../../lib/cms/oauth.ts';
import { services } from '../../server/services.ts';

export const prerender = false;

export const GET: APIRoute = ({ url }) => {
  const { config } = services();
  const origin = adminOrigin(url, config.adminOrigin);
  const yaml = cmsConfigYaml({
    repository: config.cms.repository ?? settings.repository,
    branch: config.cms.branch,
    authOrigin: origin,
    scope: config.oauth?.scope === 'repo' ? 'repo' : DEFAULT_SCOPE,
    // `npm run dev` runs decap-server beside the site; the dev server proxies /api/v1 to it.
    localBackendUrl: import.meta.env.DEV ? `${url.origin}/api/v1` : undefined,
  });
  return new Response(yaml, { headers: { 'content-type': 'text/yaml; charset=utf-8' } });
};
