/**
 * A comment as a GitHub issue: its body, title and labels, and the way back
 * from a body to a comment record.
 *
 * The body has exactly the shape GitHub's issue forms produce
 * (`### Label`, blank line, value, `_No response_` for an empty field), so
 * one parser reads issues filed on the site and on GitHub alike. A body the
 * site wrote ends with a hidden marker:
 *
 *     <!-- consulta:submission=<uuid> channel=web submitted=<ISO time> -->
 *
 * The uuid lets the dispatcher find an issue it created when GitHub's answer
 * was lost; channel and time let the report tell when and how a comment came
 * in, whenever the issue itself was created. The marker holds nothing
 * personal: issues are public.
 */
import { parseIssue } from '@github/issue-parser';
import { createHash } from 'node:crypto';
import { parseChangeId } from '../diff/change-ref.ts';
import { isSector, type Sector } from '../stakeholders/sectors.ts';
import { paragraphRef, parseParagraphRef } from '../strategy/paragraphs.ts';
import { trimTrailing } from '../text/trim.ts';
import { COMMENT_LANGUAGE_LABELS, COMMENT_TYPE_LABELS, ISSUE_FORM_FIELDS, PUBLISH_NAME_OPTION, SECTOR_LABELS, type IssueFormField } from './issue-form-fields.ts';
import { guardEmptyLookingValue, neutralise, neutraliseLine, restoreEmptyLookingValue } from './neutralise.ts';
import type { Language } from '../i18n/translate.ts';
import {
  CHANNELS,
  COMMENT_LANGUAGES,
  COMMENT_TYPES,
  characterCount,
  type Channel,
  type CommentSubmission,
  type CommentType,
} from './schema.ts';

/** GitHub's limit on an issue body, in characters. */
export const MAX_ISSUE_BODY = 65_536;
/** GitHub's limit on an issue title, in characters. */
export const MAX_ISSUE_TITLE = 256;
/** GitHub's limit on a label name, in characters. */
export const MAX_LABEL = 50;
/** Characters of the comment shown in an issue title. */
const TITLE_EXCERPT = 80;

const NO_RESPONSE = '_No response_';
const TRUNCATION_NOTE = '[Shortened to fit GitHub’s issue size limit. The full text is kept by the consultation secretariat.]';
const MARKER = /(?:^|\n)<!-- consulta:submission=([0-9a-f-]{36})(?: channel=([a-z]+))?(?: submitted=(\S+))? -->\s*$/;

/** The fields a body carries, as they are after neutralisation. */
type BodyFields = Partial<Record<Exclude<IssueFormField['id'], 'publishName'>, string>> & { publishName: boolean };

/** The hidden marker that ends a body the site wrote. */
function submissionMarker(comment: Pick<CommentSubmission, 'submissionId' | 'channel' | 'submittedAt'>): string {
  return `<!-- consulta:submission=${comment.submissionId} channel=${comment.channel} submitted=${comment.submittedAt} -->`;
}

/** The submission uuid of a body the site wrote, or null (a body typed on GitHub, or a fake marker inside text). */
export function findSubmissionId(body: string | null | undefined): string | null {
  if (!body) return null;
  return MARKER.exec(body.replace(/\r\n?/g, '\n'))?.[1] ?? null;
}

/**
 * The comment's text fields as they go into an issue: every free-text value
 * neutralised (see neutralise.ts). Ids are already restricted by the schema.
 */
function neutraliseComment(comment: CommentSubmission): CommentSubmission {
  const out = { ...comment };
  for (const key of ['quote', 'comment', 'proposedChange', 'organisation', 'name'] as const) {
    const value = out[key];
    if (value !== undefined) out[key] = neutralise(value);
  }
  return out;
}

