import { describe, expect, it } from 'vitest';
import { describeDispatchEvent, isDispatchWarning } from '../../../src/lib/comments/dispatch-log.ts';

describe('describeDispatchEvent', () => {
  it('says which issue a comment went to, and when it went with others in a batch', () => {
    const filed = { type: 'filed', reference: 'BZ-2026-000120', issueNumber: 412, issueUrl: 'https://github.com/o/r/issues/412', foundByLookup: false } as const;
    expect(describeDispatchEvent(filed)).toBe('BZ-2026-000120 filed as #412 https://github.com/o/r/issues/412');
    expect(describeDispatchEvent({ ...filed, batch: 50, foundByLookup: true })).toBe(
      'BZ-2026-000120 filed as #412 https://github.com/o/r/issues/412 with 49 other comments on its section (batch filing) (it had reached GitHub earlier)',
    );
    expect(describeDispatchEvent({ ...filed, batch: 2 })).toContain('with 1 other comment on its section');
  });

  it('says when batch filing starts and stops, and why, in minutes or hours', () => {
    expect(describeDispatchEvent({ type: 'batching', on: true, waiting: 12_000, secondsToDrain: 95_400 })).toBe(
      'batch filing on: the 12000 comments waiting would take about 26.5 h to file one by one; comments on the same section now go into one issue',
    );
    expect(describeDispatchEvent({ type: 'batching', on: false, waiting: 300, secondsToDrain: 2_400 })).toBe(
      'batch filing off: the 300 comments waiting take about 40 min one by one; one issue per comment again',
    );
    expect(describeDispatchEvent({ type: 'batching', on: false, waiting: 7, secondsToDrain: 9 })).toContain('the 7 comments waiting take under a minute one by one');
  });

  it('tells problems from routine', () => {
    expect(isDispatchWarning({ type: 'failed', reference: 'BZ-2026-000001', reason: 'HTTP 422' })).toBe(true);
    expect(isDispatchWarning({ type: 'lane', held: true })).toBe(false);
    expect(describeDispatchEvent({ type: 'lane', held: false, by: 'comments:sync (pid 7 on web-2)', until: new Date(0) })).toBe(
      'standing by: comments:sync (pid 7 on web-2) is filing from this outbox',
    );
  });
});
