/**
 * Recording translated sections of a published version in
 * `<v>/<language>/translation.json`: what `npm run translation:record` does.
 * New files are recorded with their sha256 and the sha256 of the published
 * file they translate; a recorded file that changed is recorded again only
 * when asked (`revise`), so a correction is a deliberate act, like
 * publishing. Nothing is kept unless the whole translation then loads.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from './hash.ts';
import { loadSectionFolder, loadVersion, type StrategyPaths } from './load.ts';
import { PublishError } from './publish.ts';
import { VersionManifest, TranslationManifest } from './schema.ts';
import { splitFrontmatter } from './section-file.ts';

interface RecordRequest {
  version: string;
  language: string;
  /** Who translated the new or revised files. */
  translator: string;
  /** Date recorded (YYYY-MM-DD). */
  date: string;
  /** Recorded files whose corrected text is to be recorded again. */
  revise?: string[];
}

interface RecordResult {
  added: string[];
  revised: string[];
}

export function recordTranslation(paths: StrategyPaths, request: RecordRequest): RecordResult {
  const versionDir = join(paths.versionsDir, request.version);
  const dir = join(versionDir, request.language);
  if (!existsSync(join(versionDir, 'version.json'))) throw new PublishError(`version ${request.version} does not exist`);
  if (!existsSync(dir)) throw new PublishError(`${request.version} has no folder "${request.language}" of translated sections`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(request.date)) throw new PublishError(`date "${request.date}": use YYYY-MM-DD`);
  const version = VersionManifest.parse(JSON.parse(readFileSync(join(versionDir, 'version.json'), 'utf8')));
  const english = loadSectionFolder(versionDir, paths.root);
  const manifestPath = join(dir, 'translation.json');
  const before = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : null;
  const manifest: TranslationManifest = before ? TranslationManifest.parse(JSON.parse(before)) : { language: request.language, authoritative: false, files: {} };
  const revise = new Set(request.revise ?? []);
  const result: RecordResult = { added: [], revised: [] };

  const present = readdirSync(dir).filter((name) => name !== 'translation.json').sort();
  for (const name of Object.keys(manifest.files)) {
    if (!present.includes(name)) throw new PublishError(`${request.language}/${name} is recorded but missing; restore it, or remove its record from translation.json by hand`);
  }
  for (const name of revise) if (!manifest.files[name]) throw new PublishError(`--revise ${name}: no such recorded translation`);
  for (const name of present) {
    const text = readFileSync(join(dir, name));
    const recorded = manifest.files[name];
    if (recorded) {
      if (recorded.sha256 === sha256(text)) continue;
      if (!revise.has(name)) throw new PublishError(`${request.language}/${name} has changed since it was recorded; to record the corrected text, add --revise ${name}`);
      manifest.files[name] = { ...recorded, sha256: sha256(text), translator: request.translator, translatedAt: request.date };
      result.revised.push(name);
      continue;
    }
    const source = english.find((s) => s.file === name) ?? english.find((s) => s.id === frontmatterId(text.toString('utf8'), name));
    if (!source) throw new PublishError(`${request.language}/${name} translates no section of ${request.version}: give it the file name or the id of the section it translates`);
    manifest.files[name] = { sha256: sha256(text), translates: source.file, translatesSha256: version.files[source.file]!, translator: request.translator, translatedAt: request.date };
    result.added.push(name);
  }

  writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, files: Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b))) }, null, 2)}\n`);
  try {
    // The whole check the build runs: paragraph numbering, ids, every hash.
    loadVersion(paths, request.version);
  } catch (error) {
    if (before === null) rmSync(manifestPath);
    else writeFileSync(manifestPath, before);
    throw error;
  }
  return result;
}

function frontmatterId(source: string, name: string): unknown {
  return (splitFrontmatter(source, name).data as { id?: unknown } | null)?.id;
}
