/**
 * What a failed GitHub request means for the caller, following
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 * and https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately :
 * `retry-after` first; else `x-ratelimit-remaining: 0` means wait until
 * `x-ratelimit-reset`; else a rate-limit answer means wait at least a minute.
 */

/** How a failure should be handled. */
export type GitHubFailure =
  /** A rate limit: nothing was done; wait `retryAfterSeconds`, then the same request is safe. */
  | { kind: 'rate-limited'; limit: 'primary' | 'secondary'; retryAfterSeconds: number; status: number; message: string }
  /** No answer, or a 5xx: a write may or may not have happened. */
  | { kind: 'ambiguous'; status?: number; message: string }
  /** Our configuration is wrong (credentials, permissions, repository): retrying soon will not help. */
  | { kind: 'configuration'; status: number; message: string }
  /** GitHub refused this request (4xx): repeating it will fail the same way. */
  | { kind: 'rejected'; status: number; message: string };

/** Seconds to wait after a secondary limit without `retry-after` (GitHub: "at least one minute"). */
const SECONDARY_LIMIT_FALLBACK_SECONDS = 60;

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  name?: unknown;
  response?: { status?: number; headers?: Record<string, string | number | undefined>; data?: unknown };
  request?: { method?: string; url?: string };
}

/** Classifies an error thrown by Octokit (a RequestError, a timeout, a network failure). */
export function classifyGitHubError(error: unknown, nowMs: number): GitHubFailure {
  const e = (error ?? {}) as ErrorLike;
  const message = describeGitHubError(error);
  const response = e.response;
  if (!response || typeof response.status !== 'number') return { kind: 'ambiguous', message };
  const status = response.status;
  const headers = response.headers ?? {};
  const header = (name: string) => {
    const v = headers[name];
    return v === undefined ? undefined : String(v);
  };
  if (status === 403 || status === 429) {
    const retryAfter = Number(header('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter >= 0 && header('retry-after') !== undefined) {
      return { kind: 'rate-limited', limit: 'secondary', retryAfterSeconds: Math.ceil(retryAfter), status, message };
    }
    if (header('x-ratelimit-remaining') === '0') {
      const reset = Number(header('x-ratelimit-reset'));
      // One second past the reset, as GitHub's docs suggest.
      const wait = Number.isFinite(reset) ? Math.max(1, Math.ceil(reset - nowMs / 1000) + 1) : SECONDARY_LIMIT_FALLBACK_SECONDS;
      return { kind: 'rate-limited', limit: 'primary', retryAfterSeconds: wait, status, message };
    }
    if (status === 429 || /rate limit/i.test(message)) {
      return { kind: 'rate-limited', limit: 'secondary', retryAfterSeconds: SECONDARY_LIMIT_FALLBACK_SECONDS, status, message };
    }
    return { kind: 'configuration', status, message };
  }
  if (status >= 500) return { kind: 'ambiguous', status, message };
  if (status === 401 || status === 404 || status === 410) return { kind: 'configuration', status, message };
  return { kind: 'rejected', status, message };
}

/** One line for a log or the outbox: `HTTP 502 Bad Gateway (POST /repos/o/r/issues)`. No headers, no credentials. */
export function describeGitHubError(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  const status = e.response?.status;
  const where = e.request?.method && e.request.url ? ` (${e.request.method} ${pathOf(e.request.url)})` : '';
  const text = typeof e.message === 'string' && e.message ? e.message : String(error);
  const firstLine = text.split('\n')[0]!.slice(0, 300);
  if (typeof status === 'number') return `HTTP ${status}: ${firstLine}${where}`;
  const name = typeof e.name === 'string' && e.name !== 'HttpError' && e.name !== 'Error' ? `${e.name}: ` : '';
  return `no response: ${name}${firstLine}${where}`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0]!;
  }
}
