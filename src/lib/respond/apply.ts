/**
 * Answers many comment issues at once: the same `Response:` reply and
 * disposition label on each, one write at a time at the dispatcher's pace
 * (comments/pace.ts: at most 40 writes a minute and 450 an hour, every write
 * counted: replies, labels added and labels removed).
 *
 * Exactly one reply per issue, even when a run is killed between a post and
 * anything it could note: GitHub has no idempotency key, so each reply ends
 * with a hidden marker (feedback/responses.ts, the sha256 of the answer and
 * the disposition) and, before posting, the issue's newest maintainer
 * response is read: if it carries the marker, the answer is there already.
 * GitHub itself is the record; a run keeps no state of its own, so the next
 * run after a crash, a rate limit or a refusal simply starts again and
 * skips what is done. A write is never repeated blindly: after a failure
 * that may have happened anyway (no answer, a 5xx) the issue is read again
 * first. Labels are compared with the issue's labels before each change, so
 * they are idempotent by themselves.
 *
 * Only replies by the repository's owner, members and collaborators count
 * as responses (feedback/responses.ts). A run whose identity GitHub reports
 * as anything else stops after its first reply instead of posting hundreds
 * that the report would ignore.
 */
import { classifyGitHubError } from '../github/errors.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { createPace, type PaceOptions } from '../comments/pace.ts';
import { isMaintainer, replyMarker, responseMarker, responseReply } from '../feedback/responses.ts';
import { DISPOSITIONS, SPAM_LABEL, type Disposition } from '../feedback/schema.ts';

/** What to do on one issue. */
export interface ResponseTarget {
  issue: number;
  /** The disposition label it should carry (the other disposition labels are removed); absent leaves labels alone. */
  disposition?: Disposition;
  /** The answer, as `answerText` prepared it; absent posts no reply. */
  answer?: string;
}

/** What a run did (or, in a dry run, would do) to one issue. */
export interface IssueOutcome {
  issue: number;
  /** Whether a reply was (or would be) posted; false when the issue's newest response already is this one. */
  reply: boolean;
  /** Labels added and removed (or that would be). */
  added: string[];
  removed: string[];
  /** Why nothing was done: not a comment issue, refused by GitHub... */
  skipped?: string;
  /** Web address of the reply posted. */
  url?: string;
}

export type RespondEvent =
  | { type: 'issue'; outcome: IssueOutcome; done: number; total: number }
  | { type: 'waiting'; seconds: number; reason: 'pace' | 'rate-limit' | 'retry' };

interface RespondOptions {
  github: GitHubClient;
  targets: readonly ResponseTarget[];
  /** Read and report, write nothing. */
  dryRun?: boolean;
  /** Clock in ms; tests and the benchmark pass a simulated one. */
  now?: () => number;
  /** Waits `ms`; tests and the benchmark pass one that advances a simulated clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Pace of writes; the dispatcher's by default. */
  pace?: Partial<PaceOptions>;
  /** Tries of one write that failed without an answer (it is looked for before each new try). Default 3. */
  attempts?: number;
  /** Wait before trying an unanswered write again. Default 15 s, then four times longer each time. */
  retryBaseMs?: number;
  onEvent?: (event: RespondEvent) => void;
}

interface RespondSummary {
  outcomes: IssueOutcome[];
  /** Writes sent (replies, label changes), counting refused ones. */
  writes: number;
  /** Set when the run stopped before the end: bad credentials, an identity whose replies would not count. */
  stoppedBy?: string;
}

/** Stops the whole run: nothing further will work. */
class Stop extends Error {
  /** What was done to the issue before stopping, if anything. */
  readonly outcome: IssueOutcome | undefined;
  constructor(message: string, outcome?: IssueOutcome) {
    super(message);
    this.outcome = outcome;
  }
}
/** Gives up on one issue; the others go on. */
class Skip extends Error {}

const HOUR = 3_600_000;
/** The label every comment issue carries (comments/issue-body.ts gives it; feedback reads only such issues). */
const COMMENT_LABEL = 'comment';

