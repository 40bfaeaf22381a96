/**
 * The one schema of a public comment (DESIGN.md "Records: Comment"). The form,
 * the `/api/comments` route, the outbox, the issue body and the feedback
 * report all read a comment through it, so they agree on what a valid comment
 * is and on the words a person sees when one is not.
 *
 * Text is cleaned before it is checked: line endings become `\n`, text is
 * normalised to NFC, invisible zero-width characters (U+200B, U+2060, U+FEFF)
 * are removed (they carry no meaning in a comment and are the raw material of
 * spoofed mentions), and leading and trailing white space is trimmed. Lengths
 * are counted in Unicode code points, which is what a person calls characters.
 */
import { z } from 'zod';
import { localeTag } from '../i18n/paths.ts';
import { LANGUAGES, translator, type Language, type MessageKey } from '../i18n/translate.ts';
import { SECTORS, type Sector } from '../stakeholders/sectors.ts';
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

/** What a person sees for each comment type (the form's radios and the issue form's dropdown). */
export const COMMENT_TYPE_LABELS: Record<CommentType, string> = {
  general: 'General',
  technical: 'Technical',
  editorial: 'Editorial',
};

/** What a person sees for each stakeholder sector. */
export const SECTOR_LABELS: Record<Sector, string> = {
  government: 'Government',
  'private-sector': 'Private sector',
  'civil-society': 'Civil society',
  academia: 'Academia',
  'technical-community': 'Technical community',
  'international-partner': 'International partner',
  individual: 'Individual',
};

/** Languages a comment may be written in: those of the site. A comment that does not say is in English. */
export const COMMENT_LANGUAGES = LANGUAGES;

/** Each language named in itself, as the issue form's dropdown shows it. */
export const COMMENT_LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  es: 'Español',
};

/** How a comment reached the secretariat: the site's form, GitHub's issue form, or imported by a maintainer. */
export const CHANNELS = ['web', 'github', 'email', 'workshop', 'meeting'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Fields of the public form, in the order the form shows them (and errors are listed). */
export const FORM_FIELDS = [
  'submissionId',
  'version',
  'section',
  'paragraph',
  'quote',
  'type',
  'comment',
  'language',
  'proposedChange',
  'sector',
  'organisation',
  'name',
  'publishName',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

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

const english = translator('en');

/**
 * What a message says, as the translation key and values it was made from:
 * kept on the issue (`params`) so the answer can give the same message in
 * the reader's language (`fieldErrors(error, 'es')`). `label` names the
 * field by its own key; numbers are written in the reader's way.
 */
interface MessageParams {
  key: MessageKey;
  values?: Record<string, string | number>;
  label?: MessageKey;
}

function words(params: MessageParams, language: Language): string {
  const t = language === 'en' ? english : translator(language);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params.values ?? {})) values[name] = typeof value === 'number' ? value.toLocaleString(localeTag(language)) : value;
  if (params.label) values.label = t(params.label);
  return t(params.key, values);
}

/** Adds an issue in English that `fieldErrors` can give in another language. */
function addMessage(ctx: { addIssue(issue: { code: 'custom'; message: string; params: Record<string, unknown> }): void }, params: MessageParams): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: words(params, 'en'), params: { ...params } });
  return z.NEVER;
}

/** The messages of the choice fields (zod's own issues), which carry no params: known by their English words. */
const FIXED_MESSAGES: readonly MessageKey[] = ['comment.error.type', 'comment.error.sector', 'comment.error.language', 'comment.error.publishName'];
const FIXED_BY_WORDS = new Map(FIXED_MESSAGES.map((key) => [english(key), key]));

interface TextRules {
  /** The field's name as it starts an error message, e.g. "Comment", by its translation key. */
  label: MessageKey;
  max: number;
  /** Message when empty; omit for an optional field. */
  requiredMessage?: MessageKey;
  multiline: boolean;
}

/**
 * A free-text field: cleaned, then checked, with messages for people. An empty
 * optional field becomes `undefined`, so a form that posts `""` for a blank
 * input and a client that leaves the key out mean the same thing.
 */
function text(rules: TextRules & { requiredMessage: MessageKey }): z.ZodType<string, unknown>;
function text(rules: TextRules): z.ZodOptional<z.ZodType<string | undefined, unknown>>;
function text(rules: TextRules): z.ZodType<string | undefined, unknown> {
  const schema = z.unknown().transform((input, ctx) => {
    const fail = (key: MessageKey, values?: Record<string, number>) => addMessage(ctx, { key, label: rules.label, ...(values ? { values } : {}) });
    if (input === undefined || input === null) {
      return rules.requiredMessage ? fail(rules.requiredMessage) : undefined;
    }
    if (typeof input !== 'string') return fail('comment.error.notText');
    // Refuse absurd input before normalising it, so a megabyte costs nothing.
    if (input.length > rules.max * 4 + 64) return fail('comment.error.tooLong', { max: rules.max });
    const value = cleanText(input);
    if (value === '') return rules.requiredMessage ? fail(rules.requiredMessage) : undefined;
    if (characterCount(value) > rules.max) return fail('comment.error.tooLong', { max: rules.max });
    if (CONTROL.test(value)) return fail('comment.error.control');
    if (!rules.multiline) {
      if (value.includes('\n')) return fail('comment.error.oneLine');
      if (BIDI_CONTROL.test(value)) return fail('comment.error.direction');
    }
    return value;
  });
  // zod 4 needs an explicit optional() for a key that may be absent or blank.
  return rules.requiredMessage ? schema : schema.optional();
}