/** The issue body for a comment: issue-form shape, then the hidden marker. At most 65,536 characters. */
export function renderIssueBody(comment: CommentSubmission): string {
  const fields = bodyFields(neutraliseComment(comment));
  let body = assemble(fields, comment);
  // The schema's limits keep a body near 20,000 characters even when every
  // character expands under neutralisation; this is the guarantee, not the plan.
  while (body.length > MAX_ISSUE_BODY) {
    const longest = (['comment', 'proposedChange', 'quote'] as const)
      .filter((k) => fields[k] !== undefined)
      .sort((a, b) => fields[b]!.length - fields[a]!.length)[0];
    if (!longest) break;
    const excess = body.length - MAX_ISSUE_BODY;
    const text = fields[longest]!;
    const keep = Math.max(0, text.length - excess - TRUNCATION_NOTE.length - 8);
    fields[longest] = `${neutralise(sliceSafely(text, keep))}\n\n${TRUNCATION_NOTE}`;
    body = assemble(fields, comment);
  }
  return body;
}

function bodyFields(comment: CommentSubmission): BodyFields {
  return {
    version: comment.version,
    section: comment.section,
    paragraph: comment.paragraph,
    change: comment.change,
    quote: comment.quote,
    type: COMMENT_TYPE_LABELS[comment.type],
    comment: comment.comment,
    language: comment.language ? COMMENT_LANGUAGE_LABELS[comment.language] : undefined,
    proposedChange: comment.proposedChange,
    sector: SECTOR_LABELS[comment.sector],
    organisation: comment.organisation,
    name: comment.publishName ? comment.name : undefined,
    publishName: comment.publishName,
  };
}

function assemble(fields: BodyFields, comment: CommentSubmission): string {
  const parts = ISSUE_FORM_FIELDS.map((field) => `### ${field.label}\n\n${renderValue(field, fields)}`);
  parts.push(submissionMarker(comment));
  return parts.join('\n\n');
}

