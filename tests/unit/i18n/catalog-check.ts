/** Comparing two translation catalogues, and finding keys no code uses. */

function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

/** One line per problem: a key missing from `translated`, one it adds, or placeholders that differ. */
export function catalogProblems(base: Record<string, string>, translated: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [key, template] of Object.entries(base)) {
    const other = translated[key];
    if (other === undefined) {
      problems.push(`${key}: missing`);
      continue;
    }
    const want = placeholders(template);
    const got = placeholders(other);
    if (want.join() !== got.join()) problems.push(`${key}: placeholders ${got.map((p) => `{${p}}`).join(' ')} instead of ${want.map((p) => `{${p}}`).join(' ')}`);
  }
  for (const key of Object.keys(translated)) if (!(key in base)) problems.push(`${key}: not in the English file`);
  return problems;
}

/**
 * Keys that appear in no source file, either written out in quotes
 * (`t('site.nav.home')`) or as the fixed start of a template literal
 * (`` t(`sector.${s}`) `` uses every `sector.*` key).
 */
export function unusedKeys(keys: string[], sources: string[]): string[] {
  const code = sources.join('\n');
  const literals = new Set([...code.matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)+)['"`]/g)].map((m) => m[1]!));
  const prefixes = [...new Set([...code.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9-]+)*\.)\$\{/g)].map((m) => m[1]!))];
  return keys.filter((key) => !literals.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)));
}
