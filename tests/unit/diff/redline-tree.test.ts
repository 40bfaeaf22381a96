import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { cleanSection, compareVersions, redlineSection, redlineTitle, sideBySideSection } from '../../../src/lib/diff/index.ts';
import { elements, section, tagNames } from './fixtures.ts';

function compareBodies(before: string, after: string, titles: [string, string] = ['S', 'S']) {
  return compareVersions([section('s', titles[0], 1, before)], [section('s', titles[1], 1, after)]).sections[0]!;
}

const hidden = (text: string) => `<span class="visually-hidden">${text}</span>`;
/** HTML without the newlines mdast-util-to-hast puts between table rows and cells. */
const flat = (tree: Parameters<typeof toHtml>[0]) => toHtml(tree).replace(/\n/g, '');

describe('redlineSection', () => {
  it('marks exactly the words that changed inside a paragraph', () => {
    const comparison = compareBodies('The council meets every month in Belmopan and reports.', 'The council meets every quarter in Belmopan and reports.');
    expect(toHtml(redlineSection(comparison))).toBe(
      '<p class="redline-changed" id="s-p1" data-old-anchor="s-p1">The council meets every ' +
        `<del>${hidden('deleted: ')}month</del><ins>${hidden('inserted: ')}quarter</ins> in Belmopan and reports.</p>`,
    );
    expect(comparison.words).toEqual({ added: 1, removed: 1 });
  });

  it('absorbs a word left alone between two changes into one change (semantic clean-up)', () => {
    const comparison = compareBodies('The council meets every month in Belmopan.', 'The council meets every quarter in Belize City.');
    expect(toHtml(redlineSection(comparison))).toBe(
      '<p class="redline-changed" id="s-p1" data-old-anchor="s-p1">The council meets every ' +
        `<del>${hidden('deleted: ')}month in Belmopan</del><ins>${hidden('inserted: ')}quarter in Belize City</ins>.</p>`,
    );
    expect(comparison.words).toEqual({ added: 4, removed: 3 });
  });

  it('shows a sentence whose words mostly changed deleted whole and inserted whole, and leaves its neighbours alone', () => {
    const comparison = compareBodies(
      'The council meets twice a year. Its members are named by the Minister for a term of three years. It publishes its minutes.',
      'The council meets twice a year. Each sector nominates one of the members, who serve for four years. It publishes its minutes.',
    );
    expect(toHtml(redlineSection(comparison))).toBe(
      '<p class="redline-changed" id="s-p1" data-old-anchor="s-p1">The council meets twice a year. ' +
        `<del>${hidden('deleted: ')}Its members are named by the Minister for a term of three years.</del>` +
        `<ins>${hidden('inserted: ')}Each sector nominates one of the members, who serve for four years.</ins> It publishes its minutes.</p>`,
    );
  });

  it('joins changes separated only by a space into one deletion and one insertion', () => {
    const comparison = compareBodies('The council meets twice a year.', 'The council meets three times a year.');
    expect(toHtml(redlineSection(comparison))).toContain(
      `meets <del>${hidden('deleted: ')}twice</del><ins>${hidden('inserted: ')}three times</ins> a year.`,
    );
    expect(comparison.words).toEqual({ added: 2, removed: 1 });
  });

  it('keeps emphasis and links around the words it marks', () => {
    const comparison = compareBodies(
      'Operators **must report** incidents to the [CSIRT](https://csirt.example).',
      'Operators **must promptly report** serious incidents to the [CSIRT](https://csirt.example).',
    );
    const html = toHtml(redlineSection(comparison));
    expect(html).toContain(`<strong>must </strong><ins>${hidden('inserted: ')}<strong>promptly </strong></ins><strong>report</strong>`);
    expect(html).toContain(`<ins>${hidden('inserted: ')}serious </ins>incidents`);
    expect(html).toContain('<a href="https://csirt.example">CSIRT</a>');
  });

  it('shows a changed link target as the old link deleted and the new one inserted', () => {
    const comparison = compareBodies('See [the Act](https://example.org/2020) now.', 'See [the Act](https://example.org/2024) now.');
    expect(toHtml(redlineSection(comparison))).toBe(
      '<p class="redline-changed" id="s-p1" data-old-anchor="s-p1">See ' +
        `<del>${hidden('deleted: ')}<a href="https://example.org/2020">the Act</a></del>` +
        `<ins>${hidden('inserted: ')}<a href="https://example.org/2024">the Act</a></ins> now.</p>`,
    );
    expect(comparison.words).toEqual({ added: 0, removed: 0 });
  });

  it('marks whole inserted and deleted paragraphs as blocks with a hidden paragraph label', () => {
    const comparison = compareBodies('Kept paragraph.\n\nThe old paragraph goes.', 'Kept paragraph.\n\nBrand new text arrives here.');
    expect(toHtml(redlineSection(comparison))).toBe(
      '<p id="s-p1">Kept paragraph.</p>' +
        `<p class="redline-del" data-old-anchor="s-p2"><del>${hidden('Paragraph deleted: ')}The old paragraph goes.</del></p>` +
        `<p class="redline-ins" id="s-p2"><ins>${hidden('Paragraph inserted: ')}Brand new text arrives here.</ins></p>`,
    );
  });

  it('keeps lists, tables and links as lists, tables and links', () => {
    const before = [
      'Read the [policy](https://example.org/policy).',
      '1. Identify assets.\n2. Protect them.\n3. Recover.',
      '| Agency | Role |\n| --- | --- |\n| CSIRT | Response |',
    ].join('\n\n');
    const after = [
      'Read the [policy](https://example.org/policy) first.',
      '1. Identify critical assets.\n2. Protect them.\n3. Detect attacks.\n4. Recover.',
      '| Agency | Role |\n| --- | --- |\n| CSIRT | Incident response |',
    ].join('\n\n');
    const tree = redlineSection(compareBodies(before, after));
    const names = tagNames(tree);
    for (const name of ['a', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'td', 'ins', 'del']) expect(names).toContain(name);
    // All four items (one changed, one inserted) sit in one numbered list, numbered as in the new text.
    const [list] = elements(tree, 'ol');
    const items = list!.children.filter((c) => c.type === 'element');
    expect(items.map((li) => [li.properties.id, li.properties.value])).toEqual([
      ['s-p2', '1'],
      ['s-p3', '2'],
      ['s-p4', '3'],
      ['s-p5', '4'],
    ]);
    expect(elements(tree, 'ul')).toHaveLength(0);
  });

  it('puts a deleted list item inside its list, carrying its old anchor', () => {
    const tree = redlineSection(compareBodies('- Train staff.\n- Patch systems.\n- Back up data.', '- Train staff.\n- Back up data.'));
    expect(tagNames(tree).filter((n) => n === 'ul')).toHaveLength(1);
    const deleted = elements(tree, 'li').find((li) => li.properties.dataOldAnchor === 's-p2')!;
    expect(toHtml(deleted)).toBe(`<li class="redline-del" data-old-anchor="s-p2"><del>${hidden('Paragraph deleted: ')}Patch systems.</del></li>`);
  });

  it('puts hidden labels inside every ins and del', () => {
    const comparison = compareBodies('One two three.\n\nGone entirely now.\n\n## Old heading', 'One four three.\n\n## New heading\n\nAll new words.');
    const tree = redlineSection(comparison);
    const marks = [...elements(tree, 'ins'), ...elements(tree, 'del')];
    expect(marks.length).toBeGreaterThanOrEqual(4);
    for (const mark of marks) {
      const first = mark.children[0];
      expect(first?.type === 'element' && first.tagName === 'span' && first.properties.className).toEqual(['visually-hidden']);
    }
  });

  it('shows a changed heading inside the section, one level below the section title', () => {
    const html = toHtml(redlineSection(compareBodies('## Aims\n\nText stays.', '## Aims and scope\n\nText stays.')));
    expect(html).toContain(`<h3 class="redline-changed">Aims<ins>${hidden('inserted: ')} and scope</ins></h3>`);
    expect(html).toContain('<p id="s-p1">Text stays.</p>');
  });

  it('takes the hidden words from the labels option', () => {
    const comparison = compareBodies('Uno dos.\n\nTres.', 'Uno cuatro.');
    const html = toHtml(redlineSection(comparison, { labels: { inserted: 'insertado: ', deleted: 'eliminado: ', paragraphDeleted: 'Párrafo eliminado: ' } }));
    expect(html).toContain(hidden('insertado: '));
    expect(html).toContain(hidden('eliminado: '));
    expect(html).toContain(hidden('Párrafo eliminado: '));
    expect(html).not.toContain('inserted: ');
  });

  it('marks a changed table cell by cell when its columns stay the same', () => {
    const comparison = compareBodies('| A | B |\n| - | - |\n| 1 | 2 |\n| 4 | 5 |', '| A | B |\n| - | - |\n| 1 | 3 |\n| 4 | 5 |');
    const html = flat(redlineSection(comparison));
    expect(html).toMatch(/^<table class="redline-changed" id="s-p1" data-old-anchor="s-p1">/);
    expect(html).toContain(`<td>1</td><td><del>${hidden('deleted: ')}2</del><ins>${hidden('inserted: ')}3</ins></td>`);
    // Unchanged rows and cells carry no mark.
    expect(html).toContain('<tr><td>4</td><td>5</td></tr>');
    expect(html.match(/<(ins|del)>/g)).toHaveLength(2);
    expect(comparison.words).toEqual({ added: 1, removed: 1 });
  });

  it('marks an inserted table row in each of its cells and leaves the other rows alone', () => {
    const comparison = compareBodies(
      '| Action | Lead |\n| - | - |\n| Set up the CSIRT | Ministry |\n| Train judges | Judiciary |',
      '| Action | Lead |\n| - | - |\n| Set up the CSIRT | Ministry |\n| Adopt a baseline | BZ-CSIRT |\n| Train judges | Judiciary |',
    );
    const html = flat(redlineSection(comparison));
    expect(html).toContain(`<tr><td><ins>${hidden('inserted: ')}Adopt a baseline</ins></td><td><ins>${hidden('inserted: ')}BZ-CSIRT</ins></td></tr>`);
    expect(html).toContain('<tr><td>Set up the CSIRT</td><td>Ministry</td></tr>');
    expect(html).toContain('<tr><td>Train judges</td><td>Judiciary</td></tr>');
    expect(html).not.toContain('redline-replaced');
  });

  it('pairs an edited row with its old form, not with a row inserted before it', () => {
    const comparison = compareBodies(
      '| Action | When |\n| - | - |\n| Train the judges on cybercrime | 2027 |',
      '| Action | When |\n| - | - |\n| Publish the baseline | 2026 |\n| Train the judges on cybercrime law | 2027 |',
    );
    const html = flat(redlineSection(comparison));
    expect(html).toContain(`<td><ins>${hidden('inserted: ')}Publish the baseline</ins></td>`);
    expect(html).toContain(`<td>Train the judges on cybercrime<ins>${hidden('inserted: ')} law</ins></td><td>2027</td>`);
  });

  it('deletes and inserts a table as wholes when its columns change', () => {
    const comparison = compareBodies('| A | B |\n| - | - |\n| 1 | 2 |', '| A | B | C |\n| - | - | - |\n| 1 | 2 | 3 |');
    const tree = redlineSection(comparison);
    expect(elements(elements(tree, 'del')[0]!, 'table')).toHaveLength(1);
    expect(elements(elements(tree, 'ins')[0]!, 'table')).toHaveLength(1);
    expect(toHtml(tree)).toContain('<div class="redline-ins redline-replaced" id="s-p1"><ins><span class="visually-hidden">Paragraph after the change: </span><table>');
  });

  it('shows a changed table side by side with deletions on the left and insertions on the right', () => {
    const comparison = compareBodies('| A | B |\n| - | - |\n| 1 | 2 |\n| 7 | 8 |', '| A | B |\n| - | - |\n| 1 | 3 |');
    const [row] = sideBySideSection(comparison);
    const before = flat(row!.before!);
    const after = flat(row!.after!);
    expect(before).toContain(`<td><del>${hidden('deleted: ')}2</del></td>`);
    expect(before).toContain(`<tr><td><del>${hidden('deleted: ')}7</del></td><td><del>${hidden('deleted: ')}8</del></td></tr>`);
    expect(before).not.toContain('<ins>');
    expect(after).toContain(`<td><ins>${hidden('inserted: ')}3</ins></td>`);
    expect(after).not.toContain('<del>');
    expect(after).not.toContain('7');
  });

  it('shows a footnote as its note, inline, and marks the words changed inside it', () => {
    const comparison = compareBodies('Report incidents promptly.[^t]\n\n[^t]: Within 72 hours.', 'Report incidents promptly.[^t]\n\n[^t]: Within 24 hours.');
    const html = toHtml(redlineSection(comparison));
    expect(html).toBe(
      '<p class="redline-changed" id="s-p1" data-old-anchor="s-p1">Report incidents promptly.<span class="redline-note"> [Within </span>' +
        `<del>${hidden('deleted: ')}<span class="redline-note">72</span></del><ins>${hidden('inserted: ')}<span class="redline-note">24</span></ins>` +
        '<span class="redline-note"> hours.]</span></p>',
    );
    expect(comparison.words).toEqual({ added: 1, removed: 1 });
    // No link to a footnote list the comparison page does not have.
    expect(html).not.toContain('href="#');
  });

  it('counts an added footnote as the words of its note', () => {
    const comparison = compareBodies('Report incidents promptly.', 'Report incidents promptly.[^t]\n\n[^t]: Within 24 hours.');
    const html = toHtml(redlineSection(comparison));
    expect(html).toContain(`<ins>${hidden('inserted: ')}<span class="redline-note"> [Within 24 hours.]</span></ins>`);
    expect(comparison.words).toEqual({ added: 3, removed: 0 });
  });

  it('renders a registered component as the reading page does', () => {
    const comparison = compareBodies('Intro.', 'Intro.\n\n<Callout title="Note">\n\nMind the gap.\n\n</Callout>');
    const html = toHtml(redlineSection(comparison));
    expect(html).toContain('<div class="redline-ins" id="s-p2"><ins><span class="visually-hidden">Paragraph inserted: </span><aside class="callout"><p class="callout-title">Note</p><p>Mind the gap.</p></aside></ins></div>');
  });

  it('renders an unknown component as a block naming it', () => {
    const comparison = compareBodies('Intro.', 'Intro.\n\n<Chart kind="bar">\n\nData.\n\n</Chart>');
    expect(toHtml(redlineSection(comparison))).toContain('<div data-component="Chart">');
  });
});

