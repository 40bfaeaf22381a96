import { describe, expect, it } from 'vitest';
import {
  COMMENT_LIMITS,
  CommentFormInput,
  CommentSubmission,
  cleanText,
  describeProblems,
  fieldErrors,
} from '../../../src/lib/comments/schema.ts';
import { t, translator } from '../../../src/lib/i18n/translate.ts';
import { validForm } from './helpers.ts';

function errorsFor(input: Record<string, unknown>): Record<string, string> {
  const result = CommentFormInput.safeParse(input);
  return result.success ? {} : describeProblems(fieldErrors(result.error), { t, language: 'en' });
}

describe('comment schema', () => {
  it('words its problems in the reader\'s language, with their numbers', () => {
    const result = CommentFormInput.safeParse(validForm({ comment: 'x'.repeat(5_001), type: 'rant' }));
    const problems = result.success ? {} : fieldErrors(result.error);
    expect(problems.comment).toEqual({ key: 'comment.error.tooLong', values: { field: 'comment.field.comment', max: 5_000 } });
    expect(describeProblems(problems, { t, language: 'en' })).toEqual({ comment: 'Comment must be 5,000 characters or fewer', type: 'Select the type of comment' });
    expect(describeProblems(problems, { t: translator('es'), language: 'es' })).toEqual({ comment: 'El comentario debe tener 5000 caracteres o menos', type: 'Elija el tipo de comentario' });
  });

  it('accepts a complete comment and keeps its fields', () => {
    const result = CommentFormInput.parse(validForm());
    expect(result).toMatchObject({ version: 'v0.2', section: 'governance', paragraph: 'p3', type: 'technical', sector: 'civil-society', name: 'Ana Castillo', publishName: true });
  });

  it('accepts a minimal comment and leaves out blank optional fields', () => {
    const result = CommentFormInput.parse(
      validForm({ paragraph: '', quote: '   ', proposedChange: '', organisation: '', name: undefined, publishName: undefined }),
    );
    expect(Object.keys(result).sort()).toEqual(['comment', 'publishName', 'section', 'sector', 'submissionId', 'type', 'version']);
    expect(result.publishName).toBe(false);
  });

  it('asks for a comment when it is missing or only white space', () => {
    expect(errorsFor(validForm({ comment: undefined })).comment).toBe('Enter your comment');
    expect(errorsFor(validForm({ comment: ' \n\t ' })).comment).toBe('Enter your comment');
  });

  it('limits a comment to 5,000 characters, counted as a person counts them', () => {
    expect(errorsFor(validForm({ comment: 'a'.repeat(5000) })).comment).toBeUndefined();
    expect(errorsFor(validForm({ comment: 'a'.repeat(5001) })).comment).toBe('Comment must be 5,000 characters or fewer');
    // 5,000 emoji are 10,000 UTF-16 units but 5,000 characters.
    expect(errorsFor(validForm({ comment: '🇧'.repeat(5000) })).comment).toBeUndefined();
  });

  it('limits quote, proposed change, organisation and name', () => {
    const errors = errorsFor(
      validForm({
        quote: 'q'.repeat(COMMENT_LIMITS.quote + 1),
        proposedChange: 'p'.repeat(COMMENT_LIMITS.proposedChange + 1),
        organisation: 'o'.repeat(COMMENT_LIMITS.organisation + 1),
        name: 'n'.repeat(COMMENT_LIMITS.name + 1),
      }),
    );
    expect(errors).toMatchObject({
      quote: 'Quoted text must be 1,000 characters or fewer',
      proposedChange: 'Proposed change must be 3,000 characters or fewer',
      organisation: 'Organisation must be 200 characters or fewer',
      name: 'Name must be 100 characters or fewer',
    });
  });

  it('rejects a megabyte of text without normalising it', () => {
    const started = performance.now();
    expect(errorsFor(validForm({ comment: 'x'.repeat(1_048_576) })).comment).toBe('Comment must be 5,000 characters or fewer');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('asks for the type of comment and the sector', () => {
    const errors = errorsFor(validForm({ type: 'rant', sector: undefined }));
    expect(errors.type).toBe('Select the type of comment');
    expect(errors.sector).toBe('Select your stakeholder sector');
  });

  it('rejects control characters but keeps newlines and tabs', () => {
    expect(errorsFor(validForm({ comment: 'bell\u0007' })).comment).toBe('Comment must not contain control characters');
    expect(errorsFor(validForm({ comment: 'c1\u009b' })).comment).toBe('Comment must not contain control characters');
    expect(CommentFormInput.parse(validForm({ comment: 'line one\n\tline two' })).comment).toBe('line one\n\tline two');
  });

  it('rejects text-direction overrides in one-line fields only', () => {
    expect(errorsFor(validForm({ name: 'Ana \u202Eoillitsac' })).name).toBe('Name must not contain text-direction control characters');
    expect(errorsFor(validForm({ organisation: 'Org \u2066x\u2069' })).organisation).toBe(
      'Organisation must not contain text-direction control characters',
    );
    expect(errorsFor(validForm({ comment: 'quoted Arabic \u2067نص\u2069 here' })).comment).toBeUndefined();
  });

  it('keeps one-line fields on one line', () => {
    expect(errorsFor(validForm({ organisation: 'Line one\nLine two' })).organisation).toBe('Organisation must be on one line');
    expect(errorsFor(validForm({ name: 'Ana\u2028Castillo' })).name).toBe('Name must be on one line');
  });

  it('normalises to NFC, unifies line endings and strips zero-width characters', () => {
    const decomposed = 'Cafe\u0301\r\nnext\u200B line\uFEFF';
    expect(cleanText(decomposed)).toBe('Café\nnext line');
    expect(CommentFormInput.parse(validForm({ comment: decomposed })).comment).toBe('Café\nnext line');
  });

  it('drops the name unless the commenter agreed to publish it', () => {
    expect(CommentFormInput.parse(validForm({ publishName: false })).name).toBeUndefined();
    expect(CommentFormInput.parse(validForm({ publishName: 'on' })).name).toBe('Ana Castillo');
    expect(errorsFor(validForm({ publishName: 'maybe' })).publishName).toBe('Select whether to publish your name');
  });

  it('accepts a paragraph as p3 or 3 and stores p3', () => {
    expect(CommentFormInput.parse(validForm({ paragraph: '3' })).paragraph).toBe('p3');
    expect(CommentFormInput.parse(validForm({ paragraph: 12 })).paragraph).toBe('p12');
    expect(errorsFor(validForm({ paragraph: 'p0' })).paragraph).toBe('Paragraph must look like p3');
    expect(errorsFor(validForm({ paragraph: 'governance-p3' })).paragraph).toBe('Paragraph must look like p3');
  });

  it('requires a version 4 uuid and lower-cases it', () => {
    expect(errorsFor(validForm({ submissionId: 'not-a-uuid' })).submissionId).toMatch(/Reload the page/);
    expect(errorsFor(validForm({ submissionId: '0b6f3b8e-5f1c-1c8e-9a59-2f1f4d7c9e01' })).submissionId).toMatch(/Reload the page/);
    expect(CommentFormInput.parse(validForm({ submissionId: '0B6F3B8E-5F1C-4C8E-9A59-2F1F4D7C9E01' })).submissionId).toBe(
      '0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01',
    );
  });

  it('refuses version and section ids that are not ids', () => {
    const errors = errorsFor(validForm({ version: '../etc', section: 'Governance!' }));
    expect(Object.keys(errors)).toEqual(['version', 'section']);
    expect(errorsFor(validForm({ section: `s${'-a'.repeat(60)}` })).section).toMatch(/Reload/);
  });

  it('keeps the change a comparison link names, and stores it with the comment', () => {
    expect(CommentFormInput.parse(validForm({ change: 'change-governance-3' })).change).toBe('change-governance-3');
    expect(CommentFormInput.parse(validForm({ change: ' change-governance-12 ' })).change).toBe('change-governance-12');
    expect(CommentSubmission.parse({ ...validForm({ change: 'change-governance-3' }), channel: 'web', submittedAt: '2026-12-01T15:04:05Z' }).change).toBe(
      'change-governance-3',
    );
    // Blank or absent: a comment on the text, not on a change.
    for (const change of ['', '   ', undefined, null]) expect('change' in CommentFormInput.parse(validForm({ change }))).toBe(false);
  });

  it('refuses a change of another section as an altered hidden field', () => {
    expect(errorsFor(validForm({ change: 'change-incident-response-3' }))).toEqual({ change: 'Reload the page and send your comment again' });
    // A section id that is a prefix of the change's section is still another section.
    expect(errorsFor(validForm({ section: 'incident', change: 'change-incident-response-3' })).change).toMatch(/Reload/);
    const stored = CommentSubmission.safeParse({ ...validForm({ change: 'change-incident-response-3' }), channel: 'web', submittedAt: '2026-12-01T15:04:05Z' });
    expect(stored.success).toBe(false);
  });

  it('refuses a change that is not a change id', () => {
    for (const change of ['governance-3', 'change-governance-0', 'change-governance-', 'change-Governance-3', 'change-governance-3#x', '<b>', `change-${'a'.repeat(120)}-1`, 3, ['change-governance-3']]) {
      expect(errorsFor(validForm({ change })), String(change)).toEqual({ change: 'Reload the page and send your comment again' });
    }
  });

  it('ignores fields the public may not set, such as channel', () => {
    const result = CommentFormInput.parse(validForm({ channel: 'workshop', submittedAt: '2020-01-01T00:00:00Z' }));
    expect('channel' in result).toBe(false);
    expect('submittedAt' in result).toBe(false);
  });

  it('requires a channel and an ISO time on a stored comment', () => {
    const result = CommentSubmission.safeParse({ ...validForm(), channel: 'fax', submittedAt: 'yesterday' });
    expect(result.success).toBe(false);
    const errors = describeProblems(fieldErrors(result.error!), { t, language: 'en' });
    expect(errors.channel).toMatch(/Channel must be one of/);
    expect(errors.submittedAt).toMatch(/ISO 8601/);
    expect(CommentSubmission.parse({ ...validForm(), channel: 'email', submittedAt: '2026-12-01T09:00:00-06:00' }).channel).toBe('email');
  });

  it('lists one error per field, in form order', () => {
    const errors = errorsFor({ comment: '', type: 'x' });
    expect(Object.keys(errors)).toEqual(['submissionId', 'version', 'section', 'type', 'comment', 'sector']);
  });
});
