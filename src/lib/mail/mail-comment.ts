/**
 * A reply read from the mailbox (reply.ts), made into a comment record the
 * outbox accepts like any other (channel `email`):
 *
 * - the version: from the invitation it answers or a version it names, else
 *   the version open for comment now;
 * - the section and paragraph: from its first reference line (`Section 3,
 *   paragraph 2`, `Section: governance`); a message that names no section
 *   of the version is filed under its first section, and says so, for a
 *   maintainer to move;
 * - an optional block of `Sector:` and `Organisation:` lines at the top
 *   (both published, as on the form); the sector is `individual` otherwise;
 * - the text: the sender's own words, control characters removed, with
 *   notes for the maintainers (attachments by name, a guessed section, a
 *   clipped text), clipped to the schema's limit with a note saying so.
 *
 * Its submission id is derived from the Message-ID, so a message read twice
 * (a re-run, a crash before it was flagged) is one comment: the outbox keeps
 * the first. The sender's name and address never enter the record.
 */
import { createHash } from 'node:crypto';
import { COMMENT_LIMITS, CommentSubmission, characterCount, cleanText, describeProblems, fieldErrors } from '../comments/schema.ts';
import { SECTOR_LABELS } from '../comments/issue-form-fields.ts';
import { contentId } from '../feedback/import/index.ts';
import { translator, type MessageKey } from '../i18n/translate.ts';
import { SECTORS, type Sector } from '../stakeholders/sectors.ts';
import { commentState, type Catalog } from '../strategy/catalog.ts';
import { sectionParagraphs } from '../strategy/render-section.ts';
import { resolveSection, type ReplyCandidate } from './reply.ts';

/** What the conversion needs to know of the strategy. */
export interface MailCommentPlaces {
  /** Sections of a published version, in order; undefined for an unknown version. */
  sections(version: string): readonly { id: string; title: string }[] | undefined;
  paragraphCount(version: string, section: string): number;
  /** The version a message that names none is about (the one open for comment now), if any. */
  defaultVersion: string | undefined;
}

type MailComment =
  | {
      ok: true;
      submission: CommentSubmission;
      /** Where it was filed, for the acknowledgement. */
      section: { number: number; title: string };
      paragraph?: number;
      sectionGuessed: boolean;
      clipped: boolean;
    }
  | { ok: false; reason: 'no-version' | 'invalid'; detail: string };

/** The key of a message: its Message-ID, or a hash of its bytes when it has none. */
export function messageKey(messageId: string | undefined, source: Uint8Array): string {
  return messageId?.trim() || `sha256:${createHash('sha256').update(source).digest('hex')}`;
}

/** The comment's submission id: a UUID derived from the message's key, the same however often it is read. */
export function mailSubmissionId(key: string): string {
  return contentId({ mail: key });
}

// C0 and C1 control characters other than tab and newline: the schema refuses them, a mail program may send them.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

/** Turns a readable reply into a comment record, or says why it cannot be one. */
export function mailToComment(candidate: ReplyCandidate, key: string, places: MailCommentPlaces, receivedAt: Date): MailComment {
  const version = candidate.version && places.sections(candidate.version) ? candidate.version : places.defaultVersion;
  const sections = version ? places.sections(version) : undefined;
  if (!version || !sections?.length) {
    return { ok: false, reason: 'no-version', detail: 'the message names no version, and no version is open for comment' };
  }

  const reference = candidate.references[0];
  const resolved = reference ? resolveSection(sections, reference.section) : undefined;
  const index = resolved ? sections.findIndex((s) => s.id === resolved) : 0;
  const section = sections[index]!;
  const notes: string[] = [];
  if (!resolved) {
    const named = reference ? ('number' in reference.section ? `"Section ${reference.section.number}"` : `"Section: ${reference.section.name}"`) : undefined;
    notes.push(named ? `The e-mail named ${named}, which ${version} does not have; filed under section 1 for a maintainer to move.` : 'The e-mail named no section; filed under section 1 for a maintainer to move.');
  }
  let paragraph = resolved ? reference?.paragraph : undefined;
  if (paragraph !== undefined && paragraph > places.paragraphCount(version, section.id)) {
    notes.push(`The e-mail named paragraph ${paragraph}, which this section does not have.`);
    paragraph = undefined;
  }
  if (candidate.attachments.length) notes.push(`Attachments, not published: ${candidate.attachments.join(', ')}.`);

  const { fields, body } = fieldBlock(cleanText(candidate.text.replace(CONTROL, '')));
  const { text, clipped } = withNotes(body || cleanText(candidate.text.replace(CONTROL, '')), notes);
  const parsed = CommentSubmission.safeParse({
    submissionId: mailSubmissionId(key),
    version,
    section: section.id,
    ...(paragraph !== undefined ? { paragraph: `p${paragraph}` } : {}),
    type: 'general',
    comment: text,
    sector: fields.sector ?? 'individual',
    ...(fields.organisation ? { organisation: fields.organisation } : {}),
    publishName: false,
    channel: 'email',
    submittedAt: (candidate.date ? new Date(candidate.date) : receivedAt).toISOString(),
  });
  if (!parsed.success) {
    return { ok: false, reason: 'invalid', detail: Object.entries(describeProblems(fieldErrors(parsed.error), { t: translator('en'), language: 'en' })).map(([field, message]) => `${field}: ${message}`).join('; ') };
  }
  return {
    ok: true,
    submission: parsed.data,
    section: { number: index + 1, title: section.title },
    ...(paragraph !== undefined ? { paragraph } : {}),
    sectionGuessed: !resolved,
    clipped,
  };
}

