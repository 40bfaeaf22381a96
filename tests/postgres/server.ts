/**
 * A real PostgreSQL for the tests: Debian's `postgresql` binaries
 * (/usr/lib/postgresql/<major>/bin, off PATH), a throw-away cluster made by
 * `initdb` in a temporary folder, one `postgres` process on a free loopback
 * port with its socket in that folder. Stopped and removed by `stop`.
 *
 * PostgreSQL refuses to run as root, so when the tests run as root (CI, and
 * the developers' machines) initdb and postgres run as Debian's unprivileged
 * `postgres` user, which owns the folder; otherwise as the current user.
 *
 * Authentication is `trust`: this cluster lives for one test file, listens on
 * 127.0.0.1 only and keeps its socket in a folder only its owner can enter,
 * so there is no password to leak and nobody else to keep out.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { waitUntil } from '../support/wait-until.ts';

export interface Postgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the maintenance database. */
  url: string;
  /** Creates an empty database for one test (or file) and gives its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT), then the cluster's folder is removed. */
  stop(): Promise<void>;
}

/** Debian installs each major version side by side; the newest is used. */
function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : join(root, majors[0], 'bin');
}

function idOf(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function run(command: string, args: string[], options: { uid?: number; gid?: number; cwd: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${output.trim()}`))));
  });
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  if (!bin) throw new Error("PostgreSQL is not installed: these tests need Debian's postgresql (apt-get install postgresql; .ci/run installs it)");
  const root = userInfo().uid === 0;
  const owner = root ? idOf('postgres') : undefined;
  if (root && !owner) throw new Error('the tests run as root, but there is no postgres user to run PostgreSQL as (the postgresql package creates it)');
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};

  const dir = mkdtempSync(join(tmpdir(), 'consulta-postgres-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  try {
    // --no-sync: the cluster is thrown away after the file, so initdb need not wait for the disk.
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { ...as, cwd: dir });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  // fsync=off, in tests only: a crash would lose a cluster that is deleted anyway, and on a
  // shared disk every commit's fsync would otherwise dominate the tests' time.
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
  const proc: ChildProcess = spawn(join(bin, 'postgres'), args, { ...as, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited: string | undefined;
  const gone = new Promise<void>((resolve) => proc.once('exit', (code, signal) => {
    exited = `postgres exited (${signal ?? code}): ${output.trim()}`;
    resolve();
  }));

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (!exited) {
      proc.kill('SIGINT');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  /** Runs one statement on the maintenance database, on a connection of its own. */
  async function admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error(exited);
        await admin('SELECT 1');
      },
      { timeout: 30_000, interval: 50 },
    );
  } catch (error) {
    await stop();
    throw new Error(`postgres did not start: ${(error as Error).message}`, { cause: error });
  }

  return {
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
