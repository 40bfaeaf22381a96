/**
 * THE one way this project talks to GitHub: an Octokit built from the
 * GitHub settings (parsed with every other setting in src/lib/config). No
 * other module imports an Octokit package, and only the edge (server,
 * scripts) and the concepts that file, read or answer on GitHub reach this
 * folder (docs/architecture.md, "Imports"; enforced by npm run lint).
 *
 * Credentials, preferred first (docs/architecture.md, "GitHub's limits"):
 * - a GitHub App installation: `GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY`,
 *   `GITHUB_APP_INSTALLATION_ID` (issues: write on one repository);
 * - a token: `GITHUB_TOKEN` (fine-grained, issues: write; in GitHub Actions the
 *   workflow token works).
 * Plus `GITHUB_REPOSITORY` (`owner/name`) and optionally `GITHUB_API_URL`
 * (GitHub Enterprise, or the test double). With no credentials at all
 * there is no GitHub configuration: comments wait in the outbox.
 *
 * Rate limits, https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api :
 * - primary: a budget per hour per identity; when `x-ratelimit-remaining` is
 *   0, do not retry before `x-ratelimit-reset`;
 * - secondary: at most 80 content-creating requests a minute and 500 an hour
 *   (and no more than 100 concurrent requests); when hit, the answer is 403 or
 *   429, and "if the retry-after response header is present, you should not
 *   retry your request until after that many seconds has elapsed", otherwise
 *   wait at least a minute, longer on repeated failures.
 *
 * One layer owns the pace of writes: the dispatcher's (comments/pace.ts),
 * which keeps creates under those limits and counts them across restarts.
 * @octokit/plugin-throttling would space writes too (a second apart, three
 * seconds between issue creates), silently capping creates at 20 a minute
 * whatever the pace says; its spacing is turned off here and it only reports
 * rate-limit answers to the handlers below.
 *
 * Nothing here ever repeats a write: GitHub has no idempotency key, so a
 * repeated create is a duplicate issue, and the dispatcher owns every create
 * and its waiting. Reads are safe to repeat: @octokit/plugin-retry repeats a
 * read that failed with a 5xx or no answer, and the throttling plugin one hit
 * by a rate limit short enough to wait out.
 */
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** A request that takes longer than this is abandoned; for a create, the dispatcher then looks for the issue. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Where to file comments and as whom. */
export interface GitHubConfig {
  owner: string;
  repo: string;
  /** REST API root, without a trailing slash. */
  baseUrl: string;
  auth:
    | { kind: 'token'; token: string }
    | { kind: 'app'; appId: string; privateKey: string; installationId: string };
}

/** The Octokit class with our plugins: rate-limit handling, retries of reads, pagination and `octokit.rest.*`. */
const ConsultaOctokit = Octokit.plugin(throttling, retry, paginateRest, restEndpointMethods);
type ConsultaOctokit = InstanceType<typeof ConsultaOctokit>;

export interface GitHubClientOptions {
  /** The fetch to use; tests pass one. Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Abandon a request after this many milliseconds. Defaults to 30 s. */
  timeoutMs?: number;
  /**
   * A read (GET) hit by a rate limit is repeated by the throttling plugin,
   * up to three times, when GitHub asks to wait at most this many seconds.
   * Writes never are. Defaults to 5; a long read (the feedback report) may
   * wait out more.
   */
  maxInlineRetrySeconds?: number;
  /** Turns the throttling plugin off altogether: for tests that simulate hours with a fake clock. */
  throttling?: boolean;
  /** A read that failed with a 5xx or no answer is tried again after 1, 4 and 9 times this. Defaults to 1 s. */
  readRetryBaseMs?: number;
  /** Told when GitHub reports a rate limit. */
  onLimit?: (event: { kind: 'primary' | 'secondary'; retryAfterSeconds: number; method: string; url: string }) => void;
  /** Where Octokit's own warnings go. Defaults to silence except warnings on stderr. */
  log?: { debug: (m: string) => void; info: (m: string) => void; warn: (m: string) => void; error: (m: string) => void };
  userAgent?: string;
}

/** An Octokit for one repository, and a way to keep its secrets out of messages. */
export interface GitHubClient {
  octokit: ConsultaOctokit;
  owner: string;
  repo: string;
  /** Removes the token or private key from any text, e.g. an error message before it is stored. */
  redact(text: string): string;
  /** HTTP requests sent so far (retries included), and how many were answered 304 Not Modified. */
  traffic(): { requests: number; notModified: number };
}

/** Builds the Octokit for `config`. */
export function createGitHubClient(config: GitHubConfig, options: GitHubClientOptions = {}): GitHubClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxInline = options.maxInlineRetrySeconds ?? 5;
  const traffic = { requests: 0, notModified: 0 };
  // Races the fetch with the deadline, so a fetch that ignores its signal cannot hang the dispatcher.
  const fetchWithTimeout: typeof globalThis.fetch = (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    traffic.requests++;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new DOMException('The request timed out', 'TimeoutError'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      baseFetch(input, { ...init, signal })
        .then((response) => {
          if (response.status === 304) traffic.notModified++;
          resolve(response);
        }, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
  const isRead = (method: string) => method === 'GET' || method === 'HEAD';
  const handler =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      options.onLimit?.({ kind, retryAfterSeconds: retryAfter, method: request.method, url: request.url });
      return isRead(request.method) && retryCount < 3 && retryAfter <= maxInline;
    };
  // No spacing of our own here: the dispatcher's pace owns it (see above).
  const unpaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  const quiet = options.log ?? {
    debug: () => {},
    info: () => {},
    warn: (m: string) => console.warn(m),
    error: (m: string) => console.error(m),
  };
  const octokit = new ConsultaOctokit({
    baseUrl: config.baseUrl,
    userAgent: options.userAgent ?? 'consulta-comments',
    request: { fetch: fetchWithTimeout },
    log: quiet,
    throttle:
      options.throttling === false
        ? { enabled: false }
        : { onRateLimit: handler('primary'), onSecondaryRateLimit: handler('secondary'), write: unpaced(), notifications: unpaced() },
    retry: { retryAfterBaseValue: options.readRetryBaseMs ?? 1000 },
    ...(config.auth.kind === 'token'
      ? { auth: config.auth.token }
      : {
          authStrategy: createAppAuth,
          auth: { appId: config.auth.appId, privateKey: config.auth.privateKey, installationId: config.auth.installationId },
        }),
  });
  // A write is never repeated by plugin-retry, whatever failed: it may have happened.
  octokit.hook.before('request', (request) => {
    if (!isRead(request.method)) request.request = { ...request.request, retries: 0 };
  });
  const secrets = config.auth.kind === 'token' ? [config.auth.token] : [config.auth.privateKey];
  return { octokit, owner: config.owner, repo: config.repo, redact: (text) => redactSecrets(text, secrets), traffic: () => ({ ...traffic }) };
}

/** Replaces each secret, and anything shaped like a GitHub token or an Authorization value, with `[REDACTED]`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  return out
    .replace(/\b(gh[pousr]_[A-Za-z0-9_]{10,}|github_pat_[A-Za-z0-9_]{10,})\b/g, '[REDACTED]')
    .replace(/(authorization["']?\s*[:=]\s*["']?(?:token|bearer)\s+)[^\s"',}]+/gi, '$1[REDACTED]')
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, '[REDACTED]');
}
