/**
 * A consultation of 3,000 comments on v0.2: three campaigns of 1,200, 600 and
 * 300 form letters with light edits, and 900 distinct comments, some quoting
 * the strategy or a campaign letter. `npm run feedback -- --version v0.2` runs
 * as a person runs it, offline, on a copy of the content with the comments
 * in a sample source, and must find each campaign with at least 98% of its
 * members while putting no distinct comment into any group.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedComment } from '../../../src/lib/bench/campaign-mix.ts';
import { FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { CAMPAIGNS, FIRST_ISSUE, generateConsultation } from './generated-consultation.ts';

let root: string;
let mix: GeneratedComment[];
let run: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  ({ root, mix, run } = generateConsultation());
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run feedback -- --version v0.2 on 3,000 comments with three campaigns', () => {
  it('collates every comment', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('v0.2: 3000 comments (sample)');
  });

  it('finds each campaign with at least 98% of its members and puts no distinct comment into a group', () => {
    const report = FeedbackReport.parse(JSON.parse(readFileSync(join(root, 'content/feedback/v0.2.json'), 'utf8')));
    const campaignOf = new Map(mix.map((m, i) => [`#${FIRST_ISSUE + i}`, m.campaign]));
    const found = CAMPAIGNS.map((size, c) => Math.max(...report.groups.map((g) => g.members.filter((m) => campaignOf.get(m) === c).length)) / size);
    for (const share of found) expect(share).toBeGreaterThanOrEqual(0.98);
    const strays = report.groups.flatMap((g) => g.members.filter((m) => campaignOf.get(m) === null));
    expect(strays).toEqual([]);
    expect(report.groups).toHaveLength(3);
    expect(report.groups.map((g) => g.kind)).toEqual(['near-duplicate', 'near-duplicate', 'near-duplicate']);
    // Each comment row names its group, and only members do.
    const members = new Map(report.groups.flatMap((g) => g.members.map((m) => [m, g.id] as const)));
    for (const c of report.comments) expect(c.group).toBe(members.get(c.reference));
    console.log(`campaign members found: ${found.map((f) => `${(f * 100).toFixed(2)}%`).join(', ')}; distinct comments in a group: ${strays.length}`);
  });

  it('counts distinct voices in report.json: each campaign once, each distinct comment once', () => {
    const json = JSON.parse(readFileSync(join(root, 'reports/v0.2/report.json'), 'utf8'));
    expect(json.statistics.total).toBe(3000);
    const grouped = json.groups.reduce((n: number, g: { size: number }) => n + g.size, 0);
    expect(json.statistics.voices).toBe(3000 - grouped + json.groups.length);
    expect(json.statistics.voices).toBeLessThanOrEqual(900 + 3 + 0.02 * 2100);
    expect(json.groups[0]).toMatchObject({ kind: 'near-duplicate', size: expect.any(Number), representative: expect.stringMatching(/^#\d+$/) });
  });
});
