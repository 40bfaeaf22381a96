import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadVersion, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { changeVersionStatus, gitState, publishVersion, PublishError } from '../../../src/lib/strategy/publish.ts';

/** A real git repository holding a copy of the sample content, committed. */
function sampleRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'consulta-publish-'));
  cpSync('content', join(root, 'content'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'sample');
  return root;
}

let root: string;
beforeEach(() => {
  root = sampleRepo();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const publish = (request: Partial<Parameters<typeof publishVersion>[1]> = {}) =>
  publishVersion(strategyPaths(root), { id: 'v0.3', title: 'Third draft', status: 'draft', ...request }, gitState(root), 'America/Belize');

describe('publishing a version', () => {
  it('snapshots the draft byte for byte with the commit and a sha256 per file, and the result loads', () => {
    const manifest = publish({ status: 'consultation', consultation: { opens: '2027-01-10', closes: '2027-01-31T23:59', timeZone: 'America/Belize' } });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    expect(manifest.commit).toBe(head);
    const version = loadVersion(strategyPaths(root), 'v0.3');
    expect(version.manifest.status).toBe('consultation');
    for (const section of version.sections) {
      expect(readFileSync(join(root, 'content/strategy/versions/v0.3', section.file))).toEqual(readFileSync(join(root, 'content/strategy/draft', section.file)));
    }
  });

  it('refuses an existing version', () => {
    expect(() => publish({ id: 'v0.2' })).toThrow(/version "v0.2" already exists/);
  });

  it('refuses when the draft has uncommitted changes, and writes nothing', () => {
    writeFileSync(join(root, 'content/strategy/draft/20-governance.mdx'), readFileSync(join(root, 'content/strategy/draft/20-governance.mdx'), 'utf8') + '\nUncommitted.\n');
    expect(() => publish()).toThrow(/uncommitted changes \(content\/strategy\/draft\/20-governance\.mdx\)/);
    expect(existsSync(join(root, 'content/strategy/versions/v0.3'))).toBe(false);
  });

  it('refuses a draft with duplicated section ids', () => {
    const path = join(root, 'content/strategy/draft/35-public-sector-security.mdx');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^id: .*$/m, 'id: governance'));
    execFileSync('git', ['-c', 'user.email=t@e.org', '-c', 'user.name=t', 'commit', '-qam', 'dup'], { cwd: root });
    expect(() => publish()).toThrow(/draft does not validate: .*"governance" is already used/);
  });

  it('refuses a draft that fails validation', () => {
    const path = join(root, 'content/strategy/draft/20-governance.mdx');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^order: .*$/m, 'order: first'));
    execFileSync('git', ['-c', 'user.email=t@e.org', '-c', 'user.name=t', 'commit', '-qam', 'bad'], { cwd: root });
    expect(() => publish()).toThrow(PublishError);
  });

  it('refuses impossible dates', () => {
    expect(() => publish({ status: 'consultation', consultation: { opens: '2027-02-01', closes: '2027-01-01', timeZone: 'America/Belize' } })).toThrow(/impossible consultation dates/);
    expect(() => publish({ status: 'consultation' })).toThrow(/needs --opens and --closes/);
  });

  it('refuses a version id that is not URL-safe', () => {
    expect(() => publish({ id: 'Version 3' })).toThrow(/version "Version 3" use lower-case/);
  });
});

describe('changing a version status', () => {
  it('closes a consultation and adopts it, superseding the previously adopted version', () => {
    const paths = strategyPaths(root);
    expect(changeVersionStatus(paths, 'v0.1', 'adopted')).toEqual([{ id: 'v0.1', from: 'closed', to: 'adopted' }]);
    changeVersionStatus(paths, 'v0.2', 'closed');
    expect(changeVersionStatus(paths, 'v0.2', 'adopted')).toEqual([
      { id: 'v0.2', from: 'closed', to: 'adopted' },
      { id: 'v0.1', from: 'adopted', to: 'superseded' },
    ]);
    expect(loadVersion(paths, 'v0.1').manifest).toMatchObject({ status: 'superseded', supersededBy: 'v0.2' });
  });

  it('leaves the sections untouched, so the integrity check still passes', () => {
    const paths = strategyPaths(root);
    const before = loadVersion(paths, 'v0.2').manifest.files;
    changeVersionStatus(paths, 'v0.2', 'closed');
    expect(loadVersion(paths, 'v0.2').manifest.files).toEqual(before);
  });

  it('refuses a transition the lifecycle does not allow', () => {
    expect(() => changeVersionStatus(strategyPaths(root), 'v0.2', 'superseded')).toThrow(/cannot go from consultation to superseded \(allowed: closed\)/);
    expect(() => changeVersionStatus(strategyPaths(root), 'v9', 'closed')).toThrow(/unknown version "v9"/);
  });
});

describe('the version:publish command', () => {
  it('answers --help and exits non-zero with one line on bad input', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['scripts/version-publish.ts', ...args, '--root', root], { encoding: 'utf8' });
    expect(run('--help').stdout).toMatch(/^Usage: npm run version:publish/);
    const bad = run('v0.2');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual(['version:publish: version "v0.2" already exists; published versions are never overwritten']);
    const ok = run('v0.3', '--title', 'Third draft');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Published v0\.3 "Third draft" \(draft\): 9 sections/);
  });
});
