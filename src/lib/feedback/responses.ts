/**
 * The maintainers' answer to a comment: the newest reply on its issue, by a
 * maintainer, that begins `Response:`. Anyone can reply on a public issue;
 * only people GitHub reports as the repository's owner, organisation members
 * or collaborators speak for the consultation
 * (https://docs.github.com/en/graphql/reference/enums#commentauthorassociation).
 * The newest such reply wins, so a maintainer corrects a response by posting
 * another one; editing a reply changes its text in place.
 */
import type { CommentResponse, SourceComment } from './schema.ts';

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

/** The text after `Response:`, with line endings normalised and invisible separators removed. */
export function responseText(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(RESPONSE, '').replace(/\u200B/g, '').trim();
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
