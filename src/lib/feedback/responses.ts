/**
 * The maintainers' answer to a comment: the newest reply on its issue, by a
 * maintainer, that begins `Response:`; for a comment filed in a batch (several
 * comments in one issue, comments/batch-body.ts), the newest that begins
 * `Response to <its reference>:`, optionally with its disposition in brackets
 * (`Response to BZ-2026-000120 (accepted): …`). Anyone can reply on a public issue;
 * only people GitHub reports as the repository's owner, organisation members
 * or collaborators speak for the consultation
 * (https://docs.github.com/en/graphql/reference/enums#commentauthorassociation).
 * The newest such reply wins, so a maintainer corrects a response by posting
 * another one; editing a reply changes its text in place.
 */
import { createHash } from 'node:crypto';
import { DISPOSITIONS, type CommentResponse, type Disposition, type SourceComment } from './schema.ts';

/** Author associations that speak for the consultation. */
const MAINTAINER_ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR'] as const;

/** Whether a reply's author speaks for the consultation. */
export function isMaintainer(authorAssociation: string): boolean {
  return (MAINTAINER_ASSOCIATIONS as readonly string[]).includes(authorAssociation.toUpperCase());
}

// `Response:` at the very start, after white space; case as people type it.
const RESPONSE = /^\s*response:[ \t]*/i;
const DUPLICATE_OF = /\bduplicate\s+of\s+#(\d+)\b/i;
// `Response to BZ-2026-000120`, then optionally `(accepted)`, then `:` and the text, or nothing more on the line.
// No two runs of spaces side by side, so a long run cannot make the match quadratic.
const ADDRESSED = /^\s*response[ \t]+to[ \t]+([A-Za-z]{1,10}-\d{4}-\d{6,})[ \t]*(?:\(([^()\n]{0,60})\)[ \t]*)?(?::[ \t]*|(?=\n|$))/i;

/** Newest first: by creation time, then id (two replies in the same second). */
function newestFirst(a: SourceComment, b: SourceComment): number {
  return b.created_at.localeCompare(a.created_at) || b.id - a.id;
}

/** The response to the issue these replies belong to, or undefined when no maintainer has answered. */
export function maintainerResponse(replies: readonly SourceComment[]): CommentResponse | undefined {
  const answer = replies
    .filter((reply) => isMaintainer(reply.author_association) && RESPONSE.test(reply.body))
    .sort(newestFirst)
    .find((reply) => responseText(reply.body) !== '');
  if (!answer) return undefined;
  return { text: responseText(answer.body), respondedAt: answer.created_at, url: answer.html_url };
}

/** The text after `Response:` (or `Response to <reference> (…):`), with line endings normalised, invisible separators and our hidden marker removed. */
export function responseText(body: string): string {
  const normalised = body.replace(/\r\n?/g, '\n');
  const prefix = ADDRESSED.exec(normalised) ?? RESPONSE.exec(normalised);
  return normalised.slice(prefix ? prefix[0].length : 0).replace(MARKER_ANYWHERE, '').replace(/\u200B/g, '').trim();
}

/** A reply to one member of a batch: the reference it names and what it says in brackets, if anything. */
function addressedTo(body: string): { reference: string; bracket: string | undefined } | undefined {
  const match = ADDRESSED.exec(body.replace(/\r\n?/g, '\n'));
  return match ? { reference: match[1]!.toUpperCase(), bracket: match[2]?.trim() } : undefined;
}

/** A disposition as people write it: `accepted`, `Partially accepted`, `out_of_scope`. */
export function dispositionNamed(text: string): Disposition | undefined {
  const key = text.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return (DISPOSITIONS as readonly string[]).includes(key) ? (key as Disposition) : undefined;
}

/** What the maintainers said to the members of one batch issue. */
export interface BatchAnswers {
  /** By member reference (upper case): its own response, its own disposition, the issue it duplicates. */
  members: Map<string, { response?: CommentResponse; disposition?: Disposition; duplicateOf?: number }>;
  /** The answer for every member that has none of its own: the newest plain `Response:` reply. */
  response: CommentResponse | undefined;
  /** "Duplicate of #N" said in a reply to no member in particular. */
  duplicateOf: number | undefined;
  /** For the maintainer: replies to references not in the batch, disposition brackets that name none. */
  warnings: string[];
}

