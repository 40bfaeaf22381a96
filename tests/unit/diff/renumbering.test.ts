import { describe, expect, it } from 'vitest';
import { compareVersions, renumbering } from '../../../src/lib/diff/index.ts';
import { section, strategy } from './fixtures.ts';

describe('renumbering', () => {
  it('says once that the sections after an inserted one moved up by one', () => {
    const before = strategy();
    const after = [...before.slice(0, 2), section('privacy', 'Privacy', 2.5, 'Personal data is protected by law and by design.'), ...before.slice(2)];
    const result = renumbering(compareVersions(before, after));
    expect(result.sections).toEqual([{ from: [3, 5], to: [4, 6] }]);
    expect(result.lists).toEqual([]);
  });

  it('leaves out a moved section, which is reported as moved', () => {
    const before = strategy();
    const after = before.map((s) => (s.id === 'introduction' ? { ...s, order: 9 } : s));
    const comparison = compareVersions(before, after);
    expect(comparison.sections.find((s) => s.id === 'introduction')!.reordered).toBe(true);
    expect(renumbering(comparison).sections).toEqual([{ from: [2, 5], to: [1, 4] }]);
  });

  it('reports numbered list items that moved because an item was inserted before them', () => {
    const before = [section('plan', 'Plan', 1, '1. Identify assets.\n2. Protect them.\n3. Detect attacks.\n4. Recover.')];
    const after = [section('plan', 'Plan', 1, '1. Identify assets.\n2. Train staff.\n3. Protect them.\n4. Detect attacks.\n5. Recover.')];
    expect(renumbering(compareVersions(before, after)).lists).toEqual([{ section: 'plan', ranges: [{ from: [2, 4], to: [3, 5] }] }]);
  });

  it('lists the places in the new text that cite a renumbered section by number', () => {
    const before = strategy();
    const cited = section('awareness', 'Awareness', 5, 'Schools teach children to spot phishing.\n\nThe CSIRT (see section 4 and 5) runs the campaign; section 1 sets its aims.');
    const after = [...before.slice(0, 2), section('privacy', 'Privacy', 2.5, 'Personal data is protected by law and by design.'), ...before.slice(2, 4), cited];
    const result = renumbering(compareVersions(before, after));
    expect(result.crossReferences).toEqual([
      {
        section: 'awareness',
        anchor: 'awareness-p2',
        text: 'section 4 and 5',
        numbers: [
          { n: 4, before: 'Incident response', after: 'Governance' },
          { n: 5, before: 'Awareness', after: 'Incident response' },
        ],
      },
    ]);
  });

  it('finds nothing to say when no number changed', () => {
    const before = strategy();
    const after = before.map((s) => (s.id === 'vision' ? { ...s, body: `${s.body} Section 2 applies.` } : s));
    expect(renumbering(compareVersions(before, after))).toEqual({ sections: [], lists: [], crossReferences: [] });
  });
});
