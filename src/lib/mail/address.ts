/**
 * The consultation's own address (`CONSULTA_MAIL_FROM`, e.g.
 * `NCSS consultation <consultation@example.gov.bz>`) and the Message-IDs of
 * what it sends. A Message-ID is made once per message, recorded in the send
 * log, and reused when the same message is tried again, so a reply's
 * In-Reply-To leads back to the version it answers.
 */
import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

/** A setting that cannot be used; the message is for the person who set it. */
export class MailConfigError extends Error {
  // The command-line wrapper prints expected errors in one line: this is one.
  override name = 'ConfigError';
}

export interface Mailbox {
  /** Display name, may be empty. */
  name: string;
  address: string;
}

const Email = z.email();

/** Reads `Name <address>` or a bare address; `setting` names the value in the error. */
export function parseMailbox(value: string, setting: string): Mailbox {
  const parsed = addressparser(value.trim(), { flatten: true });
  const first = parsed[0];
  if (parsed.length !== 1 || !first || !Email.safeParse(first.address).success) {
    throw new MailConfigError(`${setting} must be one e-mail address, e.g. "Consultation <consultation@example.gov.bz>", not "${value}"`);
  }
  return { name: first.name, address: first.address };
}

/** A new Message-ID in the sender's domain, angle brackets included. */
export function newMessageId(from: Mailbox): string {
  const domain = from.address.slice(from.address.lastIndexOf('@') + 1).toLowerCase();
  return `<consulta.${randomUUID()}@${domain}>`;
}
