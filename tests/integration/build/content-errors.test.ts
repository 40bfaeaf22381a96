/**
 * The build itself refuses broken content, naming the file and the field: a
 * real `astro build` on a copy of the repository with one file broken.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let root: string;

function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'consulta-build-'));
  for (const entry of ['src', 'public', 'content', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(entry, join(dir, entry), { recursive: true });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function build(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(dir, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  // Colour codes stripped: the message is checked as a person reads it.
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '') };
}

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('astro build on broken content', () => {
  it('stops on a draft section with an empty title, naming the file and the field', () => {
    root = copyOfRepository();
    edit(join(root, 'content/strategy/draft/20-governance.mdx'), (t) => t.replace(/^title: .*$/m, 'title: ""'));
    const { status, output } = build(root);
    expect(status).not.toBe(0);
    expect(output).toContain('content/strategy/draft/20-governance.mdx');
    expect(output).toContain('field "title": must not be empty');
  }, 120_000);

  it('stops on a tampered published section, naming it', () => {
    root = copyOfRepository();
    edit(join(root, 'content/strategy/versions/v0.1/20-governance.mdx'), (t) => `${t}\nAn edit after publication.\n`);
    const { status, output } = build(root);
    expect(status).not.toBe(0);
    expect(output).toMatch(/content\/strategy\/versions\/v0\.1\/20-governance\.mdx:?\s*\n?\s*- has changed since it was published/);
  }, 120_000);

  it('stops on a meeting with a malformed date, naming the entry and the field', () => {
    root = copyOfRepository();
    edit(join(root, 'content/meetings/2026-05-14-task-force-inaugural-meeting.md'), (t) => t.replace(/^date: .*$/m, 'date: "14 May"'));
    const { status, output } = build(root);
    expect(status).not.toBe(0);
    expect(output).toContain('2026-05-14-task-force-inaugural-meeting');
    expect(output).toMatch(/date: use YYYY-MM-DD/);
  }, 120_000);
});
