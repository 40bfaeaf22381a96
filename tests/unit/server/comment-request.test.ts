import { describe, expect, it } from 'vitest';
import { derivedSubmissionId, readCommentFields } from '../../../src/server/comment-request.ts';

describe('reading a comment request', () => {
  it('derives the same UUID-shaped id for a resubmitted no-JavaScript form, and another for another client', () => {
    const fields = { version: 'v0.2', section: 'governance', type: 'general', comment: 'Same text.' };
    const now = new Date('2026-11-28T12:00:00Z');
    const id = derivedSubmissionId(fields, '203.0.113.5', now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedSubmissionId(fields, '203.0.113.5', now)).toBe(id);
    expect(derivedSubmissionId(fields, '198.51.100.7', now)).not.toBe(id);
  });

  it('does not throw on hostile objects in place of text', () => {
    expect(() => derivedSubmissionId({ comment: { toString: null }, version: [] } as never, undefined, new Date())).not.toThrow();
  });

  it('refuses a body over 64 KB, an unknown content type and malformed JSON, with a status each', async () => {
    const big = new Request('http://x/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) });
    expect(await readCommentFields(big)).toMatchObject({ ok: false, status: 413 });
    const xml = new Request('http://x/api/comments', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(await readCommentFields(xml)).toMatchObject({ ok: false, status: 415 });
    const broken = new Request('http://x/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(await readCommentFields(broken)).toMatchObject({ ok: false, status: 400 });
    const form = new Request('http://x/comment/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'comment=Hello+there&sector=academia' });
    expect(await readCommentFields(form)).toEqual({ ok: true, fields: { comment: 'Hello there', sector: 'academia' } });
  });
});
