/** The sample consultation that ships with Consulta: v0.1, closed, answered, and the report committed from it. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, COMMENT_TYPES } from '../../../src/lib/comments/schema.ts';
import { commentsBySection } from '../../../src/lib/feedback/by-section.ts';
import { collateFeedback } from '../../../src/lib/feedback/collate.ts';
import { feedbackReportPath, loadFeedbackReport, serialiseFeedbackReport, writeFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import { DISPOSITIONS } from '../../../src/lib/feedback/schema.ts';
import { readSampleSnapshot } from '../../../src/lib/feedback/sources/sample-file.ts';
import { collationVersions, versionLookup } from '../../../src/lib/feedback/versions.ts';
import { withParagraphFates } from '../../../src/lib/feedback/paragraph-fate.ts';
import { catalogLineage } from '../../../src/lib/site/lineage.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { SECTORS } from '../../../src/lib/stakeholders/sectors.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';

const root = join(import.meta.dirname, '../../..');
const settings = loadSiteSettings(root);
const catalog = loadCatalog(root, settings, new Date('2027-01-01T00:00:00Z'));
const snapshot = readSampleSnapshot(root)!;
const collation = collateFeedback({
  version: 'v0.1',
  versions: collationVersions(catalog.versions),
  snapshot,
  lookup: versionLookup(catalog.versions, settings.timeZone),
  sources: ['sample'],
});
// As npm run feedback writes it: with where each comment's paragraph went in v0.2.
const report = withParagraphFates(collation.report, catalogLineage(catalog, settings.feedback?.lineageSimilarity));

describe('the sample consultation on v0.1', () => {
  it('has at least 30 public comments across every channel, sector, type and disposition', () => {
    expect(report.comments.length).toBeGreaterThanOrEqual(30);
    const seen = (key: 'channel' | 'sector' | 'type' | 'disposition') => new Set(report.comments.map((c) => c[key]));
    expect(seen('channel')).toEqual(new Set(CHANNELS));
    expect(seen('sector')).toEqual(new Set(SECTORS));
    expect(seen('type')).toEqual(new Set(COMMENT_TYPES));
    expect(seen('disposition')).toEqual(new Set(DISPOSITIONS));
  });

  it('lists every issue of the source exactly once: as a comment, as unreadable, or left out as spam', () => {
    const references = report.comments.map((c) => c.reference);
    expect(new Set(references).size).toBe(references.length);
    expect(report.comments.length + report.unreadable.length + collation.spam).toBe(snapshot.issues.length);
    expect(collation.otherVersions).toBe(0);
  });

  it('leaves the spam issue out of everything public', () => {
    expect(collation.spam).toBe(1);
    expect(report.comments.some((c) => c.reference === '#38')).toBe(false);
    expect(JSON.stringify(report)).not.toMatch(/casino/i);
  });

  it('lists the issue that is not a comment form by number', () => {
    expect(report.unreadable.map((u) => u.number)).toEqual([39]);
  });

  it('reads the issue-form comments typed on GitHub like the site’s, names only with consent', () => {
    const github = report.comments.filter((c) => c.channel === 'github');
    expect(github.map((c) => [c.reference, c.section, c.paragraph])).toEqual([
      ['#12', 'incident-response', 'p9'],
      ['#18', 'incident-response', 'p14'],
      ['#34', 'international-cooperation', 'p8'],
    ]);
    expect(github.find((c) => c.reference === '#12')!.name).toBe('Darnell Young');
    // #18 wrote a name but did not tick the box.
    expect(github.find((c) => c.reference === '#18')!.name).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain('Alex Requena');
  });

  it('answers every comment, taking the newest maintainer response and ignoring the commenter’s', () => {
    expect(report.comments.every((c) => c.response)).toBe(true);
    expect(report.comments.find((c) => c.reference === '#13')!.response!.text).toMatch(/^Accepted\. After the Ministry of Finance/);
    expect(report.comments.find((c) => c.reference === '#7')!.response!.text).toMatch(/^Noted\./);
    expect(report.comments.find((c) => c.reference === '#14')).toMatchObject({ disposition: 'duplicate', duplicateOf: 13 });
  });

  it('links addressed comments to the pull requests that made v0.2, on sections that really changed', () => {
    const addressed = report.comments.filter((c) => c.addressedIn.length);
    expect(addressed.length).toBeGreaterThanOrEqual(10);
    expect(report.comments.find((c) => c.reference === '#29')!.addressedIn.map((a) => [a.pull, a.version])).toEqual([[41, 'v0.2']]);
    const v01 = catalog.byId.get('v0.1')!;
    const v02 = catalog.byId.get('v0.2')!;
    for (const c of addressed) {
      expect(c.addressedIn.every((a) => a.version === 'v0.2')).toBe(true);
      const before = v01.sections.find((s) => s.id === c.section)!;
      const after = v02.sections.find((s) => s.id === c.section)!;
      const changed = before.body !== after.body || before.order !== after.order;
      expect(changed, `${c.reference} on ${c.section}`).toBe(true);
    }
  });

  it('is committed as content/feedback/v0.1.json, up to date with the sample (run npm run feedback -- --version v0.1 if not)', () => {
    const committed = readFileSync(feedbackReportPath(root, 'v0.1'), 'utf8');
    expect(committed).toBe(serialiseFeedbackReport(report));
    expect(loadFeedbackReport(root, 'v0.1')).toEqual(JSON.parse(committed));
  });

  it('says where each comment’s paragraph went in v0.2, following the edits that addressed it', () => {
    const fate = (reference: string) => report.comments.find((c) => c.reference === reference)!.next;
    // #2 asked for a change to governance p2, accepted and made in v0.2.
    expect(fate('#2')).toEqual({ version: 'v0.2', status: 'changed', to: ['governance-p2'], certain: true });
    // An edited paragraph that moved down one place, one nobody changed, and one removed.
    expect(fate('#21')).toMatchObject({ status: 'changed', to: ['cybercrime-legislation-p10'] });
    expect(fate('#5')).toMatchObject({ status: 'unchanged', to: ['governance-p3'] });
    expect(fate('#15')).toMatchObject({ status: 'removed', to: [] });
    expect(report.comments.every((c) => c.next && c.next.version === 'v0.2')).toBe(true);
    expect(report.comments.filter((c) => c.next!.status === 'unchanged').every((c) => c.next!.to.length === 1)).toBe(true);
  });

  it('gives the version page its "N comments on this section" counts and links', () => {
    const counts = commentsBySection('v0.1', root);
    expect(counts.get('governance')).toEqual({ count: 6, url: '/feedback/v0.1/#matrix-governance' });
    expect([...counts.values()].reduce((n, c) => n + c.count, 0)).toBe(report.comments.length);
    expect(commentsBySection('v0.2', root).size).toBe(0);
  });
});

describe('writeFeedbackReport', () => {
  it('writes nothing when the report has not changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedback-'));
    try {
      expect(writeFeedbackReport(dir, report)).toBe(true);
      expect(writeFeedbackReport(dir, report)).toBe(false);
      expect(writeFeedbackReport(dir, { ...report, comments: report.comments.slice(1) })).toBe(true);
      expect(loadFeedbackReport(dir, 'v0.1')!.comments).toHaveLength(report.comments.length - 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the sample campaign on v0.1', () => {
  it('groups the six copies of one letter, names the group on each, and flags the two organisations that sent the same text', () => {
    expect(report.groups).toEqual([{ id: 'group-51', kind: 'near-duplicate', size: 6, representative: '#51', members: ['#51', '#52', '#53', '#54', '#55', '#56'] }]);
    expect(report.comments.filter((c) => c.group === 'group-51').map((c) => c.reference)).toEqual(['#51', '#52', '#53', '#54', '#55', '#56']);
    expect(report.flags).toEqual([{ kind: 'organisations', organisations: ['Parents for Safe Schools Belize', 'Toledo Youth Network'], group: 'group-51', references: ['#54', '#55'] }]);
  });
});
