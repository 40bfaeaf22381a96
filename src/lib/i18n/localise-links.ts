/**
 * The strategy's texts link to pages of the site as the English site has
 * them (`/taskforce/`, `/strategy/v0.1/#governance`). Shown on a page in
 * another language, those links go to the same pages in that language; the
 * stored text never changes.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { localiseHref } from './paths.ts';
import type { Language } from './translate.ts';

/** Rewrites, in place, the site links of a rendered text for a page in `language`. */
export function localiseLinks(tree: Root, language: Language): void {
  if (language === 'en') return;
  visit(tree, 'element', (element: Element) => {
    if (element.tagName === 'a' && typeof element.properties.href === 'string') element.properties.href = localiseHref(language, element.properties.href);
  });
}
