/**
 * The one schema of a public comment (docs/architecture.md "Records"). The form,
 * the `/api/comments` route, the outbox, the issue body and the feedback
 * report all read a comment through it, so they agree on what a valid comment
 * is and on the words a person sees when one is not.
 *
 * Messages are translation keys (src/translations/*.json), never English:
 * `fieldErrors` lists them per field and `describeProblems` words them in the
 * reader's language.
 *
 * Text is cleaned before it is checked: line endings become `\n`, text is
 * normalised to NFC, invisible zero-width characters (U+200B, U+2060, U+FEFF)
 * are removed (they carry no meaning in a comment and are the raw material of
 * spoofed mentions), and leading and trailing white space is trimmed. Lengths
 * are counted in Unicode code points, which is what a person calls characters.
 */
import { z } from 'zod';
import { parseChangeId } from '../diff/change-ref.ts';
import { LANGUAGES, isMessageKey, type MessageKey, type Translate } from '../i18n/translate.ts';
import { SECTORS } from '../stakeholders/sectors.ts';
import { paragraphRef, parseParagraphRef } from '../strategy/paragraphs.ts';
import { SectionId, VersionId } from '../strategy/schema.ts';

/** Longest accepted texts, in characters (code points). The form's character counts show the same numbers. */
export const COMMENT_LIMITS = {
  /** The text quoted from the strategy. */
  quote: 1_000,
  /** The comment itself (and at least 1 character). */
  comment: 5_000,
  /** The change the commenter proposes. */
  proposedChange: 3_000,
  /** The commenter's organisation. */
  organisation: 200,
  /** The commenter's name. */
  name: 100,
  /** A section id: ids are short slugs; this keeps labels and titles bounded. */
  section: 100,
} as const;

/** Kinds of comment, as in the ISO commenting template (ge/te/ed). */
export const COMMENT_TYPES = ['general', 'technical', 'editorial'] as const;
export type CommentType = (typeof COMMENT_TYPES)[number];

/** Languages a comment may be written in: those of the site. A comment that does not say is in English. */
export const COMMENT_LANGUAGES = LANGUAGES;

/** How a comment reached the secretariat: the site's form, GitHub's issue form, or imported by a maintainer. */
export const CHANNELS = ['web', 'github', 'email', 'workshop', 'meeting'] as const;
export type Channel = (typeof CHANNELS)[number];

// C0 and C1 control characters other than tab and newline.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// Explicit bidirectional embeddings, overrides and isolates: in a one-line
// field they can make a name or organisation display as something else.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /[\u200B\u2060\uFEFF]/gu;

/** Cleans user text the same way everywhere: `\n` line endings, NFC, no zero-width spaces, trimmed. */
export function cleanText(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .trim();
}

