/**
 * "What became of my comment": a reference shows its progress, and only
 * what is public already (the issue, and the committed report's entry).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReferenceRecord } from '../../../src/lib/comments/outbox.ts';
import { commentStatus, isAnswered, readReference, reportEntry } from '../../../src/lib/feedback/comment-status.ts';
import { loadFeedbackReport, reportReader, serialiseFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import type { FeedbackComment, FeedbackReport } from '../../../src/lib/feedback/schema.ts';

const root = new URL('../../../', import.meta.url).pathname;
const sample = loadFeedbackReport(root, 'v0.1')!;

const record = (overrides: Partial<ReferenceRecord> = {}): ReferenceRecord => ({ reference: 'BZ-2026-000042', version: 'v0.1', section: 'governance', status: 'pending', ...overrides });

/** The sample report with one more comment, still in the outbox (no issue), by its outbox reference. */
function withUnfiled(entry: Partial<FeedbackComment>): FeedbackReport {
  const base = sample.comments[0]!;
  const { issue: _issue, response: _response, ...rest } = base;
  return { ...sample, comments: [...sample.comments, { ...rest, reference: 'BZ-2026-000042', disposition: 'pending', addressedIn: [], ...entry }] };
}

describe('what a reference shows', () => {
  it('a comment waiting in the outbox: received, and nothing else, not even where it points', () => {
    expect(commentStatus(record(), sample)).toEqual({ reference: 'BZ-2026-000042', progress: 'received', inReport: false, addressedIn: [] });
    expect(commentStatus(record(), null).progress).toBe('received');
  });

  it('a filed comment with no response yet: its issue, its place, and no decision', () => {
    const status = commentStatus(record({ status: 'filed', issueNumber: 999, issueUrl: 'https://github.com/belize-ncss/strategy/issues/999' }), sample);
    expect(status).toEqual({
      reference: 'BZ-2026-000042',
      progress: 'filed',
      place: { version: 'v0.1', section: 'governance' },
      issue: { number: 999, url: 'https://github.com/belize-ncss/strategy/issues/999' },
      inReport: false,
      addressedIn: [],
    });
  });

  it('an answered comment, matched by its issue number: the decision, the response and the change, as the report has them', () => {
    const entry = sample.comments.find((c) => c.issue?.number === 1)!;
    const status = commentStatus(record({ status: 'filed', issueNumber: 1, issueUrl: entry.issue!.url }), sample);
    expect(status.progress).toBe('answered');
    expect(status.inReport).toBe(true);
    expect(status.disposition).toBe('partially-accepted');
    expect(status.response).toEqual(entry.response);
    expect(status.addressedIn).toEqual(entry.addressedIn);
    expect(status.addressedIn).toHaveLength(1);
  });

  it('a comment in the report before it is filed, matched by its outbox reference', () => {
    const waiting = commentStatus(record(), withUnfiled({}));
    expect(waiting).toMatchObject({ progress: 'filed', inReport: true, place: { version: 'v0.1', section: 'governance' } });
    expect(waiting.disposition).toBeUndefined();
    const answered = commentStatus(record(), withUnfiled({ disposition: 'noted', response: { text: 'Thank you: noted.', respondedAt: '2026-10-01T12:00:00Z' } }));
    expect(answered).toMatchObject({ progress: 'answered', disposition: 'noted', response: { text: 'Thank you: noted.' } });
  });

  it('a decision label alone is shown, but is not an answer', () => {
    const report = withUnfiled({ disposition: 'duplicate', duplicateOf: 3 });
    expect(commentStatus(record(), report)).toMatchObject({ progress: 'filed', disposition: 'duplicate', duplicateOf: 3 });
    expect(isAnswered(reportEntry(report, record()))).toBe(false);
  });

  it('reads a typed reference, and refuses anything else', () => {
    expect(readReference(' bz-2026-000123 ')).toBe('BZ-2026-000123');
    for (const bad of [null, '', '123', '#12', 'BZ-2026-12', "BZ-2026-000123' OR 1=1", 'BZ-2026-000123/../x']) expect(readReference(bad)).toBeNull();
  });
});

describe('the report a running server reads', () => {
  it('reads a report once, again when its file changes, and none when it is missing or broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'consulta-report-reader-'));
    try {
      const errors: string[] = [];
      const read = reportReader(dir, (error) => errors.push(error.message));
      expect(read('v0.1')).toBeNull();
      mkdirSync(join(dir, 'content/feedback'), { recursive: true });
      const file = join(dir, 'content/feedback/v0.1.json');
      writeFileSync(file, serialiseFeedbackReport(sample));
      const first = read('v0.1');
      expect(first?.comments).toHaveLength(sample.comments.length);
      expect(read('v0.1')).toBe(first);
      writeFileSync(file, serialiseFeedbackReport(withUnfiled({})));
      expect(read('v0.1')?.comments).toHaveLength(sample.comments.length + 1);
      writeFileSync(file, '{"version": "v0.1"');
      expect(read('v0.1')).toBeNull();
      expect(errors).toHaveLength(1);
      expect(read('../etc/passwd')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
