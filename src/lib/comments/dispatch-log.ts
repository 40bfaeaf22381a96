/**
 * The dispatcher's events as log lines, one wording for every process that
 * files comments (`npm run serve`, `comments:sync`). They carry references,
 * issue numbers and redacted reasons, never a comment's text or a commenter's
 * address.
 */
import type { DispatchEvent } from './dispatcher.ts';

/** One line for an event. */
export function describeDispatchEvent(event: DispatchEvent): string {
  switch (event.type) {
    case 'filed': {
      const how = event.foundByLookup ? ' (it had reached GitHub earlier)' : '';
      const batch = event.batch ? ` with ${event.batch - 1} other comment${event.batch === 2 ? '' : 's'} on its section (batch filing)` : '';
      return `${event.reference} filed as #${event.issueNumber} ${event.issueUrl}${batch}${how}`;
    }
    case 'batching': {
      const time = about(event.secondsToDrain);
      return event.on
        ? `batch filing on: the ${event.waiting} comments waiting would take ${time} to file one by one; comments on the same section now go into one issue`
        : `batch filing off: the ${event.waiting} comments waiting take ${time} one by one; one issue per comment again`;
    }
    case 'retry':
      return `${event.reference} will be tried again after ${event.nextAttemptAt.toISOString()}: ${event.reason}`;
    case 'failed':
      return `${event.reference} refused by GitHub, kept as failed: ${event.reason}`;
    case 'waiting':
      return `waiting ${event.seconds} s (${event.reason === 'rate-limit' ? 'GitHub rate limit' : event.reason === 'pace' ? 'pace' : 'until a retry is due'})`;
    case 'label-created':
      return `created label ${event.name}`;
    case 'labels-unavailable':
      return `cannot create labels (${event.reason}): filing issues without them`;
    case 'stopped':
      return `stopped: ${event.reason}`;
    case 'lane':
      return event.held ? 'filing comments from this outbox now' : `standing by: ${event.by} is filing from this outbox`;
  }
}

/** "under a minute", "about 40 min", "about 26.5 h". */
function about(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  return seconds < 3_600 ? `about ${Math.round(seconds / 60)} min` : `about ${(seconds / 3_600).toFixed(1)} h`;
}

/** Whether an event is a problem worth a warning rather than information. */
export function isDispatchWarning(event: DispatchEvent): boolean {
  return event.type === 'failed' || event.type === 'retry' || event.type === 'stopped' || event.type === 'labels-unavailable';
}
