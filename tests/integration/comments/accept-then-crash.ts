/**
 * Child process for crash.test.ts: accepts comments through the real intake
 * path into an outbox, then dies by SIGKILL, as a server killed by the OOM
 * killer or `kill -9` would: no cleanup, no close, no flush.
 *
 *   node accept-then-crash.ts <outbox path> <count>
 *     accepts <count> comments, prints each reference, then SIGKILLs itself.
 *   node accept-then-crash.ts <outbox path> <count> <GitHub API URL>
 *     also starts dispatching and SIGKILLs itself right after the first
 *     issue create has been sent, before GitHub's answer arrives.
 */
import { writeSync } from 'node:fs';
import { createDispatcher } from '../../../src/lib/comments/dispatcher.ts';
import { createIntakeGuard } from '../../../src/lib/comments/guard.ts';
import { acceptComment, type CommentCatalog } from '../../../src/lib/comments/intake.ts';
import { openOutbox } from '../../../src/lib/comments/outbox.ts';
import { createGitHubClient } from '../../../src/lib/github/octokit.ts';

const [path, countText, apiUrl] = process.argv.slice(2);
if (!path || !countText) {
  writeSync(2, 'usage: accept-then-crash.ts <outbox path> <count> [<GitHub API URL>]\n');
  process.exit(2);
}

// Accepted at a fixed time (the test's clock), so references do not depend on the year the test runs in.
const acceptedAt = new Date(process.env.ACCEPT_THEN_CRASH_AT ?? Date.now());
const outbox = openOutbox(path, { now: () => acceptedAt });
const guard = createIntakeGuard({
  altchaHmacKey: 'crash-test',
  addressSalt: 'crash-test',
  limits: { unverified: { points: 1_000, durationSeconds: 60 }, unverifiedOverall: { points: 1_000, durationSeconds: 60 }, overall: { points: 1_000, durationSeconds: 60 } },
});
const catalog: CommentCatalog = {
  isOpen: () => ({ open: true, reason: '' }),
  sectionExists: () => true,
  paragraphCount: () => 20,
};

for (let n = 1; n <= Number(countText); n++) {
  const result = await acceptComment(
    {
      submissionId: `5d0c1b2a-9e8f-4a7b-8c6d-${String(n).padStart(12, '0')}`,
      version: 'v0.2',
      section: n % 2 ? 'governance' : 'incident-response',
      paragraph: `p${n}`,
      type: 'technical',
      comment: `Crash test comment ${n}.`,
      sector: 'academia',
    },
    { outbox, catalog, guard, clientAddress: '192.0.2.10', now: acceptedAt },
  );
  if (result.kind !== 'accepted') throw new Error(`comment ${n} was not accepted: ${JSON.stringify(result)}`);
  // Synchronous: the line reaches the parent even though this process is about to be killed.
  writeSync(1, `${result.reference}\n`);
}

if (!apiUrl) process.kill(process.pid, 'SIGKILL');

const github = createGitHubClient(
  { owner: 'belize-ncss', repo: 'strategy', baseUrl: apiUrl!, auth: { kind: 'token', token: 't0ken' } },
  {
    throttling: false,
    timeoutMs: 60_000,
    fetch: (input, init) => {
      const sent = fetch(input, init);
      if (init?.method === 'POST' && /\/issues$/.test(new URL(String(input)).pathname)) {
        writeSync(1, 'create sent\n');
        // Long enough for the request to reach GitHub, far shorter than its answer.
        setTimeout(() => process.kill(process.pid, 'SIGKILL'), 300);
      }
      return sent;
    },
  },
);
await createDispatcher({ outbox, github, now: () => acceptedAt, pace: { minIntervalMs: 0, perMinute: 1_000, perHour: 10_000 } }).dispatchOnce();
writeSync(2, 'the dispatcher finished: the crash did not happen\n');
process.exit(3);
