/** npm run comments:import -- <file.csv|file.eml|folder>: comments received by e-mail or at meetings, into the outbox. */
import { openCommentStore, outboxLocation } from '../src/lib/comments/store.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { COMMENT_TYPES, type CommentType } from '../src/lib/comments/schema.ts';
import { IMPORT_CHANNELS, importPath, type ImportChannel } from '../src/lib/feedback/import/index.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { SECTORS, isSector } from '../src/lib/stakeholders/sectors.ts';
import { loadCatalog } from '../src/lib/strategy/catalog.ts';
import { citableParagraphs, parseParagraphRef, parseSectionBody } from '../src/lib/strategy/paragraphs.ts';

const usage = `
Usage: npm run comments:import -- <file.csv | file.eml | folder> [options]

Turns comments received by e-mail, or written down at the workshop and at
task-force meetings, into the same records as comments sent through the site,
and accepts them into the outbox; the dispatcher (npm run comments:sync, or the
running server) files them as GitHub issues like any other comment. Importing
the same file again files nothing twice. Rows that cannot be read are listed
with their line numbers; the others are imported.

A CSV file has a first row naming its columns (any order, any case):
  channel, received, version, section, paragraph, quote, type, comment,
  proposed change, sector, organisation, name, publish name, language
  - channel: email, workshop or meeting (or --channel for the whole file)
  - received: 2026-09-18 or 2026-09-18T14:30 (in the site's time zone), or with an offset
  - type: general, technical or editorial (or ge, te, ed)
  - sector: ${SECTORS.join(', ')}
  - name is published only when "publish name" is yes
  - language: en or es (the comment's; English when left out)
  - type and sector may be written in Spanish too ("técnico", "sociedad civil")
The workshop's comment cards have a template: /strategy/comment-cards.csv.
An .eml file is one e-mail: its Date header is when it was received, its
text is the comment, after optional "Section: ...", "Paragraph: ...",
"Type: ...", "Sector: ...", "Organisation: ..." lines at the top; a line
"Proposed change:" starts the proposed change. The sender's address is never
read. A folder imports every .csv and .eml file in it.

Options:
  --channel <c>    ${IMPORT_CHANNELS.join(', ')}: for rows without a channel column
  --version <v>    For rows (or e-mails) that name no version
  --type <t>       For rows that name no type: ${COMMENT_TYPES.join(', ')}
  --sector <s>     For rows that name no sector
  --dry-run        Check the file and report, import nothing
  --outbox <path>  SQLite outbox file (default: the PostgreSQL database of
                   CONSULTA_DATABASE_URL when set, else
                   $CONSULTA_DATA_DIR/outbox.sqlite, else var/outbox.sqlite)
  --root <dir>     Repository root (default: current directory)
  -h, --help       Show this help
`;

await main('comments:import', usage, async (argv) => {
  const { values, positionals } = parseOptions(argv, {
    allowPositionals: true,
    options: {
      channel: { type: 'string' },
      version: { type: 'string' },
      type: { type: 'string' },
      sector: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      outbox: { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  if (positionals.length !== 1) throw new UsageError('give one .csv or .eml file, or a folder (see --help)');
  const path = resolve(positionals[0]!);
  if (!existsSync(path)) throw new UsageError(`${positionals[0]} does not exist`);
  if (values.channel && !(IMPORT_CHANNELS as readonly string[]).includes(values.channel)) {
    throw new UsageError(`--channel must be one of ${IMPORT_CHANNELS.join(', ')}`);
  }
  if (values.type && !(COMMENT_TYPES as readonly string[]).includes(values.type)) throw new UsageError(`--type must be one of ${COMMENT_TYPES.join(', ')}`);
  if (values.sector && !isSector(values.sector)) throw new UsageError(`--sector must be one of ${SECTORS.join(', ')}`);

  const root = resolve(values.root);
  const settings = loadSiteSettings(root);
  const catalog = loadCatalog(root, settings, new Date());
  if (values.version && !catalog.byId.has(values.version)) throw new UsageError(`unknown version "${values.version}"`);

  const result = await importPath(path, {
    timeZone: settings.timeZone,
    defaults: {
      ...(values.channel ? { channel: values.channel as ImportChannel } : {}),
      ...(values.version ? { version: values.version } : {}),
      ...(values.type ? { type: values.type as CommentType } : {}),
      ...(values.sector && isSector(values.sector) ? { sector: values.sector } : {}),
    },
    checkReference(versionId, sectionId, paragraph) {
      const version = catalog.byId.get(versionId);
      if (!version) return [`version "${versionId}" is not published`];
      const section = version.sections.find((s) => s.id === sectionId);
      if (!section) return [`section "${sectionId}" is not a section of ${versionId}`];
      const n = paragraph ? parseParagraphRef(paragraph) : null;
      if (n !== null && n > citableParagraphs(section.id, parseSectionBody(section.body)).length) return [`${sectionId} has no paragraph ${n} in ${versionId}`];
      return [];
    },
  });

  let accepted = 0;
  let repeated = 0;
  if (!values['dry-run'] && result.comments.length) {
    const config = parseConfig(process.env, { cwd: process.cwd() });
    const { outbox } = await openCommentStore(outboxLocation(config, values.outbox === undefined ? undefined : resolve(root, values.outbox)));
    try {
      for (const { submission, origin } of result.comments) {
        const { reference, duplicate } = await outbox.accept(submission);
        if (duplicate) repeated++;
        else accepted++;
        console.log(`${origin}: ${reference}${duplicate ? ' (already imported)' : ''}`);
      }
    } finally {
      await outbox.close();
    }
  }
  for (const problem of result.problems) {
    console.error(`${problem.file}${problem.line ? `, line ${problem.line}` : ''}: ${problem.reasons.join('; ')}`);
  }
  const read = result.comments.length;
  console.log(
    values['dry-run']
      ? `${read} comments readable, ${result.problems.length} rows with problems (dry run: nothing imported)`
      : `${accepted} comments imported, ${repeated} already imported, ${result.problems.length} rows with problems`,
  );
  return result.problems.some((p) => !p.reasons.every((r) => r.startsWith('unknown columns ignored'))) ? 1 : 0;
});
