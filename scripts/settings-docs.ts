/** npm run settings:docs: writes .env.example and the README's table of settings from src/lib/config/settings.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { main, parseOptions } from './lib/main.ts';
import { envExample, settingsTable, withSettingsTable } from '../src/lib/config/docs.ts';
import { SETTINGS } from '../src/lib/config/settings.ts';

const usage = `
Usage: npm run settings:docs [-- --check]

Writes .env.example and the table of settings in README.md (between
<!-- settings:start --> and <!-- settings:end -->) from the one schema of
settings, src/lib/config/settings.ts.

Options:
  --check      Change nothing; exit 1 naming the file that is out of date
  -h, --help   Show this help
`;

await main('settings:docs', usage, (argv) => {
  const { values } = parseOptions(argv, { options: { check: { type: 'boolean', default: false } } });
  const files = {
    '.env.example': envExample(SETTINGS),
    'README.md': withSettingsTable(readFileSync('README.md', 'utf8'), settingsTable(SETTINGS)),
  };
  const stale = Object.entries(files).filter(([path, text]) => readFileSync(path, 'utf8') !== text);
  if (values.check) {
    if (stale.length) {
      process.stderr.write(`settings:docs: ${stale.map(([path]) => path).join(' and ')} ${stale.length === 1 ? 'is' : 'are'} out of date: run npm run settings:docs\n`);
      return 1;
    }
    process.stdout.write('settings:docs: .env.example and README.md match src/lib/config/settings.ts\n');
    return 0;
  }
  for (const [path, text] of stale) writeFileSync(path, text);
  process.stdout.write(stale.length ? `settings:docs: wrote ${stale.map(([path]) => path).join(' and ')}\n` : 'settings:docs: nothing to change\n');
  return 0;
});
