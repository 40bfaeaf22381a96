/**
 * The invitation and the reminder: one personal message per stakeholder, in
 * their language, as plain text and HTML with the same content. Both say
 * what is consulted and why this stakeholder's view matters, when the
 * consultation closes (in the version's time zone), where to read the
 * version, the three ways to respond and where replies go.
 *
 * The HTML is built as a tree (hastscript) and serialised by
 * hast-util-to-html, which escapes every text node and attribute: a name or
 * organisation from the list cannot add markup. Names and addresses go to
 * nodemailer as structured values, which encodes them in headers, and the
 * list reader has already refused line breaks in them.
 */
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { formatLocal, windowState } from '../consultation/window.ts';
import { translator, type MessageKey, type Translate } from '../i18n/translate.ts';
import type { CatalogVersion } from '../strategy/catalog.ts';
import { windowParts } from '../strategy/status.ts';
import type { Mailbox } from './address.ts';
import type { MailLanguage, Stakeholder } from './stakeholders.ts';

/**
 * What the consultation sends: invitations and reminders to stakeholders,
 * an acknowledgement to each comment received by e-mail, and a notice to a
 * commenter who asked to be told when their comment is answered.
 */
export type MailKind = 'invitation' | 'reminder' | 'acknowledgement' | 'notice';