function renderValue(field: IssueFormField, fields: BodyFields): string {
  if (field.type === 'checkboxes') {
    // GitHub writes a ticked box as `- [X]`.
    return (field.options ?? []).map((label) => `- [${fields.publishName ? 'X' : ' '}] ${label}`).join('\n');
  }
  const value = fields[field.id];
  if (typeof value !== 'string' || value === '') return NO_RESPONSE;
  return guardEmptyLookingValue(value);
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
function sliceSafely(text: string, max: number): string {
  let cut = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/**
 * The issue title: `[v0.2 § governance ¶3] first words of the comment…`, at
 * most 256 characters. It cites the section by id, not title: the dispatcher
 * renders titles from the outbox record alone, and ids are what a comment
 * cites (titles change between versions). A comment on a change says which
 * change of the section, `[v0.2 § governance ¶3, change 2]`, so the issue
 * list tells it apart from a comment on the paragraph's text; the body names
 * the change by its full id.
 */
export function renderIssueTitle(comment: CommentSubmission): string {
  const change = comment.change ? parseChangeId(comment.change) : null;
  const where =
    `${comment.version} § ${comment.section}` +
    (comment.paragraph ? ` ¶${parseParagraphRef(comment.paragraph)}` : '') +
    (change ? `, change ${change.n}` : '');
  const prefix = `[${where}] `;
  const room = Math.min(TITLE_EXCERPT, MAX_ISSUE_TITLE - prefix.length);
  return prefix + excerpt(neutraliseLine(comment.comment), room);
}

/** The first `max` characters of a line, cut at a word where possible, with an ellipsis when cut. */
export function excerpt(line: string, max: number): string {
  if (characterCount(line) <= max) return line;
  const chars = [...line].slice(0, max - 1);
  let cut = chars.join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** The labels of a comment's issue, each at most 50 characters. */
export function issueLabels(comment: CommentSubmission, flags: { unverified?: boolean } = {}): string[] {
  const labels = [
    'comment',
    boundedLabel('v:', comment.version),
    boundedLabel('section:', comment.section),
    `type:${comment.type}`,
    `sector:${comment.sector}`,
    `channel:${comment.channel}`,
  ];
  // English is the default: only a comment in another language is labelled with it.
  if (comment.language && comment.language !== 'en') labels.push(`lang:${comment.language}`);
  if (flags.unverified) labels.push('unverified');
  return labels;
}

/**
 * `prefix + value`, or when that is longer than GitHub allows, the start of
 * the value and a short hash of all of it, so two long ids that share a
 * beginning still get different labels.
 */
export function boundedLabel(prefix: string, value: string): string {
  const label = prefix + value;
  if (label.length <= MAX_LABEL) return label;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  const keep = MAX_LABEL - prefix.length - hash.length - 1;
  return `${prefix}${trimTrailing(value.slice(0, keep), '-')}-${hash}`;
}

/** Colour and description a label gets when the dispatcher creates it. */
export function labelAppearance(name: string): { color: string; description: string } {
  const kind = name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
  const appearance: Record<string, { color: string; description: string }> = {
    comment: { color: '0e8a16', description: 'A public comment on the strategy' },
    v: { color: '1d76db', description: 'Version commented on' },
    section: { color: 'c5def5', description: 'Section commented on' },
    type: { color: 'fbca04', description: 'General, technical or editorial comment' },
    sector: { color: 'd4c5f9', description: 'Stakeholder sector of the commenter' },
    channel: { color: 'bfdadc', description: 'How the comment was received' },
    lang: { color: 'f9d0c4', description: 'Language the comment is written in, when not English' },
    unverified: { color: 'e99695', description: 'Sent without the anti-spam check: review before triage' },
    batch: { color: '5319e7', description: 'Several comments on one section, filed together: answer each by its reference' },
  };
  return appearance[kind] ?? { color: 'ededed', description: '' };
}

/** A comment read back from an issue body. Fields a person left empty or GitHub could not map are absent. */
export interface ParsedIssueBody {
  /** The submission uuid, when the site wrote the body. */
  submissionId?: string;
  /** `github` for a body without our marker. */
  channel: Channel;
  /** When the site received the comment; absent for a comment filed on GitHub (use the issue's created_at). */
  submittedAt?: string;
  version?: string;
  section?: string;
  paragraph?: string;
  /** The change commented on, as written in the body: a site body holds an id the schema checked; a GitHub body holds what a person typed. */
  change?: string;
  quote?: string;
  type?: CommentType;
  comment?: string;
  /** Absent when the body does not say (read it as English). */
  language?: Language;
  proposedChange?: string;
  sector?: Sector;
  organisation?: string;
  /** Only when `publishName` is true. */
  name?: string;
  publishName: boolean;
}

/**
 * Reads an issue body (written by `renderIssueBody` or by GitHub's issue
 * form) with `@github/issue-parser` and the issue form template. Text comes
 * back as it is in the issue, i.e. neutralised for bodies the site wrote.
 * A name is returned only when the "publish my name" box is ticked.
 *
 * The hidden marker is read only with `trustMarker` (the issue was created
 * by the site's own filer): anyone can type one into an issue on GitHub.
 * Otherwise it is cut from the text and nothing in it is believed.
 */
export function parseIssueBody(body: string, options: { trustMarker?: boolean } = {}): ParsedIssueBody {
  let text = body.replace(/\r\n?/g, '\n');
  const marker = MARKER.exec(text);
  if (marker) text = text.slice(0, marker.index);
  const raw = readFormFields(text);

  const out: ParsedIssueBody = { channel: 'github', publishName: false };
  if (marker && options.trustMarker === true) {
    out.submissionId = marker[1]!;
    const channel = marker[2];
    out.channel = channel && (CHANNELS as readonly string[]).includes(channel) ? (channel as Channel) : 'web';
    if (marker[3]) out.submittedAt = marker[3];
  }
  for (const field of ISSUE_FORM_FIELDS) {
    const value = raw[field.id];
    switch (field.type) {
      case 'input':
      case 'textarea':
        if (typeof value === 'string' && value !== '') assignText(out, field.id, restoreEmptyLookingValue(value));
        break;
      case 'dropdown': {
        const choice = Array.isArray(value) ? value.join(', ') : undefined;
        if (field.id === 'type') {
          const type = COMMENT_TYPES.find((t) => COMMENT_TYPE_LABELS[t].toLowerCase() === choice?.toLowerCase());
          if (type) out.type = type;
        } else if (field.id === 'language') {
          const language = COMMENT_LANGUAGES.find((l) => COMMENT_LANGUAGE_LABELS[l].toLowerCase() === choice?.toLowerCase());
          if (language) out.language = language;
        } else if (field.id === 'sector') {
          const sector = Object.entries(SECTOR_LABELS).find(([, label]) => label.toLowerCase() === choice?.toLowerCase())?.[0];
          if (sector && isSector(sector)) out.sector = sector;
        }
        break;
      }
      case 'checkboxes':
        if (value && typeof value === 'object' && 'selected' in value) {
          out.publishName = value.selected.includes(PUBLISH_NAME_OPTION);
        }
        break;
    }
  }
  if (!out.publishName) delete out.name;
  if (out.paragraph !== undefined) {
    const n = parseParagraphRef(out.paragraph);
    if (n !== null) out.paragraph = paragraphRef(n);
  }
  return out;
}

type RawValue = string | undefined | string[] | { selected: string[]; unselected: string[] };

const FIELD_BY_LABEL = new Map(ISSUE_FORM_FIELDS.map((field) => [field.label, field]));

/**
 * The form's answers by field id, as `@github/issue-parser` reads them with
 * the form template, but from its template-less parse: with the template it
 * re-parses the YAML on every call (about 2 ms an issue, most of a
 * 10,000-issue collation); without it, 0.04 ms. As the template path does, a
 * heading that is not one of the form's labels (someone typed "### ..." in a
 * comment on GitHub) belongs to the field before it.
 */
function readFormFields(text: string): Record<string, RawValue> {
  const sections = parseIssue(text) as Record<string, string>;
  const texts = new Map<IssueFormField, string>();
  let current: IssueFormField | undefined;
  for (const [heading, value] of Object.entries(sections)) {
    const field = FIELD_BY_LABEL.get(heading);
    if (field) {
      current = field;
      texts.set(field, value);
    } else if (current) {
      texts.set(current, `${texts.get(current)}\n\n### ${heading}\n\n${value}`);
    }
  }
  const out: Record<string, RawValue> = {};
  for (const [field, value] of texts) out[field.id] = formatAnswer(field, value);
  return out;
}

/** GitHub's answer formats: `_No response_` or `None` for empty, comma lists for dropdowns, `- [X]` lines for tick boxes. */
function formatAnswer(field: IssueFormField, value: string): RawValue {
  const empty = value === '_No response_' || value === 'None';
  switch (field.type) {
    case 'dropdown':
      return empty ? [] : value.split(/, */);
    case 'checkboxes': {
      const boxes = { selected: [] as string[], unselected: [] as string[] };
      if (empty) return boxes;
      for (const line of value.split('\n').map((l) => l.trim())) {
        if (/^-\s\[x\]\s/i.test(line)) boxes.selected.push(line.replace(/^-\s\[x\]\s/i, ''));
        else boxes.unselected.push(line.replace(/^-\s\[\s\]\s/, ''));
      }
      return boxes;
    }
    default:
      return empty ? undefined : value;
  }
}

function assignText(out: ParsedIssueBody, id: IssueFormField['id'], value: string): void {
  switch (id) {
    case 'version':
    case 'section':
    case 'paragraph':
    case 'change':
    case 'quote':
    case 'comment':
    case 'proposedChange':
    case 'organisation':
    case 'name':
      out[id] = value;
      break;
    default:
      break;
  }
}
