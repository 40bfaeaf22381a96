import { describe, expect, it } from 'vitest';
import { comparePairs, compareUrl, parsePair } from '../../../src/lib/strategy/compare-pairs.ts';

describe('compare pairs', () => {
  it('covers consecutive pairs, each version against the latest, self-compares and the draft', () => {
    const keys = comparePairs(['v1', 'v2', 'v3']).map((p) => `${p.from}...${p.to}`);
    expect(keys.sort()).toEqual(['v1...v1', 'v1...v2', 'v1...v3', 'v2...v2', 'v2...v3', 'v3...draft', 'v3...v3'].sort());
  });

  it('grows linearly with the number of versions, never all pairs', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `v${i + 1}`);
    // 3n - 2 pairs: doubling n doubles the pairs, plus the constant 2.
    expect(comparePairs(ids(12))).toHaveLength(34);
    expect(comparePairs(ids(24))).toHaveLength(70);
    expect(comparePairs(ids(24)).length).toBeLessThan((24 * 23) / 2);
  });

  it('reads and writes pair URLs', () => {
    expect(parsePair('v0.1...v0.2')).toEqual({ from: 'v0.1', to: 'v0.2' });
    expect(parsePair('v0.1..v0.2')).toBeNull();
    expect(compareUrl('v0.1', 'v0.2', 'clean')).toBe('/strategy/compare/v0.1...v0.2/clean/');
  });
});
