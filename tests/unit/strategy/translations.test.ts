import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translatedSection } from '../../../src/lib/strategy/catalog.ts';
import { ContentError } from '../../../src/lib/strategy/content-error.ts';
import { loadVersion, loadVersions, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { sectionParagraphs } from '../../../src/lib/strategy/render-section.ts';
import { recordTranslation } from '../../../src/lib/strategy/record-translation.ts';
import { emptyRepo, section, writeTranslation, writeVersion } from './fixture-repo.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function repo(make: () => string): string {
  const root = make();
  roots.push(root);
  return root;
}

function loadError(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

const EN = section('alpha', 'Alpha', 10, 'First paragraph.\n\n## A heading\n\n- one commitment;\n- another commitment.\n\nLast paragraph.\n');
const ES = section('alpha', 'Alfa', 10, 'Primer párrafo.\n\n## Un título\n\n- un compromiso;\n- otro compromiso.\n\nÚltimo párrafo.\n');

/** A version v1 with one section and its Spanish translation, both correctly recorded. */
function translatedRepo(es = ES): string {
  const root = repo(emptyRepo);
  writeVersion(root, 'v1', { '10-alpha.mdx': EN });
  writeTranslation(root, 'v1', 'es', { '10-alpha.mdx': { text: es, translates: '10-alpha.mdx' } });
  return root;
}

describe('the sample translations', () => {
  const v02 = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;

  it('gives v0.2 at least three sections in Spanish, recorded as not authoritative', () => {
    const es = v02.translations.find((t) => t.manifest.language === 'es')!;
    expect(es.manifest.authoritative).toBe(false);
    expect(es.sections.map((s) => s.id)).toEqual(expect.arrayContaining(['vision-and-principles', 'governance', 'capacity-building']));
  });

  it('numbers each translated section paragraph for paragraph like the English', () => {
    for (const english of v02.sections) {
      const spanish = translatedSection(v02, 'es', english.id);
      if (!spanish) continue;
      expect(spanish.title).not.toBe(english.title);
      const en = sectionParagraphs(english);
      const es = sectionParagraphs({ ...spanish, file: `es/${spanish.file}` });
      expect(es.map((p) => [p.anchor, p.node.type])).toEqual(en.map((p) => [p.anchor, p.node.type]));
    }
  });

  it('answers undefined for a section or a language without a translation', () => {
    expect(translatedSection(v02, 'es', 'incident-response')).toBeUndefined();
    expect(translatedSection(v02, 'fr', 'governance')).toBeUndefined();
  });
});

describe('integrity of translations', () => {
  it('loads a correctly recorded translation beside an untouched version', () => {
    const version = loadVersion(strategyPaths(translatedRepo()), 'v1');
    expect(translatedSection(version, 'es', 'alpha')).toMatchObject({ title: 'Alfa', language: 'es', translates: '10-alpha.mdx', translator: 'Test translator' });
  });

  it('fails, naming the file, when a recorded translation is edited', () => {
    const root = translatedRepo();
    appendFileSync(join(root, 'content/strategy/versions/v1/es/10-alpha.mdx'), '\nUna frase añadida.\n');
    const error = loadError(() => loadVersion(strategyPaths(root), 'v1'));
    expect(error.file).toBe('content/strategy/versions/v1/es/10-alpha.mdx');
    expect(error.message).toMatch(/has changed since it was recorded/);
  });

  it('fails, naming the file, when a translated file is added without a record', () => {
    const root = translatedRepo();
    writeFileSync(join(root, 'content/strategy/versions/v1/es/20-beta.mdx'), section('beta', 'Beta', 20, 'Texto.\n'));
    const error = loadError(() => loadVersion(strategyPaths(root), 'v1'));
    expect(error.file).toBe('content/strategy/versions/v1/es/20-beta.mdx');
    expect(error.message).toMatch(/is not listed in translation\.json/);
  });

  it('fails, naming the file, when a recorded translation is removed', () => {
    const root = translatedRepo();
    rmSync(join(root, 'content/strategy/versions/v1/es/10-alpha.mdx'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/es\/10-alpha\.mdx: is listed in translation\.json but missing/);
  });

  it('fails when a language folder has no translation.json', () => {
    const root = translatedRepo();
    rmSync(join(root, 'content/strategy/versions/v1/es/translation.json'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).file).toBe('content/strategy/versions/v1/es/translation.json');
  });

  it('fails when the record names a different English text than the one published', () => {
    const root = translatedRepo();
    const path = join(root, 'content/strategy/versions/v1/es/translation.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.files['10-alpha.mdx'].translatesSha256 = '0'.repeat(64);
    writeFileSync(path, JSON.stringify(manifest));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/translatesSha256": records 000000000000… but version\.json records/);
  });

  it('fails when the record claims a translation is authoritative', () => {
    const root = translatedRepo();
    const path = join(root, 'content/strategy/versions/v1/es/translation.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), authoritative: true }));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/field "authoritative"/);
  });
});

describe('paragraph numbering of translations', () => {
  it('rejects a translation with a paragraph more than the English, naming the file and both counts', () => {
    const root = repo(emptyRepo);
    writeVersion(root, 'v1', { '10-alpha.mdx': EN });
    writeTranslation(root, 'v1', 'es', { '10-alpha.mdx': { text: ES.replace('Primer párrafo.', 'Primer párrafo.\n\nUn párrafo de más.'), translates: '10-alpha.mdx' } });
    const error = loadError(() => loadVersion(strategyPaths(root), 'v1'));
    expect(error.file).toBe('content/strategy/versions/v1/es/10-alpha.mdx');
    expect(error.message).toMatch(/has 5 citable paragraphs but 10-alpha\.mdx, which it translates, has 4/);
  });

  it('rejects a translation that turns a list item into a paragraph', () => {
    const root = translatedRepo(section('alpha', 'Alfa', 10, 'Primer párrafo.\n\n- un compromiso;\n\nOtro compromiso.\n\nÚltimo párrafo.\n'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/paragraph 3 is a paragraph here but a list item in 10-alpha\.mdx/);
  });

  it('rejects a translation whose section id differs from the English', () => {
    const root = translatedRepo(ES.replace('id: alpha', 'id: alfa'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/field "id": "alfa" differs from the id of the section it translates, "alpha"/);
  });
});

describe('recording a translation after publication', () => {
  it('records a new translation without touching the published files or version.json', () => {
    const root = repo(emptyRepo);
    writeVersion(root, 'v1', { '10-alpha.mdx': EN, '20-beta.mdx': section('beta', 'Beta', 20, 'Text.\n') });
    const dir = join(root, 'content/strategy/versions/v1');
    const published = ['version.json', '10-alpha.mdx', '20-beta.mdx'].map((name) => readFileSync(join(dir, name), 'utf8'));
    writeTranslation(root, 'v1', 'es', { '20-beta.mdx': { text: section('beta', 'Beta', 20, 'Texto.\n'), translates: '20-beta.mdx' } });
    // Added later, under another name: found by its section id.
    writeFileSync(join(dir, 'es/10-alfa.mdx'), ES);
    const result = recordTranslation(strategyPaths(root), { version: 'v1', language: 'es', translator: 'Secretaría', date: '2027-01-05' });
    expect(result).toEqual({ added: ['10-alfa.mdx'], revised: [] });
    expect(['version.json', '10-alpha.mdx', '20-beta.mdx'].map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(published);
    expect(translatedSection(loadVersion(strategyPaths(root), 'v1'), 'es', 'alpha')).toMatchObject({ translates: '10-alpha.mdx', translatedAt: '2027-01-05', translator: 'Secretaría' });
  });

  it('refuses a changed recorded file unless asked to revise it, then records it again', () => {
    const root = translatedRepo();
    const file = join(root, 'content/strategy/versions/v1/es/10-alpha.mdx');
    writeFileSync(file, ES.replace('Primer párrafo.', 'El primer párrafo.'));
    const request = { version: 'v1', language: 'es', translator: 'Revisora', date: '2027-01-06' };
    expect(() => recordTranslation(strategyPaths(root), request)).toThrow(/has changed since it was recorded; to record the corrected text, add --revise 10-alpha\.mdx/);
    expect(recordTranslation(strategyPaths(root), { ...request, revise: ['10-alpha.mdx'] })).toEqual({ added: [], revised: ['10-alpha.mdx'] });
    expect(translatedSection(loadVersion(strategyPaths(root), 'v1'), 'es', 'alpha')?.translator).toBe('Revisora');
  });

  it('keeps nothing when the new translation does not line up with the English', () => {
    const root = repo(emptyRepo);
    writeVersion(root, 'v1', { '10-alpha.mdx': EN });
    writeTranslation(root, 'v1', 'es', {});
    const manifest = join(root, 'content/strategy/versions/v1/es/translation.json');
    const before = readFileSync(manifest, 'utf8');
    writeFileSync(join(root, 'content/strategy/versions/v1/es/10-alpha.mdx'), section('alpha', 'Alfa', 10, 'Un solo párrafo.\n'));
    expect(() => recordTranslation(strategyPaths(root), { version: 'v1', language: 'es', translator: 'X', date: '2027-01-06' })).toThrow(/has 1 citable paragraphs but 10-alpha\.mdx/);
    expect(readFileSync(manifest, 'utf8')).toBe(before);
    expect(existsSync(manifest)).toBe(true);
  });
});
