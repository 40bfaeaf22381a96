import { describe, expect, it } from 'vitest';
import { compareVersions, formatSummaryMarkdown, REDLINE_SUMMARY_MARKER } from '../../../src/lib/diff/index.ts';
import { section, strategy } from './fixtures.ts';

describe('formatSummaryMarkdown', () => {
  const from = strategy();
  const to = [
    ...strategy()
      .filter((s) => s.id !== 'awareness')
      .map((s) => (s.id === 'vision' ? { ...s, title: 'Our | vision' } : s))
      .map((s) => (s.id === 'governance' ? { ...s, body: `${s.body} It meets every quarter.` } : s)),
    section('skills', 'Skills', 6, 'Universities train analysts in forensic methods.'),
  ];
  const markdown = formatSummaryMarkdown(compareVersions(from, to), { fromLabel: 'v0.1', toLabel: 'v0.2', compareUrl: 'https://example.org/compare/v0.1...v0.2/' });

  it('starts with the hidden marker a workflow uses to update its comment', () => {
    expect(markdown.split('\n')[0]).toBe(REDLINE_SUMMARY_MARKER);
    expect(REDLINE_SUMMARY_MARKER).toBe('<!-- consulta:redline-summary -->');
  });

  it('gives the headline counts of sections and words', () => {
    expect(markdown).toContain('### Changes from `v0.1` to `v0.2`');
    expect(markdown).toContain('- **Sections:** 1 changed, 1 added, 1 removed, 1 re-titled, 0 moved, 2 unchanged');
    expect(markdown).toContain('- **Words:** +10 / -10');
  });

  it('lists each changed section in a table with what happened and its words', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Section') && !line.startsWith('| ---'));
    expect(rows).toEqual([
      '| Our \\| vision (`vision`) | re-titled (was "Vision") | +0 / -0 |',
      '| Governance (`governance`) | text changed | +4 / -0 |',
      '| Awareness (`awareness`) | removed | +0 / -10 |',
      '| Skills (`skills`) | added | +6 / -0 |',
    ]);
  });

  it('says once which sections were renumbered', () => {
    // Awareness (5) is removed and Skills added after it: no section before them moved, so nothing is renumbered here.
    expect(markdown).not.toContain('Renumbered');
    const inserted = [...from.slice(0, 1), section('privacy', 'Privacy', 1.5, 'Personal data is protected by law.'), ...from.slice(1)];
    const summary = formatSummaryMarkdown(compareVersions(from, inserted), { fromLabel: 'v0.1', toLabel: 'v0.2' });
    expect(summary).toContain('- **Renumbered sections:** 2–5 are now 3–6');
  });

  it('links the full comparison when given its address', () => {
    expect(markdown).toContain('[See the full comparison](https://example.org/compare/v0.1...v0.2/)');
  });

  it('says there are no changes when there are none, still with the marker', () => {
    const same = formatSummaryMarkdown(compareVersions(from, from), { fromLabel: 'v0.1', toLabel: 'draft' });
    expect(same).toBe(`${REDLINE_SUMMARY_MARKER}\n### Changes from \`v0.1\` to \`draft\`\n\nNo changes between \`v0.1\` and \`draft\`.\n`);
  });
});
