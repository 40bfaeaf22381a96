/**
 * The language switcher keeps the reader's place: the #fragment in the
 * address (a section, a paragraph, a glossary entry), or on a reading page
 * without one the section scrolled to. The link is updated when it is used
 * (click, Enter, middle click or "open in new tab"), so what the reader
 * sees in the status bar is where it goes.
 */
export function keepPlaceOnLanguageSwitch(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-place]')) {
    const update = () => {
      link.hash = window.location.hash || readingSection() || '';
    };
    link.addEventListener('click', update);
    link.addEventListener('auxclick', update);
    link.addEventListener('focus', update);
    link.addEventListener('pointerenter', update);
  }
}

/** The section whose top was last scrolled past the middle of the screen, on a page of sections. */
function readingSection(): string | undefined {
  let current: string | undefined;
  for (const section of document.querySelectorAll<HTMLElement>('section[data-section]')) {
    if (section.getBoundingClientRect().top < window.innerHeight / 2) current = section.dataset.section;
  }
  return current;
}
