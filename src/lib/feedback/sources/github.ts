/**
 * Reads the consultation repository through Octokit, cheaply enough to run
 * every day: three paginated streams, 100 items a page, and a cache that
 * makes a re-run with nothing new cost three conditional requests (GitHub
 * does not count a 304 against the rate limit:
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate ).
 *
 * - issues labelled `comment`: the first run lists them all
 *   (`labels=comment&state=all&sort=updated&direction=asc`); later runs list
 *   every issue updated since the newest change seen (`since`), without the
 *   label filter, so an issue whose `comment` label was removed leaves the
 *   report too;
 * - replies: the repository-wide comment stream (`/issues/comments`), again
 *   with `since` on later runs: one stream instead of one request per issue;
 * - pull requests: closed ones, newest update first, read until one older
 *   than the last run.
 * The first page of each stream is asked for with the ETag of the last
 * identical request; a 304 means the stream has nothing new.
 *
 * Pages are read with `octokit.paginate`; a read that fails with a 5xx or no
 * answer is repeated by @octokit/plugin-retry, and one hit by a rate limit is
 * waited out by the throttling plugin, up to what the client allows
 * (octokit.ts, `maxInlineRetrySeconds`): a read is always safe to repeat.
 *
 * What `since` cannot see: a deleted issue or reply. Run with `full` now and
 * then (the daily workflow does once a week).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeGitHubError } from '../../github/errors.ts';
import type { GitHubClient } from '../../github/octokit.ts';
import { addressedIssueNumbers } from '../addressed-in.ts';
import { isMaintainer } from '../responses.ts';
import type { RepositorySnapshot, SourceComment, SourceIssue, SourcePull } from '../schema.ts';

/** 2: issues carry `filed_by_site`, judged by the filers the cache records. */
const CACHE_FORMAT = 2;
const PER_PAGE = 100;

/** What a run leaves for the next one. */
export interface FeedbackCache {
  format: typeof CACHE_FORMAT;
  repository: string;
  /** The filers the snapshot's issues were judged by (lower case, sorted). */
  filers: string[];
  /** Newest `updated_at` seen in each stream: the next run asks for what changed since. */
  since: { issues: string | null; comments: string | null; pulls: string | null };
  /** ETag of the last answer to each first-page URL. */
  etags: Record<string, string>;
  snapshot: RepositorySnapshot;
}

type Stream = 'issues' | 'comments' | 'pulls';

/** Something to show while a long run goes on. */
export type FetchProgress =
  | { type: 'page'; stream: Stream; page: number; lastPage?: number; items: number }
  | { type: 'not-modified'; stream: Stream }
  /** GitHub asked to wait (reported by the client's `onLimit`). */
  | { type: 'waiting'; seconds: number; reason: string };

export interface FetchOptions {
  github: GitHubClient;
  /** GitHub logins that file comments for the site (content/site.json `commentFilers`), any case. */
  filers: readonly string[];
  /** The last run's cache, or null for a first run. */
  cache: FeedbackCache | null;
  /** Ignore the cache and read everything again. */
  full?: boolean;
  onProgress?: (progress: FetchProgress) => void;
}

export interface FetchResult {
  snapshot: RepositorySnapshot;
  /** Save this for the next run. */
  cache: FeedbackCache;
  /** Requests sent to GitHub, retries included. */
  requests: number;
  /** Of which answered 304 Not Modified. */
  notModified: number;
  /** Whether the cache was used (false on a first or `full` run). */
  incremental: boolean;
}

/** GitHub could not be read; the message is one line with no credentials. */
export class FeedbackFetchError extends Error {
  override name = 'FeedbackFetchError';
}

