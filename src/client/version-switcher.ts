/**
 * Switching version from the list at the top lands on the section being read
 * (src/client/reading-section.ts), when the other version has it. Without
 * JavaScript the list goes to the top of the other version, and each
 * section's footer links to the same section elsewhere.
 */
import { trackReadingSection } from './reading-section.ts';

export function keepSectionOnSwitch(): void {
  const reading = trackReadingSection();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-section]')) {
    link.addEventListener('click', () => {
      const available = (link.dataset.keepSection ?? '').split(' ');
      const section = reading();
      if (section && available.includes(section)) link.hash = section;
    });
  }
}
