import { describe, expect, it } from 'vitest';
import { alignSections, compareVersions } from '../../../src/lib/diff/index.ts';
import { section, strategy } from './fixtures.ts';

describe('alignSections', () => {
  it('recognises a re-titled section as re-titled, not as removed and added', () => {
    const from = strategy();
    const to = strategy().map((s) => (s.id === 'governance' ? { ...s, title: 'Governance and coordination' } : s));
    const aligned = alignSections(from, to);
    expect(aligned.map((a) => a.kind)).toEqual(['matched', 'matched', 'matched', 'matched', 'matched']);
    const governance = compareVersions(from, to).sections.find((s) => s.id === 'governance')!;
    expect(governance.status).toBe('unchanged');
    expect(governance.retitled).toEqual({ from: 'Governance', to: 'Governance and coordination' });
    expect(governance.reordered).toBe(false);
  });

  it('when two neighbours swap, names the one whose order the editor changed as moved', () => {
    const from = strategy();
    for (const moved of ['governance', 'incident-response']) {
      const to = strategy().map((s) => (s.id === moved ? { ...s, order: moved === 'governance' ? 4.5 : 2.5 } : s)).sort((a, b) => a.order - b.order);
      expect(alignSections(from, to).filter((a) => a.reordered).map((a) => a.after!.id)).toEqual([moved]);
    }
  });

  it('reports one moved section as one move, not a move of every section after it', () => {
    const from = strategy();
    // Awareness moves from last to second: every section after it is re-numbered.
    const orders: Record<string, number> = { introduction: 1, awareness: 2, vision: 3, governance: 4, 'incident-response': 5 };
    const to = strategy().map((s) => ({ ...s, order: orders[s.id]! }));
    const aligned = alignSections(from, to);
    expect(aligned.map((a) => a.after!.id)).toEqual(['introduction', 'awareness', 'vision', 'governance', 'incident-response']);
    expect(aligned.filter((a) => a.reordered).map((a) => a.after!.id)).toEqual(['awareness']);
    expect(compareVersions(from, to).summary.sections.reordered).toBe(1);
  });

  it('does not call re-numbering a move when the relative order stays', () => {
    const from = strategy();
    const to = strategy().map((s) => ({ ...s, order: s.order * 10 }));
    expect(alignSections(from, to).some((a) => a.reordered)).toBe(false);
  });

  it('recognises a section whose text reappears under a new id as moved from the old id', () => {
    const from = strategy();
    const to = strategy().map((s) => (s.id === 'incident-response' ? { ...s, id: 'csirt' } : s));
    const comparison = compareVersions(from, to);
    const csirt = comparison.sections.find((s) => s.id === 'csirt')!;
    expect(csirt.status).toBe('moved-from');
    expect(csirt.movedFrom).toBe('incident-response');
    expect(csirt.textChanged).toBe(false);
    expect(comparison.sections.map((s) => s.status)).not.toContain('added');
    expect(comparison.sections.map((s) => s.status)).not.toContain('removed');
    expect(comparison.summary.sections.movedFrom).toBe(1);
  });

  it('keeps a new id with different text as added and the old one as removed', () => {
    const from = strategy();
    const to = [...strategy().filter((s) => s.id !== 'awareness'), section('skills', 'Skills', 6, 'Universities train analysts in forensic methods.')];
    const comparison = compareVersions(from, to);
    expect(comparison.sections.map((s) => [s.id, s.status])).toEqual([
      ['introduction', 'unchanged'],
      ['vision', 'unchanged'],
      ['governance', 'unchanged'],
      ['incident-response', 'unchanged'],
      ['awareness', 'removed'],
      ['skills', 'added'],
    ]);
    expect(comparison.summary.sections).toMatchObject({ added: 1, removed: 1, unchanged: 4 });
  });

  it('puts a removed section where it stood, after its old predecessor', () => {
    const from = strategy();
    const to = strategy().filter((s) => s.id !== 'vision');
    expect(alignSections(from, to).map((a) => `${a.kind}:${(a.after ?? a.before)!.id}`)).toEqual([
      'matched:introduction',
      'removed:vision',
      'matched:governance',
      'matched:incident-response',
      'matched:awareness',
    ]);
  });
});
