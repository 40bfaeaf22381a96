/**
 * THE one way this project talks to GitHub: configuration from the
 * environment, and an Octokit built from it. Only API routes and scripts
 * import this (STYLE.md "Imports point inward").
 *
 * Credentials, preferred first (DESIGN.md "GitHub facts"):
 * - a GitHub App installation: `GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY`,
 *   `GITHUB_APP_INSTALLATION_ID` (issues: write on one repository);
 * - a token: `GITHUB_TOKEN` (fine-grained, issues: write; in GitHub Actions the
 *   workflow token works).
 * Plus `GITHUB_REPOSITORY` (`owner/name`) and optionally `GITHUB_API_URL`
 * (GitHub Enterprise, or the test double). With no credentials at all,
 * `githubConfigFromEnv` returns null: comments wait in the outbox.
 *
 * Rate limits, https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api :
 * - primary: a budget per hour per identity; when `x-ratelimit-remaining` is
 *   0, do not retry before `x-ratelimit-reset`;
 * - secondary: at most 80 content-creating requests a minute and 500 an hour
 *   (and no more than 100 concurrent requests); when hit, the answer is 403 or
 *   429, and "if the retry-after response header is present, you should not
 *   retry your request until after that many seconds has elapsed", otherwise
 *   wait at least a minute, longer on repeated failures.
 * @octokit/plugin-throttling spaces our writes (one at a time, one second
 * apart, three seconds between issue creates) and reports limits to the
 * handlers below. The handlers never let the plugin repeat a write: the
 * dispatcher owns every create and its waiting, because a repeated create is
 * a duplicate issue (GitHub has no idempotency key). For the same reason this
 * client has no @octokit/plugin-retry.
 */
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { throttling } from '@octokit/plugin-throttling';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** A request that takes longer than this is abandoned; for a create, the dispatcher then looks for the issue. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

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

/** The environment is set up wrongly; the message names the variable. */
export class GitHubConfigError extends Error {
  override name = 'GitHubConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * Reads GitHub configuration from the environment. Null when no credentials
 * are set (the default: comments stay in the outbox); throws a
 * GitHubConfigError when they are set but incomplete or malformed.
 */
export function githubConfigFromEnv(env: Env = process.env): GitHubConfig | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const token = value('GITHUB_TOKEN');
  const appVars = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID'] as const;
  const setAppVars = appVars.filter((name) => value(name));
  if (!token && setAppVars.length === 0) return null;

  let auth: GitHubConfig['auth'];
  if (setAppVars.length > 0) {
    const missing = appVars.filter((name) => !value(name));
    if (missing.length) throw new GitHubConfigError(`set ${missing.join(' and ')} (a GitHub App needs all three GITHUB_APP_* variables)`);
    auth = {
      kind: 'app',
      appId: value('GITHUB_APP_ID')!,
      // A key pasted into a .env file often has its line breaks written as \n.
      privateKey: value('GITHUB_APP_PRIVATE_KEY')!.replace(/\\n/g, '\n'),
      installationId: value('GITHUB_APP_INSTALLATION_ID')!,
    };
  } else {
    auth = { kind: 'token', token: token! };
  }

  const repository = value('GITHUB_REPOSITORY');
  const match = repository && /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository);
  if (!match) throw new GitHubConfigError('set GITHUB_REPOSITORY to owner/name, the repository that receives comment issues');

  const apiUrl = value('GITHUB_API_URL') ?? DEFAULT_GITHUB_API_URL;
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new GitHubConfigError(`GITHUB_API_URL is not a URL: ${apiUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new GitHubConfigError('GITHUB_API_URL must be an http(s) URL');
  return { owner: match[1]!, repo: match[2]!, baseUrl: apiUrl.replace(/\/+$/, ''), auth };
}

/** The Octokit class with our plugins: throttling, pagination and `octokit.rest.*`. */
export const ConsultaOctokit = Octokit.plugin(throttling, paginateRest, restEndpointMethods);
export type ConsultaOctokit = InstanceType<typeof ConsultaOctokit>;

export interface GitHubClientOptions {
  /** The fetch to use; tests pass one. Defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Abandon a request after this many milliseconds. Defaults to 30 s. */
  timeoutMs?: number;
  /**
   * A read (GET) hit by a rate limit is repeated by the throttling plugin
   * once, when GitHub asks to wait at most this many seconds. Writes never
   * are. Defaults to 5.
   */
  maxInlineRetrySeconds?: number;
  /** Turns the throttling plugin's spacing off: for tests that simulate hours with a fake clock. */
  throttling?: boolean;
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
}

/** Builds the Octokit for `config`. */
export function createGitHubClient(config: GitHubConfig, options: GitHubClientOptions = {}): GitHubClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxInline = options.maxInlineRetrySeconds ?? 5;
  // Races the fetch with the deadline, so a fetch that ignores its signal cannot hang the dispatcher.
  const fetchWithTimeout: typeof globalThis.fetch = (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(signal.reason ?? new DOMException('The request timed out', 'TimeoutError'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      baseFetch(input, { ...init, signal })
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
  const handler =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      options.onLimit?.({ kind, retryAfterSeconds: retryAfter, method: request.method, url: request.url });
      return request.method === 'GET' && retryCount < 1 && retryAfter <= maxInline;
    };
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
        : { onRateLimit: handler('primary'), onSecondaryRateLimit: handler('secondary') },
    ...(config.auth.kind === 'token'
      ? { auth: config.auth.token }
      : {
          authStrategy: createAppAuth,
          auth: { appId: config.auth.appId, privateKey: config.auth.privateKey, installationId: config.auth.installationId },
        }),
  });
  const secrets = config.auth.kind === 'token' ? [config.auth.token] : [config.auth.privateKey];
  return { octokit, owner: config.owner, repo: config.repo, redact: (text) => redactSecrets(text, secrets) };
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
