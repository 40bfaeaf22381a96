/**
 * A real IMAP server for the tests: Debian's Dovecot (`dovecot-imapd`),
 * started in the foreground with a throw-away configuration, user and
 * mailbox in a temporary folder, listening on a free loopback port with
 * plain-text login allowed (loopback only). Stopped and removed by `stop`.
 *
 * Dovecot refuses to run its login and internal processes as root, so when
 * the tests run as root (CI) they run as the unprivileged users Debian's
 * package creates (`dovenull`, `dovecot`), and mail is stored as `nobody`;
 * otherwise everything runs as the current user.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { vi } from 'vitest';
import type { TestCertificate } from './smtp-server.ts';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:<port>/INBOX`. */
  url: string;
  /** `imaps://user:password@127.0.0.1:<port>/INBOX`, when started with a certificate. */
  imapsUrl?: string;
  /** Appends a raw message to a folder (INBOX by default) as a mail client would; returns its UID. */
  append(raw: string | Buffer, folder?: string, flags?: string[]): Promise<number>;
  /** Flags and folder of every message, read over IMAP: what the tests check. */
  inspect(folder?: string): Promise<{ uid: number; messageId?: string; flags: string[] }[]>;
  stop(): Promise<void>;
}

const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((path) => existsSync(path));

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

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('* OK'));
    });
    socket.once('error', () => resolve(false));
  });
}

export interface DovecotOptions {
  /** Another dovecot executable (the tests check the message when there is none). */
  binary?: string;
  /** Also listen for IMAP over TLS (imaps) with this certificate. */
  tls?: TestCertificate;
}

export async function startDovecot(options: DovecotOptions = {}): Promise<Dovecot> {
  const binary = options.binary ?? DOVECOT;
  if (!binary || !existsSync(binary)) throw new Error('dovecot is not installed: the IMAP tests need Debian\'s dovecot-imapd (apt-get install dovecot-imapd; .ci/run installs it)');
  const me = userInfo();
  const root = me.uid === 0;
  const login = root ? 'dovenull' : me.username;
  const internal = root ? 'dovecot' : me.username;
  const mailOwner = root ? idOf('nobody') : { uid: me.uid, gid: me.gid };
  if (root && (!idOf('dovenull') || !idOf('dovecot') || !mailOwner)) {
    throw new Error('dovecot runs as root here, but the users dovenull, dovecot or nobody are missing (the dovecot-core package creates the first two)');
  }

  const dir = mkdtempSync(join(tmpdir(), 'consulta-dovecot-'));
  // Login and mail processes run as other users: they must reach the folder.
  chmodSync(dir, 0o755);
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  if (root) chownSync(mail, mailOwner!.uid, mailOwner!.gid);
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : 0;
  const user = 'consultation';
  const password = 'imap-test-pa55';
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  chmodSync(join(dir, 'passwd'), 0o644);
  const config = `
# Throw-away configuration for one test run.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = consulta-test-${port}
protocols = imap
listen = 127.0.0.1
${options.tls ? `ssl = yes\nssl_cert = <${options.tls.certPath}\nssl_key = <${options.tls.keyPath}` : 'ssl = no'}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_login_user = ${login}
${root ? '' : `default_internal_group = ${spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim()}`}
first_valid_uid = ${Math.min(mailOwner!.uid, 1)}
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailOwner!.uid} gid=${mailOwner!.gid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
  }
  # A chroot needs root; the test server does without.
  chroot =
}
service anvil {
  chroot =
}
`;
  const confPath = join(dir, 'dovecot.conf');
  writeFileSync(confPath, config);
  chmodSync(confPath, 0o644);

  let exited: string | undefined;
  const proc: ChildProcess = spawn(binary, ['-F', '-c', confPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  proc.on('exit', (code, signal) => (exited = `dovecot exited (${signal ?? code}): ${output.trim()} ${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').trim() : ''}`));

  const stop = async () => {
    if (!exited && proc.exitCode === null) {
      const done = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await done;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await vi.waitFor(
      async () => {
        if (exited) throw new Error(exited);
        if (!(await accepts(port))) throw new Error(`dovecot does not answer on port ${port} yet`);
      },
      { timeout: 15_000, interval: 50 },
    );
  } catch (error) {
    await stop();
    throw new Error(`dovecot did not start: ${(error as Error).message}`, { cause: error });
  }

  const url = `imap://${user}:${password}@127.0.0.1:${port}/INBOX`;
  const imapsUrl = options.tls ? `imaps://${user}:${password}@127.0.0.1:${tlsPort}/INBOX` : undefined;
  async function client<T>(fn: (imap: ImapFlow) => Promise<T>): Promise<T> {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    imap.on('error', () => {});
    await imap.connect();
    try {
      return await fn(imap);
    } finally {
      await imap.logout();
    }
  }
  return {
    port,
    user,
    password,
    url,
    ...(imapsUrl ? { imapsUrl } : {}),
    append: (raw, folder = 'INBOX', flags = []) =>
      client(async (imap) => {
        const list = await imap.list();
        if (!list.some((box) => box.path === folder)) await imap.mailboxCreate(folder);
        const result = await imap.append(folder, raw, flags);
        if (!result || !result.uid) throw new Error(`dovecot did not give a UID for the appended message`);
        return result.uid;
      }),
    inspect: (folder = 'INBOX') =>
      client(async (imap) => {
        const lock = await imap.getMailboxLock(folder);
        try {
          const out: { uid: number; messageId?: string; flags: string[] }[] = [];
          if ((imap.mailbox && imap.mailbox.exists) === 0) return out;
          for await (const m of imap.fetch('1:*', { uid: true, flags: true, envelope: true })) {
            out.push({ uid: m.uid, ...(m.envelope?.messageId ? { messageId: m.envelope.messageId } : {}), flags: [...(m.flags ?? [])].sort() });
          }
          return out;
        } finally {
          lock.release();
        }
      }),
    stop,
  };
}
