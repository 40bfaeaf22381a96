/**
 * `npm run lint` enforces the architecture's rules, and each can fail: in a
 * copy of the repository a violation of each rule is planted, and the tool
 * that owns the rule must refuse it, naming it. (The real tree passing is
 * CI's `npm run lint`.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');
const bin = (name: string) => join(repo, 'node_modules/.bin', name);
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'consulta-lint-'));
  for (const entry of ['src', 'scripts', 'tests', 'content', '.github', '.astro', 'package.json', 'tsconfig.json', 'eslint.config.js', '.dependency-cruiser.cjs', 'knip.json', 'astro.config.mjs', 'vitest.config.ts']) {
    if (existsSync(join(repo, entry))) cpSync(join(repo, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function plant(path: string, text: string): void {
  mkdirSync(join(copy, path, '..'), { recursive: true });
  writeFileSync(join(copy, path), text);
}
const run = (command: string, args: string[]) => spawnSync(command, args, { cwd: copy, encoding: 'utf8', timeout: 120_000 });
const depcruise = () => run(bin('depcruise'), ['src', 'scripts', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);

describe('npm run lint refuses', () => {
  it('a promise nobody awaits (type-aware) and src/lib reading the process (ESLint)', () => {
    plant('src/lib/text/planted-promise.ts', "export async function later(): Promise<void> {}\nexport function now(): void {\n  later();\n}\n");
    plant('src/lib/text/planted-env.ts', "export const port = Number(process.env.PORT);\n");
    // Type-aware linting loads the whole program: one run for both files.
    const result = run(bin('eslint'), ['src/lib/text/planted-promise.ts', 'src/lib/text/planted-env.ts']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/planted-promise\.ts[\s\S]*@typescript-eslint\/no-floating-promises/);
    expect(result.stdout).toMatch(/planted-env\.ts[\s\S]*no-restricted-globals/);
  }, 120_000);

  it('a cycle between concept folders or modules, src/lib importing a page or the process, a script importing the tests, GitHub reached from a reading concept, an Octokit outside src/lib/github (dependency-cruiser)', () => {
    // text is imported by comments, feedback and others; make it import one of them back.
    plant('src/lib/text/planted-cycle.ts', "import { paragraphRef } from '../strategy/paragraphs.ts';\nexport const first = paragraphRef(1);\n");
    const paragraphs = readFileSync(join(copy, 'src/lib/strategy/paragraphs.ts'), 'utf8');
    writeFileSync(join(copy, 'src/lib/strategy/paragraphs.ts'), `import { first } from '../text/planted-cycle.ts';\nexport const planted = first;\n${paragraphs}`);
    plant('src/lib/text/planted-page.ts', "export { GET } from '../../pages/api/health.ts';\n");
    plant('scripts/planted-script.ts', "import { startGitHubDouble } from '../tests/github-double/index.ts';\nexport const start = startGitHubDouble;\n");
    // Two modules of one folder importing each other.
    plant('src/lib/text/planted-loop-a.ts', "import { b } from './planted-loop-b.ts';\nexport const a = () => b;\n");
    plant('src/lib/text/planted-loop-b.ts', "import { a } from './planted-loop-a.ts';\nexport const b = () => a;\n");
    plant('src/lib/text/planted-process.ts', "import { env } from 'node:process';\nexport const port = env.PORT;\n");
    // A reading concept reaching GitHub, and an Octokit built outside src/lib/github.
    plant('src/lib/strategy/planted-github.ts', "export { createGitHubClient } from '../github/octokit.ts';\n");
    plant('scripts/planted-octokit.ts', "import { Octokit } from '@octokit/core';\nexport const octokit = new Octokit();\n");
    const result = depcruise();
    expect(result.status).not.toBe(0);
    for (const rule of ['no-cycle-between-concepts', 'no-module-cycles', 'lib-is-plain-typescript', 'lib-reads-no-process', 'nothing-imports-tests', 'github-only-from-the-edge', 'octokit-only-in-src-lib-github']) {
      expect(result.stdout, rule).toContain(rule);
    }
  });

  it('an unused export and an unused dependency (knip)', () => {
    plant('src/lib/text/planted-unused.ts', "export const neverImported = 1;\n");
    writeFileSync(join(copy, 'src/lib/text/trim.ts'), `${readFileSync(join(copy, 'src/lib/text/trim.ts'), 'utf8')}\nexport { neverImported } from './planted-unused.ts';\n`);
    const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    manifest.dependencies['left-pad'] = '^1.3.0';
    writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
    const result = run(bin('knip'), []);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/Unused dependencies[\s\S]*left-pad/);
    expect(result.stdout).toMatch(/Unused exports[\s\S]*neverImported/);
  });

  it('a workflow that passes untrusted input to a script (actionlint and our rule)', () => {
    plant(
      '.github/workflows/planted.yml',
      'on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    );
    const result = run(bin('node'), ['scripts/lint-workflows.ts', '.github/workflows/planted.yml']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('planted.yml');
  });
});
