/**
 * npm run diff -- <from> <to>: compares two versions of the strategy and
 * prints a summary (the pull-request workflow posts its markdown form).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { compareVersions, formatSummaryMarkdown, formatSummaryText, outlineSection } from '../src/lib/diff/index.ts';
import { listVersionIds, loadDraft, loadVersion, strategyPaths, type StrategyPaths } from '../src/lib/strategy/load.ts';
import type { Section } from '../src/lib/strategy/schema.ts';

const usage = `
Usage: npm run diff -- <from> <to> [--format markdown|text|json] [--root <dir>]

Compares two versions of the strategy and prints what changed: sections added,
removed, re-titled, moved and changed, and words added and removed.

  <from>, <to>     a published version id (e.g. v0.1) or "draft" (the working draft)
  --format, -f     text (default), markdown (for a pull-request comment) or json
  --root <dir>     repository root holding content/strategy (default: current folder)
  --help, -h       show this help
`;

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

function knownVersions(paths: StrategyPaths): string[] {
  const ids = listVersionIds(paths).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return existsSync(paths.draftDir) ? [...ids, 'draft'] : ids;
}

function loadSections(paths: StrategyPaths, id: string, known: string[]): Section[] {
  if (!known.includes(id)) throw new UsageError(`unknown version "${id}" (known: ${known.join(', ') || 'none'})`);
  return id === 'draft' ? loadDraft(paths) : loadVersion(paths, id).sections;
}

await main('diff', usage, (argv) => {
  const { values, positionals } = parseOptions(argv, {
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      root: { type: 'string', default: '.' },
    },
  });
  if (positionals.length !== 2) throw new UsageError('give two versions to compare, e.g. "v0.1 draft" (see --help)');
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (use ${FORMATS.join(', ')})`);
  const [fromId, toId] = positionals as [string, string];
  const paths = strategyPaths(resolve(values.root));
  const known = knownVersions(paths);
  // A broken content file is a ContentError: main() prints its one line naming the file.
  const from = loadSections(paths, fromId, known);
  const to = loadSections(paths, toId, known);

  const comparison = compareVersions(from, to);
  const labels = { fromLabel: fromId, toLabel: toId };
  if (format === 'markdown') process.stdout.write(formatSummaryMarkdown(comparison, labels));
  else if (format === 'json') {
    const report = { from: fromId, to: toId, summary: comparison.summary, sections: comparison.sections.map(outlineSection) };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else process.stdout.write(formatSummaryText(comparison, labels));
});
