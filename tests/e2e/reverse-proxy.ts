/**
 * A real reverse proxy from Debian (nginx or Caddy) in front of a test
 * server, configured exactly as docs/deploy.md shows: the configuration is
 * read from the block marked `<!-- tested: <kind> -->` there, and only the
 * name, the port, the certificate and the upstream address are replaced.
 * TLS with a throw-away self-signed certificate, everything in a temporary
 * folder, stopped and removed after.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../support/wait-until.ts';
import { freePort } from './server.ts';

/** `caddy-several`: Caddy balancing several servers, as docs/deploy.md's "Several servers" shows. */
export type ProxyKind = 'nginx' | 'caddy' | 'caddy-several';

export interface RunningProxy {
  /** The public origin, `https://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

const DOCUMENTED_NAME = 'consult.example.gov.bz';
const DOCUMENTED_UPSTREAM = '127.0.0.1:4321';
const DOCUMENTED_UPSTREAMS = '10.0.0.11:4321 10.0.0.12:4321 10.0.0.13:4321';

/** The configuration block docs/deploy.md shows for `kind`. */
function documentedConfig(kind: ProxyKind): string {
  const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
  const match = new RegExp(`<!-- tested: ${kind} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match) throw new Error(`docs/deploy.md has no block marked <!-- tested: ${kind} -->`);
  return match[1]!;
}

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the documented configuration no longer contains "${from}"`);
  return text.split(from).join(to);
}

export async function startProxy(kind: ProxyKind, upstream: URL | URL[]): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), `consulta-${kind}-`));
  // Workers of a proxy started as root run as an unprivileged user: they must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  chmodSync(key, 0o644);
  const targets = (Array.isArray(upstream) ? upstream : [upstream]).map((url) => `${url.hostname}:${url.port}`);
  if (kind !== 'caddy-several' && targets.length !== 1) throw new Error(`${kind} proxies one server: use caddy-several for ${targets.length}`);
  const target = targets.join(' ');
  let child: ChildProcess;
  if (kind === 'nginx') {
    let server = documentedConfig('nginx');
    server = replaceOnce(server, 'listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`);
    server = replaceOnce(server, `/etc/letsencrypt/live/${DOCUMENTED_NAME}/fullchain.pem`, cert);
    server = replaceOnce(server, `/etc/letsencrypt/live/${DOCUMENTED_NAME}/privkey.pem`, key);
    server = replaceOnce(server, DOCUMENTED_UPSTREAM, target);
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(join(dir, temp));
      chmodSync(join(dir, temp), 0o777);
    }
    const conf = [
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')};`,
      'events {}',
      'http {',
      '  access_log off;',
      ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `  ${temp === 'body' ? 'client_body' : temp}_temp_path ${join(dir, temp)};`),
      server,
      '}',
    ].join('\n');
    writeFileSync(join(dir, 'nginx.conf'), conf);
    child = spawn('nginx', ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } else {
    let site = documentedConfig(kind);
    site = replaceOnce(site, `${DOCUMENTED_NAME} {`, `https://127.0.0.1:${port} {\n\ttls ${cert} ${key}`);
    site = replaceOnce(site, kind === 'caddy' ? DOCUMENTED_UPSTREAM : DOCUMENTED_UPSTREAMS, target);
    // Test-only global options: no admin endpoint, no certificate management, nothing outside the folder.
    writeFileSync(join(dir, 'Caddyfile'), `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${join(dir, 'data')}\n}\n\n${site}\n`);
    const home = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') };
    child = spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { env: { ...process.env, ...home }, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, () => child.exitCode !== null, () => `${kind} did not start:\n${output}${safeRead(join(dir, 'error.log'))}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `https://127.0.0.1:${port}`, port, output: () => output + safeRead(join(dir, 'error.log')), stop };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Waits until something accepts connections on `port`, failing at once if the proxy died. */
async function waitForPort(port: number, died: () => boolean, explain: () => string): Promise<void> {
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  await waitUntil(
    async () => {
      if (died()) throw new Error(explain());
      if (!(await accepts())) throw new Error(explain());
    },
    { timeout: 20_000, interval: 100 },
  );
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request from `localAddress`, as a client on another machine would send it; the proxy's certificate is self-signed. */
export function send(url: string, options: { localAddress: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const target = new URL(url);
  const call = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = call(
      target,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, rejectUnauthorized: false, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
