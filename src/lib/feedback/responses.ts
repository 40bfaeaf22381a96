/**
 * The maintainers' answer to a comment: the newest reply on its issue, by a
 * maintainer, that begins `Response:`. Anyone can reply on a public issue;
 * only people GitHub reports as the repository's owner, organisation members
 * or collaborators speak for the consultation
 * (https://docs.github.com/en/graphql/reference/enums#commentauthorassociation).
 * The newest such reply wins, so a maintainer corrects a response by posting
 * another one; editing a reply changes its text in place.
 */
import { createHash } from 'node:crypto';
import type { CommentResponse, Disposition, SourceComment } from './schema.ts';

/** Author associations that speak for the consultation. */
const MAINTAINER_ASSOCIATIONS = ['OWNER', 'MEMBER', 'COLLABORATOR'] as const;

/** Whether a reply's author speaks for the consultation. */
export function isMaintainer(authorAssociation: string): boolean {
  return (MAINTAINER_ASSOCIATIONS as readonly string[]).includes(authorAssociation.toUpperCase());
}

// `Response:` at the very start, after white space; case as people type it.
const RESPONSE = /^\s*response:[ \t]*/i;
const DUPLICATE_OF = /\bduplicate\s+of\s+#(\d+)\b/i;

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

/** The text after `Response:`, with line endings normalised, invisible separators and our hidden marker removed. */
export function responseText(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(RESPONSE, '').replace(MARKER_ANYWHERE, '').replace(/\u200B/g, '').trim();
}

/**
 * The hidden marker `npm run respond` puts at the end of each reply it
 * posts: the sha256 of the response and the disposition it was posted with.
 * GitHub has no idempotency key, so a run that was killed after a post and
 * before it could note it finds the marker in the newest response
 * and does not post the same answer twice.
 */
export function responseMarker(text: string, disposition: Disposition | undefined): string {
  const digest = createHash('sha256').update(`${text}\n${disposition ?? ''}`).digest('hex');
  return `<!-- consulta:response=${digest} -->`;
}

const MARKER = /<!-- consulta:response=([0-9a-f]{64}) -->/;
const MARKER_ANYWHERE = new RegExp(`\\s*${MARKER.source}`, 'g');

/** The reply `npm run respond` posts: `Response:`, the text, then the hidden marker. */
export function responseReply(text: string, disposition: Disposition | undefined): string {
  return `Response: ${text}\n\n${responseMarker(text, disposition)}`;
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
