// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { contentCheck } from './src/integrations/content-check.ts';
import { decapCms } from './src/integrations/decap.ts';

/**
 * Pages are prerendered; only /api/* and the comment pages run on demand, on
 * one @astrojs/node process that also serves dist/client (DESIGN.md).
 */
export default defineConfig({
  site: process.env.CONSULTA_SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [contentCheck(), mdx(), decapCms()],
  trailingSlash: 'ignore',
  // No code blocks in a strategy, and Shiki's inline styles would break the CSP.
  markdown: { syntaxHighlight: false },
  build: { format: 'directory', inlineStylesheets: 'never' },
  security: {
    // Astro hashes every script and style it emits into a CSP <meta> on each page.
    csp: true,
  },
});
