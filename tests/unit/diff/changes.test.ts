import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { changeId, changeLabel, changeQuote, compareVersions, parseChangeId, redlineSection, sectionChanges, sideBySideSection } from '../../../src/lib/diff/index.ts';
import { section } from './fixtures.ts';

function compareBodies(before: string, after: string) {
  return compareVersions([section('gov', 'Governance', 1, before)], [section('gov', 'Governance', 1, after)]).sections[0]!;
}

const P1 = 'The council meets every month in Belmopan and reports to the Minister.';
const P2 = 'Each ministry appoints an information security officer.';
const P3 = 'Operators report serious incidents within 72 hours.';
const P4 = 'The coordinator keeps the national risk register.';
const P5 = 'Regulators convene at least once a quarter.';

describe('sectionChanges', () => {
  it('numbers each change in reading order: a run of marked words, an inserted and a deleted paragraph', () => {
    const comparison = compareBodies(
      [P1, P2, P3].join('\n\n'),
      ['The council meets every quarter in Belmopan and reports to the Cabinet.', 'A new paragraph on budgets arrives here.', P2].join('\n\n'),
    );
    expect(sectionChanges(comparison)).toEqual([
      { n: 1, id: 'change-gov-1', row: 0, kind: 'words', paragraph: 1, before: 'month', after: 'quarter' },
      { n: 2, id: 'change-gov-2', row: 0, kind: 'words', paragraph: 1, before: 'Minister', after: 'Cabinet' },
      { n: 3, id: 'change-gov-3', row: 1, kind: 'inserted', paragraph: 2, before: '', after: 'A new paragraph on budgets arrives here.' },
      { n: 4, id: 'change-gov-4', row: 3, kind: 'deleted', before: P3, after: '' },
    ]);
  });

  it('makes each changed row of a table one change', () => {
    const comparison = compareBodies(
      '| Action | Lead |\n| - | - |\n| Set up the CSIRT | Ministry |\n| Train judges | Judiciary |',
      '| Action | Lead |\n| - | - |\n| Set up the CSIRT | Coordinator |\n| Adopt a baseline | BZ-CSIRT |\n| Train judges | Judiciary |',
    );
    expect(sectionChanges(comparison).map((c) => [c.kind, c.before, c.after])).toEqual([
      ['words', 'Set up the CSIRT Ministry', 'Set up the CSIRT Coordinator'],
      ['words', '', 'Adopt a baseline BZ-CSIRT'],
    ]);
  });
});

describe('numbered changes in the views', () => {
  const comparison = compareBodies([P1, P2, P3].join('\n\n'), ['The council meets every quarter in Belmopan and reports to the Minister.', P2].join('\n\n'));

  it('opens each change with its number, a link to its own anchor', () => {
    const html = toHtml(redlineSection(comparison, { changeNumbers: { section: 3 } }));
    expect(html).toContain(
      '<span class="redline-change" id="change-gov-1"><a class="change-ref" href="#change-gov-1"><span class="visually-hidden">Change </span>3.1</a><del>',
    );
    expect(html).toContain('<p class="redline-del" data-old-anchor="gov-p3"><span class="redline-change" id="change-gov-2"><a class="change-ref" href="#change-gov-2">');
    // Numbers are opt-in: without them the redline is as before.
    expect(toHtml(redlineSection(comparison))).not.toContain('change-ref');
  });

  it('puts what the page offers on a change after its paragraph, inside a list item', () => {
    const list = compareBodies('- Train staff.\n- Patch systems.', '- Train all staff.\n- Patch systems.');
    const actions = (changes: readonly { id: string }[]) => h('p', { className: ['change-actions'] }, changes.map((c) => c.id).join(' '));
    const html = toHtml(redlineSection(list, { changeActions: actions }));
    expect(html).toMatch(/^<ul><li class="redline-changed" id="gov-p1" data-old-anchor="gov-p1">Train <ins>.*<\/ins>staff\.<p class="change-actions">change-gov-1<\/p><\/li>/);
    const rows = sideBySideSection(list, { changeActions: actions, changeNumbers: {} });
    expect(rows.map((row) => row.actions && toHtml(row.actions))).toEqual(['<p class="change-actions">change-gov-1</p>', undefined]);
    // Side by side, the anchor goes with the new wording only.
    expect(toHtml(rows[0]!.after!)).toContain('id="change-gov-1"');
    expect(toHtml(rows[0]!.before!)).not.toContain('id="change-gov-1"');
  });

  it('leaves out unchanged paragraphs far from any change, linking to them in the full redline', () => {
    const long = compareBodies([P1, P2, P3, P4, P5].join('\n\n'), [P1, P2, P3, P4, 'Regulators convene at least once a month.'].join('\n\n'));
    const html = toHtml(redlineSection(long, { collapse: { context: 1, href: (anchor) => `/full/#${anchor}` } }));
    expect(html).toMatch(/^<p class="redline-collapsed"><a href="\/full\/#gov-p1">3 unchanged paragraphs left out: show them in the full redline<\/a><\/p><p id="gov-p4">/);
    expect(html).toContain('class="redline-changed" id="gov-p5"');
    expect(html).not.toContain('id="gov-p3"');
  });
});

describe('change references', () => {
  it('writes and reads change ids', () => {
    expect(changeId('incident-response', 4)).toBe('change-incident-response-4');
    expect(parseChangeId('change-incident-response-4')).toEqual({ section: 'incident-response', n: 4 });
    expect(parseChangeId('change-incident-response-0')).toBeNull();
    expect(parseChangeId('incident-response-p4')).toBeNull();
    expect(changeLabel(3, 4)).toBe('3.4');
    expect(changeLabel(undefined, 4)).toBe('4');
  });

  it('quotes the old and new wording, a dash for a side that is empty', () => {
    expect(changeQuote('month', 'quarter')).toBe('“month” → “quarter”');
    expect(changeQuote('', 'A new\n sentence.')).toBe('— → “A new sentence.”');
    expect(changeQuote('Gone.', '')).toBe('“Gone.” → —');
  });

  it('shortens a long quote in the middle of its longer side to fit the limit', () => {
    const quote = changeQuote('short', 'word '.repeat(400), 100);
    expect([...quote].length).toBeLessThanOrEqual(100);
    expect(quote).toMatch(/^“short” → “word word .*….* word”$/);
    const both = changeQuote('old '.repeat(300), 'new '.repeat(300), 1000);
    expect([...both].length).toBeLessThanOrEqual(1000);
    expect(both).toContain('…');
  });
});
