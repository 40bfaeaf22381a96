/**
 * One pass over the reply mailbox (`npm run comments:mail`): each unseen
 * message becomes a comment in the outbox, its sender is acknowledged once,
 * and only then is the message flagged (or moved); a message that cannot be
 * a comment is recorded and left where it is.
 *
 * The order makes a crash harmless at any point:
 * 1. the comment is committed under a submission id derived from the
 *    Message-ID, so reading the message again finds the same comment;
 * 2. the acknowledgement is claimed in the send log by the comment (never
 *    the address) and sent once; a send that failed for now leaves the
 *    message unflagged, so the next pass tries it again with the same
 *    Message-ID, without storing the sender's address anywhere;
 * 3. the message is flagged \Seen (or moved) last.
 *
 * Bounces and automatic replies are never acknowledged, nor is a message
 * from the consultation's own address: two programs must not write to each
 * other for ever.
 */
import type { Outbox } from '../comments/outbox.ts';
import { COMMENT_LIMITS } from '../comments/schema.ts';
import type { Mailbox } from './address.ts';
import { composeAcknowledgement, type CommenterMailContext } from './commenter-mail.ts';
import type { Inbox } from './inbox.ts';
import { mailToComment, messageKey, type MailCommentPlaces } from './mail-comment.ts';
import { readMessage, type Sender } from './reply.ts';
import { commentRecipient, type SendLog } from './send-log.ts';
import type { MailSender, SendFailure } from './transport.ts';

export type MailIntakeEvent =
  | { type: 'comment'; uid: number; reference: string; duplicate: boolean; version: string; section: string; acknowledged: 'sent' | 'already' | 'none' }
  | { type: 'unreadable'; uid: number; reason: string; detail: string; first: boolean }
  | { type: 'ack-failed'; uid: number; reference: string; failure: SendFailure; retry: boolean }
  | { type: 'ack-busy'; uid: number; reference: string };

export interface MailIntakeOptions {
  inbox: Inbox;
  outbox: Outbox;
  log: SendLog;
  /** Null when there is no SMTP server: comments are taken, nobody is acknowledged. */
  sender: MailSender | null;
  mail: CommenterMailContext;
  places: MailCommentPlaces;
  /** Versions that exist, to recognise one named in a message. */
  versions: readonly string[];
  newMessageId(): string;
  /** Move processed messages here (e.g. `Consulta/Processed`) instead of flagging them \Seen. */
  processedFolder?: string;
  now?: () => Date;
  /** UIDs already recorded as unreadable by this process: not read again in a --watch loop. */
  setAside?: Set<number>;
  onEvent?(event: MailIntakeEvent): void;
  /** Called once a comment is committed, before anything else happens to its message (the crash test's hook). */
  afterCommit?(): void;
  /** Asked before each message: true stops the pass there (the process was told to stop). */
  shouldStop?(): boolean;
}

interface MailIntakeSummary {
  comments: number;
  duplicates: number;
  acknowledged: number;
  unreadable: number;
  /** Messages left unflagged to be tried again (an acknowledgement that could not be sent yet). */
  retry: number;
}

