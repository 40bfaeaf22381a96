import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/lib/strategy/content-error.ts';
import { loadDraft, loadVersion, loadVersions, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { copyOfSample, emptyRepo, section, writeVersion } from './fixture-repo.ts';

function loadError(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('the published sample content', () => {
  const paths = strategyPaths(process.cwd());

  it('loads every version and every file still matches its recorded sha256', () => {
    const versions = loadVersions(paths);
    expect(versions.map((v) => v.manifest.id)).toEqual(['v0.1', 'v0.2']);
    for (const version of versions) expect(version.sections.length).toBeGreaterThanOrEqual(8);
  });

  it('has exactly one version open for comment, so the demo shows a live consultation', () => {
    expect(loadVersions(paths).filter((v) => v.manifest.status === 'consultation')).toHaveLength(1);
  });

  it('loads the working draft in order', () => {
    const draft = loadDraft(paths);
    const orders = draft.map((s) => s.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });
});

describe('integrity of published versions', () => {
  it('fails, naming the file, when a published section is edited', () => {
    const root = copyOfSample();
    const dir = join(root, 'content/strategy/versions/v0.1');
    const file = readdirSync(dir).find((n) => n.endsWith('.mdx'))!;
    appendFileSync(join(dir, file), '\nA sentence slipped in after publication.\n');
    const error = loadError(() => loadVersion(strategyPaths(root), 'v0.1'));
    expect(error.file).toBe(`content/strategy/versions/v0.1/${file}`);
    expect(error.message).toMatch(/has changed since it was published/);
    rmSync(root, { recursive: true });
  });

  it('fails when a file is added to a published version', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('a', 'A', 10, 'Text.\n') });
    writeFileSync(join(root, 'content/strategy/versions/v1/20-b.mdx'), section('b', 'B', 20, 'More.\n'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/20-b\.mdx: is not listed in version\.json/);
  });

  it('fails when a recorded file is missing', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('a', 'A', 10, 'Text.\n'), '20-b.mdx': section('b', 'B', 20, 'More.\n') });
    rmSync(join(root, 'content/strategy/versions/v1/20-b.mdx'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/20-b\.mdx: is listed in version\.json but missing/);
  });

  it('fails when version.json is missing, naming it', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('a', 'A', 10, 'Text.\n') });
    rmSync(join(root, 'content/strategy/versions/v1/version.json'));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).file).toBe('content/strategy/versions/v1/version.json');
  });

  it('fails when version.json has a tampered hash field, naming the field', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('a', 'A', 10, 'Text.\n') });
    const path = join(root, 'content/strategy/versions/v1/version.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    manifest.files['10-a.mdx'] = 'not-a-hash';
    writeFileSync(path, JSON.stringify(manifest));
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/field "files\.10-a\.mdx": must be a sha256 hex digest/);
  });

  it('rejects a version.json whose id differs from its folder', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('a', 'A', 10, 'Text.\n') }, { id: 'v2' });
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/does not match its folder name "v1"/);
  });

  it('requires a consultation window while the status is consultation', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('a', 'A', 10, 'Text.\n') }, { status: 'consultation' });
    expect(loadError(() => loadVersion(strategyPaths(root), 'v1')).message).toMatch(/field "consultation": is required/);
  });
});

describe('section files', () => {
  it('rejects a duplicate section id, naming both files', () => {
    const root = emptyRepo();
    writeVersion(root, 'v1', { '10-a.mdx': section('alpha', 'A', 10, 'x\n'), '20-b.mdx': section('alpha', 'B', 20, 'y\n') });
    const error = loadError(() => loadVersion(strategyPaths(root), 'v1'));
    expect(error.file).toBe('content/strategy/versions/v1/20-b.mdx');
    expect(error.message).toMatch(/"alpha" is already used by 10-a\.mdx/);
  });

  it('rejects a section without an id, naming the file and the field', () => {
    const root = emptyRepo();
    writeFileSync(join(root, 'content/strategy/draft/10-a.mdx'), '---\ntitle: A\norder: 1\n---\nText\n');
    const error = loadError(() => loadDraft(strategyPaths(root)));
    expect(error.file).toBe('content/strategy/draft/10-a.mdx');
    expect(error.message).toMatch(/field "id"/);
  });

  it('rejects a section id that is not a slug', () => {
    const root = emptyRepo();
    writeFileSync(join(root, 'content/strategy/draft/10-a.mdx'), section('Not A Slug', 'A', 1, 'Text\n'));
    expect(loadError(() => loadDraft(strategyPaths(root))).message).toMatch(/field "id": use lower-case letters/);
  });

  it('rejects a file without frontmatter', () => {
    const root = emptyRepo();
    writeFileSync(join(root, 'content/strategy/draft/10-a.mdx'), 'Just text\n');
    expect(loadError(() => loadDraft(strategyPaths(root))).message).toMatch(/has no frontmatter/);
  });

  it('rejects frontmatter that is not YAML', () => {
    const root = emptyRepo();
    writeFileSync(join(root, 'content/strategy/draft/10-a.mdx'), '---\nid: [unclosed\n---\nText\n');
    expect(loadError(() => loadDraft(strategyPaths(root))).message).toMatch(/frontmatter is not valid YAML/);
  });
});
