/**
 * Finds glossary terms in running text: whole words only (letters, digits
 * and a joining hyphen on either side make a different word: "CSIRT" is not
 * found in "BZ-CSIRT"), the longest form first where two start at the same
 * place ("CII operators" before "CII"), abbreviations case-sensitively.
 */
import type { TermForm } from './forms.ts';

export interface TermMatch {
  slug: string;
  /** The text as written at that place. */
  text: string;
  start: number;
  end: number;
  abbreviation: boolean;
}

export interface TermMatcher {
  /** Non-overlapping matches in `text`, in order. */
  find(text: string): TermMatch[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A word character on either side, or a hyphen that joins another word, means the form is part of a longer word.
const BEFORE = '(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]-)';
const AFTER = '(?![\\p{L}\\p{N}])(?!-[\\p{L}\\p{N}])';

function alternation(forms: TermForm[], flags: string): { regex: RegExp; byKey: Map<string, TermForm> } | null {
  if (!forms.length) return null;
  const sorted = [...forms].sort((a, b) => b.form.length - a.form.length || a.form.localeCompare(b.form));
  // Spaces in a form match any run of white space, so a term wrapped across lines in the source is still found.
  const source = sorted.map((f) => escape(f.form).replace(/\s+/g, '\\s+')).join('|');
  const byKey = new Map(sorted.map((f) => [flags.includes('i') ? f.form.toLocaleLowerCase() : f.form, f]));
  return { regex: new RegExp(`${BEFORE}(?:${source})${AFTER}`, flags), byKey };
}

export function termMatcher(forms: readonly TermForm[]): TermMatcher {
  const exact = alternation(forms.filter((f) => f.abbreviation), 'gu');
  const folded = alternation(forms.filter((f) => !f.abbreviation), 'giu');
  return {
    find(text) {
      const candidates: TermMatch[] = [];
      for (const table of [exact, folded]) {
        if (!table) continue;
        for (const m of text.matchAll(table.regex)) {
          const key = table.regex.flags.includes('i') ? m[0].toLocaleLowerCase() : m[0];
          const form = table.byKey.get(key.replace(/\s+/g, ' '));
          if (!form) continue;
          candidates.push({ slug: form.slug, text: m[0], start: m.index, end: m.index + m[0].length, abbreviation: form.abbreviation });
        }
      }
      candidates.sort((a, b) => a.start - b.start || b.end - a.end);
      const out: TermMatch[] = [];
      let reached = 0;
      for (const c of candidates) {
        if (c.start < reached) continue;
        out.push(c);
        reached = c.end;
      }
      return out;
    },
  };
}