export async function applyResponses(options: RespondOptions): Promise<RespondSummary> {
  const { github, targets } = options;
  const { octokit, owner, repo } = github;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const attempts = options.attempts ?? 3;
  const retryBase = options.retryBaseMs ?? 15_000;
  const emit = (event: RespondEvent) => options.onEvent?.(event);
  const summary: RespondSummary = { outcomes: [], writes: 0 };
  let recent: number[] = [];
  if (!options.dryRun) {
    try {
      // Replies an earlier run posted in the last hour count against this hour's pace.
      recent = await recentWrites();
    } catch (error) {
      const failure = classifyGitHubError(error, now());
      if (failure.kind === 'configuration') return { ...summary, stoppedBy: `reading the last hour's replies: ${github.redact(failure.message)}` };
      // Not knowable now: GitHub's own limit answers, waited out below, still hold the pace.
    }
  }
  const pace = createPace(options.pace, recent);
  let identityChecked = false;

  async function recentWrites(): Promise<number[]> {
    const since = new Date(now() - HOUR).toISOString();
    const times: number[] = [];
    for await (const { data } of octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues/comments', { owner, repo, since, per_page: 100 })) {
      for (const reply of data) {
        const at = Date.parse(reply.created_at);
        // A reply and, most likely, a label with it.
        if (replyMarker(reply.body ?? '') && at > now() - HOUR) times.push(at, at);
      }
    }
    return times;
  }

  async function waitForSlot(): Promise<void> {
    let wait = pace.nextSlot(now()) - now();
    if (wait >= 10_000) emit({ type: 'waiting', seconds: Math.ceil(wait / 1000), reason: 'pace' });
    while (wait > 0) {
      await sleep(wait);
      wait = pace.nextSlot(now()) - now();
    }
  }

  /**
   * One write, paced. A rate-limit answer means nothing happened: wait as
   * told and send it again. No answer or a 5xx may have happened: `landed`
   * looks before the next try. Anything else is GitHub's refusal.
   */
  async function write<T>(what: string, send: () => Promise<T>, landed: () => Promise<boolean>): Promise<T | 'landed'> {
    let unanswered = 0;
    for (;;) {
      await waitForSlot();
      pace.record(now());
      summary.writes++;
      try {
        return await send();
      } catch (error) {
        const failure = classifyGitHubError(error, now());
        const reason = github.redact(failure.message);
        if (failure.kind === 'rate-limited') {
          pace.pauseUntil(now() + failure.retryAfterSeconds * 1000);
          emit({ type: 'waiting', seconds: failure.retryAfterSeconds, reason: 'rate-limit' });
          continue;
        }
        if (failure.kind === 'configuration') throw new Stop(`${what}: ${reason}`);
        if (failure.kind === 'rejected') throw new Skip(`GitHub refused ${what}: ${reason}`);
        unanswered++;
        const wait = retryBase * 4 ** (unanswered - 1);
        emit({ type: 'waiting', seconds: Math.ceil(wait / 1000), reason: 'retry' });
        await sleep(wait);
        if (await landed()) return 'landed';
        if (unanswered >= attempts) throw new Skip(`${what} failed ${unanswered} times without an answer: ${reason}`);
      }
    }
  }

  async function read<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const failure = classifyGitHubError(error, now());
      const reason = github.redact(failure.message);
      // 404 and 410: this issue is gone (deleted, transferred); anything else of the kind is our access.
      const gone = failure.kind === 'configuration' && (failure.status === 404 || failure.status === 410);
      if (failure.kind === 'configuration' && !gone) throw new Stop(`${what}: ${reason}`);
      throw new Skip(gone ? `no such issue (${reason})` : `${what}: ${reason}`);
    }
  }

  async function issueLabels(number: number) {
    const { data } = await read(`reading #${number}`, () => octokit.rest.issues.get({ owner, repo, issue_number: number }));
    return { data, labels: data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))) };
  }

  /** Whether the issue's newest maintainer response is this answer (by its marker). */
  async function answered(number: number, marker: string): Promise<boolean> {
    const replies = await read(`reading the replies on #${number}`, () =>
      octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, per_page: 100 }),
    );
    const newest = replies
      .filter((r) => isMaintainer(r.author_association ?? '') && /^\s*response:/i.test(r.body ?? ''))
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || Number(b.id) - Number(a.id))[0];
    return newest !== undefined && replyMarker(newest.body ?? '') === marker;
  }

  async function handle(target: ResponseTarget): Promise<IssueOutcome> {
    const number = target.issue;
    const outcome: IssueOutcome = { issue: number, reply: false, added: [], removed: [] };
    const { data: issue, labels } = await issueLabels(number);
    if (issue.pull_request) throw new Skip('a pull request, not a comment');
    const names = labels.map((l) => l.toLowerCase());
    if (!names.includes(COMMENT_LABEL)) throw new Skip(`not a comment issue (no "${COMMENT_LABEL}" label)`);
    if (names.includes(SPAM_LABEL)) throw new Skip('labelled spam');

    if (target.answer !== undefined) {
      const marker = responseMarker(target.answer, target.disposition);
      outcome.reply = issue.comments === 0 || !(await answered(number, marker));
    }
    if (target.disposition) {
      const present = DISPOSITIONS.filter((d) => names.includes(d));
      outcome.removed = present.filter((d) => d !== target.disposition).map((d) => labels[names.indexOf(d)]!);
      if (!present.includes(target.disposition)) outcome.added = [target.disposition];
    }
    if (options.dryRun) return outcome;

    if (outcome.reply) {
      const marker = responseMarker(target.answer!, target.disposition);
      const posted = await write(
        `the reply to #${number}`,
        () => octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: responseReply(target.answer!, target.disposition) }),
        () => answered(number, marker),
      );
      if (posted !== 'landed') {
        outcome.url = posted.data.html_url;
        if (!identityChecked) {
          const association = posted.data.author_association ?? 'NONE';
          if (!isMaintainer(association)) {
            throw new Stop(
              `the reply to #${number} was posted as ${posted.data.user?.login ?? 'an unknown user'}, whom GitHub reports as ${association} on ${owner}/${repo}; ` +
                'only replies by its owner, members and collaborators count as responses, so nothing more was posted: use a maintainer\'s token',
              outcome,
            );
          }
          identityChecked = true;
        }
      }
    }
    for (const name of outcome.removed) {
      await write(
        `removing the label ${name} from #${number}`,
        () => octokit.rest.issues.removeLabel({ owner, repo, issue_number: number, name }).catch((error: unknown) => {
          // 404: the label is gone already (removed by a person, or by a try whose answer was lost).
          if ((error as { status?: number }).status === 404) return undefined;
          throw error;
        }),
        async () => !(await issueLabels(number)).labels.some((l) => l.toLowerCase() === name.toLowerCase()),
      );
    }
    for (const name of outcome.added) {
      await write(
        `labelling #${number} ${name}`,
        () => octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [name] }),
        async () => (await issueLabels(number)).labels.some((l) => l.toLowerCase() === name),
      );
    }
    return outcome;
  }

  for (const target of targets) {
    let outcome: IssueOutcome;
    try {
      outcome = await handle(target);
    } catch (error) {
      if (error instanceof Stop) {
        summary.stoppedBy = error.message;
        if (error.outcome) {
          summary.outcomes.push(error.outcome);
          emit({ type: 'issue', outcome: error.outcome, done: summary.outcomes.length, total: targets.length });
        }
        break;
      }
      if (!(error instanceof Skip)) throw error;
      outcome = { issue: target.issue, reply: false, added: [], removed: [], skipped: error.message };
    }
    summary.outcomes.push(outcome);
    emit({ type: 'issue', outcome, done: summary.outcomes.length, total: targets.length });
  }
  return summary;
}

