// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { contentCheck } from './src/integrations/content-check.ts';
import { decapCms } from './src/integrations/decap.ts';
import { devServices } from './src/integrations/dev-services.ts';
import { config } from './src/config.ts';
import { LANGUAGES } from './src/lib/i18n/translate.ts';

// Every setting is parsed once (src/lib/config/settings.ts); a bad value stops the build, naming it.
const settings = config();
// Where the forms post: '' for this origin, or the Node host when the pages are on GitHub Pages.
const api = settings.apiOrigin;
/** @param {string} origin */
const selfAnd = (origin) => (origin ? `'self' ${origin}` : "'self'");

/**
 * Pages are prerendered; only /api/* and the comment pages run on demand, on
 * one @astrojs/node process that also serves dist/client (docs/architecture.md).
 */
export default defineConfig({
  site: settings.siteUrl ?? 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [contentCheck(), mdx(), decapCms({ decapServerPort: settings.decapServerPort }), devServices(settings)],
  trailingSlash: 'ignore',
  // English at /, Spanish at /es/ with the same paths: every route file has a twin under src/pages/es/
  // that renders the same page component with lang="es" (src/components/pages/, docs/languages.md).
  i18n: { locales: [...LANGUAGES], defaultLocale: LANGUAGES[0], routing: { prefixDefaultLocale: false } },
  // No code blocks in a strategy, and Shiki's inline styles would break the CSP.
  markdown: { syntaxHighlight: false },
  build: { format: 'directory', inlineStylesheets: 'never' },
  security: {
    // Replaced by src/middleware.ts, which also trusts the site's public origins: behind a
    // TLS proxy Astro's rule (Origin must equal the request's own, http://…) refuses every form.
    checkOrigin: false,
    // Astro hashes every script and style it emits into a CSP <meta> on each page; the
    // directives below add what else a page may reach: its own origin, and the comment API.
    csp: {
      directives: [`connect-src ${selfAnd(api)}`, `form-action ${selfAnd(api)}`, "object-src 'none'", "base-uri 'self'"],
    },
  },
});
