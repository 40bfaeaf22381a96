import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../src/lib/diff/compare.ts';
import { paragraphLineage, type LineageStep } from '../../../src/lib/diff/lineage.ts';
import { matrixRows } from '../../../src/lib/feedback/matrix.ts';
import { paragraphFate, withParagraphFates } from '../../../src/lib/feedback/paragraph-fate.ts';
import type { FeedbackComment } from '../../../src/lib/feedback/schema.ts';
import { t } from '../../../src/lib/i18n/translate.ts';
import { section } from '../diff/fixtures.ts';

const A = 'The national cyber security council meets four times a year and reports to Cabinet.';
const B = 'A national CSIRT receives reports of incidents from every ministry and regulator.';
const C = 'Schools, businesses and citizens learn to recognise phishing, fraud and extortion online.';
const v1 = [section('governance', 'Governance', 1, `${A}\n\n${B}\n\n${C}`), section('funding', 'Funding', 2, 'The budget pays for it all, every single year.')];
// p1 rewritten in place (half its words gone), p2 edited, p3 unchanged; the funding section removed.
const v2 = [section('governance', 'Governance', 1, `The national cyber security council now reports monthly to the Prime Minister.\n\n${B.replace('every ministry', 'each ministry')}\n\n${C}`)];
const steps: LineageStep[] = [{ from: 'v1', to: 'v2', lineage: paragraphLineage(compareVersions(v1, v2)) }];

const on = (section: string, paragraph?: string) => ({ version: 'v1', section, ...(paragraph ? { paragraph } : {}) });

describe('where a comment’s paragraph went', () => {
  it('is unchanged, changed (with its new place), uncertain after a rewrite, or removed', () => {
    expect(paragraphFate(on('governance', 'p3'), steps)).toEqual({ version: 'v2', status: 'unchanged', to: ['governance-p3'], certain: true });
    expect(paragraphFate(on('governance', 'p2'), steps)).toEqual({ version: 'v2', status: 'changed', to: ['governance-p2'], certain: true });
    expect(paragraphFate(on('governance', 'p1'), steps)).toEqual({ version: 'v2', status: 'changed', to: ['governance-p1'], certain: false });
    expect(paragraphFate(on('funding', 'p1'), steps)).toEqual({ version: 'v2', status: 'removed', to: [], certain: true });
  });

  it('for a comment on a whole section, is that section’s', () => {
    expect(paragraphFate(on('governance'), steps)).toEqual({ version: 'v2', status: 'changed', to: ['governance'], certain: true });
    expect(paragraphFate(on('funding'), steps)).toEqual({ version: 'v2', status: 'removed', to: [], certain: true });
  });

  it('is "no next version yet" for the newest version', () => {
    expect(paragraphFate({ version: 'v2', section: 'governance', paragraph: 'p1' }, steps)).toEqual({ status: 'no-next-version', to: [], certain: true });
  });

  it('reads in the matrix with links to the new paragraphs, numbered as in the next version', () => {
    const comment: FeedbackComment = {
      reference: '#4', version: 'v1', section: 'governance', paragraph: 'p1', type: 'general', comment: 'Monthly, please.', sector: 'individual',
      channel: 'web', submittedAt: '2026-09-10T12:00:00Z', disposition: 'accepted', addressedIn: [],
    };
    const report = withParagraphFates({ version: 'v1', sources: ['sample'], lastActivityAt: null, comments: [comment], unreadable: [], groups: [], flags: [] }, steps);
    const [row] = matrixRows(report, { sections: v1, nextSections: v2, timeZone: 'America/Belize', t, siteUrl: 'https://ncss.example.gov.bz' });
    expect(row!.next).toEqual({
      key: 'changed',
      label: 'Changed in v2, so much that where it went is uncertain',
      certain: false,
      places: [{ label: 'section 1, paragraph 1', url: 'https://ncss.example.gov.bz/strategy/v2/#governance-p1' }],
    });
  });
});
