/**
 * Builds the site once (unless CONSULTA_SKIP_BUILD=1 and a build exists),
 * starts the production server on a free port with a throw-away outbox, and
 * hands its address to the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (!(process.env.CONSULTA_SKIP_BUILD === '1' && existsSync('dist/server/entry.mjs'))) {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'consulta-e2e-'));
  // Every browser test comments from 127.0.0.1: one address's hourly allowance would not last the run.
  const server = await startServer({ dataDir, env: { CONSULTA_RATE_LIMITS: 'unverified=200/3600,unverifiedOverall=1000/3600,overall=2000/3600' } });
  project.provide('baseUrl', server.url);
  project.provide('dataDir', dataDir);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
