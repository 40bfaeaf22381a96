import { describe, expect, it } from 'vitest';
import { alignParagraphs, compareVersions, sectionBlocks } from '../../../src/lib/diff/index.ts';
import { section } from './fixtures.ts';

const P1 = 'The government will publish a national cyber security strategy every five years.';
const P2 = 'Each ministry appoints an information security officer.';
const P3 = 'Critical infrastructure operators report serious incidents within 72 hours.';
const P4 = 'The council reviews progress every year and publishes a report.';

function rows(before: string, after: string) {
  return alignParagraphs(sectionBlocks('s', before), sectionBlocks('s', after));
}

function compareBodies(before: string, after: string) {
  return compareVersions([section('s', 'S', 1, before)], [section('s', 'S', 1, after)]).sections[0]!;
}

describe('alignParagraphs', () => {
  it('keeps the paragraphs after an inserted one unchanged', () => {
    const inserted = 'A new agency for cyber security is created by law.';
    const result = rows([P1, P2, P3, P4].join('\n\n'), [P1, P2, inserted, P3, P4].join('\n\n'));
    expect(result.map((r) => r.kind)).toEqual(['unchanged', 'unchanged', 'inserted', 'unchanged', 'unchanged']);
    expect(result[2]!.after!.anchor).toBe('s-p3');
    // The old third paragraph is the new fourth: its anchor moves with it.
    expect([result[3]!.before!.anchor, result[3]!.after!.anchor]).toEqual(['s-p3', 's-p4']);
    expect(result[2]!.words).toEqual({ added: 10, removed: 0 });
  });

  it('reports a deleted paragraph as deleted and the rest as unchanged', () => {
    const result = rows([P1, P2, P3, P4].join('\n\n'), [P1, P3, P4].join('\n\n'));
    expect(result.map((r) => r.kind)).toEqual(['unchanged', 'deleted', 'unchanged', 'unchanged']);
    expect(result[1]!.before!.anchor).toBe('s-p2');
    expect(result[1]!.words).toEqual({ added: 0, removed: 7 });
  });

  it('pairs an edited paragraph with its old self as changed, next to an inserted one', () => {
    const edited = 'Each ministry and agency appoints an information security officer.';
    const inserted = 'Officers meet every quarter.';
    const result = rows([P1, P2, P3].join('\n\n'), [P1, inserted, edited, P3].join('\n\n'));
    expect(result.map((r) => r.kind)).toEqual(['unchanged', 'inserted', 'changed', 'unchanged']);
    expect(result[2]!.mode).toBe('words');
    expect(result[2]!.words).toEqual({ added: 2, removed: 0 });
  });

  it('treats a rewritten paragraph with few words in common as deleted and inserted', () => {
    const result = rows([P1, P2].join('\n\n'), [P1, 'Officers meet every quarter to share threat intelligence.'].join('\n\n'));
    expect(result.map((r) => r.kind)).toEqual(['unchanged', 'deleted', 'inserted']);
  });

  it('does not report re-wrapped lines, * versus _ or - versus * list markers as changes', () => {
    const before = [
      'The government will publish a *national* cyber security strategy every **five** years.',
      '- Each ministry appoints an officer.\n- Operators report incidents.',
    ].join('\n\n');
    const after = [
      'The government will publish a _national_ cyber\nsecurity strategy every __five__\nyears.',
      '* Each ministry appoints\n  an officer.\n\n* Operators report incidents.',
    ].join('\n\n');
    const comparison = compareBodies(before, after);
    expect(comparison.rows.map((r) => r.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(comparison.status).toBe('unchanged');
    expect(comparison.words).toEqual({ added: 0, removed: 0 });
  });

  it('reports a changed link target as a change even though the words are the same', () => {
    const comparison = compareBodies('See [the Act](https://example.org/act-2020).', 'See [the Act](https://example.org/act-2024).');
    expect(comparison.status).toBe('changed');
    expect(comparison.rows.map((r) => r.kind)).toEqual(['changed']);
  });

  it('reports a changed link definition as a change to the paragraph that uses it', () => {
    const comparison = compareBodies('See [the Act][act].\n\n[act]: https://example.org/old', 'See [the Act][act].\n\n[act]: https://example.org/new');
    expect(comparison.status).toBe('changed');
  });

  it('reports a changed footnote as a change to the paragraph citing it', () => {
    const comparison = compareBodies('Text with a note[^1].\n\n[^1]: The old note.', 'Text with a note[^1].\n\n[^1]: The new note.');
    expect(comparison.status).toBe('changed');
  });

  it('reports a bullet list that became numbered as a change', () => {
    expect(compareBodies('- one thing\n- another', '1. one thing\n2. another').status).toBe('changed');
  });

  it('treats each list item as its own paragraph', () => {
    const result = rows('- Train staff.\n- Patch systems.\n- Back up data.', '- Train staff.\n- Back up data.');
    expect(result.map((r) => [r.kind, (r.before ?? r.after)!.text])).toEqual([
      ['unchanged', 'Train staff.'],
      ['deleted', 'Patch systems.'],
      ['unchanged', 'Back up data.'],
    ]);
  });

  it('aligns headings inside the section without giving them paragraph anchors', () => {
    const result = rows(`## Aims\n\n${P1}`, `## Aims and scope\n\n${P1}`);
    expect(result.map((r) => [r.kind, r.after!.kind, r.after!.anchor])).toEqual([
      ['changed', 'heading', undefined],
      ['unchanged', 'paragraph', 's-p1'],
    ]);
  });
});
