import { describe, expect, it } from 'vitest';
import { compareVersions, summarise } from '../../../src/lib/diff/index.ts';
import { section, strategy } from './fixtures.ts';

/** The fixture strategy with one of everything: added, removed, re-titled, moved, changed, new id. */
function editedStrategy() {
  const orders: Record<string, number> = { introduction: 1, awareness: 2, vision: 3, governance: 4, csirt: 5 };
  return [
    ...strategy()
      .map((s) => (s.id === 'incident-response' ? { ...s, id: 'csirt' } : s))
      .map((s) => (s.id === 'vision' ? { ...s, title: 'Our vision' } : s))
      .map((s) => (s.id === 'governance' ? { ...s, body: 'A national cyber security council coordinates all ministries, agencies and regulators.' } : s))
      .map((s) => ({ ...s, order: orders[s.id]! })),
    section('skills', 'Skills', 6, 'Universities train analysts in forensic methods.'),
  ];
}

describe('compareVersions', () => {
  it('finds no changes when a version is compared with itself', () => {
    const comparison = compareVersions(strategy(), strategy());
    expect(comparison.sections.map((s) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(comparison.summary).toEqual({
      hasChanges: false,
      sections: { total: 5, added: 0, removed: 0, movedFrom: 0, changed: 0, retitled: 0, reordered: 0, unchanged: 5 },
      words: { added: 0, removed: 0 },
    });
    expect(comparison.sections.flatMap((s) => s.rows).every((r) => r.kind === 'unchanged')).toBe(true);
  });

  it('leaves a body that did not change unparsed until its rows are read', () => {
    const [unchanged] = compareVersions(strategy(), strategy()).sections;
    expect(typeof Object.getOwnPropertyDescriptor(unchanged, 'rows')?.get).toBe('function');
    expect(unchanged!.rows.map((r) => r.after!.anchor)).toEqual(['introduction-p1']);
  });

  it('counts each kind of change once', () => {
    const comparison = compareVersions(strategy(), editedStrategy());
    expect(comparison.summary.sections).toEqual({ total: 6, added: 1, removed: 0, movedFrom: 1, changed: 1, retitled: 1, reordered: 1, unchanged: 1 });
    expect(comparison.summary.hasChanges).toBe(true);
  });

  it('counts words from the word diff and whole added sections', () => {
    const comparison = compareVersions(strategy(), editedStrategy());
    const governance = comparison.sections.find((s) => s.id === 'governance')!;
    expect(governance.words).toEqual({ added: 2, removed: 0 }); // "all", "agencies"
    const skills = comparison.sections.find((s) => s.id === 'skills')!;
    expect(skills.words).toEqual({ added: 6, removed: 0 });
    expect(comparison.summary.words).toEqual({ added: 8, removed: 0 });
  });

  it('counts the words of a removed section as removed', () => {
    const comparison = compareVersions(strategy(), strategy().filter((s) => s.id !== 'awareness'));
    expect(comparison.summary.words).toEqual({ added: 0, removed: 10 });
  });

  it('finds text changes in a section that moved to a new id', () => {
    const from = strategy();
    const to = strategy().map((s) => (s.id === 'vision' ? { ...s, id: 'our-vision', body: `${s.body.slice(0, -1)} and visitor.` } : s));
    const moved = compareVersions(from, to).sections.find((s) => s.id === 'our-vision')!;
    expect([moved.status, moved.movedFrom, moved.textChanged]).toEqual(['moved-from', 'vision', true]);
    expect(moved.words).toEqual({ added: 2, removed: 0 });
    expect(moved.rows[0]!.before!.anchor).toBe('vision-p1');
    expect(moved.rows[0]!.after!.anchor).toBe('our-vision-p1');
  });

  it('summarise agrees with the statuses it is given', () => {
    const { sections } = compareVersions(strategy(), editedStrategy());
    expect(summarise(sections.filter((s) => s.status === 'added')).sections).toMatchObject({ total: 1, added: 1, unchanged: 0 });
  });
});
