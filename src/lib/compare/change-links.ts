/**
 * "Comment on this change": the comment form of the new version, filled in
 * with the section, the paragraph the change is in, the change's id and its
 * old and new wording as the quote. The form is the server's page, which
 * works without JavaScript, like a paragraph's "Comment" link.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { commentLink } from '../comments/links.ts';
import { changeLabel, changeQuote, type SectionChange } from '../diff/index.ts';
import type { Language, Translate } from '../i18n/translate.ts';

/** The link for one change; `apiOrigin` is where the comment page is ('' for the pages' own origin). */
export function changeCommentLink(apiOrigin: string, version: string, sectionId: string, change: SectionChange, language: Language = 'en'): string {
  // commentLink always has a query (version and section): the change's fields follow it.
  const extra = new URLSearchParams({ change: change.id, quote: changeQuote(change.before, change.after) });
  return `${commentLink(apiOrigin, version, sectionId, change.paragraph, language)}&${extra.toString()}`;
}

/**
 * The list put after a changed paragraph: one "Comment on this change 2.4"
 * link per change in it (the number is part of the link's name, so each name
 * is unique on the page).
 */
export function changeCommentList(apiOrigin: string, version: string, sectionId: string, sectionNumber: number | undefined, t: Translate, language: Language = 'en') {
  return (changes: readonly SectionChange[]): Element =>
    h(
      'ul',
      { className: ['change-actions'], ariaLabel: t('redline.changeActions') },
      changes.map((change) =>
        h('li', [
          h('a', { href: changeCommentLink(apiOrigin, version, sectionId, change, language), dataCommentChange: change.id }, [
            t('redline.commentOnChange'),
            ' ',
            h('span', { className: ['change-number'] }, changeLabel(sectionNumber, change.n)),
          ]),
        ]),
      ),
    );
}
