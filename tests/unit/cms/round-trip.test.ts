import { diffLines } from 'diff';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { markdownFrontmatter } from '../../../src/lib/cms/file-format.ts';
import { keepUntouchedBlocks } from '../../../src/lib/cms/minimal-edit.ts';
import { loadDecapMarkdown, type DecapMarkdown, type SlateNode } from './decap-markdown.ts';

const SECTION_DIRS = ['content/strategy/draft', ...readdirSync('content/strategy/versions').map((v) => `content/strategy/versions/${v}`)];
const sections = SECTION_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => ({ file: join(dir, f), body: markdownFrontmatter.fromFile(readFileSync(join(dir, f), 'utf8')).body ?? '' })),
);

let decap: DecapMarkdown;
beforeAll(async () => {
  decap = await loadDecapMarkdown();
}, 60_000);

/** What Decap's rich-text editor hands to preSave after the editor's change (or none). */
function throughDecap(body: string, edit?: (nodes: SlateNode[]) => void): string {
  const nodes = decap.markdownToSlate(body);
  edit?.(nodes);
  return decap.slateToMarkdown(nodes);
}

/** The first text leaf under `node` whose text contains `needle`. */
function findText(nodes: SlateNode[], predicate: (n: SlateNode) => boolean): SlateNode | undefined {
  for (const node of nodes) {
    if (typeof node.text === 'string' && predicate(node)) return node;
    const found = node.children && findText(node.children, predicate);
    if (found) return found;
  }
  return undefined;
}

function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

describe('section bodies through Decap CMS', () => {
  it('loads every sample section', () => {
    expect(sections.length).toBeGreaterThanOrEqual(20);
    expect(sections.every((s) => s.body.length > 100)).toBe(true);
  });

  it('registers every component the strategy uses, so Decap parses it as an editor component', () => {
    const used = sections.filter((s) => s.body.includes('<Callout'));
    expect(used.length).toBeGreaterThan(0);
    for (const { body } of used) {
      const shortcodes = JSON.stringify(decap.markdownToSlate(body)).match(/"shortcode":"Callout"/g) ?? [];
      expect(shortcodes.length).toBe(body.match(/<Callout /g)!.length);
    }
  });

  it.each(sections.map((s) => [s.file, s.body]))('keeps %s byte for byte when saved without edits', (_file, body) => {
    const saved = keepUntouchedBlocks(body, throughDecap(body));
    expect(saved).toBe(body);
  });

  it.each(sections.map((s) => [s.file, s.body]))('changes only the edited sentence of a paragraph in %s', (_file, body) => {
    const saved = keepUntouchedBlocks(
      body,
      throughDecap(body, (nodes) => {
        const paragraph = nodes.find((n) => n.type === 'paragraph' && findText([n], (t) => t.text!.includes('. ')));
        const leaf = paragraph && findText([paragraph], (t) => t.text!.includes('. '));
        leaf!.text = leaf!.text!.replace('. ', '. An inserted sentence. ');
      }),
    );
    const { removed, added } = changedLines(body, saved);
    expect(removed).toHaveLength(1);
    expect(added).toEqual([removed[0]!.replace('. ', '. An inserted sentence. ')]);
  });

  it.each(sections.filter((s) => /^- /m.test(s.body)).map((s) => [s.file, s.body]))('changes only the edited list item in %s', (_file, body) => {
    const saved = keepUntouchedBlocks(
      body,
      throughDecap(body, (nodes) => {
        const list = nodes.find((n) => n.type === 'bulleted-list')!;
        const leaf = findText([list.children!.at(-1)!], (t) => t.text!.length > 10)!;
        leaf.text = `${leaf.text} (amended)`;
      }),
    );
    const { removed, added } = changedLines(body, saved);
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatch(/^- /);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^- .*\(amended\)/);
  });

  it.each(sections.filter((s) => s.body.includes('<Callout')).map((s) => [s.file, s.body]))('changes only the edited text inside a Callout in %s', (_file, body) => {
    const saved = keepUntouchedBlocks(
      body,
      throughDecap(body, (nodes) => {
        const callout = nodes.find((n) => n.type === 'shortcode')!;
        const data = callout.data as { shortcodeData: { body: string } };
        data.shortcodeData = { ...data.shortcodeData, body: data.shortcodeData.body.replace(/\.$/, ', and say so.') };
      }),
    );
    const { removed, added } = changedLines(body, saved);
    expect(removed).toHaveLength(1);
    expect(added).toEqual([removed[0]!.replace(/\.$/, ', and say so.')]);
  });

  it('changes only the edited row of a table', () => {
    const table = sections.find((s) => s.body.includes('| --- |'))!;
    const saved = keepUntouchedBlocks(
      table.body,
      throughDecap(table.body, (nodes) => {
        const leaf = findText(nodes, (t) => t.text === 'Cabinet Office')!;
        leaf.text = 'Office of the Prime Minister';
      }),
    );
    const { removed, added } = changedLines(table.body, saved);
    expect(removed).toHaveLength(1);
    expect(added).toEqual([removed[0]!.replace('Cabinet Office', 'Office of the Prime Minister')]);
  });
});
