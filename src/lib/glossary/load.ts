/**
 * Reads `content/glossary/*.json`, validates each entry and checks the
 * collection as a whole: a form of a term (its name or a variant) may name
 * one entry only in each language, or the marker could not tell which
 * definition a word in the strategy means.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LANGUAGES } from '../i18n/translate.ts';
import { ContentError, parseContent } from '../strategy/content-error.ts';
import { readJsonContent } from '../strategy/json-content.ts';
import { formKey, termForms } from './forms.ts';
import { GLOSSARY_SLUG, GlossaryEntry, type GlossaryTerm } from './schema.ts';

/** Loads the glossary, sorted by slug; an empty list when the folder does not exist. */
export function loadGlossary(root: string): GlossaryTerm[] {
  const dir = join(root, 'content/glossary');
  if (!existsSync(dir)) return [];
  const terms = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name): GlossaryTerm => {
      const shown = relative(root, join(dir, name));
      const slug = name.slice(0, -'.json'.length);
      if (!GLOSSARY_SLUG.test(slug)) throw new ContentError(shown, ['file name: use lower-case letters, digits and single hyphens, e.g. critical-information-infrastructure.json']);
      return { slug, ...parseContent(GlossaryEntry, readJsonContent(join(dir, name), shown), shown) };
    });
  for (const language of LANGUAGES) {
    const owner = new Map<string, string>();
    for (const form of termForms(terms, language)) {
      const key = formKey(form);
      const other = owner.get(key);
      if (other && other !== form.slug) {
        throw new ContentError(relative(root, join(dir, `${form.slug}.json`)), [`field "${language}": "${form.form}" already names the entry ${other}.json; a form may name one entry only`]);
      }
      owner.set(key, form.slug);
    }
  }
  return terms;
}
