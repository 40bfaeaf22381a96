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
 * Limits: the throttling plugin (octokit.ts) handles short waits; a longer
 * rate-limit answer is waited out here, up to `maxWaitSeconds`, because a
 * read is always safe to repeat.
 *
 * What `since` cannot see: a deleted issue or reply. Run with `full` now and
 * then (the daily workflow does once a week).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { classifyGitHubError, describeGitHubError } from '../../github/errors.ts';
import type { GitHubClient } from '../../github/octokit.ts';
import { addressedIssueNumbers } from '../addressed-in.ts';
import { isMaintainer } from '../responses.ts';
import type { RepositorySnapshot, SourceComment, SourceIssue, SourcePull } from '../schema.ts';

export const CACHE_FORMAT = 1;
const PER_PAGE = 100;

/** What a run leaves for the next one. */
export interface FeedbackCache {
  format: typeof CACHE_FORMAT;
  repository: string;
  /** Newest `updated_at` seen in each stream: the next run asks for what changed since. */
  since: { issues: string | null; comments: string | null; pulls: string | null };
  /** ETag of the last answer to each first-page URL. */
  etags: Record<string, string>;
  snapshot: RepositorySnapshot;
}

export type Stream = 'issues' | 'comments' | 'pulls';

/** Something to show while a long run goes on. */
export type FetchProgress =
  | { type: 'page'; stream: Stream; page: number; lastPage?: number; items: number }
  | { type: 'not-modified'; stream: Stream }
  | { type: 'waiting'; seconds: number; reason: string };

export interface FetchOptions {
  github: GitHubClient;
  /** The last run's cache, or null for a first run. */
  cache: FeedbackCache | null;
  /** Ignore the cache and read everything again. */
  full?: boolean;
  onProgress?: (progress: FetchProgress) => void;
  /** Longest rate-limit wait to sit out before giving up. Default 15 minutes. */
  maxWaitSeconds?: number;
  /** Tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
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
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const now = options.now ?? Date.now;
  const maxWait = options.maxWaitSeconds ?? 15 * 60;
  const previous = !options.full && options.cache?.format === CACHE_FORMAT && options.cache.repository === repository ? options.cache : null;
  const etags: Record<string, string> = {};
  const since = { ...(previous?.since ?? { issues: null, comments: null, pulls: null }) };
  const issues = new Map<number, SourceIssue>((previous?.snapshot.issues ?? []).map((i) => [i.number, i]));
  const comments = new Map<number, SourceComment>((previous?.snapshot.comments ?? []).map((c) => [c.id, c]));
  const pulls = new Map<number, SourcePull>((previous?.snapshot.pulls ?? []).map((p) => [p.number, p]));
  let requests = 0;
  let notModified = 0;

  /** One GET, with the conditional header when given; null on 304. Rate limits and 5xx are waited out. */
  async function get(url: string, etag: string | undefined): Promise<{ data: unknown; headers: Record<string, string | number | undefined> } | null> {
    for (let attempt = 1; ; attempt++) {
      requests++;
      try {
        const response = await octokit.request({ method: 'GET', url, headers: etag ? { 'if-none-match': etag } : {} });
        return { data: response.data, headers: response.headers as Record<string, string | number | undefined> };
      } catch (error) {
        if ((error as { status?: number }).status === 304) {
          notModified++;
          return null;
        }
        const failure = classifyGitHubError(error, now());
        const retryable = failure.kind === 'rate-limited' || failure.kind === 'ambiguous';
        const wait = failure.kind === 'rate-limited' ? failure.retryAfterSeconds : Math.min(60, 5 * 2 ** (attempt - 1));
        if (!retryable || attempt >= 4 || wait > maxWait) {
          throw new FeedbackFetchError(`could not read ${pathOf(url)} from GitHub: ${options.github.redact(describeGitHubError(error))}`);
        }
        options.onProgress?.({ type: 'waiting', seconds: wait, reason: failure.message });
        await sleep(wait * 1000);
      }
    }
  }

