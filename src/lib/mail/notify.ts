/**
 * `npm run notify`: tells each commenter who ticked "E-mail me when my
 * comment is answered" that their comment now has a response in the
 * committed feedback report, once, then deletes their address.
 *
 * Once per comment, whatever happens: the notice is claimed in the send log
 * by the comment (kind `notice`, never the address) before it goes and
 * marked sent after; the address is deleted after that. A run that stops
 * between the two finds the notice sent and only deletes the address; one
 * that stops while sending tries again with the same Message-ID. A notice
 * the server refuses keeps its address for the next run (until the version
 * is adopted, when every address goes).
 */
import type { Outbox } from '../comments/outbox.ts';
import { isAnswered, reportEntry } from '../feedback/comment-status.ts';
import type { FeedbackReport } from '../feedback/schema.ts';
import { composeNotice, type CommenterMailContext } from './commenter-mail.ts';
import type { PaceClock } from './mailing.ts';
import { commentRecipient, type SendLog } from './send-log.ts';
import type { MailSender, SendFailure } from './transport.ts';

type NoticeEvent =
  | { type: 'sent' | 'already-sent' | 'no-response-yet' | 'in-progress'; reference: string }
  | { type: 'failed'; reference: string; failure: SendFailure };

interface NoticeSummary {
  sent: number;
  alreadySent: number;
  /** Commenters whose comment has no published response yet: their address is kept. */
  waiting: number;
  failed: number;
}

interface NoticeRunOptions {
  version: string;
  outbox: Outbox;
  /** The version's committed report; null when there is none yet. */
  report: FeedbackReport | null;
  log: SendLog;
  sender: MailSender;
  mail: CommenterMailContext;
  newMessageId(): string;
  /** Messages per minute. */
  perMinute: number;
  clock?: PaceClock;
  onEvent?(event: NoticeEvent): void;
}

const systemClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export async function sendNotices(options: NoticeRunOptions): Promise<NoticeSummary> {
  if (!(options.perMinute > 0)) throw new RangeError('the pace must be above 0 messages a minute');
  const { version, outbox, log } = options;
  const clock = options.clock ?? systemClock;
  const spacing = 60_000 / options.perMinute;
  const summary: NoticeSummary = { sent: 0, alreadySent: 0, waiting: 0, failed: 0 };
  const emit = (event: NoticeEvent) => options.onEvent?.(event);
  let lastStart: number | undefined;
  for (const request of await outbox.notifyRequests(version)) {
    const { reference } = request;
    const entry = reportEntry(options.report, request);
    if (!isAnswered(entry)) {
      summary.waiting++;
      emit({ type: 'no-response-yet', reference });
      continue;
    }
    const recipient = commentRecipient(request.submissionId);
    if (lastStart !== undefined && (await log.get(version, 'notice', recipient))?.status !== 'sent') {
      for (let wait = lastStart + spacing - clock.now(); wait > 0; wait = lastStart + spacing - clock.now()) await clock.sleep(wait);
    }
    const claim = await log.claim(version, 'notice', recipient, options.newMessageId);
    if (!claim.send) {
      if (claim.reason === 'sent') {
        // Sent by a run that stopped before it deleted the address.
        await outbox.forgetNotifyAddress(request.submissionId);
        summary.alreadySent++;
        emit({ type: 'already-sent', reference });
      } else emit({ type: 'in-progress', reference });
      continue;
    }
    lastStart = clock.now();
    const message = composeNotice(
      options.mail,
      {
        address: request.address,
        language: request.language === 'es' ? 'es' : 'en',
        reference,
        version,
        disposition: entry.disposition,
        response: entry.response,
        addressedIn: entry.addressedIn,
      },
      claim.messageId,
    );
    const result = await options.sender.send(message);
    if (result.ok) {
      await log.markSent(version, 'notice', recipient);
      await outbox.forgetNotifyAddress(request.submissionId);
      summary.sent++;
      emit({ type: 'sent', reference });
    } else {
      const failure = result.failure ?? { message: 'not sent' };
      await log.markFailed(version, 'notice', recipient, failure.message);
      summary.failed++;
      emit({ type: 'failed', reference, failure });
    }
  }
  return summary;
}
