/**
 * A message sent to the consultation's address, read into a comment
 * candidate: which version it is about (the invitation it answers, or a
 * version it names), which section and paragraph (lines such as
 * "Section 3, paragraph 2", "Section: governance", "Sección 3, párrafo 2"),
 * its own words without the quoted original or the signature, the names of
 * its attachments, and the language it is written in. A message that cannot
 * become a comment (a bounce, an auto-reply, no text, only an attachment) is
 * classified with a reason, so it can be reported rather than lost.
 *
 * The sender's address and name are personal data: they appear only in the
 * `personal` part of the result, for the acknowledgement, never in the
 * candidate that may be published.
 */
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import PostalMime, { type Email } from 'postal-mime';
import type { MailLanguage } from './stakeholders.ts';

/** "Section 3" (its number in the version) or "Section: governance" (an id or title as written). */
type SectionRef = { number: number } | { name: string };

interface ReferenceLine {
  section: SectionRef;
  paragraph?: number;
}

export interface ReplyCandidate {
  /** The message's own Message-ID, with angle brackets: the key that makes a re-read idempotent. */
  messageId?: string;
  /** ISO time from the Date header, when readable. */
  date?: string;
  subject?: string;
  /** The version, and where it came from; absent when neither the thread nor the text names one. */
  version?: string;
  versionFrom?: 'thread' | 'subject' | 'text';
  /** Every section reference in the text, in order; the first is what the comment is about. */
  references: ReferenceLine[];
  /** The sender's own words: quoted original, signature and stand-alone reference lines removed. */
  text: string;
  /** File names of the attachments (never their content). */
  attachments: string[];
  language: MailLanguage;
}

type UnreadableReason = 'bounce' | 'auto-reply' | 'attachment-only' | 'no-text';

/** Personal data: for the acknowledgement only. */
export interface Sender {
  address?: string;
  name?: string;
}

export type ReadMessage =
  | { readable: true; candidate: ReplyCandidate; personal: Sender }
  | {
      readable: false;
      reason: UnreadableReason;
      /** One line for the person who looks at the mailbox. */
      detail: string;
      messageId?: string;
      subject?: string;
      date?: string;
      attachments: string[];
      personal: Sender;
    };

interface ReadOptions {
  /** The version a sent Message-ID belongs to (the send log's `findMessage`). */
  versionOfMessage(messageId: string): Promise<string | undefined> | string | undefined;
  /** Versions that exist, to recognise one named in the subject or text. */
  versions: readonly string[];
}

/** Reads one raw message (RFC 5322 bytes). */
export async function readMessage(raw: Uint8Array | string, options: ReadOptions): Promise<ReadMessage> {
  const email = await PostalMime.parse(raw);
  const header = (name: string) => email.headers.find((h) => h.key === name)?.value.trim();
  const from = email.from && 'address' in email.from && email.from.address ? email.from : undefined;
  const personal: Sender = { ...(from?.address ? { address: from.address } : {}), ...(from?.name ? { name: from.name } : {}) };
  const attachments = email.attachments.filter((a) => !isReportPart(a.mimeType)).map((a, i) => a.filename ?? `attachment ${i + 1} (${a.mimeType})`);
  const date = readDate(email.date);
  const common = {
    ...(email.messageId ? { messageId: email.messageId.trim() } : {}),
    ...(email.subject ? { subject: email.subject } : {}),
    ...(date ? { date } : {}),
  };
  const unreadable = (reason: UnreadableReason, detail: string): ReadMessage => ({ readable: false, reason, detail, ...common, attachments, personal });

  const bounce = bounceReason(email, header, from?.address);
  if (bounce) return unreadable('bounce', bounce);
  const auto = autoReplyReason(email, header);
  if (auto) return unreadable('auto-reply', auto);

  const body = email.text ?? (email.html ? htmlToText(email.html) : '');
  const { text, references } = ownWords(body);
  if (!text) {
    return attachments.length
      ? unreadable('attachment-only', `no text besides ${attachments.length} attachment${attachments.length > 1 ? 's' : ''}: ${attachments.join(', ')}`)
      : unreadable('no-text', 'the message has no text of its own');
  }

  const version = await findVersion(email, header, text, options);
  return {
    readable: true,
    candidate: {
      ...common,
      ...version,
      references,
      text,
      attachments,
      language: detectLanguage(`${email.subject ?? ''}\n${text}`, header('content-language')),
    },
    personal,
  };
}

function readDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

// Parts of a delivery report, not files someone attached.
function isReportPart(mimeType: string): boolean {
  return /^(message\/(delivery-status|disposition-notification|feedback-report)|text\/rfc822-headers)$/i.test(mimeType);
}

