/**
 * The answers GitHub gives when something is wrong, with its message texts,
 * so code under test meets the same bodies it will meet in production.
 */

/** What a route hands back to the server, before common headers are added. */
export interface DoubleResponse {
  status: number;
  /** JSON-serialisable body; absent for 204/304. */
  body?: unknown;
  headers?: Record<string, string>;
  /** ISO time the resource last changed; sent as `Last-Modified` and compared with `If-Modified-Since`. */
  lastModified?: string;
  /** Raw body text sent as is (GitHub's 502 is pretty-printed JSON with a different content type). */
  raw?: { text: string; contentType: string };
}

export const DOCS = {
  root: 'https://docs.github.com/rest',
  listIssues: 'https://docs.github.com/rest/issues/issues#list-repository-issues',
  createIssue: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  getIssue: 'https://docs.github.com/rest/issues/issues#get-an-issue',
  listLabels: 'https://docs.github.com/rest/issues/labels#list-labels-for-a-repository',
  createLabel: 'https://docs.github.com/rest/issues/labels#create-a-label',
  getLabel: 'https://docs.github.com/rest/issues/labels#get-a-label',
  addLabels: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
  removeLabel: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
  listComments: 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  listRepoComments: 'https://docs.github.com/rest/issues/comments#list-issue-comments-for-a-repository',
  createComment: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  listPulls: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests',
  // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
  primaryLimit: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
  secondaryLimit: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
} as const;

/** One entry of a 422 `errors` array (OpenAPI `validation-error`). */
export interface FieldError {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
  value?: string | number | string[] | null;
}

export function notFound(documentationUrl: string = DOCS.root): DoubleResponse {
  return { status: 404, body: { message: 'Not Found', documentation_url: documentationUrl, status: '404' } };
}

/** 422 for a body that breaks the operation's JSON schema (GitHub's wording). */
export function invalidRequest(detail: string, documentationUrl: string): DoubleResponse {
  return {
    status: 422,
    body: { message: `Invalid request.\n\n${detail}`, documentation_url: documentationUrl, status: '422' },
  };
}

/** 422 for a well-formed body whose values are rejected. */
export function validationFailed(errors: FieldError[], documentationUrl: string): DoubleResponse {
  return { status: 422, body: { message: 'Validation Failed', errors, documentation_url: documentationUrl, status: '422' } };
}

/** A field longer than GitHub allows; GitHub reports these as `custom` errors with this message. */
export function tooLong(resource: string, field: string, maximum: number): FieldError {
  return { resource, field, code: 'custom', message: `${field} is too long (maximum is ${maximum} characters)` };
}

export function problemsParsingJson(documentationUrl: string): DoubleResponse {
  return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: documentationUrl, status: '400' } };
}

export function unauthorised(message: 'Bad credentials' | 'Requires authentication'): DoubleResponse {
  return { status: 401, body: { message, documentation_url: DOCS.root, status: '401' } };
}

/** The secondary limit GitHub applies to bursts of requests in general. */
export function secondaryRateLimited(retryAfterSeconds: number, requestId: string): DoubleResponse {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: DOCS.secondaryLimit,
    },
  };
}

/** The secondary limit on content creation (about 80 a minute, 500 an hour). */
export function contentCreationLimited(retryAfterSeconds: number, requestId: string): DoubleResponse {
  return {
    status: 403,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: `You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: DOCS.secondaryLimit,
    },
  };
}

/** The primary (hourly) limit: the caller also sets `x-ratelimit-remaining: 0`. */
export function primaryRateLimited(userId: number, requestId: string): DoubleResponse {
  return {
    status: 403,
    body: {
      message: `API rate limit exceeded for user ID ${userId}. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: DOCS.primaryLimit,
    },
  };
}

export function serverError(): DoubleResponse {
  return { status: 500, body: { message: 'Server Error' } };
}

/**
 * GitHub's 502 comes from its front end: plain `application/json`, pretty
 * printed, no rate-limit headers (seen in octokit/request.js#589).
 */
export function badGateway(): DoubleResponse {
  return { status: 502, raw: { text: '{\n  "message": "Server Error"\n}\n', contentType: 'application/json' } };
}
