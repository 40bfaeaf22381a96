/**
 * The two stores a mail script works on, opened together: the outbox (whose
 * comments it reads or adds) and the send log (which keeps a message from
 * going twice). `notify` and `comments:mail` both open them here, so they
 * agree on the places (comments/store.ts, send-log-store.ts), close both on
 * every path, and delete on schedule what the outbox keeps of commenters'
 * addresses.
 */
import { openCommentStore, outboxLocation, type OutboxLocation } from '../comments/store.ts';
import type { Outbox } from '../comments/outbox.ts';
import type { SendLog } from './send-log.ts';
import { openSendLogAt, sendLogLocation } from './send-log-store.ts';

export interface MailStores {
  outbox: Outbox;
  log: SendLog;
  /** How many addresses (and their hashes) of adopted versions were deleted on opening. */
  forgotten: number;
  /** Closes the send log, then the outbox. */
  close(): Promise<void>;
}

/**
 * Opens the outbox and the send log of a deployment (`settings` as parsed by
 * the configuration), and deletes the addresses kept for versions already
 * adopted (`adopted`): once a version is adopted no notice or reminder is
 * sent for it, so an address has no further use. If any step fails, what was
 * opened is closed before the error is passed on.
 */
export async function openMailStores(
  settings: { databaseUrl: string | null; dataDir: string },
  adopted: readonly string[],
  location: OutboxLocation = outboxLocation(settings),
): Promise<MailStores> {
  const { outbox } = await openCommentStore(location);
  let log: SendLog | undefined;
  try {
    log = await openSendLogAt(sendLogLocation(settings));
    const forgotten = await outbox.forgetContacts(adopted);
    const opened = log;
    return {
      outbox,
      log: opened,
      forgotten,
      async close() {
        try {
          await opened.close();
        } finally {
          await outbox.close();
        }
      },
    };
  } catch (error) {
    await log?.close().catch(() => {});
    await outbox.close();
    throw error;
  }
}

/** The line a mail script prints when opening deleted addresses, or null when none were. */
export function describeForgotten(forgotten: number): string | null {
  if (!forgotten) return null;
  return `deleted ${forgotten} address${forgotten === 1 ? '' : 'es'} and address hash${forgotten === 1 ? '' : 'es'} of adopted versions`;
}
