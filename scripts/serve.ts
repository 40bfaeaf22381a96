/**
 * npm run serve: the built production server (src/server/create-server.ts).
 * It checks every setting first, starts the comment service (so comments
 * accepted before a restart are filed without waiting for a request), then
 * listens; on SIGTERM or SIGINT it stops in order and exits 0.
 */
import { existsSync } from 'node:fs';
import { describeDispatchEvent, isDispatchWarning } from '../src/lib/comments/dispatch-log.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { main, UsageError } from './lib/main.ts';
import { createServer } from '../src/server/create-server.ts';

const usage = `
Usage: npm run serve            (npm start builds first, then does this)

Serves the built site and its server routes (comments, the content manager's
login, status) from dist/, and starts the comment service at once, so comments
accepted before a restart are filed without waiting for a request.

Environment: HOST and PORT (where to listen; default localhost:4321),
CONSULTA_DATA_DIR or CONSULTA_DATABASE_URL (where comments are kept), GITHUB_* and the other settings in .env.example and
docs/deploy.md. A setting with a bad value stops the server at start, naming it.

Options:
  -h, --help   Show this help
`;

const ENTRY = new URL('../dist/server/entry.mjs', import.meta.url);

await main('serve', usage, async (argv) => {
  if (argv.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(argv[0])} (see --help)`);
  const config = parseConfig(process.env, { cwd: process.cwd() });
  if (!existsSync(ENTRY)) throw new UsageError('no build found at dist/server/entry.mjs: run npm run build (or npm start) first');

  const running = await createServer(config, {
    entry: ENTRY,
    onDispatch: (event) => {
      // A pace wait is routine; everything else is worth a line.
      if (event.type === 'waiting') return;
      if (isDispatchWarning(event)) console.warn(`[comments] ${describeDispatchEvent(event)}`);
      else console.log(`[comments] ${describeDispatchEvent(event)}`);
    },
  });
  const { outbox, github, dispatcher } = running.services;
  const stats = await outbox.stats();
  const target = github ? (dispatcher ? `filing to ${github.repository}` : `another process files to ${github.repository}`) : 'no GitHub credentials: comments stay in the local outbox';
  console.log(`Consulta is listening on ${running.url}`);
  console.log(`Comment service: ${target}; ${stats.pending + stats.dispatching} waiting, ${stats.filed} filed, ${stats.failed} refused (outbox: ${outbox.path})`);

  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        console.log(`${signal}: finishing requests in flight, then stopping`);
        running.stop().then(resolve, (error: unknown) => {
          console.error(`serve: could not stop cleanly: ${(error as Error).message}`);
          process.exitCode = 1;
          resolve();
        });
      });
    }
  });
});
