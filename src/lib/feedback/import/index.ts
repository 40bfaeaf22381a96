/**
 * Comments received outside the site: by e-mail, or written down at the
 * workshop and task-force meetings. `npm run comments:import` turns them into
 * the same records as web comments (channel `email`, `workshop` or
 * `meeting`) and accepts them into the outbox, from where the dispatcher
 * files them as issues like any other comment.
 *
 * The CSV header (one row of column names, in any order, any case; spaces,
 * hyphens and underscores ignored):
 *
 *   channel          email, workshop or meeting (or --channel for the whole file)
 *   received         when it was received: 2026-09-18 or 2026-09-18T14:30 (local,
 *                    in the site's time zone) or with an offset
 *   version          e.g. v0.1 (or --version)
 *   section          the section id, e.g. governance
 *   paragraph        optional: 3 or p3
 *   quote            optional: the words commented on
 *   type             general, technical or editorial (or ge, te, ed)
 *   comment          the comment
 *   proposed change  optional
 *   sector           e.g. civil-society or Civil society
 *   organisation     optional; published
 *   name             optional; published only when "publish name" is yes
 *   publish name     yes or no (default no)
 *   language         optional: en or es (English or Spanish; default English)
 *
 * Type and sector may also be written as the Spanish pages name them
 * ("técnico", "sociedad civil"): the workshop's cards are printed in both
 * languages, and `/strategy/<v>/comment-cards.csv` is their template.
 *
 * An .eml file is one comment: the text of the message, after an optional
 * block of `Field: value` lines at its top using the same names (a line
 * `Proposed change:` starts the proposed change), with the `Date` header as
 * the time received. A subject such as `[v0.1 § governance ¶3] ...` (how our
 * issue titles cite a paragraph) gives version, section and paragraph. The
 * sender's address and name are never read.
 *
 * Each comment gets a submission id derived from its content, so importing
 * the same file twice files each comment once.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DateTime } from 'luxon';
import { COMMENT_LANGUAGE_LABELS, SECTOR_LABELS } from '../../comments/issue-form-fields.ts';
import { COMMENT_LANGUAGES, COMMENT_TYPES, CommentSubmission, describeProblems, fieldErrors, type CommentType } from '../../comments/schema.ts';
import { t, translator, type Language } from '../../i18n/translate.ts';
import { SECTORS, type Sector } from '../../stakeholders/sectors.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { parseEmail } from './eml.ts';

/** Channels a maintainer imports; `web` and `github` arrive by themselves. */
export const IMPORT_CHANNELS = ['email', 'workshop', 'meeting'] as const;
export type ImportChannel = (typeof IMPORT_CHANNELS)[number];

/** A comment read from a file, ready for the outbox. */
interface ImportedComment {
  submission: CommentSubmission;
  /** `file.csv:14` or `message.eml`. */
  origin: string;
}

/** A row or file that could not be read: where, and why (one line each). */
interface ImportProblem {
  file: string;
  /** Line the row starts on (CSV). */
  line?: number;
  reasons: string[];
}

export interface ImportResult {
  comments: ImportedComment[];
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Time zone of dates and times written without an offset (the site's). */
  timeZone: string;
  /** Values for fields a file leaves out. */
  defaults?: { channel?: ImportChannel; version?: string; type?: CommentType; sector?: Sector };
  /** Problems with where a comment points (unknown version, section or paragraph); none when it is fine. */
  checkReference?: (version: string, section: string, paragraph: string | undefined) => string[];
}

/** Field names, as written in a header or an e-mail's field block, to record keys. */
const FIELD_NAMES: Record<string, keyof RawComment> = {
  channel: 'channel',
  received: 'received',
  date: 'received',
  receivedat: 'received',
  submittedat: 'received',
  version: 'version',
  section: 'section',
  paragraph: 'paragraph',
  quote: 'quote',
  quotedtext: 'quote',
  type: 'type',
  typeofcomment: 'type',
  comment: 'comment',
  proposedchange: 'proposedChange',
  sector: 'sector',
  stakeholdersector: 'sector',
  organisation: 'organisation',
  organization: 'organisation',
  name: 'name',
  publishname: 'publishName',
  consent: 'publishName',
  language: 'language',
  lang: 'language',
};

/** The fields of a comment as text, before they are checked. */
interface RawComment {
  channel?: string;
  received?: string;
  version?: string;
  section?: string;
  paragraph?: string;
  quote?: string;
  type?: string;
  comment?: string;
  proposedChange?: string;
  sector?: string;
  organisation?: string;
  name?: string;
  publishName?: string;
  language?: string;
}

const fieldKey = (name: string) => FIELD_NAMES[name.toLowerCase().replace(/[^a-z]/g, '')];

/** Reads a .csv or .eml file, or every such file in a folder (not its subfolders), in name order. */
export async function importPath(path: string, options: ImportOptions): Promise<ImportResult> {
  const result: ImportResult = { comments: [], problems: [] };
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => ['.csv', '.eml'].includes(extname(name).toLowerCase()))
        .sort()
        .map((name) => join(path, name))
    : [path];
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    const one =
      ext === '.csv'
        ? importCsv(readFileSync(file, 'utf8'), basename(file), options)
        : ext === '.eml'
          ? await importEmail(readFileSync(file), basename(file), options)
          : { comments: [], problems: [{ file: basename(file), reasons: ['is neither a .csv nor an .eml file'] }] };
    result.comments.push(...one.comments);
    result.problems.push(...one.problems);
  }
  return result;
}