/**
 * Reads the replies on a batch issue whose members are `references`. For
 * each member, its response is the newest maintainer reply addressed to it
 * that has text, and its disposition the one stated in the newest such reply
 * that states one, so a maintainer who corrects the wording without
 * repeating the disposition keeps it.
 */
export function batchAnswers(replies: readonly SourceComment[], references: readonly string[]): BatchAnswers {
  const wanted = new Set(references.map((r) => r.toUpperCase()));
  const members: BatchAnswers['members'] = new Map();
  const warnings: string[] = [];
  const plain: SourceComment[] = [];
  // Oldest first, so each newer statement overwrites.
  for (const reply of [...replies].sort(newestFirst).reverse()) {
    if (!isMaintainer(reply.author_association)) continue;
    const to = addressedTo(reply.body);
    if (!to) {
      plain.push(reply);
      continue;
    }
    if (!wanted.has(to.reference)) {
      warnings.push(`a reply (${reply.html_url}) answers ${to.reference}, which is not in this batch`);
      continue;
    }
    const entry = members.get(to.reference) ?? {};
    if (to.bracket !== undefined) {
      const disposition = dispositionNamed(to.bracket);
      if (disposition) entry.disposition = disposition;
      else warnings.push(`${to.reference}: "(${to.bracket})" in a reply is not a disposition (${DISPOSITIONS.join(', ')}); its text counts, its disposition does not`);
    }
    const text = responseText(reply.body);
    if (text !== '') entry.response = { text, respondedAt: reply.created_at, url: reply.html_url };
    const duplicate = DUPLICATE_OF.exec(reply.body);
    if (duplicate) entry.duplicateOf = Number(duplicate[1]);
    members.set(to.reference, entry);
  }
  return { members, response: maintainerResponse(plain), duplicateOf: duplicateOf(plain), warnings };
}

/**
 * The hidden marker `npm run respond` puts at the end of each reply it
 * posts: the sha256 of the response and the disposition it was posted with,
 * and for a member of a batch its reference (`member=BZ-2026-000120`).
 * GitHub has no idempotency key, so a run that was killed after a post and
 * before it could note it finds the marker in the issue's newest response
 * (a member's: the newest reply addressed to it) and does not post the same
 * answer twice.
 */
export function responseMarker(text: string, disposition: Disposition | undefined, member?: string): string {
  const digest = createHash('sha256').update(`${text}\n${disposition ?? ''}${member ? `\n${member}` : ''}`).digest('hex');
  return `<!-- consulta:response=${digest}${member ? ` member=${member}` : ''} -->`;
}

const MARKER = /<!-- consulta:response=([0-9a-f]{64})(?: member=[A-Z]{1,10}-\d{4}-\d{6,})? -->/;
// The marker alone, not the white space before it (the text is trimmed after): `\s*` before it would be quadratic on a long run of spaces.
const MARKER_ANYWHERE = new RegExp(MARKER.source, 'g');

/** The reply `npm run respond` posts: `Response:`, the text, then the hidden marker. */
export function responseReply(text: string, disposition: Disposition | undefined): string {
  return `Response: ${text}\n\n${responseMarker(text, disposition)}`;
}

/**
 * The reply `npm run respond` posts to one member of a batch: `Response to
 * <reference> (<disposition>): <text>`, without the brackets when there is
 * no disposition and without the text when there is none, then the marker.
 */
export function memberReply(reference: string, text: string | undefined, disposition: Disposition | undefined): string {
  const head = `Response to ${reference}${disposition ? ` (${disposition})` : ''}`;
  return `${text ? `${head}: ${text}` : head}\n\n${responseMarker(text ?? '', disposition, reference)}`;
}

/** The member a reply is addressed to (`Response to BZ-2026-000120 …`), upper case, or undefined. */
export function replyMember(body: string): string | undefined {
  return addressedTo(body)?.reference;
}

/** The marker of a reply (`<!-- consulta:response=… -->`), or undefined. */
export function replyMarker(body: string): string | undefined {
  const match = MARKER.exec(body);
  return match ? match[0] : undefined;
}

/** The issue a maintainer said this one duplicates ("Duplicate of #12"), newest statement first. */
export function duplicateOf(replies: readonly SourceComment[]): number | undefined {
  for (const reply of [...replies].sort(newestFirst)) {
    if (!isMaintainer(reply.author_association)) continue;
    const match = DUPLICATE_OF.exec(reply.body);
    if (match) return Number(match[1]);
  }
  return undefined;
}
