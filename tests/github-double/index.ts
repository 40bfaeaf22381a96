/**
 * A local stand-in for GitHub's REST API over real HTTP (node:http), for the
 * calls Consulta makes: issues, labels, comments and pull requests of one
 * repository. Point Octokit at it with `baseUrl: double.url`.
 *
 * It keeps GitHub's behaviour where our code depends on it: response shapes
 * (checked against @octokit/openapi by the contract tests), pagination and
 * `Link` headers, ETags and 304s, rate-limit headers, the secondary limit on
 * content creation, and the ways a request can fail (rate limits, 5xx, a slow
 * answer, an answer lost after the write happened).
 */
import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ContentCreationLimit, PrimaryLimit } from './limits.ts';
import {
  type DoubleResponse,
  badGateway,
  contentCreationLimited,
  notFound,
  primaryRateLimited,
  secondaryRateLimited,
  serverError,
  unauthorised,
} from './responses.ts';
import { MALFORMED, route } from './routes.ts';
import type { ShapeContext } from './shapes.ts';
import { DoubleState } from './state.ts';

export {  GITHUB_DEFAULT_LABELS,  } from './state.ts';
export { busiestWindow } from './limits.ts';
;
;

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/repos/o/r/issues` or, when following a `Link`, `/repositories/1/issues`. */
  path: string;
  query: Record<string, string>;
  /**
   * Status the client received. 0 while a `failWhen` predicate runs, and for
   * a `lost-response` (no answer was sent; look at `failure`).
   */
  status: number;
  /** When the double received it, on the double's clock (ms). */
  at: number;
  /** Parsed JSON body; the raw text when it was not JSON; absent when empty. */
  body?: unknown;
  /** Request headers, lower-case names; the credential in `authorization` is replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** The injected failure that answered this request, if any. */
  failure?: FailureMode;
}

export type FailureMode =
  /** 403, "You have exceeded a secondary rate limit...", `retry-after` (option retryAfterSeconds, default 60). Nothing is performed. */
  | 'secondary-rate-limit'
  /** 403, "API rate limit exceeded...", `x-ratelimit-remaining: 0` and `x-ratelimit-reset`. Nothing is performed. */
  | 'primary-rate-limit'
  /** 500 `{ message: "Server Error" }`. Nothing is performed. */
  | 'server-error'
  /** 502 from GitHub's front end. Nothing is performed. */
  | 'bad-gateway'
  /** Performed at once, answered after `slowMs` (default 5,000 ms): longer than the client's timeout. */
  | 'slow'
  /** Performed (the issue is created), then the socket is destroyed without an answer. */
  | 'lost-response';

export interface GitHubDoubleOptions {
  /** Default `consulta-test`. */
  owner?: string;
  /** Default `consultation`. */
  repo?: string;
  /** Default 0: any free port. */
  port?: number;
  /** When set, every request must send `authorization: token <token>` or `Bearer <token>`, else 401. */
  token?: string;
  /** Delay of the `slow` failure, default 5,000 ms. */
  slowMs?: number;
  /** `retry-after` of the injected secondary-rate-limit failure, default 60 s. */
  retryAfterSeconds?: number;
  /** When set, content-creating requests (POST, PATCH, PUT, DELETE) beyond it get 403 secondary limit with `retry-after`. */
  enforceSecondaryLimit?: { perMinute: number; perHour: number };
  /** Start with GitHub's nine default labels (bug, duplicate, ...), as a new repository does. Default true. */
  defaultLabels?: boolean;
  /** Whether the token has push access; without it GitHub drops labels on issue creation silently. Default true. */
  pushAccess?: boolean;
}

export interface GitHubDouble {
  /** e.g. http://127.0.0.1:54321 (pass as Octokit baseUrl). */
  url: string;
  /** Inspect and seed: issues (pull requests included), labels, comments, pulls. */
  state: DoubleState;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Queues a failure for the next request(s), whatever they are. `count` defaults to 1; Infinity for all. */
  failNext(mode: FailureMode, count?: number): void;
  /** Queues a failure for the next request(s) matching `predicate` (which sees `status: 0`). `count` defaults to 1. */
  failWhen(predicate: (req: RecordedRequest) => boolean, mode: FailureMode, count?: number): void;
  /** Replaces the clock behind created_at/updated_at, `at`, and the rate-limit windows. */
  setClock(nowMs: () => number): void;
  /** Empties the repository, requests, queued failures and rate windows; keeps options and the clock. */
  reset(): void;
  close(): Promise<void>;
}

interface QueuedFailure {
  predicate: (req: RecordedRequest) => boolean;
  mode: FailureMode;
  remaining: number;
}

const REPO_PREFIX = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/;
const REPO_ID_PREFIX = /^\/repositories\/(\d+)(\/.*)?$/;
const CONTENT_CREATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export async function startGitHubDouble(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
  const state = new DoubleState({
    owner: options.owner ?? 'consulta-test',
    repo: options.repo ?? 'consultation',
    repoId: 801_234_567,
    defaultLabels: options.defaultLabels ?? true,
  });
  state.pushAccess = options.pushAccess ?? true;
  const requests: RecordedRequest[] = [];
  const failures: QueuedFailure[] = [];
  const primary = new PrimaryLimit();
  const contentLimit = options.enforceSecondaryLimit ? new ContentCreationLimit(options.enforceSecondaryLimit) : undefined;
  const slowTimers = new Set<NodeJS.Timeout>();
  let clock: () => number = () => Date.now();
  let url = '';

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the double must not look like a GitHub answer the code under test could rely on.
      console.error('github-double: internal error', error);
      if (!res.headersSent) res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(`github-double internal error: ${String(error)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const parsedUrl = new URL(req.url ?? '/', url);
    const method = (req.method ?? 'GET').toUpperCase();
    const parsedBody = parseBody(text);
    const record: RecordedRequest = {
      method,
      path: parsedUrl.pathname,
      query: Object.fromEntries(parsedUrl.searchParams),
      status: 0,
      at: clock(),
      headers: redactedHeaders(req),
      ...(text === '' ? {} : { body: parsedBody === MALFORMED ? text : parsedBody }),
    };
    requests.push(record);
    const requestId = newRequestId();
    const now = clock();

    const failure = takeFailure(record);
    if (failure && failure !== 'slow' && failure !== 'lost-response') {
      record.failure = failure;
      const response = failureResponse(failure, requestId);
      primary.count(now, false);
      const rateHeaders = failure === 'bad-gateway' ? {} : primary.headers(now, failure === 'primary-rate-limit');
      record.status = response.status;
      send(res, response, { ...rateHeaders, 'x-github-request-id': requestId });
      return;
    }

    const authorised = isAuthorised(req);
    let response = authorised === true ? perform(method, parsedUrl, parsedBody, requestId) : unauthorised(authorised);
    response = conditional(req, method, response);
    const free = response.status === 304 && req.headers.authorization !== undefined && authorised === true;
    primary.count(now, free);
    const headers = { ...primary.headers(now), 'x-github-request-id': requestId };

    if (failure === 'lost-response') {
      // The write has happened; the client never learns it.
      record.failure = failure;
      req.socket.destroy();
      return;
    }
    record.status = response.status;
    if (failure === 'slow') {
      record.failure = failure;
      const timer = setTimeout(() => {
        slowTimers.delete(timer);
        if (!res.destroyed) send(res, response, headers);
      }, options.slowMs ?? 5_000);
      slowTimers.add(timer);
      return;
    }
    send(res, response, headers);
  }

  function perform(method: string, parsedUrl: URL, body: unknown, requestId: string): DoubleResponse {
    const subpath = repositorySubpath(parsedUrl.pathname);
    if (subpath === undefined) return notFound();
    if (contentLimit && CONTENT_CREATING.has(method)) {
      const wait = contentLimit.admit(clock());
      if (wait > 0) return contentCreationLimited(wait, requestId);
    }
    const ctx: ShapeContext = { state, api: url };
    return route(ctx, {
      method,
      subpath,
      query: parsedUrl.searchParams,
      body,
      linkBase: `${url}/repositories/${state.repoId}`,
    });
  }

  /** The path after `/repos/{owner}/{repo}` or `/repositories/{id}`, or undefined for another repository. */
  function repositorySubpath(pathname: string): string | undefined {
    const byName = REPO_PREFIX.exec(pathname);
    if (byName) {
      // GitHub matches owner and repository names case-insensitively.
      const sameRepo =
        decodeURIComponent(byName[1] ?? '').toLowerCase() === state.owner.toLowerCase() &&
        decodeURIComponent(byName[2] ?? '').toLowerCase() === state.repo.toLowerCase();
      return sameRepo ? (byName[3] ?? '') : undefined;
    }
    const byId = REPO_ID_PREFIX.exec(pathname);
    if (byId && Number(byId[1]) === state.repoId) return byId[2] ?? '';
    return undefined;
  }

  function isAuthorised(req: IncomingMessage): true | 'Bad credentials' | 'Requires authentication' {
    if (options.token === undefined) return true;
    const header = req.headers.authorization;
    if (!header) return 'Requires authentication';
    const match = /^(token|bearer)\s+(.+)$/i.exec(header.trim());
    return match && match[2] === options.token ? true : 'Bad credentials';
  }

  function takeFailure(record: RecordedRequest): FailureMode | undefined {
    for (const queued of failures) {
      let matches: boolean;
      try {
        matches = queued.predicate(record);
      } catch {
        matches = false;
      }
      if (!matches) continue;
      queued.remaining -= 1;
      if (queued.remaining <= 0) failures.splice(failures.indexOf(queued), 1);
      return queued.mode;
    }
    return undefined;
  }

  function failureResponse(mode: FailureMode, requestId: string): DoubleResponse {
    switch (mode) {
      case 'secondary-rate-limit':
        return secondaryRateLimited(options.retryAfterSeconds ?? 60, requestId);
      case 'primary-rate-limit':
        return primaryRateLimited(state.user(state.viewer).id, requestId);
      case 'server-error':
        return serverError();
      case 'bad-gateway':
        return badGateway();
      default:
        throw new Error(`${mode} is not answered directly`);
    }
  }

  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    requests,
    failNext(mode, count = 1) {
      if (count > 0) failures.push({ predicate: () => true, mode, remaining: count });
    },
    failWhen(predicate, mode, count = 1) {
      if (count > 0) failures.push({ predicate, mode, remaining: count });
    },
    setClock(nowMs) {
      clock = nowMs;
      state.now = nowMs;
    },
    reset() {
      state.reset();
      requests.length = 0;
      failures.length = 0;
      primary.reset();
      contentLimit?.reset();
    },
    async close() {
      for (const timer of slowTimers) clearTimeout(timer);
      slowTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * ETag and Last-Modified, as GitHub sends them on successful GETs: a weak ETag
 * over the body, and a 304 without a body when the client already has it.
 */
function conditional(req: IncomingMessage, method: string, response: DoubleResponse): DoubleResponse {
  if (method !== 'GET' || response.status !== 200) return response;
  const etag = `W/"${createHashHex(JSON.stringify(response.body))}"`;
  const headers: Record<string, string> = { ...response.headers, etag };
  if (response.lastModified) headers['last-modified'] = new Date(response.lastModified).toUTCString();
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const unchanged =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag))
      : ifModifiedSince !== undefined &&
        response.lastModified !== undefined &&
        Date.parse(response.lastModified) <= Date.parse(ifModifiedSince);
  if (unchanged) return { status: 304, headers };
  return { ...response, headers };
}

function weak(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

function createHashHex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

const EXPOSED =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';

function send(res: ServerResponse, response: DoubleResponse, extra: Record<string, string>): void {
  const headers: Record<string, string> = {
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'access-control-expose-headers': EXPOSED,
    'access-control-allow-origin': '*',
    ...extra,
    ...response.headers,
  };
  if (response.status < 300) headers['cache-control'] = 'private, max-age=60, s-maxage=60';
  let text = '';
  if (response.raw) {
    text = response.raw.text;
    headers['content-type'] = response.raw.contentType;
  } else if (response.body !== undefined) {
    text = JSON.stringify(response.body);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  if (response.status !== 304 && response.status !== 204) headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(response.status === 304 || response.status === 204 ? undefined : text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return MALFORMED;
  }
}

function redactedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (headers['authorization']) headers['authorization'] = headers['authorization'].replace(/^(\S+)\s+.*$/, '$1 [redacted]');
  return headers;
}

/** Shaped like GitHub's `x-github-request-id` (`C0DE:1A2B:3C4D5E:6F7A8B:65F0A1B2`). */
function newRequestId(): string {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}
