/**
 * `content/glossary/<slug>.json`: one term of the strategy explained for
 * people new to cyber policy, in English and in Spanish. The slug (the file
 * name) is the entry's anchor on the glossary page, `/glossary/#<slug>`.
 */
import { z } from 'zod';

/** A form of a term as it is written in running text, e.g. "CSIRTs" or "critical information infrastructure". */
const Form = z.string().trim().min(1).max(120);

/** The term in one language. */
const GlossaryText = z.object({
  /** The term as the glossary lists it, e.g. "CSIRT" or "critical information infrastructure". Required; marked where the text uses it. */
  term: Form,
  /** What an abbreviation stands for, e.g. "computer security incident response team". Only for a term that is an abbreviation. */
  expansion: z.string().trim().min(1).max(200).optional(),
  /** Other forms marked as this term: plurals, the abbreviation or the long form, other names, e.g. "CSIRTs". Defaults to none. */
  variants: z.array(Form).default([]),
  /** One plain sentence, shown where the term is used. Required, at most 200 characters: every reading page carries it. */
  definition: z.string().trim().min(1).max(200),
  /** A longer explanation for the glossary page: what the term means in this strategy and why it matters. Required. */
  explanation: z.string().trim().min(1).max(1500),
});

/** One glossary entry: the same term in both languages of the site. */
export const GlossaryEntry = z.object({
  /** The term in English. Required. */
  en: GlossaryText,
  /** The term in Spanish. Required. */
  es: GlossaryText,
});
export type GlossaryEntry = z.output<typeof GlossaryEntry>;

/** A loaded entry with its slug (the file name without `.json`). */
export interface GlossaryTerm extends GlossaryEntry {
  slug: string;
}

/** Entry slugs: lower-case words joined by hyphens, as in the glossary page's anchors. */
export const GLOSSARY_SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
