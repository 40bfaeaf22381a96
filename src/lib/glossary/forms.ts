/**
 * Which written forms name which entry, and how each is matched: an
 * abbreviation ("CSIRT", "FIRST", "SMEs") only as written, so "first" and
 * "Csirt" are not it; any other form in any case, so the term is found at
 * the start of a sentence too.
 */
import type { Language } from '../i18n/translate.ts';
import type { GlossaryTerm } from './schema.ts';

export interface TermForm {
  slug: string;
  /** The form as written in the glossary. */
  form: string;
  /** Written in capitals ("CSIRT", "BZ-CSIRT", "SMEs"): matched case-sensitively and marked as `<abbr>`. */
  abbreviation: boolean;
}

/** Two capitals or more, no lower-case letter except a plural "s": CSIRT, CSIRTs, BZ-CSIRT, TLP, SMEs. */
function isAbbreviation(form: string): boolean {
  return /^[\p{Lu}\d][\p{Lu}\d&.-]*\p{Lu}[\p{Lu}\d]*s?$/u.test(form);
}

/** Every form of every entry in one language: its term and its variants. */
export function termForms(terms: readonly GlossaryTerm[], language: Language): TermForm[] {
  return terms.flatMap((term) => {
    const text = term[language];
    return [...new Set([text.term, ...text.variants])].map((form) => ({ slug: term.slug, form, abbreviation: isAbbreviation(form) }));
  });
}

/** The key under which two forms collide: an abbreviation as written, any other form in lower case. */
export function formKey(form: TermForm): string {
  return form.abbreviation ? form.form : form.form.toLocaleLowerCase();
}