/** What every message of one run shares. */
export interface MailingContext {
  kind: Extract<MailKind, 'invitation' | 'reminder'>;
  /** The version consulted on; it must have a consultation window. */
  version: CatalogVersion;
  strategyTitle: string;
  owner: string;
  /** The site's paragraph on why the consultation exists (English: shown in English messages). */
  purpose: string;
  country: string;
  /** `owner/name` of the repository that takes comments as issues. */
  repository: string;
  /** e.g. "Belize time (UTC-6)". */
  timeZoneLabel: string;
  /** Public origin of the pages, e.g. `https://consultation.example.gov.bz`, without a trailing slash. */
  siteUrl: string;
  from: Mailbox;
  /** Where replies go; the sender's address when absent. */
  replyTo?: Mailbox;
  /** When the messages are written: an invitation sent before the window opens says when it opens. */
  now: Date;
  /** The PDF of the version, when one is attached to every message. */
  attachment?: MailAttachment;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingMessage {
  kind: MailKind;
  version: string;
  language: MailLanguage;
  /** Personal data: the stakeholder's name and address. */
  to: Mailbox;
  from: Mailbox;
  replyTo: Mailbox;
  /** With angle brackets; recorded in the send log. */
  messageId: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
  /** The message this one answers (an acknowledgement answers the comment), angle brackets included. */
  inReplyTo?: string;
  /**
   * RFC 3834: a message sent by a program, not a person. Acknowledgements
   * and notices say so, and mail systems then never answer them
   * automatically: no out-of-office loop between two robots.
   */
  autoSubmitted?: 'auto-replied' | 'auto-generated';
}

/** The page of a version on the public site. */
export function versionUrl(siteUrl: string, version: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/strategy/${encodeURIComponent(version)}/`;
}

/** GitHub's issue form for comments (`.github/ISSUE_TEMPLATE/comment.yml`). */
export function issueFormUrl(repository: string): string {
  return `https://github.com/${repository}/issues/new?template=comment.yml`;
}

/** A text run, or a link shown as its address. */
type Part = string | { href: string };

/** Blocks shared by the text and the HTML renderings. */
export type Block = { p: Part[] } | { heading: string } | { list: Part[][]; ordered: boolean } | { quote: string };

/** The message for one stakeholder. `messageId` comes from the send log (or is new). */
export function composeMessage(context: MailingContext, stakeholder: Stakeholder, messageId: string): OutgoingMessage {
  const { version } = context;
  const window = version.window;
  if (!window) throw new RangeError(`${version.manifest.id} has no consultation window to invite comments for`);
  const language = stakeholder.language;
  const t: Translate = translator(language);
  const tz = window.timeZone;
  const locale = language === 'es' ? 'es' : 'en-GB';
  const dates = {
    opens: formatLocal(window.opens, tz, locale, t('mail.dateFormat')),
    closes: formatLocal(window.closes, tz, locale, t('mail.dateFormat')),
    // The site's zone label is English; other languages name the zone and its offset.
    zone: windowParts(version, language === 'en' ? context.timeZoneLabel : '')!.zone,
  };
  const names = {
    owner: context.owner,
    strategy: context.strategyTitle,
    version: version.manifest.id,
    versionTitle: version.manifest.title,
  };
  const page = versionUrl(context.siteUrl, version.manifest.id);
  const replyTo = context.replyTo ?? context.from;

  const blocks: Block[] = [];
  blocks.push({ p: [stakeholder.name ? t('mail.greeting', { name: stakeholder.name }) : t('mail.greeting.anonymous')] });
  if (context.kind === 'reminder') blocks.push({ p: [t('mail.reminder.intro', names)] });
  else if (stakeholder.organisation) blocks.push({ p: [t('mail.invitation.intro.organisation', { ...names, organisation: stakeholder.organisation })] });
  else blocks.push({ p: [t('mail.invitation.intro', names)] });
  if (language === 'en') blocks.push({ p: [context.purpose] });
  blocks.push({ p: [t(stakeholder.sector ? (`mail.why.${stakeholder.sector}` as MessageKey) : 'mail.why.default', { country: context.country })] });
  blocks.push({ p: [t(windowState(window, context.now) === 'upcoming' ? 'mail.deadline.upcoming' : 'mail.deadline', dates)] });
  blocks.push({ p: [t('mail.read'), ' ', { href: page }] });
  blocks.push({ p: [t('mail.about')] });
  if (context.attachment) blocks.push({ p: [t('mail.attachment')] });
  blocks.push({ p: [t('mail.sections')] });
  blocks.push({ list: version.sections.map((section) => [section.title]), ordered: true });
  blocks.push({ heading: t('mail.respond.heading') });
  blocks.push({
    ordered: true,
    list: [
      [t('mail.respond.form'), ' ', { href: page }],
      [t('mail.respond.github', { repository: context.repository }), ' ', { href: issueFormUrl(context.repository) }],
      [t('mail.respond.reply')],
    ],
  });
  blocks.push({ p: [t('mail.replyAddress', { address: replyTo.address })] });
  blocks.push({ p: [t('mail.privacy')] });
  blocks.push({ p: [t('mail.closing'), '\n', context.from.name || context.owner] });

  const subject =
    context.kind === 'reminder'
      ? t('mail.reminder.subject', { ...names, date: formatLocal(window.closes, tz, locale, t('mail.dayFormat')) })
      : t('mail.invitation.subject', names);
  return {
    kind: context.kind,
    version: version.manifest.id,
    language,
    to: { name: stakeholder.name, address: stakeholder.email },
    from: context.from,
    replyTo,
    messageId,
    subject,
    ...renderBlocks(blocks, subject, language),
    attachments: context.attachment ? [context.attachment] : [],
  };
}

/** The plain-text and HTML parts of a message, from the same blocks. */
export function renderBlocks(blocks: Block[], subject: string, language: MailLanguage): { text: string; html: string } {
  return { text: toPlainText(blocks), html: toHtmlDocument(blocks, subject, language) };
}

function partText(part: Part): string {
  return typeof part === 'string' ? part : part.href;
}

function toPlainText(blocks: Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if ('p' in block) out.push(block.p.map(partText).join(''));
    else if ('heading' in block) out.push(block.heading);
    else if ('quote' in block) out.push(block.quote.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n'));
    else out.push(block.list.map((item, i) => `${block.ordered ? `${String(i + 1).padStart(2)}.` : '  -'} ${item.map(partText).join('')}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}

function inline(parts: Part[]): ElementContent[] {
  return parts.flatMap((part): ElementContent[] => {
    if (typeof part !== 'string') return [h('a', { href: part.href }, part.href)];
    // A line break inside a paragraph (the closing and the signature).
    return part.split('\n').flatMap((line, i): ElementContent[] => (i ? [h('br'), { type: 'text', value: line }] : [{ type: 'text', value: line }]));
  });
}

function toHtmlDocument(blocks: Block[], title: string, language: MailLanguage): string {
  const body = blocks.map((block) => {
    if ('p' in block) return h('p', inline(block.p));
    if ('heading' in block) return h('h2', { style: 'font-size:1.1em' }, block.heading);
    if ('quote' in block) return h('blockquote', { style: 'border-left:3px solid #999;margin-left:0;padding-left:1em' }, inline([block.quote]));
    return h(block.ordered ? 'ol' : 'ul', block.list.map((item) => h('li', inline(item))));
  });
  const tree = h('html', { lang: language }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('title', title)]),
    h('body', { style: 'font-family:sans-serif;line-height:1.5;max-width:40em' }, body),
  ]);
  return `<!doctype html>\n${toHtml(tree)}\n`;
}
