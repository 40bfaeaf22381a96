/**
 * Sending through the consultation's SMTP server with nodemailer, from a URL
 * such as `smtp://user:pass@mail.example.gov.bz:587` (STARTTLS whenever the
 * server offers it) or `smtps://user:pass@mail.example.gov.bz` (TLS from the
 * first byte, port 465 by default). The password is in the URL, so a URL is
 * shown only through `redactUrl`, and every error leaving this module has
 * the credentials taken out.
 */
import { createTransport } from 'nodemailer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';
import { MailConfigError } from './address.ts';
import type { OutgoingMessage } from './compose.ts';

/** The URL with its password (and any query) replaced, fit for a log or a message. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    // Query parameters may carry settings or tokens: say there were some, not what.
    const query = url.search ? '?…' : '';
    url.search = '';
    return `${url.toString()}${query}`;
  } catch {
    return '(a URL that cannot be read)';
  }
}

/** `text` with every form of the secrets in `url` (user's password, raw or encoded) replaced by `***`. */
export function redactSecrets(text: string, url: string): string {
  const parsed = URL.parse(url);
  if (!parsed) return text.split(url).join('(the URL)');
  const password = parsed.password;
  let out = text.split(url).join(redactUrl(url));
  if (password) {
    const forms = new Set([password, safeDecode(password)]);
    // A password of a few characters cannot be told from ordinary text; the URL forms above still go.
    for (const form of forms) if (form.length >= 4) out = out.split(form).join('***');
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Connection settings read from an SMTP URL, without the credentials. */
interface SmtpEndpoint {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps:`); otherwise STARTTLS when offered. */
  secure: boolean;
  user?: string;
}

interface SmtpOptions extends SmtpEndpoint {
  pass?: string;
}

function readSmtpUrl(value: string, setting: string): SmtpOptions {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MailConfigError(`${setting} is not a URL (expected e.g. smtp://user:password@mail.example.gov.bz:587)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailConfigError(`${setting} must start with smtp:// or smtps://, not "${redactUrl(value)}"`);
  }
  if (!url.hostname) throw new MailConfigError(`${setting} names no host: "${redactUrl(value)}"`);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { user: safeDecode(url.username), pass: safeDecode(url.password) } : {}),
  };
}

/** Where an SMTP URL points, for a progress line (no password). */
export function smtpEndpoint(value: string, setting = 'CONSULTA_SMTP_URL'): SmtpEndpoint {
  const { pass: _pass, ...endpoint } = readSmtpUrl(value, setting);
  return endpoint;
}

/** Why one message was not accepted, in one line with no secret in it. */
export interface SendFailure {
  /** The SMTP reply code when the server answered (e.g. 550), else undefined. */
  responseCode?: number;
  /** e.g. `EENVELOPE`, `ECONNECTION`, `ETIMEDOUT`. */
  code?: string;
  message: string;
}

export interface SendResult {
  ok: boolean;
  failure?: SendFailure;
  /** The server's final reply, e.g. `250 OK: queued as …` (when accepted). */
  response?: string;
}

export interface MailSender {
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

interface SmtpSenderOptions {
  /** Seconds to wait for the connection, the greeting and each reply. Defaults to 30. */
  timeoutSeconds?: number;
  /** The setting's name in error messages. */
  setting?: string;
  /** Certificates to trust besides the system's (a server with a private certificate authority). */
  ca?: string | Buffer;
}

/**
 * A sender over SMTP. Each message gets its own connection: at the pace of
 * an invitation run, a connection would sit idle between messages anyway,
 * and a dropped connection then costs one message, not the rest of the run.
 */
export function smtpSender(smtpUrl: string, options: SmtpSenderOptions = {}): MailSender {
  const smtp = readSmtpUrl(smtpUrl, options.setting ?? 'CONSULTA_SMTP_URL');
  const timeout = (options.timeoutSeconds ?? 30) * 1000;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    logger: false,
    debug: false,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail(toSendMailOptions(message));
        return { ok: true, response: redactSecrets(String(info.response ?? ''), smtpUrl) };
      } catch (error) {
        const e = error as Error & { code?: string; responseCode?: number };
        return {
          ok: false,
          failure: {
            ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
            ...(e.code ? { code: e.code } : {}),
            message: redactSecrets(oneLine(e.message), smtpUrl),
          },
        };
      }
    },
    close() {
      transport.close();
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** What nodemailer is given for one message: both parts, the recorded Message-ID, the language. */
function toSendMailOptions(message: OutgoingMessage): SendMailOptions {
  return {
    from: { name: message.from.name, address: message.from.address },
    to: { name: message.to.name, address: message.to.address },
    replyTo: { name: message.replyTo.name, address: message.replyTo.address },
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: [message.inReplyTo] } : {}),
    headers: { 'Content-Language': message.language, ...(message.autoSubmitted ? { 'Auto-Submitted': message.autoSubmitted } : {}) },
    attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
    // Nothing in a message may make nodemailer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** The message as an .eml file (RFC 5322, CRLF line ends), dated `date`, for a person to review. */
export async function renderEml(message: OutgoingMessage, date: Date): Promise<Buffer> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({ ...toSendMailOptions(message), date });
  return info.message as Buffer;
}
