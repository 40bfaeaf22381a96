/** npm run bench:redline: how readable our redline is, on the sample and on a heavy rewrite, next to git's word diff. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { heavyRewrite } from '../../src/lib/bench/heavy-rewrite.ts';
import { comparisonLines, gitPorcelainLines, redlineMetric, versionText, type RedlineMetric } from '../../src/lib/bench/redline-metric.ts';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { clearBlockCache, compareVersions } from '../../src/lib/diff/index.ts';
import { countWords } from '../../src/lib/diff/similarity.ts';
import { loadVersion, strategyPaths } from '../../src/lib/strategy/load.ts';
import type { Section } from '../../src/lib/strategy/schema.ts';

const usage = `
Usage: npm run bench:redline -- [options]

Measures the redline of two comparisons and git's word diff of the same text
(git diff --no-index --word-diff=porcelain, one paragraph a line):
  - the sample, v0.1 -> v0.2 (light edits);
  - a heavy rewrite generated from the sample's v0.2 (most sentences rewritten).
For each: change runs, words per run, islands (one or two unchanged words
between two changes), words shown added and removed, and the time to diff
(wall, median of the runs; CPU, mean of the runs, on Linux).

Options:
  --copies <n>   Copies of v0.2 in the heavy rewrite, to reach a real strategy's size (default 3)
  --seed <n>     Seed of the heavy rewrite (default 2026)
  --runs <n>     Runs of each timing; the median is reported (default 5)
  --root <dir>   Repository root holding content/strategy (default: current folder)
  -h, --help     Show this help
`;

const log = (line: string) => process.stderr.write(`bench:redline: ${line}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Measured {
  metric: RedlineMetric;
  /** Wall time, median of the runs. */
  ms: number;
  /** CPU time, mean of the runs (steadier on a busy machine). */
  cpuMs?: number;
}

/**
 * CPU milliseconds used by the finished child processes of this one (Linux:
 * cutime + cstime of /proc/self/stat, in ticks of 10 ms), or undefined elsewhere.
 */
function childCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function ours(before: Section[], after: Section[], runs: number): Measured {
  // One run first, untimed, so that compiling the code is not counted.
  compareVersions(before, after);
  const cpuStart = process.cpuUsage();
  const times = Array.from({ length: runs }, () => {
    clearBlockCache();
    const start = performance.now();
    const comparison = compareVersions(before, after);
    for (const section of comparison.sections) void section.rows.length;
    return performance.now() - start;
  });
  const cpu = process.cpuUsage(cpuStart);
  return { metric: redlineMetric(comparisonLines(compareVersions(before, after))), ms: median(times), cpuMs: (cpu.user + cpu.system) / 1000 / runs };
}

function git(before: Section[], after: Section[], runs: number): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'consulta-bench-redline-'));
  try {
    writeFileSync(join(dir, 'a.txt'), `${versionText(before)}\n`);
    writeFileSync(join(dir, 'b.txt'), `${versionText(after)}\n`);
    let output = '';
    const cpuStart = childCpuMs();
    const times = Array.from({ length: runs }, () => {
      const start = performance.now();
      try {
        execFileSync('git', ['diff', '--no-index', '--no-color', '--word-diff=porcelain', 'a.txt', 'b.txt'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
      } catch (error) {
        // git diff --no-index exits 1 when the files differ: that is the expected case.
        const failed = error as { status?: number; stdout?: string };
        if (failed.status !== 1) throw error;
        output = failed.stdout ?? '';
      }
      return performance.now() - start;
    });
    const cpuEnd = childCpuMs();
    return { metric: redlineMetric(gitPorcelainLines(output)), ms: median(times), ...(cpuStart !== undefined && cpuEnd !== undefined ? { cpuMs: (cpuEnd - cpuStart) / runs } : {}) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(label: string, m: Measured): string {
  const { metric } = m;
  const cpu = m.cpuMs === undefined ? '' : `${m.cpuMs.toFixed(1)} ms`;
  return [label.padEnd(22), String(metric.runs).padStart(6), metric.wordsPerRun.toFixed(1).padStart(10), String(metric.islands).padStart(8), `+${metric.added} -${metric.removed}`.padStart(15), `${m.ms.toFixed(1)} ms`.padStart(10), cpu.padStart(10)].join(' ');
}

await main('bench:redline', usage, (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      copies: { type: 'string', default: '3' },
      seed: { type: 'string', default: '2026' },
      runs: { type: 'string', default: '5' },
      root: { type: 'string', default: '.' },
    },
  });
  const [copies, seed, runs] = (['copies', 'seed', 'runs'] as const).map((k) => {
    const n = Number(values[k]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${k} must be a whole number above 0`);
    return n;
  }) as [number, number, number];
  const paths = strategyPaths(resolve(values.root));
  const v01 = loadVersion(paths, 'v0.1').sections;
  const v02 = loadVersion(paths, 'v0.2').sections;
  const rewrite = heavyRewrite(v02, { seed, copies });
  const words = (sections: Section[]) => sections.reduce((n, s) => n + countWords(versionText([s])), 0);
  const cases = [
    { name: 'sample v0.1 -> v0.2', before: v01, after: v02 },
    { name: `heavy rewrite of v0.2 x${copies} (seed ${seed})`, before: rewrite.before, after: rewrite.after },
  ];
  const out: string[] = [];
  for (const { name, before, after } of cases) {
    log(`measuring ${name}…`);
    const ourResult = ours(before, after, runs);
    const gitResult = git(before, after, runs);
    const shown = (m: RedlineMetric) => m.added + m.removed;
    out.push(
      `${name}: ${words(before).toLocaleString('en-GB')} -> ${words(after).toLocaleString('en-GB')} words`,
      `${''.padEnd(22)} ${'runs'.padStart(6)} ${'words/run'.padStart(10)} ${'islands'.padStart(8)} ${'words shown'.padStart(15)} ${'wall'.padStart(10)} ${'CPU'.padStart(10)}`,
      row('  ours', ourResult),
      row('  git --word-diff', gitResult),
      `  words shown, ours / git: ${(shown(ourResult.metric) / Math.max(1, shown(gitResult.metric))).toFixed(2)}; time, ours / git: ${(ourResult.ms / gitResult.ms).toFixed(2)} wall${ourResult.cpuMs !== undefined && gitResult.cpuMs ? `, ${(ourResult.cpuMs / gitResult.cpuMs).toFixed(2)} CPU` : ''}`,
      '',
    );
  }
  process.stdout.write(`${out.join('\n')}`);
});
