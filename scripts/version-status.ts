/** npm run version:status -- <version> <status>: move a version through its lifecycle. */
import { consultationFromOptions } from '../src/lib/cli/consultation-options.ts';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { strategyPaths } from '../src/lib/strategy/load.ts';
import { changeVersionStatus } from '../src/lib/strategy/publish.ts';
import { VERSION_STATUSES, type VersionStatus } from '../src/lib/strategy/schema.ts';

const usage = `
Usage: npm run version:status -- <version> <status> [options]

Changes a published version's status in its version.json without touching its
sections. Statuses: ${VERSION_STATUSES.join(', ')}.
  draft -> consultation | closed | adopted
  consultation -> closed
  closed -> consultation | adopted
  adopted -> superseded (happens by itself when another version is adopted)

Options:
  --opens <date> --closes <date>   A new consultation window (with status consultation)
  --time-zone <zone>               IANA time zone of those dates (default: content/site.json)
  --by <version>                   The replacing version (with status superseded)
  --root <dir>                     Repository root (default: current directory)
  -h, --help                       Show this help
`;

await main('version:status', usage, (argv) => {
  const { values, positionals } = parseOptions(argv, {
    allowPositionals: true,
    options: {
      opens: { type: 'string' },
      closes: { type: 'string' },
      'time-zone': { type: 'string' },
      by: { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  if (positionals.length !== 2) throw new UsageError('give a version id and a status, e.g. v0.2 closed (see --help)');
  const [id, status] = positionals as [string, string];
  if (!(VERSION_STATUSES as readonly string[]).includes(status)) throw new UsageError(`unknown status "${status}" (one of: ${VERSION_STATUSES.join(', ')})`);
  const root = values.root;
  const changes = changeVersionStatus(strategyPaths(root), id, status as VersionStatus, {
    consultation: consultationFromOptions(values, () => loadSiteSettings(root).timeZone),
    supersededBy: values.by,
  });
  for (const change of changes) console.log(`${change.id}: ${change.from} -> ${change.to}`);
});
