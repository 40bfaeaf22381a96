/**
 * Translations of a published version: `content/strategy/versions/<v>/<lang>/`
 * holds translated section files and `translation.json`, which records for
 * each file its sha256, the published file it translates and that file's
 * sha256. The published English files and `version.json` never change; a
 * translation is added later by adding its file and its record.
 *
 * A translation keeps the English paragraphs one for one (same section id,
 * same number of citable paragraphs, each of the same kind), so paragraph 7
 * in Spanish is paragraph 7 in English: a comment, a side-by-side view and a
 * report cite the same place in either language.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError, parseContent } from './content-error.ts';
import { sha256 } from './hash.ts';
import { readJsonContent } from './json-content.ts';
import { citableParagraphs, type Paragraph } from './paragraphs.ts';
import { parseCheckedBody } from './render-section.ts';
import { TranslationManifest, type Section, type TranslatedSection, type Translation, type VersionManifest } from './schema.ts';
import { parseSectionFile } from './section-file.ts';

const TRANSLATION_MANIFEST = 'translation.json';

/** Loads and verifies every language folder of one published version (already verified itself). */
export function loadTranslations(root: string, versionDir: string, manifest: VersionManifest, sections: Section[]): Translation[] {
  const folders = readdirSync(versionDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return folders.map((language) => loadTranslation(root, join(versionDir, language), language, manifest, sections));
}

function loadTranslation(root: string, dir: string, folder: string, version: VersionManifest, english: Section[]): Translation {
  const shown = (name: string) => relative(root, join(dir, name));
  const manifestPath = join(dir, TRANSLATION_MANIFEST);
  if (!existsSync(manifestPath)) {
    throw new ContentError(shown(TRANSLATION_MANIFEST), [`is missing: a folder inside a published version holds a translation and needs a ${TRANSLATION_MANIFEST}`]);
  }
  const manifest = parseContent(TranslationManifest, readJsonContent(manifestPath, shown(TRANSLATION_MANIFEST)), shown(TRANSLATION_MANIFEST));
  if (manifest.language !== folder) {
    throw new ContentError(shown(TRANSLATION_MANIFEST), [`field "language": "${manifest.language}" does not match its folder name "${folder}"`]);
  }
  verifyTranslationFiles(dir, manifest, shown);

  const byFile = new Map(english.map((s) => [s.file, s]));
  const translated = new Set<string>();
  const sections = Object.entries(manifest.files).map(([name, record]): TranslatedSection => {
    const where = `field "files.${name}`;
    const source = byFile.get(record.translates);
    if (!source) throw new ContentError(shown(TRANSLATION_MANIFEST), [`${where}.translates": "${record.translates}" is not a section of ${version.id}`]);
    if (translated.has(record.translates)) throw new ContentError(shown(TRANSLATION_MANIFEST), [`${where}.translates": ${record.translates} is translated by another file too`]);
    translated.add(record.translates);
    if (record.translatesSha256 !== version.files[record.translates]) {
      throw new ContentError(shown(TRANSLATION_MANIFEST), [
        `${where}.translatesSha256": records ${record.translatesSha256.slice(0, 12)}… but version.json records ${version.files[record.translates]?.slice(0, 12)}… for ${record.translates}; a translation is of the published text`,
      ]);
    }
    const section = parseSectionFile(readFileSync(join(dir, name), 'utf8'), shown(name), name);
    if (section.id !== source.id) throw new ContentError(shown(name), [`field "id": "${section.id}" differs from the id of the section it translates, "${source.id}" (${record.translates})`]);
    if (section.order !== source.order) throw new ContentError(shown(name), [`field "order": ${section.order} differs from the order of the section it translates, ${source.order} (${record.translates})`]);
    const problems = paragraphMismatches(
      citableParagraphs(source.id, parseCheckedBody(source.body, relative(root, join(dir, '..', source.file)))),
      citableParagraphs(section.id, parseCheckedBody(section.body, shown(name))),
      record.translates,
    );
    if (problems.length) throw new ContentError(shown(name), problems);
    return { ...section, language: manifest.language, translates: record.translates, translator: record.translator, translatedAt: record.translatedAt };
  });
  const order = new Map(english.map((s, i) => [s.id, i]));
  sections.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { manifest, sections };
}

/** Every file in the folder is recorded, every recorded file is there, each with the sha256 recorded. */
function verifyTranslationFiles(dir: string, manifest: TranslationManifest, shown: (name: string) => string): void {
  const present = readdirSync(dir).filter((name) => name !== TRANSLATION_MANIFEST).sort();
  for (const name of present) {
    const expected = manifest.files[name]?.sha256;
    if (!expected) throw new ContentError(shown(name), [`is not listed in ${TRANSLATION_MANIFEST}: record a translated section there, with its sha256, when you add it`]);
    const actual = sha256(readFileSync(join(dir, name)));
    if (actual !== expected) {
      throw new ContentError(shown(name), [`has changed since it was recorded (sha256 ${actual.slice(0, 12)}…, ${TRANSLATION_MANIFEST} records ${expected.slice(0, 12)}…); a corrected translation is recorded again in ${TRANSLATION_MANIFEST}`]);
    }
  }
  for (const name of Object.keys(manifest.files)) {
    if (!present.includes(name)) throw new ContentError(shown(name), [`is listed in ${TRANSLATION_MANIFEST} but missing from the folder`]);
  }
}

const KIND: Record<string, string> = {
  paragraph: 'a paragraph',
  listItem: 'a list item',
  blockquote: 'a quotation',
  table: 'a table',
  code: 'a code block',
  mdxJsxFlowElement: 'a component block',
};

/** Why a translation's paragraphs do not line up with the English ones, one line per problem. */
function paragraphMismatches(english: Paragraph[], translation: Paragraph[], englishFile: string): string[] {
  if (english.length !== translation.length) {
    return [`has ${translation.length} citable paragraphs but ${englishFile}, which it translates, has ${english.length}; a translation keeps the paragraphs one for one so that paragraph numbers match`];
  }
  const problems: string[] = [];
  english.forEach((paragraph, i) => {
    const other = translation[i]!;
    if (paragraph.node.type !== other.node.type) {
      problems.push(`paragraph ${paragraph.n} is ${KIND[other.node.type] ?? other.node.type} here but ${KIND[paragraph.node.type] ?? paragraph.node.type} in ${englishFile}`);
    }
  });
  return problems;
}
