/**
 * npm run issue-form: writes .github/ISSUE_TEMPLATE/comment.yml, GitHub's
 * issue form for comments, from the one list of fields
 * (src/lib/comments/issue-form-fields.ts) that the site's issue bodies and the
 * body parser use too. A test fails when the committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderIssueFormYaml } from '../src/lib/comments/issue-form-fields.ts';
import { main, parseOptions } from './lib/main.ts';

const usage = `
Usage: npm run issue-form [-- --check]

Writes .github/ISSUE_TEMPLATE/comment.yml from src/lib/comments/issue-form-fields.ts.

Options:
  --check      Change nothing; exit 1 if the committed file is out of date
  -h, --help   Show this help
`;

const PATH = '.github/ISSUE_TEMPLATE/comment.yml';

await main('issue-form', usage, (argv) => {
  const { values } = parseOptions(argv, { options: { check: { type: 'boolean', default: false } } });
  const yaml = renderIssueFormYaml();
  const current = readFileSync(PATH, 'utf8');
  if (values.check) {
    if (current !== yaml) {
      process.stderr.write(`issue-form: ${PATH} is out of date: run npm run issue-form\n`);
      return 1;
    }
    process.stdout.write(`issue-form: ${PATH} matches the fields\n`);
    return 0;
  }
  if (current !== yaml) writeFileSync(PATH, yaml);
  process.stdout.write(current === yaml ? `issue-form: ${PATH} unchanged\n` : `issue-form: wrote ${PATH}\n`);
  return 0;
});
