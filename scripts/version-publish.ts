/** npm run version:publish -- <version> [options]: freeze the working draft as a published version. */
import { consultationFromOptions } from '../src/lib/cli/consultation-options.ts';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { strategyPaths } from '../src/lib/strategy/load.ts';
import { gitState, publishVersion } from '../src/lib/strategy/publish.ts';

const usage = `
Usage: npm run version:publish -- <version> [options]

Copies content/strategy/draft/ into content/strategy/versions/<version>/ and
writes version.json (status, dates, the git commit, a sha256 per file).
Published versions never change afterwards.

Options:
  --title <text>        Title of the version (default: "Version <version>")
  --status <status>     draft (default) or consultation
  --opens <date>        Consultation opens, local time: YYYY-MM-DD or YYYY-MM-DDTHH:MM
  --closes <date>       Consultation closes, local time (a bare date means 23:59:59)
  --time-zone <zone>    IANA time zone of the dates (default: content/site.json)
  --note <text>         A sentence shown on the version page
  --root <dir>          Repository root (default: current directory)
  -h, --help            Show this help

Refuses, with a one-line reason, when the version exists, the draft does not
validate, section ids are duplicated, the draft has uncommitted changes, or the
dates are impossible.
`;

await main('version:publish', usage, (argv) => {
  const { values, positionals } = parseOptions(argv, {
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      status: { type: 'string', default: 'draft' },
      opens: { type: 'string' },
      closes: { type: 'string' },
      'time-zone': { type: 'string' },
      note: { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one version id, e.g. v0.3 (see --help)');
  const id = positionals[0]!;
  if (values.status !== 'draft' && values.status !== 'consultation') throw new UsageError(`--status must be draft or consultation, not "${values.status}"`);
  const root = values.root;
  const timeZone = values['time-zone'] ?? loadSiteSettings(root).timeZone;
  const consultation = consultationFromOptions(values, () => timeZone);
  const manifest = publishVersion(
    strategyPaths(root),
    {
      id,
      title: values.title ?? `Version ${id}`,
      status: values.status,
      note: values.note,
      consultation,
    },
    gitState(root),
    timeZone,
  );
  const count = Object.keys(manifest.files).length;
  console.log(`Published ${manifest.id} "${manifest.title}" (${manifest.status}): ${count} sections from commit ${manifest.commit?.slice(0, 12) ?? 'unknown'}.`);
  console.log(`Wrote content/strategy/versions/${manifest.id}/. Commit it, and the site shows the new version with a redline against the previous one.`);
});
