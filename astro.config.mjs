// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { contentCheck } from './src/integrations/content-check.ts';

/**
 * Pages are prerendered; only /api/* and the comment pages run on demand, on
 * one @astrojs/node process that also serves dist/client (DESIGN.md).
 */
export default defineConfig({
  site: process.env.CONSULTA_SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [contentCheck(), mdx()],
  trailingSlash: 'ignore',
  // No code blocks in a strategy, and Shiki's inline styles would break the CSP.
  markdown: { syntaxHighlight: false },
  build: { format: 'directory', inlineStylesheets: 'never' },
  security: {
    // Astro hashes every script and style it emits into a CSP <meta> on each page.
    csp: true,
  },
  vite: {
    plugins: [reloadOnStrategyChange()],
  },
});

/**
 * The strategy is read from content/strategy with node:fs, outside Vite's
 * module graph; in `astro dev` a change there (an editor saving in Decap)
 * reloads the page so the editor sees it at once.
 */
function reloadOnStrategyChange() {
  return {
    name: 'consulta:reload-on-strategy-change',
    /** @param {import('vite').ViteDevServer} server */
    configureServer(server) {
      server.watcher.add(['content/strategy', 'content/site.json']);
      server.watcher.on('all', (_event, path) => {
        if (path.includes('/content/strategy/') || path.endsWith('/content/site.json')) {
          server.moduleGraph.invalidateAll();
          server.ws.send({ type: 'full-reload' });
        }
      });
    },
  };
}
