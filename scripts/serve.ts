/**
 * npm run serve: the built production server, with the comment service
 * started at boot.
 *
 * Astro's Node server loads a route's code on the first request for it, so
 * `node dist/server/entry.mjs` alone would leave comments queued before a
 * restart in the outbox until the next commenter arrived. This starts the
 * same server and then asks it for `/api/status` over loopback, which starts
 * the comment service and its dispatcher in the server's own process (one
 * dispatcher, one pace), and prints the queue it found. On SIGTERM or SIGINT
 * it finishes the requests in flight before it exits.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { main, UsageError } from '../src/lib/cli/main.ts';

const usage = `
Usage: npm run serve            (npm start builds first, then does this)

Serves the built site and its server routes (comments, the content manager's
login, status) from dist/, and starts the comment service at once, so comments
accepted before a restart are filed without waiting for a request.

Environment: HOST and PORT (where to listen; default localhost:4321),
CONSULTA_DATA_DIR, GITHUB_* and the other variables in docs/deploy.md.

Options:
  -h, --help   Show this help
`;

const ENTRY = new URL('../dist/server/entry.mjs', import.meta.url);

interface StandaloneEntry {
  startServer(): { server: { server: Server }; done: Promise<unknown> };
}

await main('serve', usage, async (argv) => {
  if (argv.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(argv[0])} (see --help)`);
  if (!existsSync(ENTRY)) throw new UsageError('no build found at dist/server/entry.mjs: run npm run build (or npm start) first');

  // The entry starts listening on import unless told not to; we start it ourselves to hold the server.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const entry = (await import(ENTRY.href)) as StandaloneEntry;
  const { server, done } = entry.startServer();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Stop taking connections and let requests in flight finish: an accepted comment is
      // committed before its answer is sent. A create in flight to GitHub is covered by the
      // outbox lease and the marker lookup, so there is nothing else to wait for.
      console.log(`${signal}: finishing requests in flight, then stopping`);
      server.server.close(() => process.exit(0));
      server.server.closeIdleConnections();
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
  server.server.once('listening', () => {
    startCommentService(server.server).then(
      (line) => console.log(`Comment service: ${line}`),
      (error: unknown) => console.error(`Comment service did not start: ${(error as Error).message} (it starts on the first comment instead)`),
    );
  });
  await done;
});

/** Asks the server for /api/status on its own socket; resolves to a one-line summary of the queue. */
function startCommentService(server: Server): Promise<string> {
  const { address, port } = server.address() as AddressInfo;
  const secure = Boolean(process.env.SERVER_CERT_PATH && process.env.SERVER_KEY_PATH);
  // A wildcard address accepts loopback connections; the loopback of its family is the shortest way in.
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return new Promise((resolve, reject) => {
    const send = secure ? httpsRequest : httpRequest;
    const req = send(
      // Our own socket: the certificate is for the public name, not the loopback address.
      { host, port, path: '/api/status', method: 'GET', timeout: 30_000, ...(secure ? { rejectUnauthorized: false } : {}) },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`/api/status answered ${res.statusCode}`));
          try {
            const status = JSON.parse(body) as { github: boolean; comments: { pending: number; filed: number; failed: number } };
            const { pending, filed, failed } = status.comments;
            const target = status.github ? 'filing to GitHub' : 'no GitHub credentials: comments stay in the local outbox';
            resolve(`${target}; ${pending} waiting, ${filed} filed, ${failed} refused`);
          } catch {
            reject(new Error('/api/status did not answer JSON'));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('/api/status did not answer within 30 s')));
    req.on('error', reject);
    req.end();
  });
}