/** Comments from a CSV text with the documented header. */
export function importCsv(text: string, file: string, options: ImportOptions): ImportResult {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { comments: [], problems: [{ file, line: error.line, reasons: [error.message] }] };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) return { comments: [], problems: [{ file, reasons: ['is empty'] }] };
  const keys = header.fields.map(fieldKey);
  const unknown = header.fields.filter((name, i) => !keys[i] && name.trim() !== '');
  if (!keys.includes('comment')) {
    return { comments: [], problems: [{ file, line: header.line, reasons: ['the first row must name the columns, including "comment" (see --help)'] }] };
  }
  const result: ImportResult = { comments: [], problems: [] };
  if (unknown.length) result.problems.push({ file, line: header.line, reasons: [`unknown columns ignored: ${unknown.join(', ')}`] });
  for (const row of rows) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    const raw: RawComment = {};
    row.fields.forEach((value, i) => {
      const key = keys[i];
      if (key && value.trim() !== '') raw[key] = value;
    });
    const read = toSubmission(raw, options);
    if ('reasons' in read) result.problems.push({ file, line: row.line, reasons: read.reasons });
    else result.comments.push({ submission: read.submission, origin: `${file}:${row.line}` });
  }
  return result;
}

/** One comment from an e-mail message saved as .eml. */
export async function importEmail(raw: Uint8Array | string, file: string, options: ImportOptions): Promise<ImportResult> {
  const email = await parseEmail(raw);
  const fields: RawComment = { channel: 'email' };
  if (email.date) fields.received = email.date;
  // `[v0.1 § governance ¶3] ...`: how our issue titles cite a paragraph.
  const cited = /\[\s*([a-z0-9][a-z0-9.-]*)\s*§\s*([a-z0-9-]+)(?:\s*¶\s*(\d+))?\s*\]/i.exec(email.subject ?? '');
  if (cited) {
    fields.version = cited[1]!;
    fields.section = cited[2]!;
    if (cited[3]) fields.paragraph = cited[3];
  }
  const lines = stripQuotedReply(email.text).split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  for (; i < lines.length; i++) {
    const match = /^([A-Za-z][A-Za-z _-]{1,30}):[ \t]*(.*)$/.exec(lines[i]!);
    const key = match ? fieldKey(match[1]!) : undefined;
    if (!match || !key || key === 'comment' || key === 'proposedChange') break;
    fields[key] = match[2]!.trim();
  }
  const rest = lines.slice(i).join('\n');
  const split = /^[ \t]*proposed change:[ \t]*$/im.exec(rest);
  fields.comment = (split ? rest.slice(0, split.index) : rest).replace(/^[ \t]*comment:[ \t]*\n?/i, '').trim();
  if (split) fields.proposedChange = rest.slice(split.index + split[0].length).trim();
  const read = toSubmission(fields, options);
  if ('reasons' in read) return { comments: [], problems: [{ file, reasons: read.reasons }] };
  return { comments: [{ submission: read.submission, origin: file }], problems: [] };
}

/** Drops a signature (`-- `) and the quoted message a reply carries. */
function stripQuotedReply(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line === '-- ' || line === '--') break;
    if (/^On .+wrote:\s*$/.test(line)) break;
    if (line.startsWith('>')) continue;
    out.push(line);
  }
  return out.join('\n');
}

