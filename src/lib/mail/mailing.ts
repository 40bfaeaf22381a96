/**
 * One run of invitations or reminders: who gets a message, and sending them
 * one by one at a pace the mail server (and the recipients' spam filters)
 * accept, recording each in the send log before and after it goes.
 */
import type { MailKind, OutgoingMessage } from './compose.ts';
import type { SendLog } from './send-log.ts';
import type { Stakeholder } from './stakeholders.ts';
import type { MailSender, SendFailure } from './transport.ts';

interface Recipients {
  recipients: Stakeholder[];
  /** Left out of a reminder, and why. */
  excluded: { stakeholder: Stakeholder; reason: 'not-invited' | 'already-commented' }[];
}

/**
 * Who a run writes to. An invitation goes to everyone on the list; a
 * reminder only to those the send log shows as invited, and not to those who
 * have commented already. `alreadyCommented` is that second test, answered
 * by the outbox from a keyed hash of the addresses comments came with (an
 * e-mail, or the form's "e-mail me" box).
 */
export function chooseRecipients(
  stakeholders: Stakeholder[],
  kind: MailKind,
  invited: Set<string>,
  alreadyCommented: (address: string) => boolean,
): Recipients {
  if (kind === 'invitation') return { recipients: stakeholders, excluded: [] };
  const out: Recipients = { recipients: [], excluded: [] };
  for (const stakeholder of stakeholders) {
    const address = stakeholder.email.toLowerCase();
    if (!invited.has(address)) out.excluded.push({ stakeholder, reason: 'not-invited' });
    else if (alreadyCommented(address)) out.excluded.push({ stakeholder, reason: 'already-commented' });
    else out.recipients.push(stakeholder);
  }
  return out;
}

/** Time, for pacing; tests pass a simulated one. */
export interface PaceClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemClock: PaceClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

type MailingEvent =
  | { type: 'sent'; stakeholder: Stakeholder; retry?: 'failed' | 'interrupted' }
  | { type: 'skipped'; stakeholder: Stakeholder; reason: 'sent' | 'in-progress' }
  | { type: 'failed'; stakeholder: Stakeholder; failure: SendFailure };

interface MailingReport {
  sent: Stakeholder[];
  skipped: { stakeholder: Stakeholder; reason: 'sent' | 'in-progress' }[];
  failed: { stakeholder: Stakeholder; failure: SendFailure }[];
}

export interface MailingOptions {
  version: string;
  kind: MailKind;
  /** Writes the message for one stakeholder with the Message-ID the log gives it. */
  compose(stakeholder: Stakeholder, messageId: string): OutgoingMessage;
  newMessageId(): string;
  log: SendLog;
  sender: MailSender;
  /** Messages per minute: consecutive sends start at least 60/pace seconds apart. */
  perMinute: number;
  clock?: PaceClock;
  onEvent?(event: MailingEvent, index: number, total: number): void;
}

/** Sends one message to each recipient not yet sent to, at the pace; never throws for a refused message. */
export async function sendMailing(recipients: Stakeholder[], options: MailingOptions): Promise<MailingReport> {
  if (!(options.perMinute > 0)) throw new RangeError('the pace must be above 0 messages a minute');
  const clock = options.clock ?? systemClock;
  const spacing = 60_000 / options.perMinute;
  const report: MailingReport = { sent: [], skipped: [], failed: [] };
  let lastStart: number | undefined;
  for (const [index, stakeholder] of recipients.entries()) {
    const { version, kind, log } = options;
    const skip = (reason: 'sent' | 'in-progress') => {
      report.skipped.push({ stakeholder, reason });
      options.onEvent?.({ type: 'skipped', stakeholder, reason }, index, recipients.length);
    };
    // A message sent by an earlier run costs no wait.
    if ((await log.get(version, kind, stakeholder.email))?.status === 'sent') {
      skip('sent');
      continue;
    }
    if (lastStart !== undefined) {
      // A timer may end a little early: wait again until the spacing has really passed.
      for (let wait = lastStart + spacing - clock.now(); wait > 0; wait = lastStart + spacing - clock.now()) await clock.sleep(wait);
    }
    // Claimed only now, after the wait, so the claim's lease covers the send alone.
    const claim = await log.claim(version, kind, stakeholder.email, options.newMessageId);
    if (!claim.send) {
      skip(claim.reason);
      continue;
    }
    lastStart = clock.now();
    const result = await options.sender.send(options.compose(stakeholder, claim.messageId));
    if (result.ok) {
      await log.markSent(version, kind, stakeholder.email);
      report.sent.push(stakeholder);
      options.onEvent?.({ type: 'sent', stakeholder, ...(claim.previous ? { retry: claim.previous } : {}) }, index, recipients.length);
    } else {
      const failure = result.failure ?? { message: 'not sent' };
      await log.markFailed(version, kind, stakeholder.email, failureText(failure));
      report.failed.push({ stakeholder, failure });
      options.onEvent?.({ type: 'failed', stakeholder, failure }, index, recipients.length);
    }
  }
  return report;
}

/** One line for a person: the SMTP code when there is one, then the reason. */
export function failureText(failure: SendFailure): string {
  const code = failure.responseCode ? `${failure.responseCode} ` : failure.code ? `${failure.code}: ` : '';
  return `${code}${failure.message}`;
}