/** Length in characters as a person counts them (code points, so an emoji is one). */
export function characterCount(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** What is wrong with a field: a message key and the values it needs. */
export interface FieldProblem {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** Reports `problem` on a zod context; its values travel in the issue's params. */
function report(ctx: z.RefinementCtx, problem: FieldProblem): never {
  ctx.addIssue({ code: 'custom', message: problem.key, params: { values: problem.values ?? {} } });
  return z.NEVER;
}

interface TextRules {
  /** Key of the field's name as it starts an error message, e.g. "Comment". */
  field: MessageKey;
  max: number;
  /** Key of the message when empty; omit for an optional field. */
  required?: MessageKey;
  multiline: boolean;
}

/**
 * A free-text field: cleaned, then checked, with messages for people. An empty
 * optional field becomes `undefined`, so a form that posts `""` for a blank
 * input and a client that leaves the key out mean the same thing.
 */
function text(rules: TextRules & { required: MessageKey }): z.ZodType<string, unknown>;
function text(rules: TextRules): z.ZodOptional<z.ZodType<string | undefined, unknown>>;
function text(rules: TextRules): z.ZodType<string | undefined, unknown> {
  const schema = z.unknown().transform((input, ctx) => {
    const fail = (key: MessageKey, values: Record<string, string | number> = {}) => report(ctx, { key, values: { field: rules.field, ...values } });
    if (input === undefined || input === null) {
      return rules.required ? fail(rules.required) : undefined;
    }
    if (typeof input !== 'string') return fail('comment.error.notText');
    // Refuse absurd input before normalising it, so a megabyte costs nothing.
    if (input.length > rules.max * 4 + 64) return fail('comment.error.tooLong', { max: rules.max });
    const value = cleanText(input);
    if (value === '') return rules.required ? fail(rules.required) : undefined;
    if (characterCount(value) > rules.max) return fail('comment.error.tooLong', { max: rules.max });
    if (CONTROL.test(value)) return fail('comment.error.control');
    if (!rules.multiline) {
      if (value.includes('\n')) return fail('comment.error.oneLine');
      if (BIDI_CONTROL.test(value)) return fail('comment.error.direction');
    }
    return value;
  });
  // zod 4 needs an explicit optional() for a key that may be absent or blank.
  return rules.required ? schema : schema.optional();
}

/** A hidden form field that identifies what is commented on: a person can only fix it by reloading. */
function reference(pattern: z.ZodType<string>) {
  return z.unknown().transform((input, ctx) => {
    const value = typeof input === 'string' ? input.trim() : input;
    if (value === undefined || value === null || value === '') return report(ctx, { key: 'comment.error.reload' });
    const parsed = pattern.safeParse(value);
    if (!parsed.success) return report(ctx, { key: 'comment.error.reload' });
    return parsed.data;
  });
}

/** `p3`, also accepted as `3`; stored as `p3`. */
const ParagraphRef = z.unknown().transform((input, ctx) => {
  if (input === undefined || input === null) return undefined;
  const raw = typeof input === 'number' ? String(input) : input;
  if (typeof raw !== 'string') return report(ctx, { key: 'comment.error.paragraph' });
  if (raw.trim() === '') return undefined;
  const n = parseParagraphRef(raw);
  if (n === null) return report(ctx, { key: 'comment.error.paragraph' });
  return paragraphRef(n);
}).optional();

/** Longest change id: `change-`, a section id, `-` and a number. Longer input is refused before it is read. */
const MAX_CHANGE_ID = 'change-'.length + COMMENT_LIMITS.section + 8;

/**
 * `change-<section>-<n>` (diff/change-ref.ts): the change a comparison's
 * "Comment on this change" link names. Optional; present but unreadable, it
 * is a hidden field a person can only fix by reloading. That it names the
 * comment's own section is checked with the whole form (`changeInSection`).
 */
const ChangeRef = z.unknown().transform((input, ctx) => {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'string') return report(ctx, { key: 'comment.error.reload' });
  const value = input.trim();
  if (value === '') return undefined;
  if (value.length > MAX_CHANGE_ID || parseChangeId(value) === null) return report(ctx, { key: 'comment.error.reload' });
  return value;
}).optional();

/** A consent tick box: `true`, or the strings an HTML checkbox or a query string sends. Absent means no. */
const Consent = z.preprocess((input) => {
  if (input === undefined || input === null || input === '') return false;
  if (typeof input === 'string') {
    const v = input.trim().toLowerCase();
    if (['on', 'true', 'yes', '1'].includes(v)) return true;
    if (['off', 'false', 'no', '0'].includes(v)) return false;
  }
  return input;
}, z.boolean({ error: 'comment.error.publishName' }));

const formShape = {
  /** Client-generated UUID v4 of this submission: a retried or double-clicked POST carries the same one. Required. */
  submissionId: reference(z.uuid({ version: 'v4' }).transform((s) => s.toLowerCase())),
  /** Id of the version commented on, e.g. `v0.2`. Required. */
  version: reference(VersionId),
  /** Stable id of the section commented on, e.g. `governance`. Required. */
  section: reference(SectionId.max(COMMENT_LIMITS.section)),
  /** Paragraph within the section, `p<n>` (see strategy/paragraphs.ts). Optional: a comment may be on the whole section. */
  paragraph: ParagraphRef,
  /**
   * The change between the previous version and this one that the comment is
   * on, `change-<section>-<n>` as the comparison page anchors it; it names
   * `section`. Optional: most comments are on the text, not on a change.
   */
  change: ChangeRef,
  /** Text quoted from the strategy, at most 1,000 characters. Optional. */
  quote: text({ field: 'comment.field.quote', max: COMMENT_LIMITS.quote, multiline: true }),
  /** General, technical or editorial. Required. */
  type: z.enum(COMMENT_TYPES, { error: 'comment.error.type' }),
  /** The comment, 1 to 5,000 characters. Required. */
  comment: text({
    field: 'comment.field.comment',
    max: COMMENT_LIMITS.comment,
    multiline: true,
    required: 'comment.error.commentRequired',
  }),
  /**
   * The language the comment is written in, `en` or `es`. Optional: the form
   * sends the language of its page unless the commenter picks the other;
   * a comment without it (older ones, GitHub issues that leave it out) is
   * read as English.
   */
  language: z.preprocess((input) => (input === '' || input === null ? undefined : input), z.enum(COMMENT_LANGUAGES, { error: 'comment.error.language' }).optional()),
  /** The wording the commenter proposes instead, at most 3,000 characters. Optional. */
  proposedChange: text({ field: 'comment.field.proposedChange', max: COMMENT_LIMITS.proposedChange, multiline: true }),
  /** Stakeholder sector the commenter speaks for. Required. */
  sector: z.enum(SECTORS, { error: 'comment.error.sector' }),
  /** Organisation the commenter belongs to, one line, at most 200 characters. Optional; always published. */
  organisation: text({ field: 'comment.field.organisation', max: COMMENT_LIMITS.organisation, multiline: false }),
  /**
   * The commenter's name, one line, at most 100 characters. Optional. Kept
   * only when `publishName` is true: issues are public, and we keep nothing
   * about a person that we would not publish.
   */
  name: text({ field: 'comment.field.name', max: COMMENT_LIMITS.name, multiline: false }),
  /** Consent to publish `name` with the comment. Defaults to false. */
  publishName: Consent,
};

/** Drops the name unless the commenter agreed to publish it, and leaves out empty optional fields. */
function keepConsentedName<T extends { name?: string | undefined; publishName: boolean }>(value: T): T {
  const out = { ...value };
  if (!out.publishName) delete out.name;
  for (const key of Object.keys(out) as (keyof T)[]) {
    if (out[key] === undefined) delete out[key];
  }
  return out;
}

/**
 * A change is numbered within its section, so a change of another section
 * cannot be what a comment on this one is about: the link was altered.
 */
function changeInSection(value: { section: string; change?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.change !== undefined && parseChangeId(value.change)?.section !== value.section) {
    ctx.addIssue({ code: 'custom', path: ['change'], message: 'comment.error.reload', params: { values: {} } });
  }
}

/** What the public sends from the comment form (the server adds channel and time). */
export const CommentFormInput = z.object(formShape).superRefine(changeInSection).transform(keepConsentedName);
export type CommentFormInput = z.output<typeof CommentFormInput>;

/** A comment as stored in the outbox, rendered into an issue and collated in the report. */
export const CommentSubmission = z
  .object({
    ...formShape,
    /** How the comment arrived. Required. */
    channel: z.enum(CHANNELS, { error: 'comment.error.channel' }),
    /** When the comment was received (ISO 8601 with offset), by the server's clock for the web form. Required. */
    submittedAt: z.iso.datetime({ offset: true, error: 'comment.error.submittedAt' }),
  })
  .superRefine(changeInSection)
  .transform(keepConsentedName);
export type CommentSubmission = z.output<typeof CommentSubmission>;

/** One problem per field, the first found, keyed by field name: what the form's error summary lists. */
export function fieldErrors(error: z.ZodError): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    const values = (issue as { params?: { values?: Record<string, string | number> } }).params?.values;
    out[field] ??= isMessageKey(issue.message) ? { key: issue.message, ...(values ? { values } : {}) } : { key: 'comment.error.invalid' };
  }
  return out;
}

/** The problems in the reader's words: a field's name translated, a number written as their language writes it. */
export function describeProblems(problems: Record<string, FieldProblem>, words: { t: Translate; language: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, { key, values = {} }] of Object.entries(problems)) {
    const worded: Record<string, string | number> = { ...values };
    if (typeof values.field === 'string' && isMessageKey(values.field)) worded.field = words.t(values.field);
    if (typeof values.max === 'number') worded.max = values.max.toLocaleString(words.language === 'en' ? 'en-GB' : words.language);
    out[field] = words.t(key, worded);
  }
  return out;
}
