/** npm run bench:build: build time with and without compare pages on a large consultation, and our diff against git's. */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { plainText, syntheticVersions, writeSyntheticStrategy } from '../../src/lib/bench/sample-strategy.ts';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { clearBlockCache, compareVersions } from '../../src/lib/diff/index.ts';
import type { Section } from '../../src/lib/strategy/schema.ts';

const usage = `
Usage: npm run bench:build -- [options]

Generates a large consultation in a temporary folder and reports:
  - the build time of the full site, the same without compare pages, and their ratio;
  - the build time with half the versions (doubling the versions should at most double it);
  - the time to diff two versions with our engine and with
    git diff --no-index --word-diff=porcelain, in the same run, and their ratio.
Build and diff times are wall-clock; on Linux the CPU time of each is given
too, which a machine busy with other work disturbs much less.

Options:
  --versions <n>   Versions to generate (default 12)
  --sections <n>   Sections per version (default 80)
  --words <n>      Words per section, roughly (default 600)
  --runs <n>       Runs of each diff timing; the median is reported (default 7)
  --builds <n>     Builds of each kind; the fastest is reported, to damp noise (default 2)
  --no-doubling    Skip the half-versions build
  --keep           Keep the temporary folders and print where they are
  -h, --help       Show this help
`;

const log = (line: string) => process.stderr.write(`bench:build: ${line}\n`);

