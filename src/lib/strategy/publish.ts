/**
 * Publishing a version: the working draft is copied byte for byte into
 * `content/strategy/versions/<v>/` and frozen with a sha256 per file, and
 * moving a version through its lifecycle. Every refusal is a PublishError
 * with a one-line reason, and nothing is written until every check passes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DateTime } from 'luxon';
import { consultationWindow } from '../consultation/window.ts';
import { ContentError } from './content-error.ts';
import { sha256 } from './hash.ts';
import { listVersionIds, loadDraft, loadVersion, type StrategyPaths } from './load.ts';
import { parseCheckedBody } from './render-section.ts';
import type { ConsultationWindowSpec } from '../consultation/window.ts';
import { VersionId, VersionManifest, type VersionStatus } from './schema.ts';

export class PublishError extends Error {
  override name = 'PublishError';
}

export interface PublishRequest {
  id: string;
  title: string;
  status: 'draft' | 'consultation';
  note?: string;
  consultation?: ConsultationWindowSpec;
  /** Publication date; defaults to today in the consultation's (or the site's) time zone. */
  publishedAt?: string;
}

/** Git as the publisher needs it; injected so tests can run against a real temporary repository. */
export interface GitState {
  /** HEAD commit, or null outside a repository. */
  head(): string | null;
  /** Paths under `dir` with uncommitted changes (staged, unstaged or untracked). */
  uncommitted(dir: string): string[];
}

export function gitState(root: string): GitState {
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return {
    head() {
      try {
        return git(['rev-parse', 'HEAD']).trim();
      } catch {
        return null;
      }
    },
    uncommitted(dir) {
      try {
        return git(['status', '--porcelain', '--untracked-files=all', '--', relative(root, dir)]).split('\n').filter(Boolean).map((line) => line.slice(3));
      } catch {
        return [];
      }
    },
  };
}

/** Snapshots the draft as a new version; returns the manifest written. */
export function publishVersion(paths: StrategyPaths, request: PublishRequest, git: GitState, timeZone: string): VersionManifest {
  const id = VersionId.safeParse(request.id);
  if (!id.success) throw new PublishError(`version "${request.id}" ${id.error.issues[0]?.message}`);
  if (listVersionIds(paths).includes(request.id)) throw new PublishError(`version "${request.id}" already exists; published versions are never overwritten`);
  if (request.status === 'consultation' && !request.consultation) throw new PublishError('a version published for consultation needs --opens and --closes');
  if (request.consultation) {
    try {
      consultationWindow(request.consultation);
    } catch (error) {
      throw new PublishError(`impossible consultation dates: ${(error as Error).message}`);
    }
  }
  const dirty = git.uncommitted(paths.draftDir);
  if (dirty.length) throw new PublishError(`the draft has uncommitted changes (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}); commit them first so the version records the commit it came from`);

  let sections;
  try {
    sections = loadDraft(paths);
    for (const s of sections) parseCheckedBody(s.body, relative(paths.root, join(paths.draftDir, s.file)));
  } catch (error) {
    if (error instanceof ContentError) throw new PublishError(`the draft does not validate: ${error.message}`);
    throw error;
  }
  if (!sections.length) throw new PublishError('the draft has no sections');

  const files: Record<string, string> = {};
  for (const s of sections) files[s.file] = sha256(readFileSync(join(paths.draftDir, s.file)));
  const zone = request.consultation?.timeZone ?? timeZone;
  const manifest = VersionManifest.parse({
    id: request.id,
    title: request.title,
    status: request.status,
    publishedAt: request.publishedAt ?? DateTime.now().setZone(zone).toISODate(),
    ...(request.note ? { note: request.note } : {}),
    ...(request.consultation ? { consultation: request.consultation } : {}),
    commit: git.head(),
    files,
  });

  // Write into a temporary folder and rename, so a failure never leaves a half-published version.
  const target = join(paths.versionsDir, request.id);
  const staging = `${target}.publishing`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    for (const s of sections) copyFileSync(join(paths.draftDir, s.file), join(staging, s.file));
    writeFileSync(join(staging, 'version.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return manifest;
}

/** Which status may follow which. Superseded is reached by adopting a newer version. */
const TRANSITIONS: Record<VersionStatus, VersionStatus[]> = {
  draft: ['consultation', 'closed', 'adopted'],
  consultation: ['closed'],
  closed: ['consultation', 'adopted'],
  adopted: ['superseded'],
  superseded: [],
};

export interface StatusChange {
  id: string;
  from: VersionStatus;
  to: VersionStatus;
}

/**
 * Moves a version to a new status without touching its sections. Adopting a
 * version supersedes the previously adopted one. Returns every change made.
 */
export function changeVersionStatus(
  paths: StrategyPaths,
  id: string,
  to: VersionStatus,
  options: { consultation?: ConsultationWindowSpec; supersededBy?: string } = {},
): StatusChange[] {
  if (!listVersionIds(paths).includes(id)) throw new PublishError(`unknown version "${id}" (known: ${listVersionIds(paths).join(', ') || 'none'})`);
  const version = loadVersion(paths, id);
  const from = version.manifest.status;
  if (from === to) throw new PublishError(`version "${id}" is already ${to}`);
  if (!TRANSITIONS[from].includes(to)) {
    const allowed = TRANSITIONS[from];
    throw new PublishError(`version "${id}" cannot go from ${from} to ${to}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`);
  }
  const next: Record<string, unknown> = { ...version.manifest, status: to };
  if (to === 'consultation') {
    const window = options.consultation ?? version.manifest.consultation;
    if (!window) throw new PublishError(`version "${id}" has no consultation window; give --opens and --closes`);
    try {
      consultationWindow(window);
    } catch (error) {
      throw new PublishError(`impossible consultation dates: ${(error as Error).message}`);
    }
    next.consultation = window;
  }
  if (to === 'superseded') {
    if (!options.supersededBy) throw new PublishError('a superseded version needs the version that replaces it (--by)');
    next.supersededBy = options.supersededBy;
  }
  const changes: StatusChange[] = [];
  if (to === 'adopted') {
    for (const otherId of listVersionIds(paths)) {
      if (otherId === id) continue;
      const other = loadVersion(paths, otherId);
      if (other.manifest.status === 'adopted') {
        writeManifest(paths, otherId, { ...other.manifest, status: 'superseded', supersededBy: id });
        changes.push({ id: otherId, from: 'adopted', to: 'superseded' });
      }
    }
  }
  writeManifest(paths, id, next);
  changes.unshift({ id, from, to });
  return changes;
}

function writeManifest(paths: StrategyPaths, id: string, manifest: unknown): void {
  const path = join(paths.versionsDir, id, 'version.json');
  const valid = VersionManifest.parse(manifest);
  if (!existsSync(path)) throw new PublishError(`${relative(paths.root, path)} is missing`);
  writeFileSync(path, `${JSON.stringify(valid, null, 2)}\n`);
}
