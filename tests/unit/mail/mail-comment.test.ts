/**
 * A reply made into a comment record: place, text, notes and limits, an id
 * that is the same however often the message is read, and never the sender.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMENT_LIMITS, CommentSubmission, characterCount } from '../../../src/lib/comments/schema.ts';
import { mailPlaces, mailSubmissionId, mailToComment, messageKey, type MailCommentPlaces } from '../../../src/lib/mail/mail-comment.ts';
import { readMessage, type ReplyCandidate } from '../../../src/lib/mail/reply.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';
import { NOW } from './fixtures.ts';

const root = new URL('../../../', import.meta.url).pathname;
const settings = loadSiteSettings(root);
const catalog = loadCatalog(root, { ...settings, sampleRollingWindow: undefined }, NOW);
const places = mailPlaces(catalog, NOW);
const INVITATION = '<consulta.5b1f0c2e-9a7d-4c31-8e55-0f6c2d1a9b01@example.gov.bz>';
const options = { versionOfMessage: (id: string) => (id === INVITATION ? 'v0.2' : undefined), versions: ['v0.1', 'v0.2'] };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.eml`, import.meta.url));

async function candidateOf(name: string): Promise<{ candidate: ReplyCandidate; key: string }> {
  const source = fixture(name);
  const read = await readMessage(source, options);
  if (!read.readable) throw new Error(`${name} is not readable`);
  return { candidate: read.candidate, key: messageKey(read.candidate.messageId, source) };
}

const candidate = (overrides: Partial<ReplyCandidate> = {}): ReplyCandidate => ({
  messageId: '<m1@example.org>',
  date: '2026-12-02T16:41:07.000Z',
  version: 'v0.2',
  versionFrom: 'thread',
  references: [],
  text: 'A comment.',
  attachments: [],
  language: 'en',
  ...overrides,
});

describe('a reply as a comment', () => {
  it('Gmail reply: version from the thread, section 3 paragraph 2, the attachment named in a note, no sender', async () => {
    const { candidate: read, key } = await candidateOf('gmail-reply');
    const made = mailToComment(read, key, places, NOW);
    if (!made.ok) throw new Error(made.detail);
    expect(made.submission).toEqual({
      submissionId: mailSubmissionId('<CAGm3qLwz8x7Yh1pQ0kT2b5vRkD9eF4nM6sJ8aX3cV1bN0uHt2Q@mail.gmail.com>'),
      version: 'v0.2',
      section: 'critical-infrastructure',
      paragraph: 'p2',
      type: 'general',
      comment: `${read.text}\n\n[Attachments, not published: WiT-BZ annex.docx.]`,
      sector: 'individual',
      publishName: false,
      channel: 'email',
      submittedAt: '2026-12-02T16:41:07.000Z',
    });
    expect(made).toMatchObject({ section: { number: 3, title: catalog.byId.get('v0.2')!.sections[2]!.title }, paragraph: 2, sectionGuessed: false, clipped: false });
    expect(JSON.stringify(made)).not.toMatch(/castillo|example\.org/i);
    // A valid stored comment, with a UUID the outbox takes.
    expect(CommentSubmission.parse(made.submission)).toEqual(made.submission);
  });

  it('gives the same message the same id, and two messages two ids; a message without a Message-ID is keyed by its bytes', () => {
    expect(mailSubmissionId('<a@example.org>')).toBe(mailSubmissionId('<a@example.org>'));
    expect(mailSubmissionId('<a@example.org>')).not.toBe(mailSubmissionId('<b@example.org>'));
    expect(mailSubmissionId('<a@example.org>')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(messageKey(undefined, Buffer.from('x'))).toBe(messageKey(' ', Buffer.from('x')));
    expect(messageKey(undefined, Buffer.from('x'))).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(messageKey('<a@example.org>', Buffer.from('x'))).toBe('<a@example.org>');
  });

  it('files a message that names no section, or one the version lacks, under section 1 with a note', () => {
    const none = mailToComment(candidate(), 'k1', places, NOW);
    expect(none).toMatchObject({ ok: true, sectionGuessed: true, section: { number: 1 } });
    expect(none.ok && none.submission.comment).toBe('A comment.\n\n[The e-mail named no section; filed under section 1 for a maintainer to move.]');
    const missing = mailToComment(candidate({ references: [{ section: { number: 40 }, paragraph: 2 }] }), 'k2', places, NOW);
    expect(missing.ok && missing.submission.comment).toBe('A comment.\n\n[The e-mail named "Section 40", which v0.2 does not have; filed under section 1 for a maintainer to move.]');
    expect(missing.ok && missing.submission.paragraph).toBeUndefined();
    const paragraph = mailToComment(candidate({ references: [{ section: { name: 'governance' }, paragraph: 400 }] }), 'k3', places, NOW);
    expect(paragraph).toMatchObject({ ok: true, sectionGuessed: false, submission: { section: 'governance' } });
    expect(paragraph.ok && paragraph.submission.paragraph).toBeUndefined();
    expect(paragraph.ok && paragraph.submission.comment).toContain('[The e-mail named paragraph 400, which this section does not have.]');
  });

  it('takes the version open for comment when the message names none, and says so when there is none', () => {
    expect(mailToComment(candidate({ version: undefined, versionFrom: undefined }), 'k', places, NOW)).toMatchObject({ ok: true, submission: { version: 'v0.2' } });
    const nowhere: MailCommentPlaces = { sections: () => undefined, paragraphCount: () => 0, defaultVersion: undefined };
    expect(mailToComment(candidate({ version: undefined }), 'k', nowhere, NOW)).toEqual({ ok: false, reason: 'no-version', detail: 'the message names no version, and no version is open for comment' });
  });

  it('reads a Sector and Organisation block at the top, in English or Spanish', () => {
    const made = mailToComment(candidate({ text: 'Sector: Civil society\nOrganisation: Belize Digital Rights Forum\n\nThe plan needs a budget.' }), 'k', places, NOW);
    expect(made).toMatchObject({ ok: true, submission: { sector: 'civil-society', organisation: 'Belize Digital Rights Forum', comment: 'The plan needs a budget.\n\n[The e-mail named no section; filed under section 1 for a maintainer to move.]' } });
    const spanish = mailToComment(candidate({ text: 'Sector: Academia\nOrganización: Universidad de Belice\nTexto.' }), 'k', places, NOW);
    expect(spanish).toMatchObject({ ok: true, submission: { sector: 'academia', organisation: 'Universidad de Belice' } });
    const unknown = mailToComment(candidate({ text: 'Sector: media\nTexto.' }), 'k', places, NOW);
    expect(unknown).toMatchObject({ ok: true, submission: { sector: 'individual' } });
    expect(unknown.ok && unknown.submission.comment).toMatch(/^Sector: media\nTexto\./);
  });

  it('clips a long text to the limit, notes included, and says so; removes control characters', () => {
    const long = `${'Wörds 🙂 '.repeat(1_200)}end`;
    const made = mailToComment(candidate({ text: long, attachments: ['a.pdf'], references: [{ section: { number: 2 } }] }), 'k', places, NOW);
    if (!made.ok) throw new Error(made.detail);
    expect(made.clipped).toBe(true);
    expect(characterCount(made.submission.comment)).toBeLessThanOrEqual(COMMENT_LIMITS.comment);
    expect(made.submission.comment).toMatch(/…\n\n\[Attachments, not published: a\.pdf\.\]\n\[The e-mail's text was 9,603 characters long; only its beginning fits in a comment\. The whole message is in the consultation's mailbox\.\]$/);
    const control = mailToComment(candidate({ text: 'Bell\u0007 and\u001b escape' }), 'k', places, NOW);
    expect(control.ok && control.submission.comment.startsWith('Bell and escape')).toBe(true);
    expect(mailToComment(candidate({ text: 'Exactly right.' }), 'k', places, NOW)).toMatchObject({ clipped: false });
  });
});
