/**
 * npm run dev: the site in dev mode (astro dev) and decap-server side by side,
 * so /admin edits the files in this working tree without GitHub. Ctrl-C (or
 * either process ending) stops both.
 *
 * decap-server runs in file-system mode (MODE=fs): it writes files and
 * nothing else. Its git mode would commit with `git add .`, i.e. everything
 * in the working tree, which is why it is not the default (docs/maintainers.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { DECAP_SERVER_PORT } from '../src/lib/cms/config.ts';

const USAGE = `
Usage: npm run dev [-- --port <n>] [--decap-port <n>] [--host <address>] [--git]

Starts the site in dev mode and decap-server for local editing at
http://localhost:<port>/admin/ (changes are written to this working tree).

  --port <n>        port of the site (default 4321)
  --decap-port <n>  port of decap-server (default ${DECAP_SERVER_PORT}; only the site talks to it)
  --host <address>  address the site listens on (default localhost)
  --git             run decap-server in git mode: EVERY save runs "git add ." and
                    commits ALL changes in the working tree, yours included
  -h, --help        show this help
`;

function binOf(pkg: string, name: string): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = require(manifestPath) as { bin: Record<string, string> | string };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name]!;
  return join(dirname(manifestPath), bin);
}

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port number, got "${value}"`);
  return n;
}

await main('dev', USAGE, async (argv) => {
  const { values } = parseOptions(argv, {
    options: { port: { type: 'string' }, 'decap-port': { type: 'string' }, host: { type: 'string' }, git: { type: 'boolean' } },
  });
  const sitePort = port(values.port, 4321, '--port');
  const decapPort = port(values['decap-port'], DECAP_SERVER_PORT, '--decap-port');
  const mode = values.git ? 'git' : 'fs';
  if (mode === 'git') process.stderr.write('dev: decap-server in git mode commits everything in the working tree on each save\n');

  const children: ChildProcess[] = [];
  const start = (label: string, args: string[], env: Record<string, string>) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    children.push(child);
    child.on('exit', (code, signal) => {
      process.stderr.write(`dev: ${label} stopped (${signal ?? `exit ${code}`}); stopping the rest\n`);
      stopAll(code ?? 1);
    });
    return child;
  };
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    // Give them a moment to close, then make sure.
    setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      process.exit(code);
    }, 3000).unref();
    void Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((r) => c.once('exit', r)))).then(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopAll(0));

  // Loopback only: decap-server writes to this working tree for anyone who can reach it.
  start('decap-server', [binOf('decap-server', 'decap-server')], { MODE: mode, PORT: String(decapPort), BIND_HOST: '127.0.0.1', GIT_REPO_DIRECTORY: process.cwd() });
  start('astro dev', [binOf('astro', 'astro'), 'dev', '--port', String(sitePort), ...(values.host ? ['--host', values.host] : [])], {
    DECAP_SERVER_PORT: String(decapPort),
    // astro dev is the development server whatever the shell says.
    NODE_ENV: 'development',
  });
  await new Promise(() => {});
});
