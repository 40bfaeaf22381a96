/**
 * npm run bench:feedback: the cost of collating a large consultation from
 * GitHub, or (with --comments) of grouping a large one full of campaigns. Seeds the GitHub test double (in a child process, so this
 * process's CPU time is the collation's alone) with N comment issues, their
 * labels and replies, and reports wall time, CPU time and requests for a
 * first run, a re-run right after it, and a re-run with nothing new.
 *
 * Goals (issue 5): first run at most ceil(N/100) + (issues with replies)/100
 * + 10 requests; an unchanged re-run at most 5; under 10 s of CPU for 10,000
 * issues.
 */
import { fork, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { issueLabels, parseIssueBody, renderIssueBody } from '../../src/lib/comments/issue-body.ts';
import { CommentSubmission, COMMENT_TYPES, CHANNELS } from '../../src/lib/comments/schema.ts';
import { collateFeedback, type CollationVersion } from '../../src/lib/feedback/collate.ts';
import { progressReporter } from '../../src/lib/feedback/progress.ts';
import { fetchRepositorySnapshot, type FeedbackCache } from '../../src/lib/feedback/sources/github.ts';
import { createGitHubClient } from '../../src/lib/github/octokit.ts';
import { SECTORS } from '../../src/lib/stakeholders/sectors.ts';
import { DISPOSITIONS, type SourceIssue } from '../../src/lib/feedback/schema.ts';
import { campaignMix } from '../../src/lib/bench/campaign-mix.ts';
import { groupingText } from '../../src/lib/feedback/flags.ts';
import { groupTexts } from '../../src/lib/feedback/grouping.ts';
import { countReporter } from '../../src/lib/feedback/progress.ts';
import { collationVersions } from '../../src/lib/feedback/versions.ts';
import { loadSiteSettings } from '../../src/lib/site/settings.ts';
import { loadCatalog } from '../../src/lib/strategy/catalog.ts';

const OWNER = 'belize-ncss';
const REPO = 'strategy';
const TOKEN = 'bench-token';
const SECTIONS = ['vision-and-principles', 'governance', 'critical-infrastructure', 'incident-response', 'cybercrime-legislation', 'capacity-building', 'international-cooperation', 'implementation'];

const usage = `
Usage: npm run bench:feedback -- [--issues <n>]
       npm run bench:feedback -- --comments <n>

Seeds the GitHub test double with <n> comment issues (default 10,000): every
issue labelled, half of them with a maintainer's "Response:" reply (one in
twenty of those also with a reply from the commenter), a third with a
disposition, and twenty merged pull requests that address some of them. Then
collates version v0.1 three times against it: a first run, a re-run, and a
re-run with nothing new, and prints wall time, CPU time and requests.

With --comments, instead: generates <n> comments on v0.2 (a campaign mix: three
form-letter campaigns with light edits, 40%, 20% and 10% of the comments, and
30% distinct comments, some quoting the strategy), renders them as issues and
collates them, grouping included, at n/4, n/2 and n comments; prints wall and
CPU time, the grouping's share, peak memory (maximum resident set size), and
how well the campaigns were found.

Options:
  --issues <n>     Number of comment issues (default 10000)
  --comments <n>   Benchmark grouping on <n> generated comments (at most 1000000),
                   each size (n/4, n/2, n) in a process of its own
  -h, --help       Show this help
`;

interface Seeded {
  url: string;
  issues: number;
  withReplies: number;
  replies: number;
  pulls: number;
}

// ---- a child that groups one size of campaign mix, so its memory is its own ---
if (process.env['BENCH_FEEDBACK_ROLE'] === 'group') {
  benchGrouping(Number(process.env['BENCH_FEEDBACK_COMMENTS']));
} else if (process.env['BENCH_FEEDBACK_ROLE'] === 'double') {
  // ---- the child: the double, seeded ----------------------------------------
  const { startGitHubDouble } = await import('../github-double/index.ts');
  const n = Number(process.env['BENCH_FEEDBACK_ISSUES']);
  const double = await startGitHubDouble({ owner: OWNER, repo: REPO, token: TOKEN, defaultLabels: false });
  const start = Date.parse('2026-09-07T15:00:00Z');
  let withReplies = 0;
  let replies = 0;
  for (let i = 1; i <= n; i++) {
    const submission = CommentSubmission.parse({
      submissionId: `7c1e2a90-3b4d-4e5f-8a6b-${String(i).padStart(12, '0')}`,
      version: 'v0.1',
      section: SECTIONS[i % SECTIONS.length],
      paragraph: `p${(i % 9) + 1}`,
      type: COMMENT_TYPES[i % COMMENT_TYPES.length],
      comment: `Comment ${i}: the obligation in this paragraph should say who checks it, and how often @someone reviews it (see #${i}).`,
      proposedChange: i % 3 === 0 ? `Add a sentence naming the body that checks compliance (${i}).` : undefined,
      sector: SECTORS[i % SECTORS.length],
      organisation: i % 2 ? `Organisation ${i % 250}` : undefined,
      publishName: false,
      channel: CHANNELS[i % CHANNELS.length],
      submittedAt: new Date(start + i * 60_000).toISOString(),
    });
    const labels = issueLabels(submission);
    if (i % 3 === 0) labels.push(DISPOSITIONS[i % DISPOSITIONS.length]!);
    const created = start + i * 60_000 + 30_000;
    double.state.addIssue({ title: `Comment ${i}`, body: renderIssueBody(submission), labels, author: 'consulta-app[bot]', created_at: created });
    if (i % 2 === 0) {
      withReplies++;
      double.state.addComment(i, { body: `Response: Thank you for comment ${i}; it is noted.`, author: 'secretariat', authorAssociation: 'MEMBER', created_at: created + 86_400_000 });
      replies++;
      if (i % 40 === 0) {
        double.state.addComment(i, { body: 'Thanks for the answer.', author: `commenter-${i}`, authorAssociation: 'NONE', created_at: created + 2 * 86_400_000 });
        replies++;
      }
    }
  }
  for (let p = 0; p < 20; p++) {
    const addressed = Array.from({ length: 5 }, (_, k) => `#${(p * 37 + k * 11) % n + 1}`).join(', ');
    double.state.addPull({ title: `Change ${p}`, body: `Revises the draft.\n\nAddresses ${addressed}`, merged_at: start + (30 + p) * 86_400_000, author: 'editor' });
  }
  const seeded: Seeded = { url: double.url, issues: n, withReplies, replies, pulls: 20 };
  process.on('message', (message: unknown) => {
    if (message === 'count') process.send!({ requests: double.requests.length });
    if (message === 'reset') {
      double.requests.length = 0;
      process.send!({ ok: true });
    }
    if (message === 'touch') {
      // One new reply: a realistic "something changed" between runs.
      double.state.addComment(1, { body: 'Response: revised answer.', author: 'secretariat', authorAssociation: 'MEMBER' });
      process.send!({ ok: true });
    }
    if (message === 'stop') void double.close().then(() => process.exit(0));
  });
  process.send!(seeded);
} else {
  await main('bench:feedback', usage, async (argv) => {
    const { values } = parseOptions(argv, { options: { issues: { type: 'string', default: '10000' }, comments: { type: 'string' } } });
    if (values.comments !== undefined) {
      const total = Number(values.comments);
      if (!Number.isInteger(total) || total < 100 || total > 1_000_000) throw new UsageError('--comments must be a whole number from 100 to 1000000');
      // Each size in a process of its own, so its peak memory and time are not the previous size's.
      for (const n of [Math.round(total / 4), Math.round(total / 2), total]) {
        const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_FEEDBACK_ROLE: 'group', BENCH_FEEDBACK_COMMENTS: String(n) }, stdio: 'inherit' });
        if (child.status !== 0) throw new UsageError(`the run with ${n} comments failed (exit ${child.status})`);
      }
      return;
    }
    const n = Number(values.issues);
    if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError('--issues must be a whole number from 1 to 100000');

    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_FEEDBACK_ROLE: 'double', BENCH_FEEDBACK_ISSUES: String(n) }, stdio: 'inherit' });
    const ask = <T>(message?: string) =>
      new Promise<T>((resolve) => {
        child.once('message', (answer) => resolve(answer as T));
        if (message) child.send(message);
      });
    const seedStart = performance.now();
    const seeded = await ask<Seeded>();
    console.log(`seeded ${seeded.issues} issues (${seeded.withReplies} with replies, ${seeded.replies} replies) and ${seeded.pulls} pull requests in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const github = createGitHubClient({ owner: OWNER, repo: REPO, baseUrl: seeded.url, auth: { kind: 'token', token: TOKEN } }, { userAgent: 'consulta-bench' });
    const versions: CollationVersion[] = [
      { id: 'v0.1', sections: SECTIONS.map((id) => ({ id, title: id, paragraphs: 17 })), window: { opens: new Date('2026-09-07T06:00:00Z'), closes: new Date('2027-12-31T00:00:00Z') } },
    ];
    const lookup = { versions: [{ id: 'v0.1', publishedAt: '2026-09-01', commit: null }, { id: 'v0.2', publishedAt: '2028-01-01', commit: null }], timeZone: 'America/Belize' };

    let cache: FeedbackCache | null = null;
    const run = async (label: string) => {
      await ask('reset');
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const progress = progressReporter(process.stderr);
      const fetched = await fetchRepositorySnapshot({ github, filers: ['consulta-app[bot]'], cache, onProgress: progress.update });
      progress.done();
      const t1 = performance.now();
      const cpu1 = process.cpuUsage(cpu0);
      const collation = collateFeedback({ version: 'v0.1', versions, snapshot: fetched.snapshot, lookup, sources: ['github'] });
      const t2 = performance.now();
      const cpu2 = process.cpuUsage(cpu0);
      cache = fetched.cache;
      const { requests: seen } = await ask<{ requests: number }>('count');
      const s = (us: { user: number; system: number }) => ((us.user + us.system) / 1e6).toFixed(2);
      console.log(
        `${label}: ${fetched.requests} requests (${fetched.notModified} answered 304; the double saw ${seen}); ` +
          `fetch ${((t1 - t0) / 1000).toFixed(2)} s wall, ${s(cpu1)} s CPU; ` +
          `fetch + collate ${((t2 - t0) / 1000).toFixed(2)} s wall, ${s(cpu2)} s CPU; ` +
          `${collation.report.comments.length} comments, ${collation.report.comments.filter((c) => c.response).length} with a response, ` +
          `${collation.report.comments.filter((c) => c.addressedIn.length).length} addressed`,
      );
      bodies = fetched.snapshot.issues.map((i) => i.body ?? '');
      return fetched.requests;
    };
    let bodies: string[] = [];

    const first = await run('first run');
    const rerun = await run('re-run');
    const unchanged = await run('unchanged re-run');
    await ask('touch');
    const oneReply = await run('re-run after one new reply');
    // How much of the collation is reading issue bodies (the parser intake shares).
    const parseCpu = process.cpuUsage();
    for (const body of bodies) parseIssueBody(body);
    const parsed = process.cpuUsage(parseCpu);
    console.log(`parseIssueBody alone: ${((parsed.user + parsed.system) / 1e6).toFixed(2)} s CPU for ${bodies.length} bodies`);
    const goal = Math.ceil(seeded.issues / 100) + Math.ceil(seeded.withReplies / 100) + 10;
    console.log(`goal: first run <= ${goal} requests (${first <= goal ? 'met' : 'NOT met'}); unchanged re-run <= 5 (${unchanged <= 5 && rerun <= 5 ? 'met' : 'NOT met'}); after one new reply: ${oneReply}`);
    child.send('stop');
  });
}

/** Grouping n comments of a generated campaign mix, through the whole collation. */
function benchGrouping(n: number): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const settings = loadSiteSettings(root);
  const versions = collationVersions(loadCatalog(root, settings, new Date()).versions);
  const target = versions.find((v) => v.id === 'v0.2')!;
  const lookup = { versions: [{ id: 'v0.2', publishedAt: '2026-11-20', commit: null }], timeZone: settings.timeZone };
  const seconds = (us: { user: number; system: number }) => ((us.user + us.system) / 1e6).toFixed(2);
  const peak = () => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;
  {
    const before = peak();
    const campaigns = [Math.round(n * 0.4), Math.round(n * 0.2), Math.round(n * 0.1)];
    const distinct = n - campaigns.reduce((a, b) => a + b, 0);
    const g0 = performance.now();
    let mix: ReturnType<typeof campaignMix> | null = campaignMix({ version: 'v0.2', sections: target.sections, strategyText: target.text ?? [], campaigns, distinct, start: new Date('2026-11-22T14:00:00Z') });
    const issues: SourceIssue[] = mix.map(({ submission }, i) => ({
      number: i + 1,
      title: `Comment ${i + 1}`,
      body: renderIssueBody(submission),
      labels: issueLabels(submission),
      state: 'open',
      created_at: submission.submittedAt,
      updated_at: submission.submittedAt,
      html_url: `https://github.com/${OWNER}/${REPO}/issues/${i + 1}`,
      filed_by_site: true,
    }));
    // Only which campaign each comment belongs to is kept: the generator's records would count against the collation's memory.
    const campaignOf = mix.map((m) => m.campaign);
    // eslint-disable-next-line no-useless-assignment -- drops the generator's records, so the collation's memory is measured alone
    mix = null;
    console.log(
      `${n} comments (campaigns of ${campaigns.join(', ')}; ${distinct} distinct) generated and rendered as issues in ${((performance.now() - g0) / 1000).toFixed(1)} s; ` +
        `peak resident memory before collating ${before} (process start), ${peak()} (with the issues)`,
    );

    const progress = countReporter(`${n}: grouping distinct texts`, process.stderr);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const collation = collateFeedback({
      version: 'v0.2',
      versions,
      snapshot: { repository: `${OWNER}/${REPO}`, issues, comments: [], pulls: [] },
      lookup,
      sources: ['github'],
      grouping: { onProgress: progress.update },
    });
    progress.done();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);

    const texts = collation.report.comments.map((c) => ({ reference: c.reference, text: groupingText(c) }));
    const gcpu0 = process.cpuUsage();
    const g1 = performance.now();
    groupTexts(texts, { similarity: collation.report.grouping!.similarity, quotedText: target.text ?? [] });
    const groupWall = (performance.now() - g1) / 1000;
    const groupCpu = process.cpuUsage(gcpu0);

    // How well the campaigns were found: each campaign's best group, and distinct comments put in any group.
    const truth = new Map(campaignOf.map((c, i) => [`#${i + 1}`, c]));
    const found = campaigns.map((size, c) => {
      const best = Math.max(0, ...collation.report.groups.map((g) => g.members.filter((m) => truth.get(m) === c).length));
      return `${((best / size) * 100).toFixed(2)}%`;
    });
    const strays = collation.report.groups.reduce((k, g) => k + g.members.filter((m) => truth.get(m) === null).length, 0);
    console.log(
      `  collate (parse ${n} issue bodies, group, flag): ${wall.toFixed(2)} s wall, ${seconds(cpu)} s CPU; grouping alone: ${groupWall.toFixed(2)} s wall, ${seconds(groupCpu)} s CPU; ` +
        `peak resident memory ${peak()}`,
    );
    console.log(
      `  ${collation.report.groups.length} groups; campaign members found: ${found.join(', ')}; distinct comments put in a group: ${strays}; ` +
        `${collation.report.flags.length} flags; ${((groupWall / n) * 1e6).toFixed(1)} µs of grouping per comment`,
    );
  }
}