/** A hidden form field that identifies what is commented on: a person can only fix it by reloading. */
function reference(pattern: z.ZodType<string>) {
  return z.unknown().transform((input, ctx) => {
    const value = typeof input === 'string' ? input.trim() : input;
    if (value === undefined || value === null || value === '') return addMessage(ctx, { key: 'comment.error.reload' });
    const parsed = pattern.safeParse(value);
    if (!parsed.success) return addMessage(ctx, { key: 'comment.error.reload' });
    return parsed.data;
  });
}

/** `p3`, also accepted as `3`; stored as `p3`. */
const ParagraphRef = z.unknown().transform((input, ctx) => {
  if (input === undefined || input === null) return undefined;
  const raw = typeof input === 'number' ? String(input) : input;
  if (typeof raw !== 'string') return addMessage(ctx, { key: 'comment.error.paragraphFormat' });
  if (raw.trim() === '') return undefined;
  const match = /^p?([1-9][0-9]{0,3})$/.exec(raw.trim());
  if (!match) return addMessage(ctx, { key: 'comment.error.paragraphFormat' });
  return `p${match[1]}`;
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
}, z.boolean({ error: english('comment.error.publishName') }));

const formShape = {
  /** Client-generated UUID v4 of this submission: a retried or double-clicked POST carries the same one. Required. */
  submissionId: reference(z.uuid({ version: 'v4' }).transform((s) => s.toLowerCase())),
  /** Id of the version commented on, e.g. `v0.2`. Required. */
  version: reference(VersionId),
  /** Stable id of the section commented on, e.g. `governance`. Required. */
  section: reference(SectionId.max(COMMENT_LIMITS.section)),
  /** Paragraph within the section, `p<n>` (see strategy/paragraphs.ts). Optional: a comment may be on the whole section. */
  paragraph: ParagraphRef,
  /** Text quoted from the strategy, at most 1,000 characters. Optional. */
  quote: text({ label: 'comment.error.label.quote', max: COMMENT_LIMITS.quote, multiline: true }),
  /** General, technical or editorial. Required. */
  type: z.enum(COMMENT_TYPES, { error: english('comment.error.type') }),
  /** The comment, 1 to 5,000 characters. Required. */
  comment: text({
    label: 'comment.error.label.comment',
    max: COMMENT_LIMITS.comment,
    multiline: true,
    requiredMessage: 'comment.error.commentRequired',
  }),
  /**
   * The language the comment is written in, `en` or `es`. Optional: the form
   * sends the language of its page unless the commenter picks the other;
   * a comment without it (older ones, GitHub issues that leave it out) is
   * read as English.
   */
  language: z.preprocess((input) => (input === '' || input === null ? undefined : input), z.enum(COMMENT_LANGUAGES, { error: english('comment.error.language') }).optional()),
  /** The wording the commenter proposes instead, at most 3,000 characters. Optional. */
  proposedChange: text({ label: 'comment.error.label.proposedChange', max: COMMENT_LIMITS.proposedChange, multiline: true }),
  /** Stakeholder sector the commenter speaks for. Required. */
  sector: z.enum(SECTORS, { error: english('comment.error.sector') }),
  /** Organisation the commenter belongs to, one line, at most 200 characters. Optional; always published. */
  organisation: text({ label: 'comment.error.label.organisation', max: COMMENT_LIMITS.organisation, multiline: false }),
  /**
   * The commenter's name, one line, at most 100 characters. Optional. Kept
   * only when `publishName` is true: issues are public, and we keep nothing
   * about a person that we would not publish.
   */
  name: text({ label: 'comment.error.label.name', max: COMMENT_LIMITS.name, multiline: false }),
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

/** What the public sends from the comment form (the server adds channel and time). */
export const CommentFormInput = z.object(formShape).transform(keepConsentedName);
export type CommentFormInput = z.output<typeof CommentFormInput>;

/** A comment as stored in the outbox, rendered into an issue and collated in the report. */
export const CommentSubmission = z
  .object({
    ...formShape,
    /** How the comment arrived. Required. */
    channel: z.enum(CHANNELS, { error: 'Channel must be one of web, github, email, workshop, meeting' }),
    /** When the comment was received (ISO 8601 with offset), by the server's clock for the web form. Required. */
    submittedAt: z.iso.datetime({ offset: true, error: 'Submitted at must be an ISO 8601 date and time' }),
  })
  .transform(keepConsentedName);
export type CommentSubmission = z.output<typeof CommentSubmission>;

/**
 * One message per field, the first problem found, keyed by field name: what
 * the form's error summary lists, in `language` where the message is one of
 * this schema's (any other stays as written).
 */
export function fieldErrors(error: z.ZodError, language: Language = 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    out[field] ??= localisedMessage(issue, language);
  }
  return out;
}

function localisedMessage(issue: z.core.$ZodIssue, language: Language): string {
  if (language === 'en') return issue.message;
  const params = issue.code === 'custom' ? (issue.params as MessageParams | undefined) : undefined;
  if (params?.key) return words(params, language);
  const fixed = FIXED_BY_WORDS.get(issue.message);
  return fixed ? translator(language)(fixed) : issue.message;
}