  /** Reads a stream page by page; `keepGoing` may stop it early. */
  async function stream(name: Stream, firstUrl: string, take: (items: Record<string, unknown>[]) => boolean | void): Promise<void> {
    let url: string | undefined = firstUrl;
    let page = 0;
    while (url) {
      page++;
      const conditional: string | undefined = page === 1 ? previous?.etags[firstUrl] : undefined;
      const answer = await get(url, conditional);
      if (!answer) {
        etags[firstUrl] = conditional!;
        options.onProgress?.({ type: 'not-modified', stream: name });
        return;
      }
      if (page === 1 && typeof answer.headers['etag'] === 'string') etags[firstUrl] = answer.headers['etag'];
      const links = parseLinks(String(answer.headers['link'] ?? ''));
      const items = Array.isArray(answer.data) ? (answer.data as Record<string, unknown>[]) : [];
      const lastPage = links.last ? Number(new URL(links.last).searchParams.get('page')) || undefined : page;
      options.onProgress?.({ type: 'page', stream: name, page, items: items.length, ...(lastPage ? { lastPage } : {}) });
      const more = take(items);
      url = more === false ? undefined : links.next;
    }
  }

  const api = `${octokit.request.endpoint.DEFAULTS.baseUrl}/repos/${owner}/${repo}`;
  const query = (params: Record<string, string>) => new URLSearchParams({ ...params, per_page: String(PER_PAGE) }).toString();

  // Issues: everything labelled `comment` the first time, then what changed.
  const issueUrl = previous?.since.issues
    ? `${api}/issues?${query({ state: 'all', sort: 'updated', direction: 'asc', since: previous.since.issues })}`
    : `${api}/issues?${query({ labels: 'comment', state: 'all', sort: 'updated', direction: 'asc' })}`;
  await stream('issues', issueUrl, (items) => {
    for (const item of items) {
      since.issues = later(since.issues, String(item['updated_at']));
      if (item['pull_request']) continue;
      const issue = toSourceIssue(item);
      if (issue.labels.some((l) => l.toLowerCase() === 'comment')) issues.set(issue.number, issue);
      else issues.delete(issue.number);
    }
  });

  // Replies: one repository-wide stream; only maintainers' replies can change the report.
  const commentParams: Record<string, string> = { sort: 'updated', direction: 'asc' };
  if (previous?.since.comments) commentParams['since'] = previous.since.comments;
  await stream('comments', `${api}/issues/comments?${query(commentParams)}`, (items) => {
    for (const item of items) {
      since.comments = later(since.comments, String(item['updated_at']));
      const reply = toSourceComment(item);
      if (reply && isMaintainer(reply.author_association)) comments.set(reply.id, reply);
      else if (reply) comments.delete(reply.id);
    }
  });

  // Pull requests: newest update first, until one the last run already saw.
  const cut = previous?.since.pulls ?? null;
  await stream('pulls', `${api}/pulls?${query({ state: 'closed', sort: 'updated', direction: 'desc' })}`, (items) => {
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
  return {
    snapshot,
    cache: { format: CACHE_FORMAT, repository, since, etags, snapshot },
    requests,
    notModified,
    incremental: previous !== null,
  };
}

/** The later of two GitHub timestamps (same format, so they compare as strings). */
function later(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

/** `rel` -> URL from a `Link` header. */
export function parseLinks(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part);
    if (match) out[match[2]!] = match[1]!;
  }
  return out;
}

function toSourceIssue(item: Record<string, unknown>): SourceIssue {
  const labels = Array.isArray(item['labels']) ? item['labels'] : [];
  return {
    number: Number(item['number']),
    title: String(item['title'] ?? ''),
    body: typeof item['body'] === 'string' ? item['body'] : null,
    labels: labels.map((l) => (typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''))).filter(Boolean),
    state: item['state'] === 'closed' ? 'closed' : 'open',
    created_at: String(item['created_at']),
    updated_at: String(item['updated_at']),
    html_url: String(item['html_url']),
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

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
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
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(cache));
  renameSync(temporary, path);
}
