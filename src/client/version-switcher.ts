/**
 * Switching version from the list at the top lands on the section being read,
 * when the other version has it. "Being read" is the last section scrolled
 * into view (or the one in the address), kept while the reader scrolls back up
 * to the list. Without JavaScript the list goes to the top of the other
 * version, and each section's footer links to the same section elsewhere.
 */
export function keepSectionOnSwitch(): void {
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
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-section]')) {
    link.addEventListener('click', () => {
      const available = (link.dataset.keepSection ?? '').split(' ');
      if (reading && available.includes(reading)) link.hash = reading;
    });
  }
}

/** The section whose top was last scrolled past the middle of the screen, if any. */
function sectionInView(sections: HTMLElement[]): string | undefined {
  let current: string | undefined;
  for (const section of sections) {
    if (section.getBoundingClientRect().top < window.innerHeight / 2) current = section.dataset.section;
  }
  return current;
}
