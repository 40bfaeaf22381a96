import { describe, expect, it } from 'vitest';
import { batchAnswers, maintainerResponse, memberReply, replyMarker, replyMember, responseMarker, responseReply, responseText } from '../../../src/lib/feedback/responses.ts';
import { answerText } from '../../../src/lib/respond/answer-text.ts';
import { parseDisposition, parseIssueList } from '../../../src/lib/respond/targets.ts';

describe('the reply npm run respond posts', () => {
  it('reads back as the answer alone: the marker is hidden from the report', () => {
    const body = responseReply('Accepted: see change 2.4.', 'accepted');
    expect(body).toMatch(/^Response: Accepted: see change 2\.4\.\n\n<!-- consulta:response=[0-9a-f]{64} -->$/);
    expect(responseText(body)).toBe('Accepted: see change 2.4.');
    expect(maintainerResponse([{ id: 1, issue_number: 3, body, author_association: 'MEMBER', created_at: '2026-10-01T00:00:00Z', updated_at: '2026-10-01T00:00:00Z', html_url: 'https://github.com/o/r/issues/3#issuecomment-1' }])?.text).toBe(
      'Accepted: see change 2.4.',
    );
  });

  it('has a marker that changes with the answer and with the disposition, and only then', () => {
    expect(replyMarker(responseReply('Noted.', 'noted'))).toBe(responseMarker('Noted.', 'noted'));
    expect(responseMarker('Noted.', 'noted')).toBe(responseMarker('Noted.', 'noted'));
    expect(responseMarker('Noted.', 'noted')).not.toBe(responseMarker('Noted.', 'accepted'));
    expect(responseMarker('Noted.', 'noted')).not.toBe(responseMarker('Noted!', 'noted'));
    expect(responseMarker('Noted.', undefined)).not.toBe(responseMarker('Noted.', 'noted'));
    expect(replyMarker('Response: typed by hand <!-- consulta:response=abc -->')).toBeUndefined();
  });

  it('answers one member of a batch in the words a maintainer would type, with a marker of its own', () => {
    const body = memberReply('BZ-2026-000120', 'Accepted: see change 2.4.', 'partially-accepted');
    expect(body).toMatch(/^Response to BZ-2026-000120 \(partially-accepted\): Accepted: see change 2\.4\.\n\n<!-- consulta:response=[0-9a-f]{64} member=BZ-2026-000120 -->$/);
    expect(memberReply('BZ-2026-000120', undefined, 'noted')).toMatch(/^Response to BZ-2026-000120 \(noted\)\n\n<!--/);
    expect(memberReply('BZ-2026-000120', 'Thanks.', undefined)).toMatch(/^Response to BZ-2026-000120: Thanks\.\n\n<!--/);
    expect(replyMember(body)).toBe('BZ-2026-000120');
    expect(replyMember(responseReply('Noted.', 'noted'))).toBeUndefined();
    expect(responseText(body)).toBe('Accepted: see change 2.4.');
    expect(replyMarker(body)).toBe(responseMarker('Accepted: see change 2.4.', 'partially-accepted', 'BZ-2026-000120'));
    // Two members given the same answer get different markers: one member's reply is never taken for another's.
    expect(responseMarker('Noted.', 'noted', 'BZ-2026-000120')).not.toBe(responseMarker('Noted.', 'noted', 'BZ-2026-000121'));
    expect(responseMarker('Noted.', 'noted', 'BZ-2026-000120')).not.toBe(responseMarker('Noted.', 'noted'));
    const at = { issue_number: 3, author_association: 'MEMBER', created_at: '2026-10-01T00:00:00Z', updated_at: '2026-10-01T00:00:00Z', html_url: 'https://github.com/o/r/issues/3#issuecomment-1' };
    const read = batchAnswers([{ id: 1, body, ...at }], ['BZ-2026-000120']);
    expect(read.members.get('BZ-2026-000120')).toEqual({ disposition: 'partially-accepted', response: { text: 'Accepted: see change 2.4.', respondedAt: at.created_at, url: at.html_url } });
    // A reply to a member is no answer to the whole issue.
    expect(read.response).toBeUndefined();
    expect(maintainerResponse([{ id: 1, body, ...at }])).toBeUndefined();
  });
});

describe('a maintainer’s answer', () => {
  it('keeps Markdown, links and issue references as written, and drops a "Response:" typed at its start', () => {
    expect(answerText('Response: **Accepted.** Duplicate of #12; see [change 2.4](https://ncss.example.gov.bz/strategy/compare/v0.1...v0.2/#change-governance-4).\r\n')).toEqual({
      ok: true,
      text: '**Accepted.** Duplicate of #12; see [change 2.4](https://ncss.example.gov.bz/strategy/compare/v0.1...v0.2/#change-governance-4).',
      mentions: 0,
    });
  });

  it('makes mentions inert, not e-mail addresses', () => {
    expect(answerText('Thanks @jane and (@belize-ncss/secretariat); write to consultation@ncss.example.gov.bz.')).toEqual({
      ok: true,
      text: 'Thanks @\u200Bjane and (@\u200Bbelize-ncss/secretariat); write to consultation@ncss.example.gov.bz.',
      mentions: 2,
    });
  });

  it('refuses an empty answer, a hidden comment that could fake a marker, and one GitHub would refuse', () => {
    expect(answerText(' Response:  ')).toEqual({ ok: false, reason: 'the answer is empty' });
    expect(answerText('Accepted <!-- consulta:response=00 -->')).toMatchObject({ ok: false, reason: expect.stringMatching(/hidden HTML comment/) });
    expect(answerText('x'.repeat(65_001))).toMatchObject({ ok: false, reason: expect.stringMatching(/65001 characters/) });
  });
});

describe('command-line values', () => {
  it('reads issue lists and dispositions as people type them', () => {
    expect(parseIssueList('12, #15,40,12')).toEqual([12, 15, 40]);
    expect(() => parseIssueList('12,abc')).toThrow('"abc" is not an issue number');
    expect(parseDisposition('Partially accepted')).toBe('partially-accepted');
    expect(parseDisposition('OUT_OF_SCOPE')).toBe('out-of-scope');
    expect(parseDisposition('pending')).toBeUndefined();
  });
});
