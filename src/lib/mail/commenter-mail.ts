/**
 * The two messages sent to someone who commented: the acknowledgement of a
 * comment received by e-mail (its reference, where it was filed, and the
 * status page), and the notice to a commenter who asked to be told when
 * their comment is answered (the decision, the response, the change). Each
 * is written in the commenter's language, as plain text and HTML from the
 * same blocks as the invitations, and marked as sent by a program
 * (`Auto-Submitted`), so no mail system answers it automatically.
 */
import { statusLink } from '../comments/links.ts';
import type { AddressedIn, CommentResponse, ReportDisposition } from '../feedback/schema.ts';
import { translator, type MessageKey } from '../i18n/translate.ts';
import type { Mailbox } from './address.ts';
import { renderBlocks, type Block, type OutgoingMessage } from './compose.ts';
import type { MailLanguage } from './stakeholders.ts';

/** What every message to a commenter shares. */
export interface CommenterMailContext {
  strategyTitle: string;
  owner: string;
  from: Mailbox;
  /** Public origin of the server part, where the status page is, e.g. `https://consult.example.gov.bz`. */
  statusOrigin: string;
}

interface Acknowledgement {
  /** Personal data: the address the comment came from, and the name it gave. */
  to: Mailbox;
  language: MailLanguage;
  reference: string;
  version: string;
  section: { number: number; title: string };
  /** The paragraph the comment is filed under, when the message named one the section has. */
  paragraph?: number;
  /** The message named no section the version has: it was filed under `section` for a maintainer to move. */
  sectionGuessed: boolean;
  /** Names of attachments, which are not published. */
  attachments: string[];
  /** The comment was longer than `maxLength` and only its beginning was kept. */
  clipped: boolean;
  maxLength: number;
  /** The message acknowledged (its Message-ID), so mail programs thread the two. */
  inReplyTo?: string;
}

export function composeAcknowledgement(context: CommenterMailContext, ack: Acknowledgement, messageId: string): OutgoingMessage {
  const t = translator(ack.language);
  const names = { strategy: context.strategyTitle, version: ack.version, reference: ack.reference };
  const where = { number: ack.section.number, section: ack.section.title, paragraph: ack.paragraph ?? 0 };
  const blocks: Block[] = [
    { p: [ack.to.name ? t('mail.greeting', { name: ack.to.name }) : t('mail.greeting.anonymous')] },
    { p: [t('mail.ack.thanks', names)] },
    { p: [t(ack.sectionGuessed ? 'mail.ack.where.guessed' : ack.paragraph ? 'mail.ack.where.paragraph' : 'mail.ack.where', where), ' ', t('mail.ack.reference', names)] },
    { p: [t('mail.ack.status'), ' ', { href: statusLink(context.statusOrigin, ack.reference, ack.language) }] },
    { p: [t('mail.ack.published')] },
  ];
  if (ack.attachments.length) blocks.push({ p: [t('mail.ack.attachments', { names: ack.attachments.join(', ') })] });
  if (ack.clipped) blocks.push({ p: [t('mail.ack.clipped', { max: ack.maxLength.toLocaleString(ack.language === 'es' ? 'es' : 'en-GB') })] });
  blocks.push({ p: [t('mail.ack.automatic')] }, { p: [t('mail.closing'), '\n', context.from.name || context.owner] });
  const subject = t('mail.ack.subject', names);
  return {
    kind: 'acknowledgement',
    version: ack.version,
    language: ack.language,
    to: ack.to,
    from: context.from,
    replyTo: context.from,
    messageId,
    subject,
    ...renderBlocks(blocks, subject, ack.language),
    attachments: [],
    ...(ack.inReplyTo ? { inReplyTo: ack.inReplyTo } : {}),
    autoSubmitted: 'auto-replied',
  };
}

interface Notice {
  /** Personal data: the address given on the form. */
  address: string;
  language: MailLanguage;
  reference: string;
  version: string;
  disposition?: ReportDisposition;
  response: CommentResponse;
  addressedIn: AddressedIn[];
}

export function composeNotice(context: CommenterMailContext, notice: Notice, messageId: string): OutgoingMessage {
  const t = translator(notice.language);
  const names = { strategy: context.strategyTitle, version: notice.version, reference: notice.reference };
  const blocks: Block[] = [{ p: [t('mail.greeting.anonymous')] }, { p: [t('mail.notice.intro', names)] }];
  if (notice.disposition && notice.disposition !== 'pending') {
    blocks.push({ p: [t('mail.notice.disposition', { disposition: t(`feedback.disposition.${notice.disposition}` as MessageKey) })] });
  }
  blocks.push({ p: [t('mail.notice.response')] }, { quote: notice.response.text });
  if (notice.addressedIn.length) {
    blocks.push({ p: [t('mail.notice.addressed')] });
    blocks.push({
      ordered: false,
      list: notice.addressedIn.map((change) => [
        change.version
          ? t('status.addressedIn.version', { title: change.title, number: change.pull, version: change.version })
          : t('status.addressedIn.unreleased', { title: change.title, number: change.pull }),
        ' ',
        { href: change.url },
      ]),
    });
  }
  blocks.push({ p: [t('mail.notice.status'), ' ', { href: statusLink(context.statusOrigin, notice.reference, notice.language) }] });
  blocks.push({ p: [t('mail.notice.forgotten')] }, { p: [t('mail.closing'), '\n', context.from.name || context.owner] });
  const subject = t('mail.notice.subject', names);
  return {
    kind: 'notice',
    version: notice.version,
    language: notice.language,
    to: { name: '', address: notice.address },
    from: context.from,
    replyTo: context.from,
    messageId,
    subject,
    ...renderBlocks(blocks, subject, notice.language),
    attachments: [],
    autoSubmitted: 'auto-generated',
  };
}
