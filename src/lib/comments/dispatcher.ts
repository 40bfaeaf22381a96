/**
 * Drains the outbox into GitHub issues: one create at a time, at a pace
 * GitHub allows (pace.ts), and exactly one issue per accepted comment.
 *
 * GitHub has no idempotency key, so "exactly one" rests on three rules:
 * - no automatic retry of a create (octokit.ts);
 * - after a failure that may have created the issue anyway (no answer, a
 *   timeout, a 5xx), the comment is marked `needs lookup`; before it is
 *   created again, recent issues are listed
 *   (`GET /repos/{o}/{r}/issues?state=all&sort=created&direction=desc&since=…`;
 *   the search API lags, listing does not) and searched for the body's hidden
 *   marker;
 * - a rate-limit answer (403/429) means nothing was created: wait as told,
 *   then create.
 * A crash mid-create leaves the row `dispatching`; when its lease runs out
 * the outbox hands it out again as needing a lookup.
 *
 * Batch filing (off unless `batchAfterMs` is set): while the forecast time
 * to file everything waiting at the pace (forecast.ts) is longer than that
 * bound, due comments on the same section go into one issue each batch
 * (batch-body.ts), up to MAX_BATCH at a time, so nothing waits days for a
 * slot; as the backlog falls under the bound, filing goes back to one issue
 * per comment. A batch is one create: exactly-once holds as for one
 * comment, through every member's own marker.
 *
 * Any number of dispatchers may share an outbox (the server's, and
 * `comments:sync --watch` in a process of its own): only the holder of the
 * outbox's filing lane files, so GitHub sees one pace, and the others stand
 * by and take over when the holder stops or its lease runs out. On stop, a
 * dispatcher gives back the comment it holds and then the lane.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { classifyGitHubError, type GitHubFailure } from '../github/errors.ts';
import type { GitHubClient } from '../github/octokit.ts';
import { findSubmissionIds, MAX_BATCH, renderBatchIssue } from './batch-body.ts';
import { forecastBacklog } from './forecast.ts';
import { issueLabels, labelAppearance, renderIssueBody, renderIssueTitle } from './issue-body.ts';
import { DEFAULT_LEASE_MS, type LaneHolder, type Outbox, type OutboxEntry } from './outbox.ts';
import { createPace, type PaceOptions } from './pace.ts';

/** Something worth a log line. Carries references and issue numbers, never comment text. */
export type DispatchEvent =
  /** `batch`: the number of comments in the issue, when it was filed in a batch. */
  | { type: 'filed'; reference: string; issueNumber: number; issueUrl: string; foundByLookup: boolean; batch?: number }
  /** Batch filing started (the forecast passed the bound) or stopped (it fell under it). */
  | { type: 'batching'; on: boolean; waiting: number; secondsToDrain: number }
  | { type: 'retry'; reference: string; reason: string; nextAttemptAt: Date; mayExist: boolean }
  | { type: 'failed'; reference: string; reason: string }
  | { type: 'waiting'; seconds: number; reason: 'pace' | 'rate-limit' | 'retry' }
  | { type: 'label-created'; name: string }
  | { type: 'labels-unavailable'; reason: string }
  | { type: 'stopped'; reason: string }
  /** The filing lane changed hands: this dispatcher files now, or stands by while `by` does. */
  | { type: 'lane'; held: true }
  | { type: 'lane'; held: false; by: string; until: Date };

