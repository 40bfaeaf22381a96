import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../src/lib/diff/compare.ts';
import { ancestors, paragraphLineage, type LineageLink, type LineageStep } from '../../../src/lib/diff/lineage.ts';
import { section } from './fixtures.ts';

const A = 'The national cyber security council meets four times a year and reports to Cabinet.';
const B = 'A national CSIRT receives reports of incidents from every ministry and regulator.';
const C = 'Schools, businesses and citizens learn to recognise phishing, fraud and extortion online.';
const D = 'The Ministry of Finance funds the CSIRT from the national budget for five years.';

/** The links of a lineage as `from -> to kind similarity certain`, sorted. */
function described(links: Iterable<readonly LineageLink[]>): string[] {
  return [...links].flat().map((l) => `${l.from.anchor} -> ${l.to.anchor} ${l.kind} ${l.similarity.toFixed(2)}${l.certain ? '' : ' uncertain'}`).sort();
}

function lineage(before: string, after: string, afterOther = '') {
  const from = [section('governance', 'Governance', 1, before), section('funding', 'Funding', 2, '')];
  const to = [section('governance', 'Governance', 1, after), section('funding', 'Funding', 2, afterOther)];
  return paragraphLineage(compareVersions(from, to));
}

describe('paragraph lineage', () => {
  it('follows unchanged paragraphs to their new numbers, and leaves new text without a parent', () => {
    const l = lineage(`${A}\n\n${B}`, `${D}\n\n${A}\n\n${B}`);
    expect(described([l.links])).toEqual(['governance-p1 -> governance-p2 unchanged 1.00', 'governance-p2 -> governance-p3 unchanged 1.00']);
    expect(l.parentsOf('governance-p1')).toEqual([]);
  });

  it('follows an edited paragraph, measuring how much of the old text it keeps', () => {
    const l = lineage(A, A.replace('four times a year', 'every quarter, and whenever an incident requires it,'));
    expect(described([l.links])).toEqual(['governance-p1 -> governance-p1 edited 0.71']);
  });

  it('marks a heavy rewrite uncertain rather than guessing', () => {
    // Paired by the alignment (more than half the words in common), but half of the old text is gone.
    const l = lineage(A, 'The national cyber security council now reports monthly to the Prime Minister.');
    const [link] = l.parentsOf('governance-p1') ?? [];
    expect(link).toMatchObject({ kind: 'edited', certain: false });
    expect(link!.similarity).toBeLessThan(0.6);
  });

  it('follows a paragraph moved to another section', () => {
    const l = lineage(`${A}\n\n${D}`, A, D);
    expect(described([l.links])).toEqual(['governance-p1 -> governance-p1 unchanged 1.00', 'governance-p2 -> funding-p1 moved 1.00']);
    expect(l.childrenOf('governance-p2')[0]!.to.anchor).toBe('funding-p1');
  });

  it('finds a paragraph split in two', () => {
    const l = lineage(`${A} ${B}\n\n${C}`, `${A}\n\n${B}\n\n${C}`);
    expect(described([l.childrenOf('governance-p1') ?? []])).toEqual(['governance-p1 -> governance-p1 split 1.00', 'governance-p1 -> governance-p2 split 1.00']);
    expect(l.parentsOf('governance-p3')[0]).toMatchObject({ kind: 'unchanged', from: { anchor: 'governance-p2' } });
  });

  it('finds two paragraphs merged into one', () => {
    const l = lineage(`${A}\n\n${B}\n\n${C}`, `${A} ${B}\n\n${C}`);
    expect(described([l.parentsOf('governance-p1') ?? []])).toEqual(['governance-p1 -> governance-p1 merged 1.00', 'governance-p2 -> governance-p1 merged 1.00']);
  });

  it('gives a removed paragraph no child, and lists a removed section', () => {
    const l = paragraphLineage(compareVersions([section('governance', 'Governance', 1, `${A}\n\n${B}`), section('funding', 'Funding', 2, D)], [section('governance', 'Governance', 1, A)]));
    expect(l.childrenOf('governance-p2')).toEqual([]);
    expect(l.childrenOf('funding-p1')).toEqual([]);
    expect(Object.fromEntries(l.sections)).toEqual({ governance: { to: 'governance', textChanged: true }, funding: { textChanged: true } });
  });

  it('applies the certainty threshold it is given', () => {
    const edit = compareVersions([section('governance', 'Governance', 1, A)], [section('governance', 'Governance', 1, A.replace('four times a year', 'every quarter, and whenever an incident requires it,'))]);
    expect(paragraphLineage(edit, { certainty: 0.75 }).parentsOf('governance-p1')[0]!.certain).toBe(false);
    expect(paragraphLineage(edit, { certainty: 0.7 }).parentsOf('governance-p1')[0]!.certain).toBe(true);
  });
});

describe('ancestors across versions', () => {
  const v1 = [section('governance', 'Governance', 1, `${A}\n\n${B}`)];
  const v2 = [section('governance', 'Governance', 1, `${D}\n\n${A}\n\n${B}`)];
  const v3 = [section('governance', 'Governance', 1, `${D}\n\n${A.replace('Cabinet', 'the Prime Minister and to Cabinet')} ${B}`)];
  const steps: LineageStep[] = [
    { from: 'v1', to: 'v2', lineage: paragraphLineage(compareVersions(v1, v2)) },
    { from: 'v2', to: 'v3', lineage: paragraphLineage(compareVersions(v2, v3)) },
  ];

  it('go back to the first version, through a merge, newest first', () => {
    expect(ancestors(steps, 'v3', 'governance-p2').map((a) => `${a.version} ${a.paragraph.anchor} ${a.kinds.join('+')}${a.certain ? '' : ' uncertain'}`)).toEqual([
      'v2 governance-p2 merged',
      'v2 governance-p3 merged',
      'v1 governance-p1 unchanged+merged',
      'v1 governance-p2 unchanged+merged',
    ]);
  });

  it('are none for text written in a later version', () => {
    expect(ancestors(steps, 'v3', 'governance-p1').map((a) => `${a.version} ${a.paragraph.anchor}`)).toEqual(['v2 governance-p1']);
    expect(ancestors(steps, 'v2', 'governance-p1')).toEqual([]);
  });
});
