/**
 * A throw-away copy of the repository with `npm run dev` (astro dev +
 * decap-server) running in it, for the Decap CMS browser tests: whatever the
 * admin saves lands in the copy, never in the real working tree.
 */
import { vi } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './server.ts';

export interface DevWorkspace {
  /** Root of the copy. */
  dir: string;
  /** The site's dev server, e.g. `http://localhost:41234`. */
  url: string;
  /** What both processes printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const SKIP = new Set(['node_modules', 'dist', '.git', '.astro', '.probe', 'coverage']);

export async function startDevWorkspace(timeoutMs = 90_000): Promise<DevWorkspace> {
  const source = resolve('.');
  const dir = mkdtempSync(join(tmpdir(), 'consulta-cms-'));
  cpSync(source, dir, { recursive: true, filter: (path) => !SKIP.has(path.slice(source.length + 1).split('/')[0]!) });
  // Packages are linked one by one so that Vite's and Astro's caches
  // (node_modules/.vite, .astro) are the copy's own, not the real tree's.
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(source, 'node_modules'))) {
    if (name === '.vite' || name === '.astro') continue;
    symlinkSync(join(source, 'node_modules', name), join(dir, 'node_modules', name));
  }
  const port = await freePort();
  const decapPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['scripts/dev.ts', '--port', String(port), '--decap-port', String(decapPort)], {
    cwd: dir,
    env: { ...withoutTestRunner(process.env), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://localhost:${port}`;
  const stop = () =>
    new Promise<void>((done) => {
      const finish = () => {
        rmSync(dir, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null) return finish();
      child.once('exit', finish);
      // scripts/dev.ts stops astro dev and decap-server on SIGTERM.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 8000).unref();
    });
  try {
    await vi.waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`npm run dev exited early:\n${output}`);
        const [admin, backend] = await Promise.all([
          fetch(`${url}/admin/config.yml`),
          fetch(`${url}/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}' }),
        ]);
        if (!admin.ok || !backend.ok) throw new Error(`npm run dev did not come up within ${timeoutMs / 1000} s:\n${output}`);
      },
      { timeout: timeoutMs, interval: 300 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, url, output: () => output, stop };
}

/** The environment without Vitest's markers: with VITEST set, astro dev treats itself as under test and serves no on-demand routes. */
function withoutTestRunner(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST'));
}
