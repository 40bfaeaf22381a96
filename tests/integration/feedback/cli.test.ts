/** The two command-line entry points, run as a person runs them, on a copy of the content. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutbox } from '../../../src/lib/comments/outbox.ts';

const repo = join(import.meta.dirname, '../../..');
let root: string;

function run(script: string, args: string[]) {
  const env = { ...process.env };
  for (const name of ['GITHUB_TOKEN', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID', 'CONSULTA_OUTBOX', 'CONSULTA_SITE_URL']) delete env[name];
  const result = spawnSync(process.execPath, [join(repo, 'scripts', script), ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consulta-feedback-cli-'));
  cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run feedback', () => {
  it('collates the sample offline into the committed report and the four exports', async () => {
    rmSync(join(root, 'content/feedback/v0.1.json'));
    const { status, stdout } = run('feedback.ts', ['--version', 'v0.1', '--root', root]);
    expect(status).toBe(0);
    expect(stdout).toContain('v0.1: 43 comments (sample); 43 answered, 20 addressed by a change, 0 awaiting a response; 1 spam excluded; 1 could not be read (#39)');
    expect(stdout).toContain('groups of identical or near-identical comments: 1 (6 comments, similarity 0.6); distinct voices: 38; suspicious patterns flagged: 1');
    expect(readFileSync(join(root, 'content/feedback/v0.1.json'), 'utf8')).toBe(readFileSync(join(repo, 'content/feedback/v0.1.json'), 'utf8'));
    for (const file of ['matrix.csv', 'matrix.xlsx', 'report.md', 'report.json']) expect(existsSync(join(root, 'reports/v0.1', file)), file).toBe(true);
    expect(run('feedback.ts', ['--version', 'v0.1', '--root', root]).stdout).toContain('content/feedback/v0.1.json unchanged');
  });

  it('adds comments waiting in the outbox, awaiting a response', async () => {
    const outboxPath = join(root, 'var/outbox.sqlite');
    const outbox = openOutbox(outboxPath);
    await outbox.accept({
      submissionId: '3f0e9c1a-2b4d-4c6e-8a0b-1c2d3e4f5a6b', version: 'v0.1', section: 'governance', type: 'general',
      comment: 'A late comment.', sector: 'individual', publishName: false, channel: 'email', submittedAt: '2026-09-28T10:00:00-06:00',
    });
    await outbox.close();
    const { status, stdout } = run('feedback.ts', ['--version', 'v0.1', '--root', root, '--reports', join(root, 'out')]);
    expect(status).toBe(0);
    expect(stdout).toContain('44 comments (sample + outbox)');
    const report = JSON.parse(readFileSync(join(root, 'content/feedback/v0.1.json'), 'utf8'));
    expect(report.comments.at(-1)).toMatchObject({ reference: expect.stringMatching(/^BZ-\d{4}-000001$/), disposition: 'pending', channel: 'email' });
    rmSync(join(root, 'var'), { recursive: true, force: true });
  });

  it('refuses bad input with one line and a non-zero exit', async () => {
    expect(run('feedback.ts', ['--root', root])).toMatchObject({ status: 1, stderr: 'feedback: give --version <v>, --open or --all (see --help)\n' });
    expect(run('feedback.ts', ['--version', 'v9', '--root', root])).toMatchObject({ status: 1, stderr: 'feedback: unknown version "v9" (published: v0.1, v0.2)\n' });
    expect(run('feedback.ts', ['--help']).stdout).toContain('Usage: npm run feedback -- --version <v>');
  });

  it('refuses a grouping threshold outside (0, 1]', () => {
    expect(run('feedback.ts', ['--version', 'v0.1', '--similarity', '1.5', '--root', root])).toMatchObject({ status: 1, stderr: 'feedback: --similarity must be a number above 0 and at most 1\n' });
  });
});

describe('npm run comments:import', () => {
  it('imports the readable rows into the outbox, lists the others by line, and files nothing twice', async () => {
    const csv = join(root, 'workshop.csv');
    writeFileSync(
      csv,
      [
        'channel,received,version,section,paragraph,type,comment,sector,organisation',
        'workshop,2026-09-17,v0.1,governance,3,technical,Quarterly meetings.,government,Public Utilities Commission',
        'workshop,2026-09-17,v0.1,governance,99,technical,No such paragraph.,government,',
        'workshop,2026-09-17,v0.1,finance,,technical,No such section.,government,',
      ].join('\n'),
    );
    const outbox = join(root, 'var/import.sqlite');
    const first = run('comments-import.ts', [csv, '--outbox', outbox, '--root', root]);
    expect(first.status).toBe(1);
    expect(first.stdout).toMatch(/^workshop\.csv:2: BZ-\d{4}-000001$/m);
    expect(first.stdout).toContain('1 comments imported, 0 already imported, 2 rows with problems');
    expect(first.stderr).toBe('workshop.csv, line 3: governance has no paragraph 99 in v0.1\nworkshop.csv, line 4: section "finance" is not a section of v0.1\n');
    const second = run('comments-import.ts', [csv, '--outbox', outbox, '--root', root]);
    expect(second.stdout).toContain('0 comments imported, 1 already imported');
    const box = openOutbox(outbox);
    expect((await box.list()).map((e) => e.submission.channel)).toEqual(['workshop']);
    await box.close();
  });

  it('checks a file without importing it on --dry-run, and refuses an unknown channel', async () => {
    const csv = join(root, 'ok.csv');
    writeFileSync(csv, 'received,version,section,type,comment,sector\n2026-09-10,v0.1,governance,general,Fine.,academia\n');
    const outbox = join(root, 'var/dry.sqlite');
    const dry = run('comments-import.ts', [csv, '--channel', 'meeting', '--dry-run', '--outbox', outbox, '--root', root]);
    expect(dry).toMatchObject({ status: 0 });
    expect(dry.stdout).toContain('1 comments readable, 0 rows with problems (dry run: nothing imported)');
    expect(existsSync(outbox)).toBe(false);
    expect(run('comments-import.ts', [csv, '--channel', 'web', '--root', root])).toMatchObject({ status: 1, stderr: 'comments:import: --channel must be one of email, workshop, meeting\n' });
  });
});
