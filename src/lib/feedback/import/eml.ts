/**
 * A comment sent by e-mail and saved as an .eml file, read with postal-mime
 * (a maintained, dependency-free MIME parser): the date, the subject and the
 * text body, or the HTML body made plain when there is no text part.
 *
 * The sender's address and name are read by no one: a comment carries only
 * what its author agreed to publish.
 */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import PostalMime from 'postal-mime';

export interface ParsedEmail {
  /** `Date` header as an ISO time, when present and readable. */
  date?: string;
  subject?: string;
  /** The text/plain body (or the HTML body as plain text when there is no text part), `\n` line ends. */
  text: string;
}

/** Reads an .eml file's bytes. */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  const email = await PostalMime.parse(raw);
  const date = email.date ? new Date(email.date) : undefined;
  const text = email.text ?? (email.html ? toText(fromHtml(email.html)) : '');
  return {
    ...(date && !Number.isNaN(date.getTime()) ? { date: date.toISOString() } : {}),
    ...(email.subject ? { subject: email.subject } : {}),
    text: text.replace(/\r\n?/g, '\n').replace(/\n+$/, ''),
  };
}