export interface DispatcherOptions {
  outbox: Outbox;
  github: GitHubClient;
  /** Clock; tests pass a simulated one. */
  now?: () => Date;
  /** Waits `ms`, or less when `signal` aborts; tests pass one that advances a simulated clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Pace of creates; defaults to 1 per 1.5 s, 40 a minute, 450 an hour. */
  pace?: Partial<PaceOptions>;
  /** Back-off after a failure: `baseMs * 2^(attempt-1)`, at most `maxMs`. Defaults 15 s and 30 min. */
  retry?: { baseMs?: number; maxMs?: number };
  /** How far before a comment's acceptance the lookup starts, for clock skew. Default 1 minute. */
  lookupSlackMs?: number;
  /** How long a claim on one comment lasts. Default 5 minutes. */
  leaseMs?: number;
  /** What this dispatcher is, for a person reading `comments:list` or another process's log, e.g. "the server (pid 4120 on web-1)". */
  label?: string;
  /** How long the filing lane stays this dispatcher's without renewal; renewed at least every third of it. Default 60 s. */
  laneLeaseMs?: number;
  /**
   * Batch filing: while filing what waits, one issue per comment at the pace,
   * would take longer than this, comments on one section are filed together.
   * Absent: never (the default).
   */
  batchAfterMs?: number;
  /** Wait after a configuration failure (bad token, no access) before the continuous loop tries again. Default 5 minutes. */
  configurationBackoffMs?: number;
  onEvent?: (event: DispatchEvent) => void;
}

/** What one drain did. */
interface DispatchSummary {
  /** Issues created. */
  created: number;
  /** Of the issues created, those holding several comments (batch filing). */
  batches: number;
  /** Comments filed in those batches. */
  batched: number;
  /** Issues found by their marker after an uncertain create. */
  foundByLookup: number;
  /** Failures after which a comment was put back to wait (it may be filed later in the same drain). */
  retrying: number;
  /** Comments GitHub refused for good. */
  failed: number;
  /** Set when the drain stopped early: a configuration problem, or a wait longer than allowed. */
  stoppedBy?: string;
  /** Set when another process holds the filing lane, so this one filed nothing. */
  laneHeldBy?: { label: string; until: Date };
}

export interface Dispatcher {
  /**
   * Drains what is pending: files due comments one by one and waits for the
   * pace and for retries due within `maxWaitMs` (default 5 minutes); stops
   * after `max` comments, when nothing is due within `maxWaitMs`, or on a
   * configuration failure. For `comments:sync`.
   */
  dispatchOnce(options?: { max?: number; maxWaitMs?: number }): Promise<DispatchSummary>;
  /** Runs until stopped, sleeping when idle; `wake()` after accepting a comment files it without waiting for the next poll. */
  start(options?: { pollMs?: number }): RunningDispatcher;
}

export interface RunningDispatcher {
  /** Ends an idle wait now. */
  wake(): void;
  /** Stops after the request in flight, if any: the comment it holds goes back to the queue, then the lane is given back. */
  stop(): Promise<void>;
}

type Outcome = 'created' | 'looked-up' | 'retry' | 'failed' | 'deferred' | 'stop';

const MINUTE = 60_000;
/** Most comments one listing of GitHub's issues settles (`settleLookups`). */
const MAX_LOOKUPS = 100;
/** How often batch filing looks at the forecast again. */
const BATCH_CHECK_MS = 30_000;

