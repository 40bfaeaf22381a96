import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../../src/lib/strategy/hash.ts';

const repo = resolve(import.meta.dirname, '../../..');
const node = join(repo, 'node_modules/.bin/node');
const script = join(repo, 'scripts/diff.ts');
let root: string;

function sectionFile(id: string, title: string, order: number, body: string): string {
  return `---\nid: ${id}\ntitle: ${title}\norder: ${order}\n---\n${body}\n`;
}

function writeVersion(id: string, files: Record<string, string>): void {
  const dir = join(root, 'content/strategy/versions', id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const manifest = {
    id,
    title: `Version ${id}`,
    status: 'superseded',
    supersededBy: 'v9',
    publishedAt: '2026-01-01',
    commit: null,
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256(text)])),
  };
  writeFileSync(join(dir, 'version.json'), JSON.stringify(manifest, null, 2));
}

function run(...args: string[]) {
  return spawnSync(node, [script, ...args, '--root', root], { encoding: 'utf8' });
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'consulta-diff-'));
  writeVersion('v0.1', {
    '01-vision.md': sectionFile('vision', 'Vision', 1, 'A secure cyberspace for Belize.'),
    '02-governance.md': sectionFile('governance', 'Governance', 2, 'A council coordinates ministries.'),
  });
  writeVersion('v0.2', {
    '01-vision.md': sectionFile('vision', 'Our vision', 1, 'A secure cyberspace for Belize.'),
    '02-governance.md': sectionFile('governance', 'Governance', 2, 'A council coordinates ministries and regulators.'),
  });
  mkdirSync(join(root, 'content/strategy/draft'), { recursive: true });
  writeFileSync(join(root, 'content/strategy/draft/01-vision.md'), sectionFile('vision', 'Our vision', 1, 'A secure cyberspace for Belize.'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('scripts/diff.ts', () => {
  it('rejects an unknown version with exit code 1, naming the known ones', () => {
    const result = run('v0.1', 'v7');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('diff: unknown version "v7" (known: v0.1, v0.2, draft)\n');
    expect(result.stdout).toBe('');
  });

  it('prints the Markdown summary of two published versions', () => {
    const result = run('v0.1', 'v0.2', '--format', 'markdown');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('<!-- consulta:redline-summary -->');
    expect(result.stdout).toContain('- **Sections:** 1 changed, 0 added, 0 removed, 1 re-titled, 0 moved, 0 unchanged');
    expect(result.stdout).toContain('| Governance (`governance`) | text changed | +2 / -0 |');
  });

  it('compares a version with the working draft as JSON', () => {
    const result = run('v0.2', 'draft', '--format', 'json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.sections.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['vision', 'unchanged'],
      ['governance', 'removed'],
    ]);
    expect(report.summary.words).toEqual({ added: 0, removed: 6 });
  });

  it('reports no changes for a version compared with itself', () => {
    const result = run('v0.2', 'v0.2');
    expect([result.status, result.stdout]).toEqual([0, 'v0.2 -> v0.2: no changes\n']);
  });

  it('refuses a published version whose files changed since publication', () => {
    const file = join(root, 'content/strategy/versions/v0.2/02-governance.md');
    writeFileSync(file, sectionFile('governance', 'Governance', 2, 'Tampered.'));
    try {
      const result = run('v0.1', 'v0.2');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^diff: content\/strategy\/versions\/v0\.2\/02-governance\.md: has changed since it was published/);
    } finally {
      writeFileSync(file, sectionFile('governance', 'Governance', 2, 'A council coordinates ministries and regulators.'));
    }
  });

  it('rejects an unknown format and a missing argument with a one-line reason', () => {
    expect(run('v0.1', 'v0.2', '--format', 'pdf')).toMatchObject({ status: 1, stderr: 'diff: unknown format "pdf" (use text, markdown, json)\n' });
    expect(run('v0.1')).toMatchObject({ status: 1, stderr: 'diff: give two versions to compare, e.g. "v0.1 draft" (see --help)\n' });
  });

  it('answers --help', () => {
    const result = spawnSync(node, [script, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run diff -- <from> <to>/);
  });
});
