/**
 * Puts Decap CMS and our admin script under /admin/ on our own origin (no
 * CDN, docs/architecture.md "Decisions"):
 * - build: copies the prebuilt bundle of the pinned `decap-cms` package with
 *   the chunks it loads from beside itself, bundles src/client/admin.ts, and
 *   copies the site stylesheet for the preview pane, into dist/client/admin/;
 * - dev: serves the same files from node_modules and src, and proxies
 *   `/api/v1` to decap-server (`npm run dev` starts it), so the admin talks
 *   to one origin in both cases and one CSP fits both.
 * The admin page and its config are on-demand routes (src/pages/admin/).
 */
import type { AstroIntegration } from 'astro';
import { isRunnableDevEnvironment, type EnvironmentModuleNode, type ViteDevServer } from 'vite';
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ADMIN_SCRIPT = 'src/client/admin.ts';
const SITE_CSS = 'src/styles/global.css';

/** The folder holding `decap-cms.js` and its numbered chunks. */
function decapDistDir(): string {
  return dirname(createRequire(import.meta.url).resolve('decap-cms/dist/decap-cms.js'));
}

/** The files Decap needs at run time: the bundle and its lazily loaded chunks (no source maps). */
function decapRuntimeFiles(dir = decapDistDir()): string[] {
  return readdirSync(dir).filter((name) => name === 'decap-cms.js' || /^\d+\.decap-cms\.js$/.test(name));
}

/** src/client/admin.ts as one browser script. */
async function bundleAdminScript(root: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [join(root, ADMIN_SCRIPT)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'none',
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/**
 * The strategy is read with node:fs and cached per process by one module,
 * src/lib/site/context.ts, outside Vite's module graph. When an editor saves
 * in the admin, that module and everything importing it are invalidated in
 * the server-side module graph and runner (as Astro's own HMR does for a
 * changed page), and browsers reload, so the next page shows the change.
 */
const CONTENT_CACHE_MODULE = 'src/lib/site/context.ts';

function reloadOnContentChange(server: ViteDevServer, root: string): void {
  const cacheFile = join(root, CONTENT_CACHE_MODULE);
  const onChange = (path: string) => {
    // Chokidar reports paths as they were added: relative ones stay relative.
    if (!/(^|[\\/])content[\\/](strategy[\\/]|site\.json$)/.test(path)) return;
    for (const environment of Object.values(server.environments)) {
      const stale = new Set<EnvironmentModuleNode>();
      const visit = (mod: EnvironmentModuleNode) => {
        if (stale.has(mod)) return;
        stale.add(mod);
        for (const importer of mod.importers) visit(importer);
      };
      for (const mod of environment.moduleGraph.getModulesByFile(cacheFile) ?? []) visit(mod);
      for (const mod of stale) {
        environment.moduleGraph.invalidateModule(mod);
        if (isRunnableDevEnvironment(environment) && mod.id) {
          const evaluated = environment.runner.evaluatedModules.getModuleById(mod.id);
          if (evaluated) environment.runner.evaluatedModules.invalidateModule(evaluated);
        }
      }
    }
    server.ws.send({ type: 'full-reload' });
  };
  server.watcher.add([join(root, 'content/strategy'), join(root, 'content/site.json')]);
  for (const event of ['add', 'change', 'unlink'] as const) server.watcher.on(event, onChange);
}

export function decapCms(options: { decapServerPort: number }): AstroIntegration {
  let root = process.cwd();
  let clientDir = '';
  return {
    name: 'consulta:decap-cms',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        root = fileURLToPath(config.root);
        if (command !== 'dev') return;
        const port = options.decapServerPort;
        updateConfig({
          vite: {
            server: { proxy: { '/api/v1': { target: `http://127.0.0.1:${port}`, changeOrigin: true } } },
            plugins: [
              {
                name: 'consulta:decap-cms-dev',
                configureServer(server) {
                  reloadOnContentChange(server, root);
                  const dist = decapDistDir();
                  const runtime = new Set(decapRuntimeFiles(dist));
                  server.middlewares.use((req, res, next) => {
                    const path = (req.url ?? '').split('?')[0]!;
                    if (!path.startsWith('/admin/')) return next();
                    const name = path.slice('/admin/'.length);
                    const send = (type: string, body: string | Buffer) => {
                      res.setHeader('content-type', type);
                      res.setHeader('cache-control', 'no-store');
                      res.end(body);
                    };
                    if (runtime.has(name)) return send('text/javascript; charset=utf-8', readFileSync(join(dist, name)));
                    if (name === 'site.css') return send('text/css; charset=utf-8', readFileSync(join(root, SITE_CSS)));
                    if (name === 'admin.js') {
                      bundleAdminScript(root, false).then(
                        (code) => send('text/javascript; charset=utf-8', code),
                        (error: Error) => next(error),
                      );
                      return undefined;
                    }
                    return next();
                  });
                },
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': async ({ logger }) => {
        const out = join(clientDir, 'admin');
        mkdirSync(out, { recursive: true });
        const dist = decapDistDir();
        const files = decapRuntimeFiles(dist);
        for (const name of files) copyFileSync(join(dist, name), join(out, name));
        writeFileSync(join(out, 'admin.js'), await bundleAdminScript(root, true));
        copyFileSync(join(root, SITE_CSS), join(out, 'site.css'));
        logger.info(`Decap CMS: ${files.length} files copied to ${out}`);
      },
    },
  };
}
