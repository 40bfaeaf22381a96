/** Builds a tiny repository of strategy content in a temporary folder, for loader tests. */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { sha256 } from '../../../src/lib/strategy/hash.ts';

/** Every folder made here is removed when the test file that made it is done. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

export function section(id: string, title: string, order: number, body: string): string {
  return `---\nid: ${id}\ntitle: ${title}\norder: ${order}\n---\n${body}`;
}

/** Writes a version folder with a correct version.json; returns the repo root. */
export function writeVersion(root: string, id: string, files: Record<string, string>, manifest: Record<string, unknown> = {}): void {
  const dir = join(root, 'content/strategy/versions', id);
  mkdirSync(dir, { recursive: true });
  const hashes: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    hashes[name] = sha256(text);
  }
  writeFileSync(
    join(dir, 'version.json'),
    JSON.stringify({ id, title: `Version ${id}`, status: 'closed', publishedAt: '2026-09-01', commit: null, files: hashes, ...manifest }, null, 2),
  );
}

export function emptyRepo(): string {
  const root = temporary('consulta-repo-');
  mkdirSync(join(root, 'content/strategy/draft'), { recursive: true });
  mkdirSync(join(root, 'content/strategy/versions'), { recursive: true });
  return root;
}

/** A copy of the real sample content, to tamper with safely. */
export function copyOfSample(): string {
  const root = temporary('consulta-sample-');
  cpSync('content', join(root, 'content'), { recursive: true });
  return root;
}

/** Writes a translation folder of a version with a correct translation.json; `files` maps a file name to its text and the published file it translates. */
export function writeTranslation(root: string, version: string, language: string, files: Record<string, { text: string; translates: string }>): void {
  const versionDir = join(root, 'content/strategy/versions', version);
  const dir = join(versionDir, language);
  mkdirSync(dir, { recursive: true });
  const records: Record<string, unknown> = {};
  for (const [name, { text, translates }] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    records[name] = { sha256: sha256(text), translates, translatesSha256: sha256(readFileSync(join(versionDir, translates))), translator: 'Test translator', translatedAt: '2026-12-01' };
  }
  writeFileSync(join(dir, 'translation.json'), JSON.stringify({ language, authoritative: false, files: records }, null, 2));
}
