/**
 * What Git can prove: which change addressed which comment. A maintainer who
 * merges a pull request whose body says `Addresses #12` (or `Addresses #12,
 * #14 and #15`) links that change to those comments; the report shows the
 * pull request and the first published version that contains it.
 */
import { DateTime } from 'luxon';
import type { AddressedIn, SourcePull } from './schema.ts';

// "Addresses #12", "Addresses: #12, #14 and #15", one statement per line or several.
// Each run of spaces can be matched one way only, so the time is linear in the body's
// length (two optional runs side by side, as in `[ \t]*(?:,)?[ \t]*`, are quadratic).
const ADDRESSES_STATEMENT = /\baddresses:?[ \t]+(#\d+(?:[ \t]*(?:(?:,|&|\band\b)[ \t]*)?#\d+)*)/gi;

/** Issue numbers a pull request body says it addresses, in order, without repeats. */
export function addressedIssueNumbers(body: string | null | undefined): number[] {
  if (!body) return [];
  const out: number[] = [];
  for (const match of body.matchAll(ADDRESSES_STATEMENT)) {
    for (const ref of match[1]!.matchAll(/#(\d+)/g)) {
      const n = Number(ref[1]);
      if (n > 0 && !out.includes(n)) out.push(n);
    }
  }
  return out;
}

/** A published version, as far as "which version first contained this change" needs it. */
interface PublishedVersion {
  id: string;
  /** Date it was published, `YYYY-MM-DD`, local to `timeZone`. */
  publishedAt: string;
  /** The commit its sections were taken from, when recorded. */
  commit: string | null;
}

export interface VersionLookup {
  /** Published versions, any order. */
  versions: readonly PublishedVersion[];
  /** Time zone that `publishedAt` dates are in (the site's). */
  timeZone: string;
  /**
   * Whether commit `ancestor` is contained in commit `descendant` (e.g. `git
   * merge-base --is-ancestor`), or undefined when that cannot be told (a
   * shallow clone, an unknown commit). Optional.
   */
  isAncestor?: (ancestor: string, descendant: string) => boolean | undefined;
}

/**
 * The first published version that contains a merged change. With commits
 * on both sides and a way to ask Git, ancestry decides; otherwise the first
 * version published on or after the day of the merge, which is right for a
 * repository where versions are published from the main branch.
 */
export function firstVersionContaining(pull: Pick<SourcePull, 'merged_at' | 'merge_commit_sha' | 'version'>, lookup: VersionLookup): string | undefined {
  if (pull.version) return pull.version;
  if (!pull.merged_at) return undefined;
  const ordered = [...lookup.versions].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const mergedOn = DateTime.fromISO(pull.merged_at, { setZone: true }).setZone(lookup.timeZone).toISODate()!;
  for (const version of ordered) {
    if (pull.merge_commit_sha && version.commit && lookup.isAncestor) {
      const contained = lookup.isAncestor(pull.merge_commit_sha, version.commit);
      if (contained !== undefined) {
        if (contained) return version.id;
        continue;
      }
    }
    if (version.publishedAt >= mergedOn) return version.id;
  }
  return undefined;
}

/** For every issue number, the merged pull requests that address it, oldest merge first. */
export function addressedInIndex(pulls: readonly SourcePull[], lookup: VersionLookup): Map<number, AddressedIn[]> {
  const index = new Map<number, AddressedIn[]>();
  const merged = pulls.filter((pull) => pull.merged_at).sort((a, b) => a.merged_at!.localeCompare(b.merged_at!) || a.number - b.number);
  for (const pull of merged) {
    const numbers = addressedIssueNumbers(pull.body);
    if (numbers.length === 0) continue;
    const version = firstVersionContaining(pull, lookup);
    const entry: AddressedIn = { pull: pull.number, title: pull.title, url: pull.html_url, mergedAt: pull.merged_at!, ...(version ? { version } : {}) };
    for (const n of numbers) {
      const list = index.get(n) ?? [];
      list.push(entry);
      index.set(n, list);
    }
  }
  return index;
}
