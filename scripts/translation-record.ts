/** npm run translation:record -- <version> <language>: record translated sections of a published version. */
import { main, parseOptions, UsageError } from './lib/main.ts';
import { strategyPaths } from '../src/lib/strategy/load.ts';
import { recordTranslation } from '../src/lib/strategy/record-translation.ts';

const usage = `
Usage: npm run translation:record -- <version> <language> --translator <who> [options]

Records the translated sections in content/strategy/versions/<version>/<language>/
in that folder's translation.json: for each new file, its sha256, the published
section it translates (same file name, or same id) and that section's sha256.
The published files and version.json are not touched. Refuses, saying why, when
a recorded file changed (unless --revise names it), a recorded file is missing,
or a translation does not keep the English paragraphs one for one.

Options:
  --translator <who>   Who translated the new or revised files (required)
  --date <YYYY-MM-DD>  Date recorded (default: today, UTC)
  --revise <file>      Record the corrected text of an already recorded file (repeatable)
  --root <dir>         Repository root (default: current directory)
  -h, --help           Show this help
`;

await main('translation:record', usage, (argv) => {
  const { values, positionals } = parseOptions(argv, {
    allowPositionals: true,
    options: {
      translator: { type: 'string' },
      date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
      revise: { type: 'string', multiple: true, default: [] },
      root: { type: 'string', default: process.cwd() },
    },
  });
  if (positionals.length !== 2) throw new UsageError('give a version id and a language, e.g. v0.2 es (see --help)');
  if (!values.translator?.trim()) throw new UsageError('--translator is required: say who translated the sections');
  const [version, language] = positionals as [string, string];
  const result = recordTranslation(strategyPaths(values.root), { version, language, translator: values.translator.trim(), date: values.date, revise: values.revise });
  for (const name of result.added) console.log(`recorded ${version}/${language}/${name}`);
  for (const name of result.revised) console.log(`recorded again ${version}/${language}/${name}`);
  if (!result.added.length && !result.revised.length) console.log(`${version}/${language}: nothing new to record`);
});