/** Checks a comment's fields and builds its record, or says what is wrong. */
function toSubmission(raw: RawComment, options: ImportOptions): { submission: CommentSubmission } | { reasons: string[] } {
  const reasons: string[] = [];
  // Fields whose problem is already said in words fit for an import, not the web form's.
  const said = new Set<string>(['submissionId']);
  const complain = (field: string, reason: string) => {
    said.add(field);
    reasons.push(reason);
  };
  const defaults = options.defaults ?? {};
  const channel = raw.channel?.trim().toLowerCase() ?? defaults.channel;
  if (!channel) complain('channel', 'no channel: give a "channel" column or --channel');
  else if (!(IMPORT_CHANNELS as readonly string[]).includes(channel)) complain('channel', `channel "${channel}" is not one of ${IMPORT_CHANNELS.join(', ')}`);
  const received = raw.received ? readTime(raw.received, options.timeZone) : undefined;
  if (!raw.received) complain('submittedAt', 'no date received');
  else if (!received) complain('submittedAt', `received "${raw.received}" is not a date (use 2026-09-18 or 2026-09-18T14:30)`);
  const type = raw.type ? readType(raw.type) : defaults.type;
  if (!type) complain('type', raw.type ? `type "${raw.type}" is not general, technical or editorial` : 'no type: give a "type" column or --type');
  const sector = raw.sector ? readSector(raw.sector) : defaults.sector;
  if (!sector) complain('sector', raw.sector ? `sector "${raw.sector}" is not one of ${SECTORS.join(', ')}` : 'no sector: give a "sector" column or --sector');
  const version = raw.version?.trim() || defaults.version;
  if (!version) complain('version', 'no version: give a "version" column or --version');
  if (!raw.section?.trim()) complain('section', 'no section: give a "section" column');
  const language = raw.language ? readLanguage(raw.language) : undefined;
  if (raw.language && !language) complain('language', `language "${raw.language}" is not one of ${COMMENT_LANGUAGES.join(', ')}`);

  const candidate = {
    version,
    section: raw.section?.trim(),
    paragraph: raw.paragraph,
    quote: raw.quote,
    type,
    comment: raw.comment,
    ...(language ? { language } : {}),
    proposedChange: raw.proposedChange,
    sector,
    organisation: raw.organisation,
    name: raw.name,
    publishName: ['yes', 'y', 'true', '1', 'x'].includes(raw.publishName?.trim().toLowerCase() ?? ''),
    channel,
    submittedAt: received,
  };
  const parsed = CommentSubmission.safeParse({ ...candidate, submissionId: contentId(candidate) });
  if (!parsed.success) {
    // Reports are read by the maintainer running the import, in English.
    for (const [field, message] of Object.entries(describeProblems(fieldErrors(parsed.error), { t, language: 'en' }))) {
      if (said.has(field)) continue;
      if (field === 'version' || field === 'section') reasons.push(`${field} "${candidate[field]}" is not an id (lower-case letters, digits, dots and hyphens)`);
      else reasons.push(message);
    }
    return { reasons: reasons.length ? reasons : ['could not be read'] };
  }
  if (reasons.length) return { reasons };
  const misplaced = options.checkReference?.(parsed.data.version, parsed.data.section, parsed.data.paragraph) ?? [];
  if (misplaced.length) return { reasons: misplaced };
  return { submission: parsed.data };
}

/** An instant from `2026-09-18`, `2026-09-18 14:30`, `2026-09-18T14:30:00-06:00` or an RFC 2822 date. Midday for a bare date, so the day survives any time zone shown. */
function readTime(value: string, timeZone: string): string | undefined {
  const text = value.trim().replace(' ', 'T');
  let time = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? DateTime.fromISO(`${text}T12:00`, { zone: timeZone })
    : DateTime.fromISO(text, { zone: timeZone, setZone: /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) });
  if (!time.isValid) time = DateTime.fromRFC2822(value.trim(), { setZone: true });
  if (!time.isValid) return undefined;
  return time.toISO({ suppressMilliseconds: true }) ?? undefined;
}

const spanish = translator('es');

function readType(value: string): CommentType | undefined {
  const v = value.trim().toLowerCase();
  const codes: Record<string, CommentType> = { ge: 'general', te: 'technical', ed: 'editorial' };
  return codes[v] ?? COMMENT_TYPES.find((t) => t === v || spanish(`comment.type.${t}`).toLowerCase() === v);
}

function readSector(value: string): Sector | undefined {
  const v = value.trim().toLowerCase();
  return SECTORS.find((s) => s === v || s === v.replace(/\s+/g, '-') || SECTOR_LABELS[s].toLowerCase() === v || spanish(`sector.${s}`).toLowerCase() === v);
}

function readLanguage(value: string): Language | undefined {
  const v = value.trim().toLowerCase();
  const names: Record<string, Language> = { english: 'en', spanish: 'es', inglés: 'en', ingles: 'en', español: 'es', espanol: 'es' };
  return COMMENT_LANGUAGES.find((l) => l === v || COMMENT_LANGUAGE_LABELS[l].toLowerCase() === v) ?? names[v];
}

/**
 * A UUID (version 4 layout) made from the comment's content: the same comment
 * imported twice gets the same id, and the outbox keeps one.
 */
export function contentId(fields: object): string {
  const hex = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
