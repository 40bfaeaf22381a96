/**
 * A comment on a change, from the fields `POST /api/comments` and the comment
 * page post to the feedback report: accepted by the intake, filed by the
 * dispatcher on the GitHub double, read back from the double and collated,
 * naming the same change at every step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createIntakeGuard } from '../../../src/lib/comments/guard.ts';
import { acceptComment, type CommentCatalog } from '../../../src/lib/comments/intake.ts';
import { parseIssueBody } from '../../../src/lib/comments/issue-body.ts';
import { collateFeedback } from '../../../src/lib/feedback/collate.ts';
import { matrixRows } from '../../../src/lib/feedback/matrix.ts';
import { fetchRepositorySnapshot } from '../../../src/lib/feedback/sources/github.ts';
import { t } from '../../../src/lib/i18n/translate.ts';
import { LOOKUP, VERSIONS } from '../../unit/feedback/helpers.ts';
import { startHarness, type Harness } from './harness.ts';

/** v0.2 open for comment, with the sections of the feedback tests' v0.2. */
const catalog: CommentCatalog = {
  isOpen: (version) => (version === 'v0.2' ? { open: true, reason: '' } : { open: false, reason: 'closed' }),
  sectionExists: (version, section) => version === 'v0.2' && VERSIONS[1]!.sections.some((s) => s.id === section),
  paragraphCount: (_, section) => VERSIONS[1]!.sections.find((s) => s.id === section)?.paragraphs ?? 0,
};

describe('a comment on a change', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('arrives as an issue that names the change, and the report lists it under that change', async () => {
    h = await startHarness();
    const guard = createIntakeGuard({ altchaHmacKey: 'test-hmac-key', addressSalt: 'test-salt' });
    // What the comparison page's "Comment on this change" link fills in, as the form posts it.
    const fields = {
      submissionId: '5d0c8a7e-2f4b-4c1d-9e3a-6b7c8d9e0f12',
      version: 'v0.2',
      section: 'governance',
      paragraph: 'p3',
      change: 'change-governance-4',
      quote: '“every month” → “every quarter”',
      type: 'technical',
      comment: 'Quarterly is too rare during an incident.',
      sector: 'civil-society',
    };
    const accepted = await acceptComment(fields, { outbox: h.outbox, catalog, guard, clientAddress: '203.0.113.7', now: new Date(h.clock.now) });
    expect(accepted).toMatchObject({ kind: 'accepted', duplicate: false });

    expect(await h.dispatcher.dispatchOnce()).toMatchObject({ created: 1, failed: 0 });
    const [issue] = h.gh.state.issues;
    expect(issue!.title).toBe('[v0.2 § governance ¶3, change 4] Quarterly is too rare during an incident.');
    expect(issue!.body).toContain('### Change\n\nchange-governance-4\n\n');
    expect(parseIssueBody(issue!.body!, { trustMarker: true })).toMatchObject({ section: 'governance', paragraph: 'p3', change: 'change-governance-4' });

    const { snapshot } = await fetchRepositorySnapshot({ github: h.github, filers: ['consulta-app[bot]'], cache: null });
    const { report, warnings } = collateFeedback({ version: 'v0.2', versions: VERSIONS, lookup: LOOKUP, sources: ['github'], snapshot });
    expect(warnings).toEqual([]);
    expect(report.comments).toMatchObject([{ reference: `#${issue!.number}`, channel: 'web', section: 'governance', change: 'change-governance-4' }]);
    const [row] = matrixRows(report, { sections: VERSIONS[1]!.sections, timeZone: 'America/Belize', t, previousVersion: 'v0.1' });
    expect(row!.change).toEqual({ id: 'change-governance-4', label: '1.4', n: 4, link: '/strategy/compare/v0.1...v0.2/#change-governance-4' });
  });
});
