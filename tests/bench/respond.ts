/**
 * npm run bench:respond: what answering a large group at once costs, and
 * what comments-follow-their-paragraph adds to a build.
 *
 * 1. A bulk response to a group of N comment issues (default 1,200) against
 *    the GitHub test double, at the production pace (40 writes a minute, 450
 *    an hour) on a simulated clock: the hours are computed, not waited. The
 *    double enforces GitHub's own limits (80 a minute, 500 an hour). Then the
 *    same command again, as after a crash: what a resumed run reads and
 *    writes when everything is done.
 * 2. Paragraph lineage on the synthetic consultation of bench:build (12
 *    versions × 80 sections × about 600 words): the comparisons (which the
 *    compare pages compute anyway), the lineage of every step, and the
 *    ancestors of every paragraph of the newest version.
 */
import { performance } from 'node:perf_hooks';
import { syntheticVersions } from '../../src/lib/bench/sample-strategy.ts';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { ancestors, paragraphLineage, type LineageStep } from '../../src/lib/diff/lineage.ts';
import { clearBlockCache, compareVersions, sectionBlocks, type Comparison } from '../../src/lib/diff/index.ts';
import { createGitHubClient } from '../../src/lib/github/octokit.ts';
import { answerText } from '../../src/lib/respond/answer-text.ts';
import { applyResponses } from '../../src/lib/respond/apply.ts';
import type { Section } from '../../src/lib/strategy/schema.ts';
import { busiestWindow, startGitHubDouble, type RecordedRequest } from '../github-double/index.ts';

const usage = `
Usage: npm run bench:respond -- [options]

Answers a group of <n> comment issues at once against the GitHub test double,
at the production pace on a simulated clock, and runs it again as a resumed run
would; then times paragraph lineage on the synthetic consultation of
bench:build. Prints requests, writes, the time the answer takes at the
production pace, the busiest minute and hour, and CPU times.

Options:
  --members <n>    Issues in the group (default 1200)
  --versions <n>   Versions of the synthetic consultation (default 12)
  --sections <n>   Sections per version (default 80)
  --words <n>      Words per section, roughly (default 600)
  -h, --help       Show this help
`;

const log = (line: string) => process.stdout.write(`${line}\n`);