/** The text and the notes after it, within the comment limit; a text too long is clipped, and a note says so. */
function withNotes(text: string, notes: string[]): { text: string; clipped: boolean } {
  const limit = COMMENT_LIMITS.comment;
  const join = (body: string, all: string[]) => (all.length ? `${body}\n\n${all.map((n) => `[${n}]`).join('\n')}` : body);
  const whole = join(text, notes);
  if (characterCount(whole) <= limit) return { text: whole, clipped: false };
  const note = `The e-mail's text was ${characterCount(text).toLocaleString('en-GB')} characters long; only its beginning fits in a comment. The whole message is in the consultation's mailbox.`;
  const room = limit - characterCount(join('', [...notes, note])) - 1;
  const kept = [...text].slice(0, Math.max(0, room)).join('').trimEnd();
  return { text: join(`${kept}…`, [...notes, note]), clipped: true };
}

const FIELD_NAMES: Record<string, 'sector' | 'organisation'> = {
  sector: 'sector',
  organisation: 'organisation',
  organization: 'organisation',
  organizacion: 'organisation',
};

const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s_-]+/g, ' ').trim();
const es = translator('es');
const SECTOR_NAMES = new Map<string, Sector>(SECTORS.flatMap((s) => [[fold(s), s], [fold(SECTOR_LABELS[s]), s], [fold(es(`sector.${s}` as MessageKey)), s]] as const));

/** `Sector:` and `Organisation:` lines at the top of the text, and the text after them. */
function fieldBlock(text: string): { fields: { sector?: Sector; organisation?: string }; body: string } {
  const lines = text.split('\n');
  const fields: { sector?: Sector; organisation?: string } = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const match = /^\s*([\p{L} ]{3,20}?)\s*:\s*(.+?)\s*$/u.exec(lines[i]!);
    const name = match ? FIELD_NAMES[fold(match[1]!)] : undefined;
    if (!match || !name) break;
    const value = match[2]!;
    if (name === 'sector') {
      const sector = SECTOR_NAMES.get(fold(value));
      if (!sector) break;
      fields.sector = sector;
    } else {
      if (characterCount(value) > COMMENT_LIMITS.organisation || /[\u202A-\u202E\u2066-\u2069]/u.test(value)) break;
      fields.organisation = value;
    }
  }
  return { fields, body: lines.slice(i).join('\n').trim() };
}

/**
 * Where comments by e-mail can point, from the catalog at `now`: a message
 * that names no version is about the version open for comment, else the
 * newest in consultation or closed (a late reply is still a comment).
 */
export function mailPlaces(catalog: Catalog, now: Date): MailCommentPlaces {
  const counts = new Map<string, number>();
  const open = catalog.versions.find((v) => commentState(v, now) === 'open');
  const recent = [...catalog.versions].reverse().find((v) => v.manifest.status === 'consultation' || v.manifest.status === 'closed');
  return {
    sections: (version) => catalog.byId.get(version)?.sections,
    paragraphCount(version, id) {
      const key = `${version}/${id}`;
      let count = counts.get(key);
      if (count === undefined) {
        const section = catalog.byId.get(version)?.sections.find((s) => s.id === id);
        count = section ? sectionParagraphs(section).length : 0;
        counts.set(key, count);
      }
      return count;
    },
    defaultVersion: (open ?? recent)?.manifest.id,
  };
}