/** Waits `ms`, resolving early (not rejecting) when `signal` aborts. */
async function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(Math.max(0, ms), undefined, { signal });
  } catch {
    // aborted: wake up early
  }
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { outbox, github } = options;
  const { octokit, owner, repo } = github;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const lookupSlackMs = options.lookupSlackMs ?? MINUTE;
  const retryBase = options.retry?.baseMs ?? 15_000;
  const retryMax = options.retry?.maxMs ?? 30 * MINUTE;
  const configurationBackoffMs = options.configurationBackoffMs ?? 5 * MINUTE;
  const emit = (event: DispatchEvent) => options.onEvent?.(event);
  const nowMs = () => now().getTime();
  const holder: LaneHolder = { id: randomUUID(), label: options.label ?? 'a dispatcher' };
  const laneLeaseMs = options.laneLeaseMs ?? MINUTE;

  // Creates in the last hour, by this process or another, survive through the outbox's filed times.
  // Seeded each time this dispatcher takes the lane (before any create), so it starts unseeded.
  const seededPace = async () => createPace(options.pace, (await outbox.filedSince(new Date(nowMs() - 60 * MINUTE))).map((d) => d.getTime()));
  let pace = createPace(options.pace, []);
  let holdsLane = false;
  let laneSeenAs: string | null = null;

  /** Takes or renews the filing lane; on taking it, counts what the previous holder filed in the last hour. */
  async function holdLane(): ReturnType<Outbox['holdLane']> {
    const lane = await outbox.holdLane(holder, now(), laneLeaseMs);
    if (lane.held && !holdsLane) pace = await seededPace();
    holdsLane = lane.held;
    const seenAs = lane.held ? holder.id : lane.by.id;
    // Worth a log line whenever it changes hands, so an operator sees which process files.
    if (seenAs !== laneSeenAs) {
      emit(lane.held ? { type: 'lane', held: true } : { type: 'lane', held: false, by: lane.by.label, until: lane.until });
    }
    laneSeenAs = seenAs;
    return lane;
  }

  /** Gives the lane back at the end of a run, so another process may take it at once. */
  async function releaseLane(): Promise<void> {
    await outbox.releaseLane(holder.id);
    holdsLane = false;
  }

  /** Sleeps `ms`, renewing the lane as it goes; false when the lane was lost or `signal` aborted. */
  async function sleepHoldingLane(ms: number, signal?: AbortSignal): Promise<boolean> {
    const until = nowMs() + ms;
    for (let left = ms; left > 0; left = until - nowMs()) {
      await sleep(Math.min(left, laneLeaseMs / 3), signal);
      if (signal?.aborted || !(await holdLane()).held) return false;
    }
    return true;
  }
  let consecutiveLimits = 0;
  let knownLabels: Set<string> | null = null;
  let labelsUnavailable = false;

  const backoff = (attempts: number) => Math.min(retryMax, retryBase * 2 ** Math.max(0, attempts - 1));

  /**
   * Waits for the next create slot; false, without waiting, when that is more
   * than `maxWaitMs` away, or when `signal` aborts the wait.
   */
  async function waitForSlot(maxWaitMs: number, signal?: AbortSignal): Promise<boolean> {
    let wait = pace.nextSlot(nowMs()) - nowMs();
    if (wait > maxWaitMs) return false;
    if (wait >= 10_000) emit({ type: 'waiting', seconds: Math.ceil(wait / 1000), reason: consecutiveLimits ? 'rate-limit' : 'pace' });
    // A loop, not one sleep: timers run on the monotonic clock and the pace on the wall
    // clock, so a timer can end a millisecond before the slot by Date.now().
    while (wait > 0) {
      if (signal?.aborted || !(await sleepHoldingLane(wait, signal))) return false;
      wait = pace.nextSlot(nowMs()) - nowMs();
    }
    return !signal?.aborted;
  }

  type FoundIssue = { number: number; html_url: string; body?: string | null };

  /**
   * The issues carrying these comments' markers (a comment's own issue, or a
   * batch holding it), by submission id: one listing of the issues created
   * since a minute before the oldest was accepted, newest first.
   */
  async function findIssuesByMarker(entries: readonly OutboxEntry[]): Promise<Map<string, FoundIssue>> {
    const wanted = new Set(entries.map((e) => e.submissionId));
    const found = new Map<string, FoundIssue>();
    const sinceMs = Math.min(...entries.map((e) => e.createdAt.getTime())) - lookupSlackMs;
    const pages = octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues', {
      owner,
      repo,
      state: 'all',
      sort: 'created',
      direction: 'desc',
      since: new Date(sinceMs).toISOString(),
      per_page: 100,
    });
    for await (const { data } of pages) {
      for (const issue of data) {
        if (!issue.pull_request) {
          for (const id of findSubmissionIds(issue.body)) if (wanted.has(id) && !found.has(id)) found.set(id, issue);
        }
        // Newest first: once an issue predates the window, ours are not further on.
        if (found.size === wanted.size || Date.parse(issue.created_at) < sinceMs) return found;
      }
    }
    return found;
  }

  /**
   * Marks a comment filed with the issue a lookup found it in, and the other
   * unfiled comments of that issue when it is a batch: one lookup spares each
   * of them its own. `claimed` are entries this dispatcher holds (read from
   * there, not the outbox), `done` those already marked. Returns the ids marked.
   */
  async function markFound(entry: OutboxEntry, issue: FoundIssue, claimed: ReadonlyMap<string, OutboxEntry>, done: ReadonlySet<string>): Promise<string[]> {
    const ids = findSubmissionIds(issue.body);
    const marked: string[] = [];
    for (const id of ids.length ? ids : [entry.submissionId]) {
      if (done.has(id)) continue;
      const member = id === entry.submissionId ? entry : (claimed.get(id) ?? (await outbox.get(id)));
      if (!member || (!claimed.has(id) && member !== entry && member.status === 'filed')) continue;
      await outbox.markFiled(id, { number: issue.number, url: issue.html_url }, now());
      emit({ type: 'filed', reference: member.reference, issueNumber: issue.number, issueUrl: issue.html_url, foundByLookup: true, ...(ids.length > 1 ? { batch: ids.length } : {}) });
      marked.push(id);
    }
    return marked;
  }

  async function ensureLabels(names: string[], maxWaitMs: number, signal?: AbortSignal): Promise<boolean> {
    if (labelsUnavailable) return true;
    if (!knownLabels) {
      const found = new Set<string>();
      for await (const { data } of octokit.paginate.iterator('GET /repos/{owner}/{repo}/labels', { owner, repo, per_page: 100 })) {
        for (const label of data) found.add(label.name.toLowerCase());
      }
      knownLabels = found;
    }
    for (const name of names) {
      if (knownLabels.has(name.toLowerCase())) continue;
      if (!(await waitForSlot(maxWaitMs, signal))) return false;
      pace.record(nowMs());
      try {
        await octokit.request('POST /repos/{owner}/{repo}/labels', { owner, repo, name, ...labelAppearance(name) });
        emit({ type: 'label-created', name });
      } catch (error) {
        const failure = classifyGitHubError(error, nowMs());
        if (failure.kind === 'rejected' && failure.status === 422) {
          // already_exists: another process, or a person, made it first.
        } else if (failure.kind === 'configuration' && failure.status === 403) {
          // No push access: GitHub will drop the labels silently; file the issues anyway.
          labelsUnavailable = true;
          emit({ type: 'labels-unavailable', reason: github.redact(failure.message) });
          return true;
        } else {
          throw error;
        }
      }
      knownLabels.add(name.toLowerCase());
    }
    return true;
  }

  /** After a failed request for these comments (one, or a batch): back in line, or failed, as the failure says. */
  async function handleFailure(entries: readonly OutboxEntry[], failure: GitHubFailure, createSent: boolean): Promise<Outcome> {
    const reason = github.redact(failure.message);
    const t = nowMs();
    switch (failure.kind) {
      case 'rate-limited': {
        consecutiveLimits += 1;
        // GitHub: honour retry-after; on repeated limits, wait exponentially longer.
        const seconds = Math.max(failure.retryAfterSeconds, consecutiveLimits > 1 ? Math.min(1800, 60 * 2 ** (consecutiveLimits - 1)) : 0);
        const until = t + seconds * 1000;
        pace.pauseUntil(until);
        for (const entry of entries) {
          await outbox.markRetry(entry.submissionId, new Date(until), reason);
          // The wait itself is reported by waitForSlot, before the next request.
          emit({ type: 'retry', reference: entry.reference, reason, nextAttemptAt: new Date(until), mayExist: entry.needsLookup });
        }
        return 'retry';
      }
      case 'ambiguous': {
        for (const entry of entries) {
          const next = new Date(t + backoff(entry.attempts));
          if (createSent) await outbox.markAmbiguous(entry.submissionId, next, reason);
          else await outbox.markRetry(entry.submissionId, next, reason);
          emit({ type: 'retry', reference: entry.reference, reason, nextAttemptAt: next, mayExist: createSent || entry.needsLookup });
        }
        return 'retry';
      }
      case 'configuration': {
        const next = new Date(t + configurationBackoffMs);
        for (const entry of entries) await outbox.markRetry(entry.submissionId, next, reason);
        emit({ type: 'stopped', reason });
        return 'stop';
      }
      case 'rejected': {
        for (const entry of entries) {
          if (createSent) {
            await outbox.markFailed(entry.submissionId, reason);
            emit({ type: 'failed', reference: entry.reference, reason });
          } else {
            const next = new Date(t + backoff(entry.attempts));
            await outbox.markRetry(entry.submissionId, next, reason);
            emit({ type: 'retry', reference: entry.reference, reason, nextAttemptAt: next, mayExist: entry.needsLookup });
          }
        }
        return createSent ? 'failed' : 'retry';
      }
    }
  }

  /** What filing one claim did, how many comments it covered, and how many of them a lookup found on GitHub already. */
  type Filing = { outcome: Outcome; comments: number; found?: number };

  /** Creates one issue for these comments (one, or a batch), at the pace; each is filed, put back or failed with it. */
  async function createIssue(entries: readonly OutboxEntry[], issue: { title: string; body: string; labels: string[] }, maxWaitMs: number, signal?: AbortSignal): Promise<Filing> {
    const comments = entries.length;
    let createSent = false;
    try {
      const wait = Math.min(maxWaitMs, leaseMs / 2);
      if (!(await ensureLabels(issue.labels, wait, signal)) || !(await waitForSlot(wait, signal))) {
        // Too long a wait to hold the claim, a stop, or the lane lost: put it back for when the pace allows.
        for (const entry of entries) await outbox.markRetry(entry.submissionId, new Date(pace.nextSlot(nowMs())), entry.lastError ?? 'waiting for the pace');
        return { outcome: 'deferred', comments };
      }
      pace.record(nowMs());
      createSent = true;
      const { data: created } = await octokit.request('POST /repos/{owner}/{repo}/issues', { owner, repo, ...issue });
      consecutiveLimits = 0;
      for (const entry of entries) {
        await outbox.markFiled(entry.submissionId, { number: created.number, url: created.html_url }, now());
        emit({ type: 'filed', reference: entry.reference, issueNumber: created.number, issueUrl: created.html_url, foundByLookup: false, ...(comments > 1 ? { batch: comments } : {}) });
      }
      return { outcome: 'created', comments };
    } catch (error) {
      return { outcome: await handleFailure(entries, classifyGitHubError(error, nowMs()), createSent), comments };
    }
  }

  /** A comment's own issue, or null after marking it failed: a record that cannot be rendered (edited by hand, an older schema) needs a person, not a retry. */
  async function singleIssue(entry: OutboxEntry): Promise<{ title: string; body: string; labels: string[] } | null> {
    try {
      return {
        title: renderIssueTitle(entry.submission),
        body: renderIssueBody(entry.submission),
        labels: issueLabels(entry.submission, { unverified: entry.unverified }),
      };
    } catch (error) {
      const reason = `cannot render the issue: ${String(error)}`;
      await outbox.markFailed(entry.submissionId, reason);
      emit({ type: 'failed', reference: entry.reference, reason });
      return null;
    }
  }

  /**
   * Settles `first` and the other comments that may already be on GitHub
   * (up to MAX_LOOKUPS, `claimUncertain`, their retries due or not) with one
   * listing of GitHub's recent issues, not one each: those found are marked
   * filed; the rest, known not to be there, go back in line, due now, to be
   * filed like any other (alone or in a batch). A lookup per comment, each at
   * its own retry time, would read the same pages again and again: after an
   * outage hundreds of comments need one.
   */
  async function settleLookups(first: OutboxEntry): Promise<Filing> {
    const entries = [first, ...(await outbox.claimUncertain(now(), leaseMs, MAX_LOOKUPS - 1))];
    let issues: Map<string, FoundIssue>;
    try {
      issues = await findIssuesByMarker(entries);
    } catch (error) {
      return { outcome: await handleFailure(entries, classifyGitHubError(error, nowMs()), false), comments: entries.length };
    }
    const claimed = new Map(entries.map((e) => [e.submissionId, e]));
    const filed = new Set<string>();
    let found = 0;
    for (const entry of entries) {
      const issue = issues.get(entry.submissionId);
      if (!issue || filed.has(entry.submissionId)) continue;
      for (const id of await markFound(entry, issue, claimed, filed)) filed.add(id);
      found += 1;
    }
    await outbox.markLookedUp(
      entries.filter((e) => !filed.has(e.submissionId)).map((e) => e.submissionId),
      now(),
    );
    return { outcome: 'looked-up', comments: entries.length, found };
  }

  /** Files one comment, known not to be on GitHub, in an issue of its own. */
  async function dispatchEntry(entry: OutboxEntry, maxWaitMs: number, signal?: AbortSignal): Promise<Filing> {
    const issue = await singleIssue(entry);
    if (!issue) return { outcome: 'failed', comments: 1 };
    return createIssue([entry], issue, maxWaitMs, signal);
  }

  /**
   * Files `first` with the section's other due comments in one issue. With
   * no other due comment, or when they cannot share a body, files `first` on
   * its own; those that did not fit go back in line.
   */
  async function dispatchBatch(first: OutboxEntry, maxWaitMs: number, signal?: AbortSignal): Promise<Filing> {
    const others = await outbox.claimBatch(first, now(), leaseMs, MAX_BATCH - 1);
    const offered = [first, ...others];
    let batch: ReturnType<typeof renderBatchIssue>;
    try {
      batch = others.length > 0 ? renderBatchIssue(offered.map((e) => ({ reference: e.reference, submission: e.submission, unverified: e.unverified }))) : null;
    } catch {
      // A member that cannot be rendered: file one by one, where it is marked failed for a person to see.
      batch = null;
    }
    const taken = new Set(batch && batch.members.length > 1 ? batch.members.map((m) => m.reference) : [first.reference]);
    for (const entry of others) {
      if (!taken.has(entry.reference)) await outbox.markRetry(entry.submissionId, now(), entry.lastError ?? 'waiting for the next batch');
    }
    if (!batch || taken.size < 2) return dispatchEntry(first, maxWaitMs, signal);
    return createIssue(
      offered.filter((e) => taken.has(e.reference)),
      batch,
      maxWaitMs,
      signal,
    );
  }

  // Whether to batch, from the forecast; read again at most every BATCH_CHECK_MS (it counts the outbox).
  let batching = { checkedAt: -Infinity, on: false };
  async function batchingNow(): Promise<boolean> {
    const bound = options.batchAfterMs;
    if (bound === undefined) return false;
    if (nowMs() - batching.checkedAt < BATCH_CHECK_MS) return batching.on;
    const stats = await outbox.stats();
    const waiting = stats.pending + stats.dispatching;
    const backlog = forecastBacklog({ waiting, filed: await outbox.filedSince(new Date(nowMs() - 60 * MINUTE)), now: now(), pace: options.pace });
    const left = backlog.drainedBy.getTime() - nowMs();
    const on = left > bound;
    if (on !== batching.on) emit({ type: 'batching', on, waiting, secondsToDrain: Math.ceil(left / 1000) });
    batching = { checkedAt: nowMs(), on };
    return on;
  }

  /**
   * Files comments until `max` are handled, or nothing is due within
   * `maxIdleMs`, or the pace would make it wait more than `maxPaceWaitMs`, or
   * a configuration failure.
   */
  async function drain(options: {
    max: number;
    maxPaceWaitMs: number;
    maxIdleMs: number;
    signal?: AbortSignal;
    summary: DispatchSummary;
  }): Promise<void> {
    const { summary, signal } = options;
    let handled = 0;
    while (!signal?.aborted && handled < options.max) {
      const lane = await holdLane();
      if (!lane.held) {
        summary.laneHeldBy = { label: lane.by.label, until: lane.until };
        return;
      }
      if (!(await waitForSlot(options.maxPaceWaitMs, signal))) {
        const holder = holdsLane ? null : await outbox.laneHolder(now());
        if (holder) summary.laneHeldBy = { label: holder.label, until: holder.until };
        else if (!signal?.aborted) summary.stoppedBy = `the pace allows the next create in ${Math.ceil((pace.nextSlot(nowMs()) - nowMs()) / 1000)} s`;
        return;
      }
      const entry = await outbox.claimNext(now(), leaseMs);
      if (!entry) {
        const due = await outbox.nextDueAt();
        const wait = due ? due.getTime() - nowMs() : Infinity;
        if (wait > options.maxIdleMs) return;
        if (wait >= 10_000) emit({ type: 'waiting', seconds: Math.ceil(wait / 1000), reason: 'retry' });
        // In pieces no longer than a third of the lane's lease: the loop renews it.
        await sleep(Math.min(Math.max(100, wait), laneLeaseMs / 3), signal);
        continue;
      }
      const { outcome, comments, found = 0 } = entry.needsLookup
        ? await settleLookups(entry)
        : (await batchingNow())
          ? await dispatchBatch(entry, options.maxPaceWaitMs, signal)
          : await dispatchEntry(entry, options.maxPaceWaitMs, signal);
      summary.foundByLookup += found;
      handled += found;
      // Settling lookups creates nothing: what was not found is filed by the next turns of the loop.
      if (outcome === 'deferred' || outcome === 'looked-up') continue;
      handled += 1;
      if (outcome === 'created') {
        summary.created += 1;
        if (comments > 1) {
          summary.batches += 1;
          summary.batched += comments;
        }
      } else if (outcome === 'retry') summary.retrying += 1;
      else if (outcome === 'failed') summary.failed += 1;
      else if (outcome === 'stop') {
        summary.stoppedBy ??= (await outbox.get(entry.submissionId))?.lastError ?? 'stopped';
        return;
      }
    }
  }

  const emptySummary = (): DispatchSummary => ({ created: 0, batches: 0, batched: 0, foundByLookup: 0, retrying: 0, failed: 0 });

  return {
    async dispatchOnce(opts = {}) {
      const summary = emptySummary();
      const maxWaitMs = opts.maxWaitMs ?? 5 * MINUTE;
      try {
        await drain({ max: opts.max ?? Infinity, maxPaceWaitMs: maxWaitMs, maxIdleMs: maxWaitMs, summary });
      } finally {
        await releaseLane();
      }
      return summary;
    },

    start(opts = {}) {
      const pollMs = opts.pollMs ?? 30_000;
      const stopping = new AbortController();
      let idle = new AbortController();
      const loop = (async () => {
        while (!stopping.signal.aborted) {
          const summary = emptySummary();
          const signal = AbortSignal.any([stopping.signal, idle.signal]);
          try {
            await drain({ max: Infinity, maxPaceWaitMs: Infinity, maxIdleMs: pollMs, signal, summary });
          } catch (error) {
            // A bug or an unexpected failure outside a request: keep the loop alive.
            emit({ type: 'stopped', reason: github.redact(String(error)) });
          }
          if (stopping.signal.aborted) break;
          // Standing by while another process files: look again at the next poll.
          const rest = summary.stoppedBy ? configurationBackoffMs : pollMs;
          if (idle.signal.aborted) idle = new AbortController();
          else await sleep(rest, AbortSignal.any([stopping.signal, idle.signal]));
          if (idle.signal.aborted) idle = new AbortController();
        }
      })();
      return {
        wake() {
          idle.abort();
        },
        async stop() {
          stopping.abort();
          await loop;
          await releaseLane();
        },
      };
    },
  };
}

/**
 * The dispatcher's options from the filing settings, the same for every
 * process that files: the two leases from CONSULTA_FILING_LEASE_SECONDS (the
 * lane's, and five times that for the claim on one comment, so a comment is
 * handed to another process only long after any request of a dead one could
 * still land), the pace, and the batch-filing bound.
 */
export function filingOptions(settings: {
  filingLeaseMs: number;
  filingPace: PaceOptions;
  batchFilingAfterMs: number | null;
}): Pick<DispatcherOptions, 'laneLeaseMs' | 'leaseMs' | 'pace' | 'batchAfterMs'> {
  return {
    laneLeaseMs: settings.filingLeaseMs,
    leaseMs: 5 * settings.filingLeaseMs,
    pace: settings.filingPace,
    ...(settings.batchFilingAfterMs === null ? {} : { batchAfterMs: settings.batchFilingAfterMs }),
  };
}

/** Starts a continuous dispatcher: `createDispatcher(options).start()`. */
export function startDispatcher(options: DispatcherOptions & { pollMs?: number }): RunningDispatcher {
  return createDispatcher(options).start({ pollMs: options.pollMs });
}
