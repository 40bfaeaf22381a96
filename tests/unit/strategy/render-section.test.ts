import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import remarkGfmSubset from '../../../src/lib/strategy/gfm-subset.ts';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/lib/strategy/content-error.ts';
import { citableParagraphs, parseParagraphRef, parseSectionBody } from '../../../src/lib/strategy/paragraphs.ts';
import { renderSection } from '../../../src/lib/strategy/render-section.ts';

const body = `First paragraph.

## A heading

- item one
- item two

| a | b |
|---|---|
| 1 | 2 |

<Callout title="Key commitment">
Belize will act.
</Callout>

Last paragraph with a [link](https://example.org).
`;

describe('paragraph ids', () => {
  it('numbers paragraphs, list items, tables and components in document order, skipping headings', () => {
    const paragraphs = citableParagraphs('governance', parseSectionBody(body));
    expect(paragraphs.map((p) => [p.anchor, p.text])).toEqual([
      ['governance-p1', 'First paragraph.'],
      ['governance-p2', 'item one'],
      ['governance-p3', 'item two'],
      ['governance-p4', 'ab12'],
      ['governance-p5', 'Belize will act.'],
      ['governance-p6', 'Last paragraph with a link.'],
    ]);
  });

  it('gives the same ids whatever the line wrapping', () => {
    const wrapped = citableParagraphs('s', parseSectionBody('One\nsentence.\n\nTwo.\n'));
    const flat = citableParagraphs('s', parseSectionBody('One sentence.\n\nTwo.\n'));
    expect(wrapped.map((p) => [p.anchor, p.text])).toEqual(flat.map((p) => [p.anchor, p.text]));
  });

  it('reads paragraph references', () => {
    expect(parseParagraphRef('p12')).toBe(12);
    expect(parseParagraphRef('3')).toBe(3);
    expect(parseParagraphRef('p0')).toBeNull();
    expect(parseParagraphRef('x1')).toBeNull();
  });
});

describe('renderSection', () => {
  const { html } = renderSection('governance', body, 'content/x.mdx');

  it('puts each paragraph anchor on its element with a visible link to itself', () => {
    for (let n = 1; n <= 6; n++) expect(html).toContain(`href="#governance-p${n}"`);
    expect(html).toMatch(/<p id="governance-p1" class="para"><a class="para-ref" href="#governance-p1" data-pagefind-ignore="">/);
    expect(html).toMatch(/<li id="governance-p2" class="para">/);
    expect(html).toMatch(/<div id="governance-p4" class="para para-table">/);
  });

  it('renders the Callout component and demotes body headings below the section title', () => {
    expect(html).toMatch(/<aside class="callout para" id="governance-p5">/);
    expect(html).toContain('<h3 id="governance-a-heading">A heading</h3>');
  });

  it('marks external links noopener', () => {
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('rejects raw HTML, which MDX reads as an unregistered component', () => {
    expect(() => renderSection('s', 'Text <b onclick="x()">bold</b> here.\n', 'f.mdx')).toThrow(/f\.mdx: uses an inline component <b>/);
  });

  it('rejects unknown components, imports and expressions, naming the file and line', () => {
    try {
      renderSection('s', 'import X from "y"\n\n<Chart />\n\n{1 + 1}\n', 'content/strategy/draft/10-s.mdx');
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      const e = error as ContentError;
      expect(e.file).toBe('content/strategy/draft/10-s.mdx');
      expect(e.problems).toEqual([
        expect.stringMatching(/import\/export \(line 1\)/),
        expect.stringMatching(/unknown component <Chart> \(line 3\)/),
        expect.stringMatching(/expression \(line 5\)/),
      ]);
    }
  });
});

describe('parsing with and without the GFM extensions', () => {
  it('gives the same tree for a body without table, strikethrough or footnote markers either way', () => {
    const body = 'A *paragraph* with a [link](/x).\n\n- one\n- two\n\n<Callout title="T">\nText.\n</Callout>\n';
    const full = unified().use(remarkParse).use(remarkGfmSubset).use(remarkMdx).parse(body);
    expect(parseSectionBody(body)).toEqual(full);
  });

  it('still reads tables, strikethrough and footnotes', () => {
    const root = parseSectionBody('| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: A note.\n');
    expect(root.children.map((n) => n.type)).toEqual(['table', 'paragraph', 'footnoteDefinition']);
  });
});
