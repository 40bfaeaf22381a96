/**
 * Compares two versions of the strategy and prints a summary.
 *   node scripts/diff.ts v0.1 draft --format markdown
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareVersions, formatSummaryMarkdown, formatSummaryText, outlineSection } from '../src/lib/diff/index.ts';
import { ContentError } from '../src/lib/strategy/content-error.ts';
import { listVersionIds, loadDraft, loadVersion, strategyPaths, type StrategyPaths } from '../src/lib/strategy/load.ts';
import type { Section } from '../src/lib/strategy/schema.ts';

const HELP = `Usage: node scripts/diff.ts <from> <to> [--format markdown|text|json] [--root <dir>]

Compares two versions of the strategy and prints what changed: sections added,
removed, re-titled, moved and changed, and words added and removed.

  <from>, <to>     a published version id (e.g. v0.1) or "draft" (the working draft)
  --format, -f     text (default), markdown (for a pull-request comment) or json
  --root <dir>     repository root holding content/strategy (default: current folder)
  --help, -h       show this help
`;

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

function fail(reason: string): never {
  process.stderr.write(`diff: ${reason}\n`);
  process.exit(1);
}

function knownVersions(paths: StrategyPaths): string[] {
  const ids = listVersionIds(paths).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return existsSync(paths.draftDir) ? [...ids, 'draft'] : ids;
}

function loadSections(paths: StrategyPaths, id: string, known: string[]): Section[] {
  if (!known.includes(id)) fail(`unknown version "${id}" (known: ${known.join(', ') || 'none'})`);
  return id === 'draft' ? loadDraft(paths) : loadVersion(paths, id).sections;
}

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        root: { type: 'string', default: '.' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length !== 2) fail('give two versions to compare, e.g. "v0.1 draft" (see --help)');
  const format = values.format as Format;
  if (!FORMATS.includes(format)) fail(`unknown format "${values.format}" (use ${FORMATS.join(', ')})`);
  const [fromId, toId] = positionals as [string, string];
  const paths = strategyPaths(resolve(values.root));
  const known = knownVersions(paths);
  let from: Section[];
  let to: Section[];
  try {
    from = loadSections(paths, fromId, known);
    to = loadSections(paths, toId, known);
  } catch (error) {
    if (error instanceof ContentError) fail(error.message);
    throw error;
  }
  const comparison = compareVersions(from, to);
  const labels = { fromLabel: fromId, toLabel: toId };
  if (format === 'markdown') process.stdout.write(formatSummaryMarkdown(comparison, labels));
  else if (format === 'json') {
    const report = { from: fromId, to: toId, summary: comparison.summary, sections: comparison.sections.map(outlineSection) };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else process.stdout.write(formatSummaryText(comparison, labels));
}

main();
