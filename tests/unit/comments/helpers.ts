/** Shared test data for the comment tests: a valid form, a valid stored comment, and fast-check arbitraries. */
import fc from 'fast-check';
import { CHANNELS, COMMENT_LANGUAGES, COMMENT_TYPES, CommentSubmission } from '../../../src/lib/comments/schema.ts';
import type { ParsedIssueBody } from '../../../src/lib/comments/issue-body.ts';
import { neutralise } from '../../../src/lib/comments/neutralise.ts';
import { SECTORS } from '../../../src/lib/stakeholders/sectors.ts';

/** What the public form posts for a typical comment. */
export function validForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    submissionId: '0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01',
    version: 'v0.2',
    section: 'governance',
    paragraph: 'p3',
    quote: 'The National Cyber Security Council will meet quarterly.',
    type: 'technical',
    comment: 'Quarterly is too rare during an incident; allow extraordinary meetings.',
    proposedChange: 'The Council will meet quarterly, and at any time the Chair calls an extraordinary meeting.',
    sector: 'civil-society',
    organisation: 'Belize Digital Rights Forum',
    name: 'Ana Castillo',
    publishName: true,
    ...overrides,
  };
}

/** A stored comment (form plus channel and time), parsed by the schema. */
export function validSubmission(overrides: Record<string, unknown> = {}): CommentSubmission {
  return CommentSubmission.parse({ ...validForm(), channel: 'web', submittedAt: '2026-12-01T15:04:05.000Z', ...overrides });
}

/** Characters and fragments that have broken Markdown, mentions and issue parsers before. */
const HOSTILE = fc.constantFrom(
  '#', '@', '<', '>', '!', '[', ']', '(', ')', '&', ';', '`', '~', '-', '=', '_', '\\', '/', '\n', '\n\n', ' ', '\t',
  '### Comment', '### Name', '_No response_', 'None', 'none', '<!--', '-->', '<!-- consulta:submission=0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01 -->',
  '```', '~~~', 'GH-1', '@bob', '@org/team', '#12', 'o/r#3', '![a](http://x/y.png)', '<img src=x>', '<script>', '&#64;', '&commat;x',
  '\r\n', '\u200B', '\u202E', 'https://github.com/o/r/issues/9', '- [X] ', '==', '---',
);

/** Free text mixing hostile fragments with arbitrary Unicode. */
export const hostileText = (maxLength: number) =>
  fc.string({ unit: fc.oneof(HOSTILE, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength });

/** Arbitrary valid comments, produced by the schema itself from hostile raw fields. */
export const arbitraryComment = fc
  .record({
    submissionId: fc.uuid({ version: 4 }),
    version: fc.constantFrom('v0.1', 'v0.2', '2027-final', 'none'),
    section: fc.stringMatching(/^[a-z][a-z0-9]{0,20}(?:-[a-z0-9]{1,10}){0,3}$/),
    paragraph: fc.option(fc.integer({ min: 1, max: 9999 }).map((n) => `p${n}`), { nil: undefined }),
    /** The number of the change commented on, if any: its id is made from the section below. */
    changeNumber: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
    quote: fc.option(hostileText(300), { nil: undefined }),
    type: fc.constantFrom(...COMMENT_TYPES),
    comment: hostileText(400).map((s) => `${s}x`),
    language: fc.option(fc.constantFrom(...COMMENT_LANGUAGES), { nil: undefined }),
    proposedChange: fc.option(hostileText(300), { nil: undefined }),
    sector: fc.constantFrom(...SECTORS),
    organisation: fc.option(hostileText(60).map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').replace(/[\u202A-\u202E\u2066-\u2069]/g, '')), { nil: undefined }),
    name: fc.option(hostileText(40).map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').replace(/[\u202A-\u202E\u2066-\u2069]/g, '')), { nil: undefined }),
    publishName: fc.boolean(),
    channel: fc.constantFrom(...CHANNELS),
    submittedAt: fc
      .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  })
  .map(({ changeNumber, ...raw }) => CommentSubmission.safeParse({ ...raw, change: changeNumber && `change-${raw.section}-${changeNumber}` }))
  .filter((r) => r.success)
  .map((r) => r.data);

/** What parseIssueBody should give back for a comment the site filed: its public fields, text as neutralised. */
export function expectedRecord(c: CommentSubmission): ParsedIssueBody {
  const out: ParsedIssueBody = {
    submissionId: c.submissionId,
    channel: c.channel,
    submittedAt: c.submittedAt,
    version: c.version,
    section: c.section,
    type: c.type,
    comment: neutralise(c.comment),
    sector: c.sector,
    publishName: c.publishName,
  };
  if (c.paragraph) out.paragraph = c.paragraph;
  if (c.change) out.change = c.change;
  if (c.language) out.language = c.language;
  if (c.quote) out.quote = neutralise(c.quote);
  if (c.proposedChange) out.proposedChange = neutralise(c.proposedChange);
  if (c.organisation) out.organisation = neutralise(c.organisation);
  if (c.name && c.publishName) out.name = neutralise(c.name);
  return out;
}
