import { describe, expect, it } from 'vitest';
import { addressedInIndex, addressedIssueNumbers, firstVersionContaining, type VersionLookup } from '../../../src/lib/feedback/addressed-in.ts';
import type { SourcePull } from '../../../src/lib/feedback/schema.ts';

const lookup: VersionLookup = {
  timeZone: 'America/Belize',
  versions: [
    { id: 'v0.2', publishedAt: '2026-11-20', commit: null },
    { id: 'v0.1', publishedAt: '2026-09-01', commit: null },
    { id: 'v1.0', publishedAt: '2027-03-01', commit: null },
  ],
};

function pull(number: number, body: string | null, merged_at: string | null, extra: Partial<SourcePull> = {}): SourcePull {
  return { number, title: `Change ${number}`, body, merged_at, updated_at: merged_at ?? '2026-10-01T00:00:00Z', html_url: `https://github.com/o/r/pull/${number}`, ...extra };
}

describe('addressedIssueNumbers', () => {
  it('reads "Addresses #N" in the forms people write it', () => {
    expect(addressedIssueNumbers('Addresses #12')).toEqual([12]);
    expect(addressedIssueNumbers('Renames the section.\n\nAddresses #1, #19, #20, #21')).toEqual([1, 19, 20, 21]);
    expect(addressedIssueNumbers('Addresses #29, #30 and #31')).toEqual([29, 30, 31]);
    expect(addressedIssueNumbers('addresses: #25 & #26')).toEqual([25, 26]);
    expect(addressedIssueNumbers('Addresses #4\nAddresses #5\nAddresses #4')).toEqual([4, 5]);
  });

  it('ignores issue numbers that are not in an "Addresses" statement', () => {
    expect(addressedIssueNumbers('Fixes #3. See #4. This undresses nothing #5')).toEqual([]);
    expect(addressedIssueNumbers('Addresses the comments of #7')).toEqual([]);
    expect(addressedIssueNumbers(null)).toEqual([]);
  });
});

describe('firstVersionContaining', () => {
  it('is the first version published on or after the day of the merge, in the site’s time zone', () => {
    expect(firstVersionContaining(pull(1, '', '2026-10-22T15:45:00Z'), lookup)).toBe('v0.2');
    // 20 November 2026, 23:30 in Belize is already the 21st in UTC: still in v0.2, published that day.
    expect(firstVersionContaining(pull(2, '', '2026-11-21T05:30:00Z'), lookup)).toBe('v0.2');
    expect(firstVersionContaining(pull(3, '', '2026-11-21T18:00:00Z'), lookup)).toBe('v1.0');
    expect(firstVersionContaining(pull(4, '', '2027-06-01T00:00:00Z'), lookup)).toBeUndefined();
  });

  it('asks Git when both commits are known, and trusts its answer over dates', () => {
    const withCommits: VersionLookup = {
      ...lookup,
      versions: lookup.versions.map((v) => ({ ...v, commit: v.id.replace(/\D/g, '').padEnd(40, 'a') })),
      // Git knows commit f…f (only v1.0, commit 10a…a, contains it) and nothing about any other commit.
      isAncestor: (ancestor, descendant) => (ancestor === 'f'.repeat(40) ? descendant.startsWith('10') : undefined),
    };
    // Merged before v0.2 by date, but Git says only v1.0 contains it (e.g. merged to a branch published later).
    expect(firstVersionContaining(pull(5, '', '2026-10-01T00:00:00Z', { merge_commit_sha: 'f'.repeat(40) }), withCommits)).toBe('v1.0');
    // Git cannot tell for an unknown commit: dates decide.
    expect(firstVersionContaining(pull(6, '', '2026-10-01T00:00:00Z', { merge_commit_sha: 'c'.repeat(40) }), withCommits)).toBe('v0.2');
  });

  it('keeps a version the source already knows', () => {
    expect(firstVersionContaining(pull(7, '', '2026-10-01T00:00:00Z', { version: 'v1.0' }), lookup)).toBe('v1.0');
  });
});

describe('addressedInIndex', () => {
  it('links each issue to the merged pull requests that address it, oldest merge first', () => {
    const index = addressedInIndex(
      [
        pull(45, 'Addresses #13 and #15', '2026-10-21T20:00:00Z'),
        pull(44, 'Addresses #13', '2026-10-20T16:00:00Z'),
        pull(46, 'Addresses #15', null),
        pull(47, 'No statement', '2026-10-22T16:00:00Z'),
      ],
      lookup,
    );
    expect(index.get(13)?.map((c) => c.pull)).toEqual([44, 45]);
    expect(index.get(15)).toEqual([{ pull: 45, title: 'Change 45', url: 'https://github.com/o/r/pull/45', mergedAt: '2026-10-21T20:00:00Z', version: 'v0.2' }]);
    expect(index.size).toBe(2);
  });
});
