import { describe, expect, it } from 'vitest';
import type { FeedbackComment, FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { commentsPerDay, feedbackStatistics } from '../../../src/lib/feedback/statistics.ts';

const base: FeedbackComment = {
  reference: '#1', version: 'v0.1', section: 'governance', type: 'general', comment: 'x', sector: 'academia',
  channel: 'web', submittedAt: '2026-09-08T20:00:00Z', disposition: 'pending', addressedIn: [],
};

describe('feedbackStatistics', () => {
  it('counts comments by every dimension, listing the empty ones too, in a fixed order', () => {
    const report: FeedbackReport = {
      version: 'v0.1', sources: ['sample'], lastActivityAt: null,
      comments: [
        { ...base, organisation: 'University of Belize', response: { text: 'ok', respondedAt: '2026-10-01T00:00:00Z' }, disposition: 'accepted', addressedIn: [{ pull: 4, title: 't', url: 'https://x.test/4', mergedAt: '2026-10-02T00:00:00Z' }] },
        { ...base, reference: '#2', organisation: 'university of belize ', section: 'stray', channel: 'email', type: 'editorial' },
      ],
      unreadable: [{ number: 9, url: 'https://x.test/9', reasons: ['no body'] }], groups: [], flags: [],
    };
    const s = feedbackStatistics(report, { sections: ['vision', 'governance'], timeZone: 'America/Belize' });
    expect(s).toMatchObject({ total: 2, responded: 1, addressed: 1, pending: 1, unreadable: 1, organisations: 1 });
    expect(s.bySection).toEqual([{ key: 'vision', count: 0, voices: 0 }, { key: 'governance', count: 1, voices: 1 }, { key: 'stray', count: 1, voices: 1 }]);
    expect(s.byChannel.map((c) => c.key)).toEqual(['web', 'github', 'email', 'workshop', 'meeting']);
    expect(s.byDisposition.find((c) => c.key === 'accepted')!.count).toBe(1);
    expect(s.bySector.reduce((n, c) => n + c.count, 0)).toBe(2);
  });
});

describe('commentsPerDay', () => {
  it('counts days in the consultation’s time zone and fills the quiet days across the window', () => {
    const days = commentsPerDay(
      [
        { time: '2026-09-08T05:00:00Z', voice: '#1' },
        { time: '2026-09-08T07:00:00Z', voice: '#2' },
        { time: '2026-09-10T12:00:00-06:00', voice: '#3' },
      ],
      'America/Belize',
      { opens: new Date('2026-09-07T06:00:00Z'), closes: new Date('2026-09-11T05:59:00Z') },
    );
    expect(days).toEqual([
      { date: '2026-09-07', count: 1, voices: 1 },
      { date: '2026-09-08', count: 1, voices: 1 },
      { date: '2026-09-09', count: 0, voices: 0 },
      { date: '2026-09-10', count: 1, voices: 1 },
    ]);
  });

  it('extends the range to a comment received after the close (a meeting note filed late)', () => {
    const days = commentsPerDay([{ time: '2026-09-13T12:00:00Z', voice: '#1' }], 'UTC', { opens: new Date('2026-09-10T00:00:00Z'), closes: new Date('2026-09-11T00:00:00Z') });
    expect(days.map((d) => d.date)).toEqual(['2026-09-10', '2026-09-11', '2026-09-12', '2026-09-13']);
    expect(commentsPerDay([], 'UTC', null)).toEqual([]);
  });
});
