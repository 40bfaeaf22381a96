/**
 * A section's reading time and readability score, from its citable
 * paragraphs (headings are not prose). Tables and code count for reading
 * time but not for the score: a table row is not a sentence, and the
 * formulas are made for running text.
 */
import type { Language } from '../i18n/translate.ts';
import { sectionParagraphs } from '../strategy/render-section.ts';
import type { Section } from '../strategy/schema.ts';
import { countText, readabilityScore, readingMinutes, type Readability } from './readability.ts';

export function sectionReadability(section: Pick<Section, 'id' | 'body' | 'file'>, language: Language): Readability {
  const paragraphs = sectionParagraphs(section);
  const prose = paragraphs.filter((p) => p.node.type !== 'table' && p.node.type !== 'code');
  const counts = countText(prose.map((p) => p.text).join('\n'), language);
  const all = prose.length === paragraphs.length ? counts : countText(paragraphs.map((p) => p.text).join('\n'), language);
  return { ...counts, score: readabilityScore(counts, language), minutes: readingMinutes(all.words, language) };
}

interface ReadabilityThresholds {
  /** Lowest acceptable score per language; a section below it is reported. */
  minScore: Partial<Record<Language, number>>;
}

export interface SectionToCheck {
  /** Path shown in the warning, e.g. `content/strategy/versions/v0.2/es/20-governance.mdx`. */
  path: string;
  section: Pick<Section, 'id' | 'body' | 'file' | 'title'>;
  language: Language;
}

/** One line per section whose score is below the threshold of its language: what the build prints as a warning. */
export function readabilityWarnings(sections: readonly SectionToCheck[], thresholds: ReadabilityThresholds): string[] {
  return sections.flatMap(({ path, section, language }) => {
    const min = thresholds.minScore[language];
    if (min === undefined) return [];
    const { score } = sectionReadability(section, language);
    return score < min ? [`${path} ("${section.title}"): readability ${score.toFixed(1)} is below ${min} (${language === 'en' ? 'Flesch reading ease' : 'Szigriszt-Pazos'}); shorter sentences and shorter words make it easier to read`] : [];
  });
}