function bounceReason(email: Email, header: (name: string) => string | undefined, fromAddress: string | undefined): string | undefined {
  const type = header('content-type') ?? '';
  if (/^multipart\/report\b/i.test(type) && /report-type\s*=\s*"?delivery-status/i.test(type)) return 'a delivery status report (multipart/report)';
  if (/^multipart\/report\b/i.test(type)) return 'a report from a mail system (multipart/report)';
  if (header('x-failed-recipients')) return 'a delivery failure (X-Failed-Recipients)';
  const local = fromAddress?.split('@')[0]?.toLowerCase();
  if (local === 'mailer-daemon' || local === 'postmaster') return `sent by ${local}`;
  if (/^(undeliverable|undelivered mail|delivery status notification|mail delivery failed|no se puede entregar)/i.test(email.subject ?? '')) return `a delivery failure ("${email.subject}")`;
  return undefined;
}

const AUTO_SUBJECT = /^(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|auto:|respuesta autom[aá]tica|fuera de (la )?oficina)/i;

function autoReplyReason(email: Email, header: (name: string) => string | undefined): string | undefined {
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (header('x-autoreply') || header('x-autorespond')) return 'marked as an automatic reply (X-Autoreply)';
  const precedence = header('precedence')?.toLowerCase();
  if (precedence && ['auto_reply', 'bulk', 'junk'].includes(precedence)) return `Precedence: ${precedence}`;
  if (AUTO_SUBJECT.test(email.subject ?? '')) return `an automatic reply ("${email.subject}")`;
  return undefined;
}

// Quoted originals in HTML mail: Gmail's quote block, and every blockquote (Apple Mail, Thunderbird).
function isQuote(node: RootContent): boolean {
  if (node.type !== 'element') return false;
  const className = node.properties.className;
  const classes = Array.isArray(className) ? className.map(String) : [];
  return node.tagName === 'blockquote' || classes.includes('gmail_quote');
}

function withoutQuotes<T extends Root | Element>(node: T): T {
  return { ...node, children: node.children.filter((c) => !isQuote(c)).map((c) => (c.type === 'element' ? withoutQuotes(c) : c)) };
}

function htmlToText(html: string): string {
  return toText(withoutQuotes(fromHtml(html)));
}

// Where the quoted original starts, in the lines of a plain-text reply.
const ATTRIBUTION = [/^On\s.+\swrote:$/is, /^El\s.+\sescribi[oó]:$/is, /^Le\s.+\sa écrit\s?:$/is];
const SEPARATOR = /^(-{2,}\s*(Original Message|Mensaje original|Forwarded message|Mensaje reenviado)\s*-{2,}|_{10,})$/i;
const HEADER_FROM = /^\*?(From|De)\s*:\*?\s/i;
const HEADER_NEXT = /^\*?(Sent|Enviado|Date|Fecha|To|Para|Subject|Asunto|Cc)\s*:/i;
const MOBILE_FOOTER = /^(Sent from my \w+|Enviado desde mi \w+|Get Outlook for \w+)/i;

function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (SEPARATOR.test(line)) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l.trim()))) return i;
    // Gmail and Apple Mail wrap a long attribution over two or three lines.
    if (/^(On|El|Le)\s/.test(line)) {
      for (let n = 1; n <= 3 && i + n <= lines.length; n++) {
        const joined = lines.slice(i, i + n).map((l) => l.trim()).join(' ');
        if (ATTRIBUTION.some((re) => re.test(joined))) return i;
      }
    }
  }
  return lines.length;
}

const SECTION_WORD = String.raw`(?:section|secci[oó]n|sec\.|§)`;
const PARAGRAPH_WORD = String.raw`(?:paragraph|para\.|p[aá]rrafo|par\.|¶)`;
const BULLET = String.raw`^\s*(?:[-*•]\s*)?`;
const BY_NUMBER = new RegExp(`${BULLET}${SECTION_WORD}\\s*(?:no\\.?|n[º°]\\.?|number|n[uú]mero)?\\s*[:#]?\\s*(\\d{1,3})\\b(?:\\s*[,;.]?\\s*${PARAGRAPH_WORD}\\s*(?:no\\.?|n[º°]\\.?)?\\s*[:#]?\\s*(\\d{1,4})\\b)?`, 'iu');
const BY_NAME = new RegExp(`${BULLET}${SECTION_WORD}\\s*:\\s*([^\\d\\s,;][^,;]*?)\\s*(?:[,;]\\s*${PARAGRAPH_WORD}\\s*[:#]?\\s*(\\d{1,4}))?\\s*[.:]?\\s*$`, 'iu');
const PARAGRAPH_ONLY = new RegExp(`${BULLET}${PARAGRAPH_WORD}\\s*[:#]?\\s*(\\d{1,4})\\s*[.:]?\\s*$`, 'iu');

