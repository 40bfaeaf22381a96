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
 * A comment filed in a batch issue with others (comments/batch-body.ts) is
 * answered on its own, by a reply `Response to <reference> (<disposition>):
 * <text>` whose marker also names the member, so one member's answer is
 * never taken for another's; its disposition lives in that reply, and the
 * batch issue's labels are left alone (they answer the members that have no
 * disposition of their own). A batch body is believed only in an issue the
 * site's filer created, as the report does. A target naming the batch issue
 * and no member answers every member of it, each with its own reply.
 *
 * Only replies by the repository's owner, members and collaborators count
 * as responses (feedback/responses.ts). A run whose identity GitHub reports
 * as anything else stops after its first reply instead of posting hundreds
 * that the report would ignore.
 */
import { classifyGitHubError } from '../github/errors.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { createPace, type PaceOptions } from '../comments/pace.ts';
import { isBatchBody, parseBatchBody } from '../comments/batch-body.ts';
import { batchAnswers, isMaintainer, memberReply, replyMarker, replyMember, responseMarker, responseReply } from '../feedback/responses.ts';
import { DISPOSITIONS, SPAM_LABEL, type Disposition, type SourceComment } from '../feedback/schema.ts';

/** What to do on one issue, or for one comment of a batch issue. */
export interface ResponseTarget {
  issue: number;
  /**
   * The comment's reference when it is not `#<issue>` (`BZ-2026-000120`):
   * on a batch issue, the member to answer; on an issue of its own (a
   * comment the report still knew from the outbox), ignored. Absent on a
   * batch issue: every member.
   */
  reference?: string;
  /** The disposition label it should carry (the other disposition labels are removed); absent leaves labels alone. */
  disposition?: Disposition;
  /** The answer, as `answerText` prepared it; absent posts no reply. */
  answer?: string;
}

/** What a run did (or, in a dry run, would do) to one issue, or to one comment of a batch issue. */
export interface IssueOutcome {
  issue: number;
  /** The member of a batch issue answered. */
  reference?: string;
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
  /** GitHub logins that file comments for the site (content/site.json `commentFilers`): only their issues' batch bodies are believed. */
  filers?: readonly string[];
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
  const filers = (options.filers ?? []).map((login) => login.toLowerCase());
  /** The replies on each batch issue, read once and kept up to date with what this run posts. */
  const threads = new Map<number, SourceComment[]>();
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
  /** Outcomes expected: one a target, and one a member for a target that is a whole batch issue. */
  let total = targets.length;

  async function recentWrites(): Promise<number[]> {
    const since = new Date(now() - HOUR).toISOString();
    const times: number[] = [];
    for await (const { data } of octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues/comments', { owner, repo, since, per_page: 100 })) {
      for (const reply of data) {
        const at = Date.parse(reply.created_at);
        // A reply and, most likely, a label with it; a member's reply goes alone.
        const marker = replyMarker(reply.body ?? '');
        if (marker && at > now() - HOUR) times.push(...(marker.includes(' member=') ? [at] : [at, at]));
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

  /** Stops the run after a first reply GitHub does not count as a maintainer's. */
  function checkIdentity(posted: { data: { author_association?: string; user?: { login: string } | null } }, what: string, outcome: IssueOutcome): void {
    if (identityChecked) return;
    const association = posted.data.author_association ?? 'NONE';
    if (!isMaintainer(association)) {
      throw new Stop(
        `${what} was posted as ${posted.data.user?.login ?? 'an unknown user'}, whom GitHub reports as ${association} on ${owner}/${repo}; ` +
          'only replies by its owner, members and collaborators count as responses, so nothing more was posted: use a maintainer\'s token',
        outcome,
      );
    }
    identityChecked = true;
  }

  /** The replies on batch issue `number`, as the report reads them; read again with `fresh`. */
  async function thread(number: number, fresh = false): Promise<SourceComment[]> {
    const known = threads.get(number);
    if (known && !fresh) return known;
    const replies = await read(`reading the replies on #${number}`, () =>
      octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: number, per_page: 100 }),
    );
    const list = replies.map((r) => sourceComment(number, r));
    threads.set(number, list);
    return list;
  }

  /** Whether the newest maintainer reply to `reference` on batch issue `number` carries `marker`. */
  async function memberAnswered(number: number, reference: string, marker: string, fresh = false): Promise<boolean> {
    const newest = (await thread(number, fresh))
      .filter((r) => isMaintainer(r.author_association) && replyMember(r.body) === reference)
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)[0];
    return newest !== undefined && replyMarker(newest.body) === marker;
  }

