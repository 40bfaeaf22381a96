/**
 * A real SMTP server for the tests: `smtp-server` (nodemailer's project) on
 * a free loopback port, over real TCP. It keeps every message it accepts,
 * can refuse a recipient with 550, and can drop a connection mid-session,
 * the way a flaky relay does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

interface CapturedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  /** Whether the session was encrypted (implicit TLS or after STARTTLS). */
  secure: boolean;
  /** The user who logged in, if any. */
  user?: string;
  /** Time the message was accepted, by the process clock. */
  receivedAt: number;
}

export interface SmtpServerDouble {
  port: number;
  messages: CapturedMessage[];
  /** `smtp://user:pass@127.0.0.1:<port>` (or `smtps://`), with the test credentials when the server wants them. */
  url: string;
  /** Answers 550 to RCPT TO for this address (case-insensitive) until `accept` is called. */
  refuse(address: string): void;
  accept(address: string): void;
  /** Drops the next `count` connections when they send RCPT TO for any address. */
  dropNextConnections(count: number): void;
  /** Connections that were dropped on purpose. */
  dropped: number;
  close(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Require this login (PLAIN or LOGIN over the plain connection, as a test server may). */
  auth?: { user: string; pass: string };
  /** Offer STARTTLS (`starttls`) or speak TLS from the first byte (`implicit`), with this certificate. */
  tls?: { mode: 'starttls' | 'implicit'; certificate: TestCertificate };
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpServerDouble> {
  const refused = new Set<string>();
  const sockets = new Map<number, Socket>();
  let toDrop = 0;
  const double = {
    port: 0,
    url: '',
    messages: [] as CapturedMessage[],
    dropped: 0,
  } as SmtpServerDouble;

  const server = new SMTPServer({
    logger: false,
    secure: options.tls?.mode === 'implicit',
    ...(options.tls ? { key: options.tls.certificate.key, cert: options.tls.certificate.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, session, callback) {
      if (toDrop > 0) {
        toDrop--;
        double.dropped++;
        sockets.get(session.remotePort)?.destroy();
        return;
      }
      if (refused.has(address.address.toLowerCase())) {
        const error = new Error(`5.1.1 <${address.address}>: mailbox unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        double.messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          secure: session.secure,
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          receivedAt: Date.now(),
        });
        callback();
      });
    },
  });
  // Sockets by the client's port, so a session can be cut at the TCP level.
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort!;
    sockets.set(port, socket);
    socket.on('close', () => sockets.delete(port));
  });
  server.on('error', () => {
    // A dropped connection makes the server report the reset; that is the point.
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  double.port = (server.server.address() as AddressInfo).port;
  const scheme = options.tls?.mode === 'implicit' ? 'smtps' : 'smtp';
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : '';
  double.url = `${scheme}://${credentials}127.0.0.1:${double.port}`;
  double.refuse = (address) => void refused.add(address.toLowerCase());
  double.accept = (address) => void refused.delete(address.toLowerCase());
  double.dropNextConnections = (count) => void (toDrop = count);
  double.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets.values()) socket.destroy();
      server.close(() => resolve());
    });
  return double;
}

export interface TestCertificate {
  key: Buffer;
  cert: Buffer;
  /** The certificate and key files (PEM). */
  certPath: string;
  keyPath: string;
  remove(): void;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl in a temporary folder. */
export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'consulta-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const result = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyPath, '-out', certPath],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`openssl could not make a test certificate: ${result.error?.message ?? result.stderr}`);
  }
  return { key: readFileSync(keyPath), cert: readFileSync(certPath), certPath, keyPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