await main('bench:respond', usage, async (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      members: { type: 'string', default: '1200' },
      versions: { type: 'string', default: '12' },
      sections: { type: 'string', default: '80' },
      words: { type: 'string', default: '600' },
    },
  });
  const [members, versions, sections, words] = (['members', 'versions', 'sections', 'words'] as const).map((k) => {
    const n = Number(values[k]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${k} must be a whole number above 0`);
    return n;
  }) as [number, number, number, number];
  if (versions < 2) throw new UsageError('--versions must be at least 2');
  await bulkResponse(members);
  lineage(versions, sections, words);
});

async function bulkResponse(members: number): Promise<void> {
  const double = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: 'bench', defaultLabels: false, enforceSecondaryLimit: { perMinute: 80, perHour: 500 } });
  try {
    const clock = { now: Date.parse('2026-10-12T14:00:00Z') };
    double.setClock(() => clock.now);
    double.state.viewer = 'secretariat-lead';
    double.state.viewerAssociation = 'MEMBER';
    // A campaign: every member labelled noted by a first triage, one in three with an earlier maintainer reply.
    for (let n = 1; n <= members; n++) {
      double.state.addIssue({ number: n, title: `Comment ${n}`, body: 'text', author: `citizen-${n}`, labels: ['comment', 'v:v0.1', ...(n % 2 ? ['noted'] : [])] });
      if (n % 3 === 0) double.state.addComment(n, { body: 'Thank you, we will come back to this.', authorAssociation: 'MEMBER' });
    }
    const github = createGitHubClient({ owner: 'belize-ncss', repo: 'strategy', baseUrl: double.url, auth: { kind: 'token', token: 'bench' } }, { throttling: false, timeoutMs: 30_000 });
    const answer = answerText('Thank you. The revised draft adds a skills programme for schools (change 6.3); see the comparison of v0.1 and v0.2.');
    if (!answer.ok) throw new Error(answer.reason);
    const targets = Array.from({ length: members }, (_, i) => ({ issue: i + 1, disposition: 'accepted' as const, answer: answer.text }));
    const run = async (label: string) => {
      const from = double.requests.length;
      const started = clock.now;
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const summary = await applyResponses({ github, targets, now: () => clock.now, sleep: async (ms) => void (clock.now += ms) });
      const seconds = (performance.now() - wall) / 1000;
      const used = process.cpuUsage(cpu);
      const requests = double.requests.slice(from);
      const writes = requests.filter((r) => r.method !== 'GET');
      const byKind = (predicate: (r: RecordedRequest) => boolean) => requests.filter(predicate).length;
      log(`${label}: ${requests.length} requests (${byKind((r) => r.method === 'GET')} reads, ${byKind((r) => r.method === 'POST' && r.path.endsWith('/comments'))} replies, ${byKind((r) => r.method === 'POST' && r.path.endsWith('/labels'))} labels added, ${byKind((r) => r.method === 'DELETE')} removed), ${byKind((r) => r.status === 403 || r.status === 429)} refused by the limits`);
      log(`  at the production pace: ${hours(clock.now - started)}; busiest minute ${busiestWindow(writes.map((r) => r.at), 60_000)} writes, busiest hour ${busiestWindow(writes.map((r) => r.at), 3_600_000)}`);
      log(`  this process: ${seconds.toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU (client and double together); stopped: ${summary.stoppedBy ?? 'no'}`);
    };
    log(`bench:respond: one answer and the label accepted to a group of ${members.toLocaleString('en-GB')} comment issues`);
    await run('first run');
    const replies = double.state.comments.filter((c) => c.body.startsWith('Response:'));
    const once = new Set(replies.map((c) => c.issue_number)).size === members && replies.length === members;
    const labelled = double.state.issues.every((i) => i.labels.includes('accepted') && !i.labels.includes('noted'));
    log(`  every issue answered exactly once: ${once ? 'yes' : 'NO'}; labelled accepted, noted removed: ${labelled ? 'yes' : 'NO'}`);
    await run('second run (as after a crash, with everything done)');
  } finally {
    await double.close();
  }
}

function lineage(versions: number, sections: number, words: number): void {
  log(`\nbench:respond: paragraph lineage of ${versions} versions × ${sections} sections × ~${words} words (the bench:build consultation)`);
  const generated = syntheticVersions({ versions, sections, words }).map((v): Section[] =>
    v.map((s) => ({ id: s.id, title: s.title, order: s.order, file: `${s.id}.mdx`, body: s.paragraphs.join('\n\n') })),
  );
  clearBlockCache();
  const timed = <T>(work: () => T): { value: T; ms: number; cpuMs: number } => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const value = work();
    const used = process.cpuUsage(cpu);
    return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
  const comparisons = timed(() => generated.slice(1).map((to, i) => compareVersions(generated[i]!, to)));
  const steps = timed(() =>
    comparisons.value.map((comparison: Comparison, i): LineageStep => ({ from: `v${i + 1}`, to: `v${i + 2}`, lineage: paragraphLineage(comparison) })),
  );
  const newest = `v${versions}`;
  const anchors = generated.at(-1)!.flatMap((s) => sectionBlocks(s.id, s.body).filter((b) => b.kind === 'paragraph').map((b) => b.anchor!));
  const found = timed(() => anchors.reduce((n, anchor) => n + ancestors(steps.value, newest, anchor).length, 0));
  const links = steps.value.reduce((n, s) => n + s.lineage.links.length, 0);
  const kinds = new Map<string, number>();
  for (const s of steps.value) for (const l of s.lineage.links) kinds.set(l.kind, (kinds.get(l.kind) ?? 0) + 1);
  log(`  comparisons of the ${versions - 1} consecutive pairs (the compare pages need them anyway): ${comparisons.ms.toFixed(0)} ms (CPU ${comparisons.cpuMs.toFixed(0)} ms)`);
  log(`  lineage of every step: ${steps.ms.toFixed(0)} ms (CPU ${steps.cpuMs.toFixed(0)} ms); ${links.toLocaleString('en-GB')} links worked out in changed sections (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), identical sections mapped without parsing`);
  log(`  ancestors of all ${anchors.length.toLocaleString('en-GB')} paragraphs of ${newest}, back to v1: ${found.ms.toFixed(0)} ms (CPU ${found.cpuMs.toFixed(0)} ms); ${found.value.toLocaleString('en-GB')} ancestors`);
}

function hours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

