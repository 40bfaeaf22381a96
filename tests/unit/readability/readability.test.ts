import { describe, expect, it } from 'vitest';
import { readabilityChecks } from '../../../src/lib/readability/checks.ts';
import { countText, readability, readingMinutes } from '../../../src/lib/readability/readability.ts';
import { readabilityWarnings, sectionReadability } from '../../../src/lib/readability/section.ts';
import { spanishSyllables } from '../../../src/lib/readability/spanish-syllables.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';

describe('Spanish syllables', () => {
  it.each([
    ['amor', 2], ['país', 2], ['día', 2], ['oído', 3], ['aéreo', 4], ['reúne', 3], ['leer', 2],
    ['ciberseguridad', 6], ['infraestructura', 6], ['estrategia', 4], ['ciudad', 2], ['cuando', 2],
    ['guerra', 2], ['que', 1], ['águila', 3], ['pingüino', 3], ['ahora', 3],
    ['muy', 1], ['ley', 1], ['leyes', 2], ['Uruguay', 3], ['y', 1], ['Belice', 3], ['construcción', 3],
  ] as const)('counts %s as %i', (word, n) => {
    expect(spanishSyllables(word)).toBe(n);
  });

  it('ignores what is not a letter and counts nothing for a number', () => {
    expect(spanishSyllables('«Gobierno»,')).toBe(3);
    expect(spanishSyllables('2027')).toBe(0);
  });
});

describe('scores and reading time', () => {
  it('gives the Flesch reading ease of English text', () => {
    const r = readability('The cat sat on the mat.', 'en');
    expect(r).toMatchObject({ words: 6, sentences: 1, syllables: 6, minutes: 1 });
    expect(r.score).toBeCloseTo(206.835 - 1.015 * 6 - 84.6, 6);
  });

  it('gives the Szigriszt-Pazos score of Spanish text', () => {
    const r = readability('El gato duerme. La casa es grande.', 'es');
    expect(r).toMatchObject({ words: 7, sentences: 2, syllables: 11 });
    expect(r.score).toBeCloseTo(206.835 - (62.3 * 11) / 7 - 7 / 2, 6);
  });

  it('scores long words and long sentences lower', () => {
    const easy = readability('We fix it. You read it. They use it.', 'en').score;
    const hard = readability('Comprehensive institutional coordination necessitates considerable organisational commitment, sustained investment and continuous evaluation.', 'en').score;
    expect(hard).toBeLessThan(easy - 50);
  });

  it('reads each line as a sentence, so list items ending in ";" count as sentences', () => {
    expect(countText('appoint a lead;\nassess the risks; and\ntest the plans.', 'en').sentences).toBe(3);
  });

  it('counts words, not numbers or punctuation, and Spanish questions and quotations as sentences', () => {
    expect(countText('In 2027 – by Q4 – the team opens.', 'en').words).toBe(6);
    expect(countText('¿Dónde reporto un fraude? En la página del CSIRT. «Gracias», dijo.', 'es')).toMatchObject({ words: 11, sentences: 3 });
  });

  it('rounds reading time up to whole minutes at the speed of each language', () => {
    expect([readingMinutes(0, 'en'), readingMinutes(1, 'en'), readingMinutes(228, 'en'), readingMinutes(229, 'en')]).toEqual([0, 1, 1, 2]);
    expect([readingMinutes(218, 'es'), readingMinutes(219, 'es')]).toEqual([1, 2]);
  });
});

describe('a section', () => {
  const withTable = {
    id: 'plan',
    file: '80-plan.mdx',
    body: 'We act now. We report each year.\n\n| Action | Lead | Timeline |\n| --- | --- | --- |\n| Establish the council with every ministry and regulator represented | Cabinet Office | Q1 2027 |\n',
  };

  it('scores its prose, not its tables, and counts the tables in the reading time', () => {
    const r = sectionReadability(withTable, 'en');
    expect(r).toMatchObject({ words: 7, sentences: 2 });
    expect(r.score).toBeCloseTo(readability('We act now.\nWe report each year.', 'en').score, 6);
    expect(r.minutes).toBe(1);
  });

  it('is reported, naming the file, the title and the score, only when below its language threshold', () => {
    const hard = { id: 'hard', file: '10-hard.mdx', title: 'Hard', body: 'Comprehensive institutional coordination necessitates considerable organisational commitment and sustained intergovernmental investment.\n' };
    const easy = { id: 'easy', file: '20-easy.mdx', title: 'Fácil', body: 'El gato duerme. La casa es grande.\n' };
    const checks = [
      { path: 'content/strategy/draft/10-hard.mdx', section: hard, language: 'en' as const },
      { path: 'content/strategy/versions/v1/es/20-easy.mdx', section: easy, language: 'es' as const },
    ];
    const warnings = readabilityWarnings(checks, { minScore: { en: 30, es: 40 } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^content\/strategy\/draft\/10-hard\.mdx \("Hard"\): readability -?\d+\.\d is below 30 \(Flesch reading ease\)/);
    expect(readabilityWarnings(checks, { minScore: { es: 200 } })).toEqual([expect.stringMatching(/20-easy\.mdx \("Fácil"\): readability \d+\.\d is below 200 \(Szigriszt-Pazos\)/)]);
  });
});

describe('the build check on the sample', () => {
  const settings = loadSiteSettings(process.cwd());
  const catalog = loadCatalog(process.cwd(), settings, new Date('2026-12-01T12:00:00Z'));

  it('reads the newest version, its Spanish sections and the draft sections that differ from it', () => {
    const paths = readabilityChecks(catalog).map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['content/strategy/versions/v0.2/20-governance.mdx', 'content/strategy/versions/v0.2/es/20-governance.mdx']));
    expect(paths.some((p) => p.includes('/v0.1/'))).toBe(false);
    for (const check of readabilityChecks(catalog).filter((c) => c.path.startsWith('content/strategy/draft/'))) {
      expect(check.section.body).not.toBe(catalog.latest!.sections.find((s) => s.id === check.section.id)?.body);
    }
  });

  it('has a threshold in content/site.json and warns, without failing, about the sample sections below it', () => {
    expect(settings.readability).toEqual({ minScore: { en: 30, es: 40 } });
    const warnings = readabilityWarnings(readabilityChecks(catalog), settings.readability!);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => /^content\/strategy\/.+\.mdx \(".+"\): readability -?\d+\.\d is below \d+/.test(w))).toBe(true);
  });
});
