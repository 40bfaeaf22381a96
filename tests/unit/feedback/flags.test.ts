/** Suspicious patterns are flagged with the figures that raised them, and group rows show what each variant changes. */
import { describe, expect, it } from 'vitest';
import { differingPassages, groupSummary } from '../../../src/lib/feedback/group-view.ts';
import { suspiciousFlags } from '../../../src/lib/feedback/flags.ts';
import type { FeedbackComment } from '../../../src/lib/feedback/schema.ts';

function comment(n: number, overrides: Partial<FeedbackComment> = {}): FeedbackComment {
  return {
    reference: `#${n}`, version: 'v0.1', section: 'governance', type: 'general', comment: `Comment number ${n} on its own.`, sector: 'individual',
    channel: 'web', submittedAt: new Date(Date.parse('2026-09-10T12:00:00Z') + n * 60_000).toISOString(), disposition: 'pending', addressedIn: [], ...overrides,
  };
}

describe('suspiciousFlags', () => {
  it('flags a burst from one channel as one flag, from its first comment to its last, and not a slower channel', () => {
    // #1..#5 a minute apart on the web; #6..#9 on e-mail an hour apart.
    const comments = [
      ...[1, 2, 3, 4, 5].map((n) => comment(n)),
      ...[6, 7, 8, 9].map((n) => comment(n, { channel: 'email', submittedAt: new Date(Date.parse('2026-09-10T12:00:00Z') + n * 3_600_000).toISOString() })),
    ];
    expect(suspiciousFlags(comments, [], { comments: 3, minutes: 2 })).toEqual([
      { kind: 'burst', channel: 'web', from: comments[0]!.submittedAt, to: comments[4]!.submittedAt, threshold: { comments: 3, minutes: 2 }, references: ['#1', '#2', '#3', '#4', '#5'] },
    ]);
    expect(suspiciousFlags(comments, [], { comments: 6, minutes: 2 })).toEqual([]);
  });

  it('splits bursts separated by a quiet spell', () => {
    const at = (minute: number) => new Date(Date.parse('2026-09-10T12:00:00Z') + minute * 60_000).toISOString();
    const comments = [0, 1, 2, 30, 31, 32].map((m, i) => comment(i + 1, { submittedAt: at(m) }));
    expect(suspiciousFlags(comments, [], { comments: 3, minutes: 5 }).map((f) => f.references)).toEqual([['#1', '#2', '#3'], ['#4', '#5', '#6']]);
  });

  it('flags one text sent in the name of different organisations, ignoring case and punctuation, and names its group', () => {
    const comments = [
      comment(1, { comment: 'Fund the CSIRT properly.', organisation: 'Chamber of Commerce' }),
      comment(2, { comment: 'fund the csirt properly', organisation: 'chamber of commerce ', submittedAt: '2026-09-20T12:00:00Z' }),
      comment(3, { comment: 'Fund the CSIRT properly!', organisation: 'Bankers Association', submittedAt: '2026-09-21T12:00:00Z' }),
      comment(4, { comment: 'Fund the CSIRT properly!', submittedAt: '2026-09-22T12:00:00Z' }),
    ];
    const group = { id: 'group-1', kind: 'identical' as const, size: 4, representative: '#1', members: ['#1', '#2', '#3', '#4'] };
    expect(suspiciousFlags(comments, [group])).toEqual([
      { kind: 'organisations', organisations: ['Chamber of Commerce', 'Bankers Association'], group: 'group-1', references: ['#1', '#2', '#3'] },
    ]);
  });
});

describe('group summaries', () => {
  it('lists the representative’s text first and each variant with the passages it adds or changes', () => {
    const letter = 'Please publish the number of data orders each year. Thank you.';
    const members = [
      comment(1, { comment: letter, organisation: 'A' }),
      comment(2, { comment: letter, organisation: 'a' }),
      comment(3, { comment: `${letter} My phone company keeps too much.` }),
      comment(4, { comment: letter.replace('each year', 'every month') }),
    ];
    const summary = groupSummary(
      { id: 'group-1', kind: 'near-duplicate', size: 4, representative: '#1', members: ['#1', '#2', '#3', '#4'] },
      new Map(members.map((m) => [m.reference, m])),
    );
    expect(summary.organisations).toBe(1);
    expect(summary.variants.map((v) => [v.members.map((m) => m.reference), v.passages])).toEqual([
      [['#1', '#2'], []],
      [['#3'], [{ added: 'My phone company keeps too much.' }]],
      [['#4'], [{ removed: 'each year', added: 'every month' }]],
    ]);
    expect(summary.dispositions).toEqual([{ key: 'pending', count: 4 }]);
  });

  it('joins neighbouring changes into one passage', () => {
    expect(differingPassages('one two three four', 'one 2 3 four')).toEqual([{ removed: 'two three', added: '2 3' }]);
  });
});

describe('differing passages', () => {
  it('leave out changes of case and punctuation alone', () => {
    expect(differingPassages('Protect our children. Make schools teach it.', 'protect our children! make schools teach it, Standard One.')).toEqual([{ added: ', Standard One' }]);
  });
});
