/**
 * The mailbox replies go to, read over IMAP with imapflow, from a URL such as
 * `imaps://user:pass@mail.example.gov.bz/INBOX` (TLS from the first byte,
 * port 993) or `imap://…:143/INBOX` (STARTTLS whenever the server offers
 * it). The folder is the URL's path, INBOX when there is none.
 *
 * Reading never changes the mailbox: sources are fetched with BODY.PEEK, so
 * a message stays unseen until the caller, having committed the comment it
 * made, says it is processed (flagged \Seen, or moved to a folder). A crash
 * between the commit and the flag leaves the message unseen; the caller's
 * idempotency by Message-ID makes the next run skip it and flag it.
 */
import { ImapFlow } from 'imapflow';
import { MailConfigError } from './address.ts';
import { redactSecrets, redactUrl } from './transport.ts';

interface InboxMessage {
  /** IMAP UID in the folder: what `markProcessed` and `moveTo` take. */
  uid: number;
  /** The raw message (RFC 5322 bytes). */
  source: Buffer;
}

export interface Inbox {
  /** The folder that is read, e.g. INBOX. */
  readonly folder: string;
  /** UIDs of unseen messages, oldest first. */
  unseen(): Promise<number[]>;
  /** One message's source, without marking it seen; null when it is gone. */
  fetch(uid: number): Promise<InboxMessage | null>;
  /** Flags a message \Seen: call only after what it became is committed. */
  markProcessed(uid: number): Promise<void>;
  /**
   * Moves a message to `folder` (created when missing), e.g. `Consulta/Processed`:
   * `/` separates levels whatever the server's own separator. Call only
   * after what the message became is committed.
   */
  moveTo(uid: number, folder: string): Promise<void>;
  close(): Promise<void>;
}

interface InboxOptions {
  /** Certificates to trust besides the system's. */
  ca?: string | Buffer;
  /** Seconds to wait for the connection and the greeting. Defaults to 30. */
  timeoutSeconds?: number;
  /** The setting's name in error messages. */
  setting?: string;
}

/** An IMAP failure with the credentials taken out of its message. */
export class InboxError extends Error {
  override name = 'InboxError';
}

interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  folder: string;
}

function readImapUrl(value: string, setting: string): ImapSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MailConfigError(`${setting} is not a URL (expected e.g. imaps://user:password@mail.example.gov.bz/INBOX)`);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new MailConfigError(`${setting} must start with imap:// or imaps://, not "${redactUrl(value)}"`);
  if (!url.hostname) throw new MailConfigError(`${setting} names no host: "${redactUrl(value)}"`);
  if (!url.username) throw new MailConfigError(`${setting} names no user: "${redactUrl(value)}" (expected imaps://user:password@host/INBOX)`);
  const secure = url.protocol === 'imaps:';
  const folder = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) || 'INBOX';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    pass: decodeURIComponent(url.password),
    folder,
  };
}

/** Checks an IMAP URL as `openInbox` reads it; throws a MailConfigError naming `setting`. */
export function imapEndpoint(value: string, setting = 'CONSULTA_IMAP_URL'): { host: string; port: number; folder: string } {
  const { host, port, folder } = readImapUrl(value, setting);
  return { host, port, folder };
}

/** Connects, logs in and opens the URL's folder. */
export async function openInbox(imapUrl: string, options: InboxOptions = {}): Promise<Inbox> {
  const settings = readImapUrl(imapUrl, options.setting ?? 'CONSULTA_IMAP_URL');
  const timeout = (options.timeoutSeconds ?? 30) * 1000;
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.pass },
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
  });
  // Without a listener an 'error' event (a dropped socket) would crash the process.
  client.on('error', () => {});
  const fail = (error: unknown): never => {
    const e = error as Error & { responseText?: string };
    throw new InboxError(redactSecrets(`${settings.host}: ${e.responseText ?? e.message}`, imapUrl));
  };
  try {
    await client.connect();
    await client.mailboxOpen(settings.folder);
  } catch (error) {
    client.close();
    fail(error);
  }
  return {
    folder: settings.folder,
    async unseen() {
      try {
        // A session learns of messages that arrived since its last command only from the next one.
        await client.noop();
        const uids = await client.search({ seen: false }, { uid: true });
        return (uids || []).sort((a, b) => a - b);
      } catch (error) {
        return fail(error);
      }
    },
    async fetch(uid) {
      try {
        const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        return message && message.source ? { uid: message.uid, source: message.source } : null;
      } catch (error) {
        return fail(error);
      }
    },
    async markProcessed(uid) {
      try {
        await client.noop();
        if (!(await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }))) throw new Error(`the server did not flag message ${uid}`);
      } catch (error) {
        fail(error);
      }
    },
    async moveTo(uid, folder) {
      try {
        // imapflow joins the levels with the server's separator; an existing folder is not an error.
        const { path } = await client.mailboxCreate(folder.split('/').filter(Boolean));
        await client.noop();
        const moved = await client.messageMove(String(uid), path, { uid: true });
        // A server that reports the new UIDs (UIDPLUS) tells us whether this one moved.
        if (!moved || (client.capabilities.has('UIDPLUS') && !moved.uidMap?.has(uid))) throw new Error(`the server did not move message ${uid} to ${folder}`);
      } catch (error) {
        fail(error);
      }
    },
    async close() {
      try {
        await client.logout();
      } catch {
        client.close();
      }
    },
  };
}