  /** One member of a batch issue: a reply addressed to it, unless its newest one is this answer already. No label changes. */
  async function answerMember(number: number, reference: string, target: ResponseTarget, hasReplies: boolean): Promise<IssueOutcome> {
    const outcome: IssueOutcome = { issue: number, reference, reply: false, added: [], removed: [] };
    const marker = responseMarker(target.answer ?? '', target.disposition, reference);
    if (target.answer !== undefined) {
      outcome.reply = !hasReplies || !(await memberAnswered(number, reference, marker));
    } else if (target.disposition) {
      // A disposition alone: needed unless the member already has this one of its own.
      const own = hasReplies ? batchAnswers(await thread(number), [reference]).members.get(reference)?.disposition : undefined;
      outcome.reply = own !== target.disposition;
    }
    if (options.dryRun || !outcome.reply) return outcome;
    const what = `the reply to ${reference} on #${number}`;
    const posted = await write(
      what,
      () => octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: memberReply(reference, target.answer, target.disposition) }),
      () => memberAnswered(number, reference, marker, true),
    );
    if (posted !== 'landed') {
      outcome.url = posted.data.html_url;
      threads.get(number)?.push(sourceComment(number, posted.data));
      checkIdentity(posted, what, outcome);
    }
    return outcome;
  }

  async function handle(target: ResponseTarget, record: (outcome: IssueOutcome) => void): Promise<void> {
    const number = target.issue;
    const outcome: IssueOutcome = { issue: number, reply: false, added: [], removed: [] };
    const { data: issue, labels } = await issueLabels(number);
    if (issue.pull_request) throw new Skip('a pull request, not a comment');
    const names = labels.map((l) => l.toLowerCase());
    if (!names.includes(COMMENT_LABEL)) throw new Skip(`not a comment issue (no "${COMMENT_LABEL}" label)`);
    if (names.includes(SPAM_LABEL)) throw new Skip('labelled spam');

    const filedBySite = filers.includes(issue.user?.login.toLowerCase() ?? '');
    if (filedBySite && isBatchBody(issue.body)) {
      const members = parseBatchBody(issue.body!).map((m) => m.reference.toUpperCase());
      const named = target.reference && !target.reference.startsWith('#') ? target.reference.toUpperCase() : undefined;
      if (named !== undefined && !members.includes(named)) throw new Skip(`${target.reference} is not one of the comments of this batch issue`);
      const answering = named !== undefined ? [named] : members;
      total += answering.length - 1;
      for (const reference of answering) {
        try {
          record(await answerMember(number, reference, target, issue.comments > 0));
        } catch (error) {
          if (!(error instanceof Skip)) throw error;
          record({ issue: number, reference, reply: false, added: [], removed: [], skipped: error.message });
        }
      }
      return;
    }

    if (target.answer !== undefined) {
      const marker = responseMarker(target.answer, target.disposition);
      outcome.reply = issue.comments === 0 || !(await answered(number, marker));
    }
    if (target.disposition) {
      const present = DISPOSITIONS.filter((d) => names.includes(d));
      outcome.removed = present.filter((d) => d !== target.disposition).map((d) => labels[names.indexOf(d)]!);
      if (!present.includes(target.disposition)) outcome.added = [target.disposition];
    }
    if (options.dryRun) {
      record(outcome);
      return;
    }

    if (outcome.reply) {
      const marker = responseMarker(target.answer!, target.disposition);
      const posted = await write(
        `the reply to #${number}`,
        () => octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: responseReply(target.answer!, target.disposition) }),
        () => answered(number, marker),
      );
      if (posted !== 'landed') {
        outcome.url = posted.data.html_url;
        checkIdentity(posted, `the reply to #${number}`, outcome);
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
    record(outcome);
  }

  function record(outcome: IssueOutcome): void {
    summary.outcomes.push(outcome);
    emit({ type: 'issue', outcome, done: summary.outcomes.length, total });
  }
  for (const target of targets) {
    try {
      await handle(target, record);
    } catch (error) {
      if (error instanceof Stop) {
        summary.stoppedBy = error.message;
        if (error.outcome) record(error.outcome);
        break;
      }
      if (!(error instanceof Skip)) throw error;
      const member = target.reference && !target.reference.startsWith('#') ? { reference: target.reference } : {};
      record({ issue: target.issue, ...member, reply: false, added: [], removed: [], skipped: error.message });
    }
  }
  return summary;
}

/** A reply as GitHub's REST API gives it, as the report reads it. */
function sourceComment(
  number: number,
  reply: { id: number | bigint; body?: string; author_association?: string; created_at: string; updated_at: string; html_url: string },
): SourceComment {
  return { id: Number(reply.id), issue_number: number, body: reply.body ?? '', author_association: reply.author_association ?? 'NONE', created_at: reply.created_at, updated_at: reply.updated_at, html_url: reply.html_url };
}