/** The section reference a line starts with, and whether the line is nothing but that reference. */
export function parseReferenceLine(line: string): { reference: ReferenceLine; whole: boolean } | undefined {
  const byName = BY_NAME.exec(line);
  if (byName) return { reference: { section: { name: byName[1]!.trim() }, ...(byName[2] ? { paragraph: Number(byName[2]) } : {}) }, whole: true };
  const byNumber = BY_NUMBER.exec(line);
  if (byNumber) {
    const rest = line.slice(byNumber[0].length).trim();
    return {
      reference: { section: { number: Number(byNumber[1]) }, ...(byNumber[2] ? { paragraph: Number(byNumber[2]) } : {}) },
      whole: /^[.:)\]-]?$/.test(rest),
    };
  }
  return undefined;
}

/** The sender's own words and the references in them. */
function ownWords(body: string): { text: string; references: ReferenceLine[] } {
  let lines = body.replace(/\r\n?/g, '\n').split('\n');
  lines = lines.slice(0, quoteStart(lines));
  const signature = lines.findIndex((l) => l === '-- ' || l === '--');
  if (signature >= 0) lines = lines.slice(0, signature);
  const references: ReferenceLine[] = [];
  const kept: string[] = [];
  let afterReference = false;
  for (const line of lines) {
    if (/^\s*>/.test(line) || MOBILE_FOOTER.test(line.trim())) continue;
    const found = parseReferenceLine(line);
    const last = references.at(-1);
    const paragraph = PARAGRAPH_ONLY.exec(line);
    const followsReference = afterReference;
    afterReference = false;
    if (found) {
      references.push(found.reference);
      if (found.whole) {
        afterReference = true;
        continue;
      }
    } else if (paragraph && followsReference && last && last.paragraph === undefined) {
      // "Paragraph: 2" on the line after "Section: governance".
      last.paragraph = Number(paragraph[1]);
      continue;
    }
    kept.push(line.replace(/\s+$/, ''));
  }
  const text = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return { text, references };
}

const MESSAGE_ID = /<[^<>\s]+>/g;

async function findVersion(
  email: Email,
  header: (name: string) => string | undefined,
  text: string,
  options: ReadOptions,
): Promise<Pick<ReplyCandidate, 'version' | 'versionFrom'>> {
  const thread = [...(email.inReplyTo ?? header('in-reply-to') ?? '').matchAll(MESSAGE_ID), ...[...(email.references ?? header('references') ?? '').matchAll(MESSAGE_ID)].reverse()].map((m) => m[0]);
  for (const id of thread) {
    const version = await options.versionOfMessage(id);
    if (version) return { version, versionFrom: 'thread' };
  }
  const named = (value: string) => {
    for (const match of value.matchAll(/(?<![\w.])(v\d+(?:\.\d+)*)(?![\w]|\.\d)/gi)) {
      const version = options.versions.find((v) => v.toLowerCase() === match[1]!.toLowerCase());
      if (version) return version;
    }
    return undefined;
  };
  const inSubject = named(email.subject ?? '');
  if (inSubject) return { version: inSubject, versionFrom: 'subject' };
  const inText = named(text);
  return inText ? { version: inText, versionFrom: 'text' } : {};
}

const WORDS: Record<MailLanguage, Set<string>> = {
  en: new Set('the and of to in is that for it with as on be this are by or have from an but which should we would will our their can has more what all there about not'.split(' ')),
  es: new Set('el la los las del que y en se por una para con es al lo como más pero sus le ya este porque esta entre cuando muy sin sobre también hasta hay donde desde todo nos debe deberían sección párrafo propuesta gracias creemos nuestra'.split(' ')),
};

/** English or Spanish, by their commonest words; the Content-Language header breaks a tie. */
export function detectLanguage(text: string, contentLanguage?: string): MailLanguage {
  const counts: Record<MailLanguage, number> = { en: 0, es: 0 };
  for (const word of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (WORDS.en.has(word)) counts.en++;
    if (WORDS.es.has(word)) counts.es++;
  }
  counts.es += (text.match(/[ñ¿¡]/g) ?? []).length;
  if (counts.es > counts.en) return 'es';
  if (counts.en > counts.es) return 'en';
  return contentLanguage?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** A section of the version, given a reference: by its number in the version, or by its id or title. */
export function resolveSection(sections: readonly { id: string; title: string }[], ref: SectionRef): string | undefined {
  if ('number' in ref) return sections[ref.number - 1]?.id;
  const slug = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const wanted = slug(ref.name);
  if (!wanted) return undefined;
  const exact = sections.filter((s) => s.id === wanted || slug(s.title) === wanted);
  if (exact.length === 1) return exact[0]!.id;
  const partial = sections.filter((s) => s.id.startsWith(wanted) || slug(s.title).startsWith(wanted));
  return partial.length === 1 ? partial[0]!.id : undefined;
}
