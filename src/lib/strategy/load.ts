/**
 * Loads the working draft and the published versions from `content/strategy/`
 * and verifies them: every file valid, ids unique, every published file still
 * matching the sha256 recorded when it was published, and every translation
 * of a version matching its own record (src/lib/strategy/translations.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError, parseContent } from './content-error.ts';
import { readJsonContent } from './json-content.ts';
import { sha256 } from './hash.ts';
import { VersionManifest, type Section, type Version } from './schema.ts';
import { parseSectionFile } from './section-file.ts';
import { loadTranslations } from './translations.ts';

const SECTION_FILE = /^[0-9a-z][0-9a-z-]*\.mdx?$/;

export interface StrategyPaths {
  /** Repository root; error messages give paths relative to it. */
  root: string;
  /** Folder of the working draft. */
  draftDir: string;
  /** Folder holding one folder per published version. */
  versionsDir: string;
}

export function strategyPaths(root: string): StrategyPaths {
  return { root, draftDir: join(root, 'content/strategy/draft'), versionsDir: join(root, 'content/strategy/versions') };
}

/** Reads every section file in a folder, sorted by `order`, rejecting duplicate ids and orders. */
export function loadSectionFolder(dir: string, root: string): Section[] {
  const names = readdirSync(dir).filter((name) => SECTION_FILE.test(name)).sort();
  const sections = names.map((name) => {
    const path = join(dir, name);
    return parseSectionFile(readFileSync(path, 'utf8'), relative(root, path), name);
  });
  const byId = new Map<string, Section>();
  for (const section of sections) {
    const other = byId.get(section.id);
    if (other) {
      throw new ContentError(relative(root, join(dir, section.file)), [
        `field "id": "${section.id}" is already used by ${other.file}; section ids must be unique`,
      ]);
    }
    byId.set(section.id, section);
  }
  return sections.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}

/** Loads the working draft (not a published version: it has no manifest). */
export function loadDraft(paths: StrategyPaths): Section[] {
  return loadSectionFolder(paths.draftDir, paths.root);
}

/** Loads and verifies one published version folder. */
export function loadVersion(paths: StrategyPaths, id: string): Version {
  const dir = join(paths.versionsDir, id);
  const manifestPath = join(dir, 'version.json');
  const shown = relative(paths.root, manifestPath);
  if (!existsSync(manifestPath)) throw new ContentError(shown, ['is missing: every published version needs a version.json']);
  const manifest = parseContent(VersionManifest, readJsonContent(manifestPath, shown), shown);
  if (manifest.id !== id) throw new ContentError(shown, [`field "id": "${manifest.id}" does not match its folder name "${id}"`]);
  verifyIntegrity(paths, id, manifest);
  const sections = loadSectionFolder(dir, paths.root);
  return { manifest, sections, translations: loadTranslations(paths.root, dir, manifest, sections) };
}

/**
 * A published version is frozen: each section file must still hash to what
 * `version.json` recorded, and no file may be added or removed. Throws on the
 * first mismatch, naming the file.
 */
function verifyIntegrity(paths: StrategyPaths, id: string, manifest: VersionManifest): void {
  const dir = join(paths.versionsDir, id);
  const present = readdirSync(dir).filter((name) => SECTION_FILE.test(name)).sort();
  const recorded = Object.keys(manifest.files).sort();
  for (const name of present) {
    const shown = relative(paths.root, join(dir, name));
    const expected = manifest.files[name];
    if (!expected) throw new ContentError(shown, ['is not listed in version.json: files cannot be added to a published version']);
    const actual = sha256(readFileSync(join(dir, name)));
    if (actual !== expected) {
      throw new ContentError(shown, [`has changed since it was published (sha256 ${actual.slice(0, 12)}…, version.json records ${expected.slice(0, 12)}…); published versions are immutable: publish a new version instead`]);
    }
  }
  for (const name of recorded) {
    if (!present.includes(name)) throw new ContentError(relative(paths.root, join(dir, name)), ['is listed in version.json but missing from the folder']);
  }
}

/** Ids of the published versions, oldest first (by publishedAt, then id). */
export function listVersionIds(paths: StrategyPaths): string[] {
  if (!existsSync(paths.versionsDir)) return [];
  return readdirSync(paths.versionsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}

/** Loads every published version, oldest first. */
export function loadVersions(paths: StrategyPaths): Version[] {
  return listVersionIds(paths)
    .map((id) => loadVersion(paths, id))
    .sort((a, b) => a.manifest.publishedAt.localeCompare(b.manifest.publishedAt) || a.manifest.id.localeCompare(b.manifest.id, 'en', { numeric: true }));
}
