/**
 * The language switcher keeps the reader's place: the #fragment in the
 * address (a section, a paragraph, a glossary entry), or on a page of
 * sections without one the section being read (src/client/reading-section.ts).
 * Both languages have the same anchors. The link is updated when it is used
 * (click, Enter, middle click, or about to be), so the status bar shows where
 * it goes.
 */
import { trackReadingSection } from './reading-section.ts';

export function keepPlaceOnLanguageSwitch(): void {
  const reading = trackReadingSection();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-place]')) {
    const update = () => {
      link.hash = window.location.hash || reading() || '';
    };
    for (const event of ['click', 'auxclick', 'focus', 'pointerenter']) link.addEventListener(event, update);
  }
}
