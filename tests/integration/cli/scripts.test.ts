/**
 * Every script in scripts/ and every benchmark in tests/bench/ keeps the shared command-line contract
 * (scripts/lib/main.ts): `--help` prints its usage and exits 0, and an
 * unknown option exits non-zero with one line that names the option.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const node = join(repo, 'node_modules/.bin/node');
const scripts = [
  ...readdirSync(join(repo, 'scripts')).filter((name) => name.endsWith('.ts')).map((name) => `scripts/${name}`),
  ...readdirSync(join(repo, 'tests/bench')).filter((name) => name.endsWith('.ts')).map((name) => `tests/bench/${name}`),
];

function run(script: string, ...args: string[]) {
  // An empty data folder, so nothing a script might open belongs to a developer.
  return spawnSync(node, [join(repo, script), ...args], { cwd: repo, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CONSULTA_DATA_DIR: join(tmpdir(), 'consulta-cli-test-unused') } });
}

describe('scripts', () => {
  it('finds the scripts to check', () => {
    expect(scripts).toEqual(expect.arrayContaining(['scripts/diff.ts', 'scripts/serve.ts', 'scripts/version-publish.ts', 'scripts/feedback.ts', 'tests/bench/build.ts']));
  });

  it.each(scripts)('%s answers --help with its usage', (script) => {
    const result = run(script, '--help');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: /);
    expect(result.stderr).toBe('');
  });

  it.each(scripts)('%s refuses an unknown option in one line', (script) => {
    const result = run(script, '--no-such-option');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^[\\w:-]+: .*--no-such-option`));
  });
});
