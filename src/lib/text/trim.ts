/**
 * Trimming by scanning rather than with a regular expression: `/-+$/` and its
 * kind take quadratic time on a long run of the character followed by
 * something else, and the text is often someone else's (GitHub, a form).
 */

/** `text` without any of `characters` at its end. */
export function trimTrailing(text: string, characters: string): string {
  let end = text.length;
  while (end > 0 && characters.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
