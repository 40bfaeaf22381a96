/**
 * Issue 13's bulk answer at scale: on the generated consultation of 3,000
 * comments on v0.2 (tests/integration/feedback/generated-consultation.ts),
 * `npm run feedback` groups the 1,200-letter campaign, and one answer to that
 * group reaches every member issue exactly once against the GitHub double,
 * even when the process answering is killed by SIGKILL mid-run, right after
 * a reply reached GitHub and before GitHub's answer came back.
 *
 * The answering child (answer-group.ts) is the script's own path at the
 * production pace on a simulated clock: the real script would take six
 * hours. respond.test.ts kills the real script on a group of six.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import { replyMarker } from '../../../src/lib/feedback/responses.ts';
import type { FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { groupRecipients } from '../../../src/lib/respond/targets.ts';
import { startGitHubDouble, type GitHubDouble, type RecordedRequest } from '../../github-double/index.ts';
import { CAMPAIGNS, FIRST_ISSUE, generateConsultation } from '../feedback/generated-consultation.ts';

const child = fileURLToPath(new URL('./answer-group.ts', import.meta.url));
const ANSWER = 'Thank you. The revised draft runs the awareness campaign on community radio in five languages (change 6.3).';
const TOTAL = 3000;

let root: string;
let report: FeedbackReport;
let github: GitHubDouble;

beforeAll(async () => {
  const generated = generateConsultation();
  root = generated.root;
  expect(generated.run.stderr).toBe('');
  report = loadFeedbackReport(root, 'v0.2')!;
  // Held replies are answered after ten minutes: the child is killed long before.
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: 'test-token', slowMs: 600_000 });
  github.state.viewer = 'secretariat-lead';
  github.state.viewerAssociation = 'MEMBER';
  // Every generated comment is an issue; one in two already labelled noted by a first triage.
  for (let n = FIRST_ISSUE; n < FIRST_ISSUE + TOTAL; n++) {
    github.state.addIssue({ number: n, title: `Comment ${n}`, body: 'text', author: `citizen-${n}`, labels: ['comment', 'v:v0.2', ...(n % 2 ? ['noted'] : [])] });
  }
}, 300_000);

afterAll(async () => {
  await github?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function answer(group: string) {
  const running = spawn(process.execPath, [child, root, 'v0.2', group, github.url, ANSWER], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  running.stdout.on('data', (d) => (stdout += d));
  running.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve, reject) => {
    running.on('error', reject);
    running.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { running, done };
}

const isReply = (r: RecordedRequest) => r.method === 'POST' && /\/issues\/\d+\/comments$/.test(r.path);

describe('one answer to the 1,200-letter campaign of a 3,000-comment consultation', () => {
  it('reaches every member issue exactly once, even after a kill mid-run, and no other issue', async () => {
    const campaign = report.groups.reduce((a, b) => (b.size > a.size ? b : a));
    const { targets, unfiled } = groupRecipients(report, campaign.id);
    const issues = targets.map((t) => t.issue);
    expect(unfiled).toEqual([]);
    expect(issues.length).toBeGreaterThanOrEqual(0.98 * CAMPAIGNS[0]!);
    expect(issues.length).toBeLessThanOrEqual(CAMPAIGNS[0]!);

    // Half-way, a reply reaches GitHub and the process dies before hearing back.
    const killAt = Math.floor(issues.length / 2);
    let posts = 0;
    github.failWhen((r) => isReply(r) && ++posts === killAt, 'slow');
    const first = answer(campaign.id);
    await vi.waitFor(() => expect(github.requests.some((r) => r.failure === 'slow')).toBe(true), { timeout: 240_000, interval: 100 });
    first.running.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(github.requests.filter(isReply)).toHaveLength(killAt);
    const lost = issues[killAt - 1]!;
    expect(github.state.commentsOn(lost)).toHaveLength(1);
    expect(github.state.issue(lost)!.labels).not.toContain('accepted');

    const resumed = await answer(campaign.id).done;
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!)).toMatchObject({ stoppedBy: null, skipped: 0 });
    expect(resumed.stdout).toContain(`#${lost}: already answered`);

    // Exactly one reply per member was ever sent, and each reads as this answer.
    expect(github.requests.filter(isReply)).toHaveLength(issues.length);
    const members = new Set(issues);
    const marker = replyMarker(github.state.commentsOn(issues[0]!)[0]!.body);
    expect(marker).toMatch(/^<!-- consulta:response=[0-9a-f]{64} -->$/);
    for (let n = FIRST_ISSUE; n < FIRST_ISSUE + TOTAL; n++) {
      const replies = github.state.commentsOn(n);
      const labels = github.state.issue(n)!.labels;
      if (members.has(n)) {
        expect(replies, `#${n}`).toHaveLength(1);
        expect(replies[0]!.body.startsWith(`Response: ${ANSWER}`), `#${n}`).toBe(true);
        expect(replyMarker(replies[0]!.body), `#${n}`).toBe(marker);
        expect(labels, `#${n}`).toContain('accepted');
        expect(labels, `#${n}`).not.toContain('noted');
      } else {
        expect(replies, `#${n}`).toHaveLength(0);
        expect(labels, `#${n}`).toEqual(['comment', 'v:v0.2', ...(n % 2 ? ['noted'] : [])]);
      }
    }
  }, 600_000);
});
