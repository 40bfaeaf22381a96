/** Starts the built production server the way `npm run serve` does (scripts/serve.ts) on a free loopback port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openOutbox, type OutboxEntry } from '../../src/lib/comments/outbox.ts';

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** What the server printed so far, stdout and stderr together. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(options: { dataDir: string; env?: Record<string, string>; port?: number }): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['scripts/serve.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CONSULTA_DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  // The server says it listens only once its services have started (src/server/create-server.ts).
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Consulta is listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited early:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** What a server with this data folder stored under `reference`, read from the real SQLite outbox it writes. */
export async function storedComment(dataDir: string, reference: string): Promise<OutboxEntry | undefined> {
  const outbox = openOutbox(join(dataDir, 'outbox.sqlite'));
  try {
    return (await outbox.list()).find((entry) => entry.reference === reference);
  } finally {
    await outbox.close();
  }
}
