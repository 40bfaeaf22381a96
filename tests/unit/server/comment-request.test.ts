import { describe, expect, it } from 'vitest';
import { readCommentFields } from '../../../src/server/comment-request.ts';

describe('reading a comment request', () => {
  it('refuses a body over 64 KB, an unknown content type and malformed JSON, with a status each', async () => {
    const big = new Request('http://x/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) });
    expect(await readCommentFields(big)).toMatchObject({ ok: false, answer: { status: 413 } });
    const xml = new Request('http://x/api/comments', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(await readCommentFields(xml)).toMatchObject({ ok: false, answer: { status: 415 } });
    const broken = new Request('http://x/api/comments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(await readCommentFields(broken)).toMatchObject({ ok: false, answer: { status: 400 } });
    const form = new Request('http://x/comment/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'comment=Hello+there&sector=academia' });
    expect(await readCommentFields(form)).toEqual({ ok: true, fields: { comment: 'Hello there', sector: 'academia' } });
  });
});
