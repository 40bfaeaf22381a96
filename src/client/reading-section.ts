/**
 * The section being read on a page of sections: the one in the address, then
 * the last one scrolled into view, kept while the reader goes back up to the
 * top of the page (where the version and language switchers are).
 */
export function trackReadingSection(): () => string | undefined {
  const sections = [...document.querySelectorAll<HTMLElement>('section[data-section]')];
  let reading: string | undefined = sections.find((s) => `#${s.dataset.section}` === window.location.hash)?.dataset.section;
  let scheduled = false;
  window.addEventListener('scroll', () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const inView = sectionInView(sections);
      if (inView) reading = inView;
    });
  }, { passive: true });
  return () => reading;
}

/** The section whose top was last scrolled past the middle of the screen, if any. */
function sectionInView(sections: HTMLElement[]): string | undefined {
  let current: string | undefined;
  for (const section of sections) {
    if (section.getBoundingClientRect().top < window.innerHeight / 2) current = section.dataset.section;
  }
  return current;
}
