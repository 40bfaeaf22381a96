import { describe, expect, it } from 'vitest';
import { houseMarkdown, keepUntouchedBlocks, longestCommonSubsequence } from '../../../src/lib/cms/minimal-edit.ts';
import { parseSectionBody } from '../../../src/lib/strategy/paragraphs.ts';

const ORIGINAL = [
  'First paragraph, hard\nwrapped on purpose.',
  '## A heading',
  '- one item\n- two item\n- three item',
  '_Emphasis_ and **strong**.',
  '| A | B |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |',
  '<Callout title="Key commitment">\nA commitment.\n</Callout>',
].join('\n\n') + '\n';

describe('keepUntouchedBlocks', () => {
  it('returns the original when the editor rewrote only the style', () => {
    const decapStyle = ORIGINAL.replace(/^- /gm, '* ').replace('_Emphasis_', '*Emphasis*').replace('| --- | --- |', '| - | - |').replace(/\n$/, '');
    expect(keepUntouchedBlocks(ORIGINAL, decapStyle)).toBe(ORIGINAL);
  });

  it('writes a changed paragraph in house style and keeps the rest', () => {
    const edited = ORIGINAL.replace('_Emphasis_ and **strong**.', '*Emphasis* and __strong__, changed.').replace(/^- /gm, '* ');
    expect(keepUntouchedBlocks(ORIGINAL, edited)).toBe(ORIGINAL.replace('_Emphasis_ and **strong**.', '_Emphasis_ and **strong**, changed.'));
  });

  it('keeps untouched items of a changed list and writes new ones with the house bullet', () => {
    const edited = ORIGINAL.replace(/^- /gm, '* ').replace('* two item', '* two item\n* added item');
    expect(keepUntouchedBlocks(ORIGINAL, edited)).toBe(ORIGINAL.replace('- two item', '- two item\n- added item'));
  });

  it('keeps untouched rows of a changed table', () => {
    const edited = ORIGINAL.replace('| A | B |\n| --- | --- |\n| 1 | 2 |\n| 3 | 4 |', '| A   | B   |\n| --- | --- |\n| 1   | 2   |\n| 3   | 5   |');
    expect(keepUntouchedBlocks(ORIGINAL, edited)).toBe(ORIGINAL.replace('| 3 | 4 |', '| 3 | 5 |'));
  });

  it('handles a block added and a block deleted', () => {
    const edited = ORIGINAL.replace('## A heading\n\n', '').replace('A commitment.\n</Callout>', 'A commitment.\n</Callout>\n\nA new closing paragraph.');
    expect(keepUntouchedBlocks(ORIGINAL, edited)).toBe(ORIGINAL.replace('## A heading\n\n', '').replace(/\n$/, '\n\nA new closing paragraph.\n'));
  });

  it('hands back a body it cannot parse as it is, for the build to report', () => {
    expect(keepUntouchedBlocks(ORIGINAL, 'Broken <Callout title="x">')).toBe('Broken <Callout title="x">');
  });
});

describe('houseMarkdown', () => {
  it('writes every block of the sample back as it is written', () => {
    for (const node of parseSectionBody(ORIGINAL).children) {
      expect(houseMarkdown(node)).toBe(ORIGINAL.slice(node.position!.start.offset, node.position!.end.offset));
    }
  });
});

describe('longestCommonSubsequence', () => {
  it('pairs the longest run of equal items in order', () => {
    expect(longestCommonSubsequence(['a', 'b', 'c', 'd'], ['a', 'c', 'x', 'd'])).toEqual([0, 2, -1, 3]);
    expect(longestCommonSubsequence([], ['a'])).toEqual([-1]);
  });
});
