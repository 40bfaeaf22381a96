/**
 * A dispatcher wired to the GitHub test double over real HTTP, with a
 * simulated clock shared by the outbox, the dispatcher and the double, so a
 * test can live through hours of GitHub rate limits in a second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubDouble, type GitHubDouble, type GitHubDoubleOptions, type RecordedRequest } from '../../github-double/index.ts';
import { createDispatcher, type DispatchEvent, type Dispatcher, type DispatcherOptions } from '../../../src/lib/comments/dispatcher.ts';
import { findSubmissionIds } from '../../../src/lib/comments/batch-body.ts';
import { openOutbox, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { CommentSubmission } from '../../../src/lib/comments/schema.ts';
import { createGitHubClient, type GitHubClient } from '../../../src/lib/github/octokit.ts';

const OWNER = 'belize-ncss';
const REPO = 'strategy';
const TOKEN = 't0ken';
const START = Date.parse('2026-12-01T15:00:00Z');

export interface Harness {
  gh: GitHubDouble;
  outbox: Outbox;
  github: GitHubClient;
  dispatcher: Dispatcher;
  events: DispatchEvent[];
  clock: { now: number };
  dir: string;
  outboxPath: string;
  /** Accepts `n` comments into the outbox, one simulated second apart; returns their submission ids. */
  acceptComments(n: number, from?: number): Promise<string[]>;
  /** Creates in the double every label `comment(n)` uses, so a test counts only issue creates. */
  seedLabels(): void;
  /** Issues (not pull requests) in the double, by the submission ids in their markers. */
  issuesBySubmission(): Map<string, number[]>;
  /** Issue creates the double received, answered or not. */
  createRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  double?: Partial<GitHubDoubleOptions>;
  /** Client timeout; the double's `slow` answers after `double.slowMs`. */
  timeoutMs?: number;
  /** Keep @octokit/plugin-throttling on, as the production client has it (its own spacing of writes is turned off there). */
  throttling?: boolean;
  dispatcher?: Partial<DispatcherOptions>;
  /** Reuse an outbox file (e.g. one a crashed process left). */
  outboxPath?: string;
  /** Start the simulated clock here. */
  start?: number;
}

export function submissionId(n: number): string {
  return `7c1e2a90-3b4d-4e5f-8a6b-${String(n).padStart(12, '0')}`;
}

export function comment(n: number, at: number): CommentSubmission {
  return CommentSubmission.parse({
    submissionId: submissionId(n),
    version: 'v0.2',
    section: n % 2 ? 'governance' : 'incident-response',
    paragraph: `p${(n % 7) + 1}`,
    type: (['general', 'technical', 'editorial'] as const)[n % 3],
    comment: `Comment number ${n}: @maintainers see #${n}.`,
    sector: 'civil-society',
    publishName: false,
    channel: 'web',
    submittedAt: new Date(at).toISOString(),
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = { now: options.start ?? START };
  const gh = await startGitHubDouble({ owner: OWNER, repo: REPO, token: TOKEN, ...options.double });
  gh.setClock(() => clock.now);
  const dir = mkdtempSync(join(tmpdir(), 'consulta-dispatch-'));
  const outboxPath = options.outboxPath ?? join(dir, 'outbox.sqlite');
  const outbox = openOutbox(outboxPath, { now: () => new Date(clock.now) });
  const github = createGitHubClient(
    { owner: OWNER, repo: REPO, baseUrl: gh.url, auth: { kind: 'token', token: TOKEN } },
    // Long enough that a machine busy with other test files never turns a request into a timeout.
    { throttling: options.throttling ?? false, timeoutMs: options.timeoutMs ?? 10_000 },
  );
  const events: DispatchEvent[] = [];
  const dispatcher = createDispatcher({
    outbox,
    github,
    now: () => new Date(clock.now),
    // Simulated time: waiting is instant and moves the shared clock.
    sleep: async (ms) => {
      clock.now += Math.max(0, ms);
    },
    onEvent: (e) => events.push(e),
    ...options.dispatcher,
  });

  return {
    gh,
    outbox,
    github,
    dispatcher,
    events,
    clock,
    dir,
    outboxPath,
    async acceptComments(n, from = 1) {
      const ids: string[] = [];
      for (let i = from; i < from + n; i++) {
        await outbox.accept(comment(i, clock.now));
        ids.push(submissionId(i));
        clock.now += 1_000;
      }
      return ids;
    },
    seedLabels() {
      const names = ['comment', 'v:v0.2', 'section:governance', 'section:incident-response', 'sector:civil-society', 'channel:web', 'unverified'];
      for (const name of [...names, 'type:general', 'type:technical', 'type:editorial']) gh.state.addLabel({ name });
    },
    issuesBySubmission() {
      const map = new Map<string, number[]>();
      for (const issue of gh.state.issues) {
        if (issue.pull) continue;
        // A batch issue holds several comments, each with its own marker.
        for (const id of findSubmissionIds(issue.body)) map.set(id, [...(map.get(id) ?? []), issue.number]);
      }
      return map;
    },
    createRequests() {
      return gh.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path));
    },
    async close() {
      await outbox.close();
      await gh.close();
      if (!options.outboxPath) rmSync(dir, { recursive: true, force: true });
    },
  };
}