function workspace(versions: number, sections: number, words: number): string {
  const root = mkdtempSync(join(tmpdir(), 'consulta-bench-'));
  for (const entry of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(entry, join(root, entry), { recursive: true });
  for (const folder of ['taskforce', 'meetings', 'events', 'pages']) cpSync(join('content', folder), join(root, 'content', folder), { recursive: true });
  const site = JSON.parse(readFileSync('content/site.json', 'utf8'));
  delete site.sampleRollingWindow;
  writeFileSync(join(root, 'content/site.json'), JSON.stringify(site, null, 2));
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  writeSyntheticStrategy(root, syntheticVersions({ versions, sections, words }));
  return root;
}

/**
 * CPU seconds used by the finished child processes of this one (Linux:
 * cutime + cstime of /proc/self/stat), or undefined elsewhere. On a machine
 * shared with other work, wall time swings with the load; CPU time much less.
 */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", cutime and cstime are the 14th and 15th fields, in clock ticks (100 a second on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

interface BuildTime {
  seconds: number;
  cpu?: number;
}

function timedBuild(root: string, label: string, env: Record<string, string> = {}): BuildTime {
  log(`building ${label}…`);
  const cpuBefore = childCpuSeconds();
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = childCpuSeconds();
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  if (result.status !== 0) throw new Error(`astro build failed for ${label}:\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-2000)}`);
  const pages = (result.stdout.match(/├─|└─/g) ?? []).length;
  log(`  ${label}: ${seconds.toFixed(1)} s${cpu === undefined ? '' : ` (CPU ${cpu.toFixed(1)} s)`}, ${pages} pages`);
  return { seconds, ...(cpu === undefined ? {} : { cpu }) };
}

/** The fastest build by wall time, and the least CPU time, each over the runs. */
function fastest(times: BuildTime[]): BuildTime {
  const cpus = times.map((t) => t.cpu).filter((c) => c !== undefined);
  return { seconds: Math.min(...times.map((t) => t.seconds)), ...(cpus.length ? { cpu: Math.min(...cpus) } : {}) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await main('bench:build', usage, (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      versions: { type: 'string', default: '12' },
      sections: { type: 'string', default: '80' },
      words: { type: 'string', default: '600' },
      runs: { type: 'string', default: '7' },
      builds: { type: 'string', default: '2' },
      'no-doubling': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const [versions, sections, words, runs, builds] = (['versions', 'sections', 'words', 'runs', 'builds'] as const).map((k) => {
    const n = Number(values[k]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${k} must be a whole number above 0`);
    return n;
  }) as [number, number, number, number, number];
  const fastestBuild = (root: string, label: string, env: Record<string, string> = {}) =>
    fastest(Array.from({ length: builds }, (_, i) => timedBuild(root, `${label} (${i + 1}/${builds})`, env)));
  if (versions < 2) throw new UsageError('--versions must be at least 2');

  log(`generating ${versions} versions x ${sections} sections x ~${words} words`);
  const root = workspace(versions, sections, words);
  const folders = [root];
  try {
    const full = fastestBuild(root, 'full site');
    const withoutCompare = fastestBuild(root, 'without compare pages', { CONSULTA_BENCH_NO_COMPARE: '1' });
    let half: BuildTime | undefined;
    if (!values['no-doubling'] && versions >= 4) {
      const halfRoot = workspace(Math.floor(versions / 2), sections, words);
      folders.push(halfRoot);
      half = fastestBuild(halfRoot, `full site with ${Math.floor(versions / 2)} versions`);
    }

    log('timing the diff of the last two versions');
    const generated = syntheticVersions({ versions, sections, words });
    const asSections = (v: ReturnType<typeof syntheticVersions>[number]): Section[] =>
      v.map((s) => ({ id: s.id, title: s.title, order: s.order, file: `${s.id}.mdx`, body: s.paragraphs.join('\n\n') }));
    const before = asSections(generated.at(-2)!);
    const after = asSections(generated.at(-1)!);
    const wordCount = (v: Section[]) => v.reduce((n, s) => n + s.body.split(/\s+/).length, 0);
    const oursCpuStart = process.cpuUsage();
    const ours = median(
      Array.from({ length: runs }, () => {
        // Cold: nothing parsed before, as for a pair diffed for the first time.
        clearBlockCache();
        const start = performance.now();
        const comparison = compareVersions(before, after);
        // Force the paragraph rows and word diffs of every changed section: what the compare page shows.
        for (const section of comparison.sections) if (section.textChanged || section.status !== 'unchanged') void section.rows.length;
        return performance.now() - start;
      }),
    );
    const oursCpuUsage = process.cpuUsage(oursCpuStart);
    const oursCpu = (oursCpuUsage.user + oursCpuUsage.system) / 1000 / runs;
    const textDir = mkdtempSync(join(tmpdir(), 'consulta-bench-text-'));
    folders.push(textDir);
    writeFileSync(join(textDir, 'a.txt'), plainText(generated.at(-2)!));
    writeFileSync(join(textDir, 'b.txt'), plainText(generated.at(-1)!));
    const gitCpuStart = childCpuSeconds();
    const git = median(
      Array.from({ length: runs }, () => {
        const start = performance.now();
        try {
          execFileSync('git', ['diff', '--no-index', '--word-diff=porcelain', 'a.txt', 'b.txt'], { cwd: textDir, stdio: 'ignore' });
        } catch {
          // git diff --no-index exits 1 when the files differ: that is the expected case.
        }
        return performance.now() - start;
      }),
    );

    const gitCpuEnd = childCpuSeconds();
    const gitCpu = gitCpuStart !== undefined && gitCpuEnd !== undefined ? ((gitCpuEnd - gitCpuStart) * 1000) / runs : undefined;

    const cpu = (t: BuildTime) => (t.cpu === undefined ? '' : `, CPU ${t.cpu.toFixed(1)} s`);
    const added = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(0)}%`;
    const lines = [
      `Consultation: ${versions} versions x ${sections} sections x ~${words} words (${wordCount(after).toLocaleString('en-GB')} words in the last version)`,
      `Build, full site:            ${full.seconds.toFixed(1)} s (fastest of ${builds}${cpu(full)})`,
      `Build, without compare pages: ${withoutCompare.seconds.toFixed(1)} s${cpu(withoutCompare) && ` (${cpu(withoutCompare).slice(2)})`}`,
      `Compare pages add:            ${added(full.seconds, withoutCompare.seconds)}${full.cpu !== undefined && withoutCompare.cpu !== undefined ? ` (CPU: ${added(full.cpu, withoutCompare.cpu)})` : ''} (goal: at most 25%)`,
      ...(half !== undefined
        ? [`Build with ${Math.floor(versions / 2)} versions: ${half.seconds.toFixed(1)} s; doubling the versions multiplies the build time by ${(full.seconds / half.seconds).toFixed(2)}${full.cpu !== undefined && half.cpu !== undefined ? ` (CPU: ${(full.cpu / half.cpu).toFixed(2)})` : ''} (goal: at most 2)`]
        : []),
      `Diff of two ${wordCount(before).toLocaleString('en-GB')}/${wordCount(after).toLocaleString('en-GB')}-word versions (median of ${runs}): ours ${ours.toFixed(1)} ms, git --word-diff ${git.toFixed(1)} ms, ratio ${(ours / git).toFixed(2)} (goal: at most 3)`,
      ...(gitCpu !== undefined ? [`Same, CPU time (mean of ${runs}): ours ${oursCpu.toFixed(1)} ms, git --word-diff ${gitCpu.toFixed(1)} ms, ratio ${(oursCpu / gitCpu).toFixed(2)}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    if (values.keep) log(`kept: ${folders.join(', ')}`);
    else for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
});