/** Reads the repository, starting from `cache` when it belongs to the same repository. */
export async function fetchRepositorySnapshot(options: FetchOptions): Promise<FetchResult> {
  const { octokit, owner, repo } = options.github;
  const repository = `${owner}/${repo}`;
  const filers = [...new Set(options.filers.map((login) => login.toLowerCase()))].sort();
  // Which issues are the site's is decided when they are read: other filers mean reading them all again.
  const sameFilers = (cached: readonly string[] | undefined) => JSON.stringify(cached ?? []) === JSON.stringify(filers);
  const previous =
    !options.full && options.cache?.format === CACHE_FORMAT && options.cache.repository === repository && sameFilers(options.cache.filers) ? options.cache : null;
  const etags: Record<string, string> = {};
  const since = { ...(previous?.since ?? { issues: null, comments: null, pulls: null }) };
  const issues = new Map<number, SourceIssue>((previous?.snapshot.issues ?? []).map((i) => [i.number, i]));
  const comments = new Map<number, SourceComment>((previous?.snapshot.comments ?? []).map((c) => [c.id, c]));
  const pulls = new Map<number, SourcePull>((previous?.snapshot.pulls ?? []).map((p) => [p.number, p]));
  const before = options.github.traffic();

  /**
   * Reads a stream page by page with octokit.paginate; `take` may stop it
   * early by returning false. The first page is asked for with the ETag of
   * the last identical request (the key), and a 304 means nothing is new.
   */
  async function stream(name: Stream, route: string, params: Record<string, string | number>, take: (items: Record<string, unknown>[]) => boolean | void): Promise<void> {
    const key = `${route}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
    const etag = previous?.etags[key];
    let page = 0;
    try {
      const pages = octokit.paginate.iterator(route, { owner, repo, ...params, per_page: PER_PAGE, headers: etag ? { 'if-none-match': etag } : {} });
      for await (const response of pages) {
        page++;
        if (page === 1 && typeof response.headers.etag === 'string') etags[key] = response.headers.etag;
        const items = Array.isArray(response.data) ? (response.data as Record<string, unknown>[]) : [];
        // The last page's Link header has no rel="last": it is that page.
        const lastPage = lastPageOf(String(response.headers.link ?? '')) ?? page;
        options.onProgress?.({ type: 'page', stream: name, page, items: items.length, lastPage });
        if (take(items) === false) break;
      }
    } catch (error) {
      if ((error as { status?: number }).status === 304 && etag) {
        etags[key] = etag;
        options.onProgress?.({ type: 'not-modified', stream: name });
        return;
      }
      throw new FeedbackFetchError(`could not read ${route.replace('GET ', '').replace('{owner}/{repo}', repository)} from GitHub: ${options.github.redact(describeGitHubError(error))}`);
    }
  }

  // Issues: everything labelled `comment` the first time, then what changed.
  const issueParams: Record<string, string> = previous?.since.issues
    ? { state: 'all', sort: 'updated', direction: 'asc', since: previous.since.issues }
    : { labels: 'comment', state: 'all', sort: 'updated', direction: 'asc' };
  await stream('issues', 'GET /repos/{owner}/{repo}/issues', issueParams, (items) => {
    for (const item of items) {
      since.issues = later(since.issues, String(item['updated_at']));
      if (item['pull_request']) continue;
      const issue = toSourceIssue(item, filers);
      if (issue.labels.some((l) => l.toLowerCase() === 'comment')) issues.set(issue.number, issue);
      else issues.delete(issue.number);
    }
  });

  // Replies: one repository-wide stream; only maintainers' replies can change the report.
  const commentParams: Record<string, string> = { sort: 'updated', direction: 'asc' };
  if (previous?.since.comments) commentParams['since'] = previous.since.comments;
  await stream('comments', 'GET /repos/{owner}/{repo}/issues/comments', commentParams, (items) => {
    for (const item of items) {
      since.comments = later(since.comments, String(item['updated_at']));
      const reply = toSourceComment(item);
      if (reply && isMaintainer(reply.author_association)) comments.set(reply.id, reply);
      else if (reply) comments.delete(reply.id);
    }
  });

  // Pull requests: newest update first, until one the last run already saw.
  const cut = previous?.since.pulls ?? null;
  await stream('pulls', 'GET /repos/{owner}/{repo}/pulls', { state: 'closed', sort: 'updated', direction: 'desc' }, (items) => {
    let older = false;
    for (const item of items) {
      const updated = String(item['updated_at']);
      since.pulls = later(since.pulls, updated);
      if (cut && updated < cut) {
        older = true;
        continue;
      }
      const pull = toSourcePull(item);
      if (pull.merged_at && addressedIssueNumbers(pull.body).length) pulls.set(pull.number, pull);
      else pulls.delete(pull.number);
    }
    return !older;
  });

  const snapshot: RepositorySnapshot = {
    repository,
    issues: [...issues.values()].sort((a, b) => a.number - b.number),
    comments: [...comments.values()].sort((a, b) => a.id - b.id),
    pulls: [...pulls.values()].sort((a, b) => a.number - b.number),
  };
  const after = options.github.traffic();
  return {
    snapshot,
    cache: { format: CACHE_FORMAT, repository, filers, since, etags, snapshot },
    requests: after.requests - before.requests,
    notModified: after.notModified - before.notModified,
    incremental: previous !== null,
  };
}

/** The later of two GitHub timestamps (same format, so they compare as strings). */
function later(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

/**
 * The number of the last page from a `Link` header, for the progress
 * display. Read by scanning, not with a regular expression: the header is
 * GitHub's, but nothing of GitHub's gets a pattern that can backtrack.
 */
function lastPageOf(link: string): number | undefined {
  for (const part of link.split(',')) {
    if (!part.includes('rel="last"')) continue;
    const url = part.slice(part.indexOf('<') + 1, part.indexOf('>'));
    const page = Number(URL.parse(url)?.searchParams.get('page'));
    return Number.isInteger(page) && page > 0 ? page : undefined;
  }
  return undefined;
}

function toSourceIssue(item: Record<string, unknown>, filers: readonly string[]): SourceIssue {
  const labels = Array.isArray(item['labels']) ? item['labels'] : [];
  const login = (item['user'] as { login?: unknown } | null | undefined)?.login;
  return {
    number: Number(item['number']),
    title: String(item['title'] ?? ''),
    body: typeof item['body'] === 'string' ? item['body'] : null,
    labels: labels.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''))).filter(Boolean),
    state: item['state'] === 'closed' ? 'closed' : 'open',
    created_at: String(item['created_at']),
    updated_at: String(item['updated_at']),
    html_url: String(item['html_url']),
    filed_by_site: typeof login === 'string' && filers.includes(login.toLowerCase()),
  };
}

function toSourceComment(item: Record<string, unknown>): SourceComment | null {
  const number = /\/issues\/(\d+)$/.exec(String(item['issue_url'] ?? ''))?.[1];
  if (!number) return null;
  return {
    id: Number(item['id']),
    issue_number: Number(number),
    body: String(item['body'] ?? ''),
    author_association: String(item['author_association'] ?? 'NONE'),
    created_at: String(item['created_at']),
    updated_at: String(item['updated_at']),
    html_url: String(item['html_url']),
  };
}

function toSourcePull(item: Record<string, unknown>): SourcePull {
  const sha = item['merge_commit_sha'];
  return {
    number: Number(item['number']),
    title: String(item['title'] ?? ''),
    body: typeof item['body'] === 'string' ? item['body'] : null,
    merged_at: typeof item['merged_at'] === 'string' ? item['merged_at'] : null,
    ...(typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha) ? { merge_commit_sha: sha } : {}),
    updated_at: String(item['updated_at']),
    html_url: String(item['html_url']),
  };
}

/** Reads a cache file; null when it is missing, unreadable or of another format (a first run then rebuilds it). */
export function loadFeedbackCache(path: string): FeedbackCache | null {
  try {
    const cache = JSON.parse(readFileSync(path, 'utf8')) as FeedbackCache;
    return cache.format === CACHE_FORMAT && cache.snapshot && cache.since && cache.etags ? cache : null;
  } catch {
    return null;
  }
}

/** Writes a cache file whole or not at all (a crash mid-write must not leave half a cache). */
export function saveFeedbackCache(path: string, cache: FeedbackCache): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, JSON.stringify(cache));
  renameSync(temporary, path);
}