/** Reads every unseen message once. Throws an InboxError when the mailbox fails; a message's own problems never throw. */
export async function takeMailComments(options: MailIntakeOptions): Promise<MailIntakeSummary> {
  const { inbox, outbox, log } = options;
  const now = options.now ?? (() => new Date());
  const summary: MailIntakeSummary = { comments: 0, duplicates: 0, acknowledged: 0, unreadable: 0, retry: 0 };
  const emit = (event: MailIntakeEvent) => options.onEvent?.(event);
  for (const uid of await inbox.unseen()) {
    if (options.shouldStop?.()) break;
    if (options.setAside?.has(uid)) continue;
    const message = await inbox.fetch(uid);
    if (!message) continue;
    const read = await readMessage(message.source, { versionOfMessage: async (id) => (await log.findMessage(id))?.version, versions: options.versions });
    const key = messageKey(read.readable ? read.candidate.messageId : read.messageId, message.source);

    const setAside = async (reason: string, detail: string, fields: { subject?: string; date?: string; attachments: string[] }) => {
      const first = await outbox.recordUnreadable(
        {
          key,
          reason,
          detail: withoutAddresses(detail),
          ...(fields.subject ? { subject: withoutAddresses(fields.subject).slice(0, 300) } : {}),
          ...(fields.date ? { receivedAt: new Date(fields.date) } : {}),
          attachments: fields.attachments,
        },
        now(),
      );
      options.setAside?.add(uid);
      summary.unreadable++;
      emit({ type: 'unreadable', uid, reason, detail: withoutAddresses(detail), first });
    };

    if (!read.readable) {
      await setAside(read.reason, read.detail, read);
      continue;
    }
    const made = mailToComment(read.candidate, key, options.places, now());
    if (!made.ok) {
      await setAside(made.reason, made.detail, read.candidate);
      continue;
    }

    const sender = read.personal.address ? read.personal : undefined;
    const accepted = await outbox.accept(made.submission, sender?.address ? { contact: { address: sender.address } } : {});
    options.afterCommit?.();
    if (accepted.duplicate) summary.duplicates++;
    else summary.comments++;

    const ack = await acknowledge(options, read.personal, {
      reference: accepted.reference,
      submissionId: accepted.submissionId,
      made,
      language: read.candidate.language,
      attachments: read.candidate.attachments,
      ...(read.candidate.messageId ? { inReplyTo: read.candidate.messageId } : {}),
    });
    if (ack.state === 'retry') {
      summary.retry++;
      if (ack.failure) emit({ type: 'ack-failed', uid, reference: accepted.reference, failure: ack.failure, retry: true });
      else emit({ type: 'ack-busy', uid, reference: accepted.reference });
      continue;
    }
    if (ack.failure) emit({ type: 'ack-failed', uid, reference: accepted.reference, failure: ack.failure, retry: false });
    if (ack.state === 'sent') summary.acknowledged++;

    if (options.processedFolder) await inbox.moveTo(uid, options.processedFolder);
    else await inbox.markProcessed(uid);
    emit({
      type: 'comment',
      uid,
      reference: accepted.reference,
      duplicate: accepted.duplicate,
      version: made.submission.version,
      section: made.submission.section,
      acknowledged: ack.state === 'sent' ? 'sent' : ack.state === 'already' ? 'already' : 'none',
    });
  }
  return summary;
}

type AckState = { state: 'sent' | 'already' | 'none' | 'retry'; failure?: SendFailure };

async function acknowledge(
  options: MailIntakeOptions,
  personal: Sender,
  comment: { reference: string; submissionId: string; made: Extract<ReturnType<typeof mailToComment>, { ok: true }>; language: 'en' | 'es'; attachments: string[]; inReplyTo?: string },
): Promise<AckState> {
  const address = personal.address;
  if (!options.sender || !address || sameAddress(address, options.mail.from)) return { state: 'none' };
  const { version } = comment.made.submission;
  const recipient = commentRecipient(comment.submissionId);
  const claim = await options.log.claim(version, 'acknowledgement', recipient, options.newMessageId);
  if (!claim.send) return claim.reason === 'sent' ? { state: 'already' } : { state: 'retry' };
  const message = composeAcknowledgement(
    options.mail,
    {
      to: { name: personal.name ?? '', address },
      language: comment.language,
      reference: comment.reference,
      version,
      section: comment.made.section,
      ...(comment.made.paragraph !== undefined ? { paragraph: comment.made.paragraph } : {}),
      sectionGuessed: comment.made.sectionGuessed,
      attachments: comment.attachments,
      clipped: comment.made.clipped,
      maxLength: COMMENT_LIMITS.comment,
      ...(comment.inReplyTo ? { inReplyTo: comment.inReplyTo } : {}),
    },
    claim.messageId,
  );
  const result = await options.sender.send(message);
  if (result.ok) {
    await options.log.markSent(version, 'acknowledgement', recipient);
    return { state: 'sent' };
  }
  const failure = result.failure ?? { message: 'not sent' };
  await options.log.markFailed(version, 'acknowledgement', recipient, `${failure.responseCode ?? failure.code ?? ''} ${failure.message}`.trim());
  // A 5xx is the server refusing this recipient for good: trying again would only repeat it.
  return isPermanent(failure) ? { state: 'none', failure } : { state: 'retry', failure };
}

function isPermanent(failure: SendFailure): boolean {
  return failure.responseCode !== undefined && failure.responseCode >= 500 && failure.responseCode < 600;
}

function sameAddress(address: string, mailbox: Mailbox): boolean {
  return address.trim().toLowerCase() === mailbox.address.trim().toLowerCase();
}

/** Text for the record of an unreadable message, with any e-mail address in it replaced. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '(an address)');
}