describe('redlineTitle', () => {
  it('marks the words of a changed title', () => {
    const comparison = compareBodies('Same.', 'Same.', ['Incident response', 'Incident response and recovery']);
    expect(toHtml({ type: 'root', children: redlineTitle(comparison) })).toBe(`Incident response<ins>${hidden('inserted: ')} and recovery</ins>`);
  });
});

describe('cleanSection', () => {
  it('renders the new text without marks, every paragraph with its anchor', () => {
    const comparison = compareBodies('First.\n\n- a thing\n- another thing', 'First, changed.\n\n- a thing\n- another thing\n- a third');
    expect(toHtml(cleanSection(comparison))).toBe(
      '<p id="s-p1">First, changed.</p><ul><li id="s-p2">a thing</li><li id="s-p3">another thing</li><li id="s-p4">a third</li></ul>',
    );
  });

  it('renders a section whose body did not change, parsing it only when asked', () => {
    const comparison = compareBodies('Unchanged *text*.', 'Unchanged *text*.');
    expect(toHtml(cleanSection(comparison))).toBe('<p id="s-p1">Unchanged <em>text</em>.</p>');
  });
});

describe('sideBySideSection', () => {
  it('aligns old and new paragraphs in rows, deletions on the left and insertions on the right', () => {
    const comparison = compareBodies('Kept.\n\nThe council meets monthly.\n\nDropped text.', 'Kept.\n\nThe council meets quarterly.');
    const rows = sideBySideSection(comparison);
    expect(rows.map((r) => [r.kind, Boolean(r.before), Boolean(r.after)])).toEqual([
      ['unchanged', true, true],
      ['changed', true, true],
      ['deleted', true, false],
    ]);
    expect(toHtml(rows[1]!.before!)).toBe(`<p data-old-anchor="s-p2">The council meets <del>${hidden('deleted: ')}monthly</del>.</p>`);
    expect(toHtml(rows[1]!.after!)).toBe(`<p id="s-p2">The council meets <ins>${hidden('inserted: ')}quarterly</ins>.</p>`);
  });

  it('wraps a list item cell in a one-item list so each cell is valid HTML', () => {
    const rows = sideBySideSection(compareBodies('3. Patch systems.', '3. Patch all systems.'));
    expect(rows[0]!.after!.tagName).toBe('ol');
    expect(rows[0]!.after!.properties.start).toBe(3);
  });
});
