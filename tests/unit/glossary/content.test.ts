import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../../src/lib/glossary/load.ts';
import { glossaryMarker } from '../../../src/lib/glossary/mark.ts';
import { glossaryWeight } from '../../../src/lib/glossary/weight.ts';
import { ContentError } from '../../../src/lib/strategy/content-error.ts';
import { translatedSection } from '../../../src/lib/strategy/catalog.ts';
import { loadVersions, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { renderSection } from '../../../src/lib/strategy/render-section.ts';

const terms = loadGlossary(process.cwd());
const v02 = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function glossaryRepo(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'consulta-glossary-'));
  roots.push(root);
  mkdirSync(join(root, 'content/glossary'), { recursive: true });
  for (const [name, value] of Object.entries(files)) writeFileSync(join(root, 'content/glossary', name), JSON.stringify(value));
  return root;
}

const text = (term: string, variants: string[] = []) => ({ term, variants, definition: `${term}.`, explanation: `${term}, explained.` });

describe('the sample glossary', () => {
  it('has at least 30 entries, each in English and Spanish', () => {
    expect(terms.length).toBeGreaterThanOrEqual(30);
    for (const term of terms) {
      expect(term.en.definition).not.toBe(term.es.definition);
      expect(term.en.explanation).not.toBe(term.es.explanation);
    }
  });

  it('explains at least 30 terms that v0.2 of the strategy uses', () => {
    const marker = glossaryMarker(terms, { language: 'en', entryHref: (slug) => `/glossary/#${slug}` });
    const used = new Set(v02.sections.flatMap((s) => marker.mark(renderSection(s.id, s.body, s.file).hast)));
    expect(used.size).toBeGreaterThanOrEqual(30);
    expect([...used]).toEqual(expect.arrayContaining(['csirt', 'critical-information-infrastructure', 'budapest-convention']));
  });

  it('finds its Spanish forms in the Spanish sections of v0.2', () => {
    const marker = glossaryMarker(terms, { language: 'es', entryHref: (slug) => `/es/glossary/#${slug}` });
    const governance = translatedSection(v02, 'es', 'governance')!;
    expect(marker.mark(renderSection(governance.id, governance.body, governance.file).hast)).toEqual(
      expect.arrayContaining(['csirt', 'task-force', 'sector-regulator', 'risk-register']),
    );
  });

  it('adds under 5 KB, gzipped, to the English and the Spanish v0.2 page', () => {
    const english = v02.sections.map((s) => ({ id: s.id, body: s.body, file: s.file, language: 'en' as const }));
    const spanish = v02.sections.map((s) => {
      const es = translatedSection(v02, 'es', s.id);
      return es ? { id: es.id, body: es.body, file: es.file, language: 'es' as const } : { id: s.id, body: s.body, file: s.file, language: 'en' as const };
    });
    for (const [page, sections] of [['en', english], ['es', spanish]] as const) {
      const weight = glossaryWeight(page, sections, terms, (slug) => `/glossary/#${slug}`);
      expect(weight.definitions, page).toBeGreaterThanOrEqual(30);
      expect(weight.markedGzipBytes - weight.plainGzipBytes, page).toBeLessThan(5 * 1024);
    }
  });
});

describe('loading the glossary', () => {
  it('rejects a form that names two entries, naming the file and the language', () => {
    const root = glossaryRepo({
      'csirt.json': { en: text('CSIRT', ['CSIRTs']), es: text('CSIRT') },
      'national-csirt.json': { en: text('national CSIRT', ['CSIRTs']), es: text('CSIRT nacional') },
    });
    const error = (() => {
      try {
        loadGlossary(root);
      } catch (e) {
        return e as ContentError;
      }
      throw new Error('expected an error');
    })();
    expect(error).toBeInstanceOf(ContentError);
    expect(error.file).toBe('content/glossary/national-csirt.json');
    expect(error.message).toMatch(/field "en": "CSIRTs" already names the entry csirt\.json/);
  });

  it('treats forms that differ only in case as one, except abbreviations', () => {
    const root = glossaryRepo({
      'a.json': { en: text('Cyber security'), es: text('ciberseguridad') },
      'b.json': { en: text('cyber security'), es: text('seguridad') },
    });
    expect(() => loadGlossary(root)).toThrow(/"cyber security" already names the entry a\.json/);
    const fine = glossaryRepo({ 'first.json': { en: text('FIRST'), es: text('FIRST') }, 'step.json': { en: text('first'), es: text('primero') } });
    expect(loadGlossary(fine).map((t) => t.slug)).toEqual(['first', 'step']);
  });

  it('names the file and field of an invalid entry', () => {
    const root = glossaryRepo({ 'csirt.json': { en: text('CSIRT'), es: { ...text('CSIRT'), definition: '' } } });
    expect(() => loadGlossary(root)).toThrow(/content\/glossary\/csirt\.json: field "es\.definition"/);
  });

  it('rejects a file name that cannot be an anchor', () => {
    const root = glossaryRepo({ 'Not A Slug.json': { en: text('x'), es: text('x') } });
    expect(() => loadGlossary(root)).toThrow(/Not A Slug\.json: file name/);
  });
});

describe('where the glossary runs', () => {
  it('is never imported by the strategy loader or the diff engine, so stored text and redlines never see its markup', () => {
    for (const dir of ['src/lib/strategy', 'src/lib/diff']) {
      for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), 'utf8'), `${dir}/${file}`).not.toMatch(/from '\.\.\/glossary\//);
    }
  });
});
