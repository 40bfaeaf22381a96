import { describe, expect, it } from 'vitest';
import { duplicateOf, isMaintainer, maintainerResponse, responseText } from '../../../src/lib/feedback/responses.ts';
import type { SourceComment } from '../../../src/lib/feedback/schema.ts';

let nextId = 1;
function reply(body: string, author_association: string, created_at: string): SourceComment {
  const id = nextId++;
  return { id, issue_number: 7, body, author_association, created_at, updated_at: created_at, html_url: `https://github.com/o/r/issues/7#issuecomment-${id}` };
}

describe('the maintainer-reply rule', () => {
  it('counts owners, organisation members and collaborators as maintainers, nobody else', () => {
    for (const a of ['OWNER', 'MEMBER', 'COLLABORATOR', 'member']) expect(isMaintainer(a)).toBe(true);
    for (const a of ['CONTRIBUTOR', 'FIRST_TIMER', 'FIRST_TIME_CONTRIBUTOR', 'MANNEQUIN', 'NONE']) expect(isMaintainer(a)).toBe(false);
  });

  it('takes the text after "Response:" from a maintainer’s reply, with its time and link', () => {
    const r = reply('Response: Accepted, with your wording.\r\n\r\nSee v0.2.', 'MEMBER', '2026-10-12T15:00:00Z');
    expect(maintainerResponse([r])).toEqual({ text: 'Accepted, with your wording.\n\nSee v0.2.', respondedAt: '2026-10-12T15:00:00Z', url: r.html_url });
  });

  it('ignores a reply beginning "Response:" from someone who is not a maintainer', () => {
    const answer = reply('Response: Noted.', 'COLLABORATOR', '2026-10-12T15:00:00Z');
    const impostor = reply('Response: Accepted! (says the commenter)', 'NONE', '2026-10-13T15:00:00Z');
    const contributor = reply('Response: Accepted.', 'CONTRIBUTOR', '2026-10-14T15:00:00Z');
    expect(maintainerResponse([answer, impostor, contributor])?.text).toBe('Noted.');
    expect(maintainerResponse([impostor, contributor])).toBeUndefined();
  });

  it('uses the newest maintainer response, so a maintainer corrects a response by posting another', () => {
    const older = reply('Response: Accepted in part.', 'MEMBER', '2026-10-14T10:00:00Z');
    const newer = reply('Response: Accepted in full.', 'OWNER', '2026-10-20T10:00:00Z');
    expect(maintainerResponse([newer, older])?.text).toBe('Accepted in full.');
    expect(maintainerResponse([older, newer])?.text).toBe('Accepted in full.');
  });

  it('breaks a tie between replies of the same second by the later id', () => {
    const a = reply('Response: first', 'MEMBER', '2026-10-14T10:00:00Z');
    const b = reply('Response: second', 'MEMBER', '2026-10-14T10:00:00Z');
    expect(maintainerResponse([b, a])?.text).toBe('second');
  });

  it('needs "Response:" at the start: a maintainer’s other replies are not responses', () => {
    const chat = reply('Thanks, we will discuss this. Response: to follow.', 'MEMBER', '2026-10-20T10:00:00Z');
    const quoted = reply('> Response: something the commenter wrote', 'MEMBER', '2026-10-21T10:00:00Z');
    const answer = reply('  response:   Noted.', 'MEMBER', '2026-10-01T10:00:00Z');
    expect(maintainerResponse([chat, quoted, answer])?.text).toBe('Noted.');
  });

  it('skips an empty "Response:" and falls back to the previous one', () => {
    const real = reply('Response: Not accepted, because…', 'MEMBER', '2026-10-01T10:00:00Z');
    const empty = reply('Response:   ', 'MEMBER', '2026-10-02T10:00:00Z');
    expect(maintainerResponse([real, empty])?.text).toBe('Not accepted, because…');
  });

  it('removes the invisible separators neutralisation adds', () => {
    expect(responseText('Response: see #\u200B12 and @\u200Bsecretariat')).toBe('see #12 and @secretariat');
  });

  it('finds the issue a maintainer named as the original of a duplicate', () => {
    expect(duplicateOf([reply('Duplicate of #13, which makes the same point.', 'MEMBER', '2026-10-01T10:00:00Z')])).toBe(13);
    expect(duplicateOf([reply('duplicate of #13', 'NONE', '2026-10-01T10:00:00Z')])).toBeUndefined();
    expect(duplicateOf([reply('Response: noted', 'MEMBER', '2026-10-01T10:00:00Z')])).toBeUndefined();
  });
});
