/**
 * "Comment on this change": the comment form of the new version, filled in
 * with the section, the paragraph the change is in, the change's id and its
 * old and new wording as the quote. The form is the server's page, which
 * works without JavaScript, like a paragraph's "Comment" link.
 */
import { commentLink } from '../comments/links.ts';
import { changeQuote, type SectionChange } from '../diff/index.ts';

export function changeCommentLink(version: string, sectionId: string, change: SectionChange): string {
  // commentLink always has a query (version and section): the change's fields follow it.
  const extra = new URLSearchParams({ change: change.id, quote: changeQuote(change.before, change.after) });
  return `${commentLink(version, sectionId, change.paragraph)}&${extra.toString()}`;
}
