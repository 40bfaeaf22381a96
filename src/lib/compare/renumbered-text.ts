/** Renumbered ranges in words: "4–5 are now 5–6; 6 is now 8". */
import type { NumberRange } from '../diff/index.ts';
import type { Translate } from '../i18n/translate.ts';

export function renumberedText(ranges: readonly NumberRange[], t: Translate): string {
  const span = ([a, b]: [number, number]) => (a === b ? String(a) : `${a}–${b}`);
  return ranges.map(({ from, to }) => t(from[0] === from[1] ? 'redline.renumbered.single' : 'redline.renumbered.range', { from: span(from), to: span(to) })).join('; ');
}
