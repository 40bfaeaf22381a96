/**
 * The repository endpoints the project calls, with GitHub's rules for
 * filtering, ordering and validation. Each handler gets the path after the
 * repository prefix (`/repos/{owner}/{repo}` or `/repositories/{id}`) and
 * returns a DoubleResponse; the server adds headers, ETags and failures.
 */
import { paginate } from './pagination.ts';
import {
  DOCS,
  type DoubleResponse,
  type FieldError,
  invalidRequest,
  notFound,
  problemsParsingJson,
  tooLong,
  validationFailed,
} from './responses.ts';
import { type ShapeContext, commentJson, issueJson, labelJson, pullJson } from './shapes.ts';
import type { CommentRecord, IssueRecord } from './state.ts';

/** GitHub's limits, as documented (docs/architecture.md, "GitHub's limits"). */
const LIMITS = { title: 256, body: 65_536, labelName: 50, labelDescription: 100 } as const;

export interface RouteRequest {
  method: string;
  /** Path after the repository prefix, e.g. `/issues/12/comments`. */
  subpath: string;
  query: URLSearchParams;
  /** Parsed JSON body; `malformed` when the body was not JSON. */
  body: unknown;
  /** Absolute URL of the repository by id, the base of `Link` headers. */
  linkBase: string;
}

export const MALFORMED = Symbol('malformed JSON body');

type Handler = (ctx: ShapeContext, req: RouteRequest, params: string[]) => DoubleResponse;

const ROUTES: Array<{ method: string; pattern: RegExp; handler: Handler }> = [
  { method: 'GET', pattern: /^\/issues$/, handler: listIssues },
  { method: 'POST', pattern: /^\/issues$/, handler: createIssue },
  { method: 'GET', pattern: /^\/issues\/comments$/, handler: listRepoComments },
  { method: 'GET', pattern: /^\/issues\/(\d+)$/, handler: getIssue },
  { method: 'GET', pattern: /^\/issues\/(\d+)\/comments$/, handler: listIssueComments },
  { method: 'POST', pattern: /^\/issues\/(\d+)\/comments$/, handler: createComment },
  { method: 'POST', pattern: /^\/issues\/(\d+)\/labels$/, handler: addLabels },
  { method: 'DELETE', pattern: /^\/issues\/(\d+)\/labels\/([^/]+)$/, handler: removeLabel },
  { method: 'GET', pattern: /^\/labels$/, handler: listLabels },
  { method: 'POST', pattern: /^\/labels$/, handler: createLabel },
  { method: 'GET', pattern: /^\/labels\/([^/]+)$/, handler: getLabel },
  { method: 'GET', pattern: /^\/pulls$/, handler: listPulls },
];

export function route(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  for (const { method, pattern, handler } of ROUTES) {
    if (method !== req.method) continue;
    const match = pattern.exec(req.subpath);
    if (match) return handler(ctx, req, match.slice(1));
  }
  return notFound();
}

// --- issues -----------------------------------------------------------------

function listIssues(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  const { query } = req;
  const state = query.get('state') ?? 'open';
  const since = readSince(query, 'Issue', DOCS.listIssues);
  if (typeof since === 'object') return since;
  const wanted = (query.get('labels') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const creator = query.get('creator')?.toLowerCase();
  const sort = query.get('sort') ?? 'created';
  const direction = query.get('direction') ?? 'desc';

  const matching = ctx.state.issues.filter(
    (issue) =>
      (state === 'all' || issue.state === state) &&
      (since === undefined || issue.updated_at >= since) &&
      (creator === undefined || issue.user.toLowerCase() === creator) &&
      // `labels` is an AND filter: every listed label must be on the issue.
      wanted.every((name) => issue.labels.some((label) => label.toLowerCase() === name)),
  );
  const key = (issue: IssueRecord): string | number =>
    sort === 'updated' ? issue.updated_at : sort === 'comments' ? ctx.state.commentsOn(issue.number).length : issue.created_at;
  const sorted = sortBy(matching, key, (issue) => issue.number, direction);
  const page = paginate(sorted, query, `${req.linkBase}/issues`);
  return withLink({ status: 200, body: page.items.map((issue) => issueJson(ctx, issue)) }, page.link);
}

function getIssue(ctx: ShapeContext, _req: RouteRequest, [number]: string[]): DoubleResponse {
  const issue = ctx.state.issue(Number(number));
  if (!issue) return notFound(DOCS.getIssue);
  return { status: 200, body: issueJson(ctx, issue, { single: true }), lastModified: issue.updated_at };
}

function createIssue(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  const body = req.body;
  if (body === MALFORMED) return problemsParsingJson(DOCS.createIssue);
  if (!isObject(body)) return invalidRequest(`For 'links/0/schema', ${JSON.stringify(body ?? null)} is not an object.`, DOCS.createIssue);
  const { title, body: text, labels, assignees } = body;
  if (title === undefined || title === null) return invalidRequest(`"title" wasn't supplied.`, DOCS.createIssue);
  if (typeof title !== 'string' && typeof title !== 'number') {
    return invalidRequest(`For 'properties/title', ${JSON.stringify(title)} is not a string or integer.`, DOCS.createIssue);
  }
  if (text !== undefined && text !== null && typeof text !== 'string') {
    return invalidRequest(`For 'properties/body', ${JSON.stringify(text)} is not a string or null.`, DOCS.createIssue);
  }
  const labelNames = readLabelNames(labels);
  if (labelNames === undefined && labels !== undefined && labels !== null) {
    return invalidRequest(`For 'properties/labels', ${JSON.stringify(labels)} is not an array.`, DOCS.createIssue);
  }
  const errors: FieldError[] = [];
  const titleText = String(title);
  if (titleText.trim() === '') errors.push({ resource: 'Issue', field: 'title', code: 'missing_field' });
  if (titleText.length > LIMITS.title) errors.push(tooLong('Issue', 'title', LIMITS.title));
  if (typeof text === 'string' && text.length > LIMITS.body) errors.push(tooLong('Issue', 'body', LIMITS.body));
  // Without push access GitHub drops labels silently, so their names are not checked either.
  const applied = ctx.state.pushAccess ? (labelNames ?? []) : [];
  for (const name of applied) if (name.length > LIMITS.labelName) errors.push(tooLong('Label', 'name', LIMITS.labelName));
  if (errors.length) return validationFailed(errors, DOCS.createIssue);

  const issue = ctx.state.addIssue({
    title: titleText,
    body: typeof text === 'string' ? text : null,
    labels: applied,
    assignees: ctx.state.pushAccess && Array.isArray(assignees) ? assignees.filter((a): a is string => typeof a === 'string') : [],
  });
  const json = issueJson(ctx, issue, { single: true });
  return { status: 201, body: json, headers: { location: String(json['url']) } };
}

// --- comments ---------------------------------------------------------------

function listIssueComments(ctx: ShapeContext, req: RouteRequest, [number]: string[]): DoubleResponse {
  if (!ctx.state.issue(Number(number))) return notFound(DOCS.listComments);
  const since = readSince(req.query, 'IssueComment', DOCS.listComments);
  if (typeof since === 'object') return since;
  const comments = ctx.state
    .commentsOn(Number(number))
    .filter((comment) => since === undefined || comment.updated_at >= since)
    .sort((a, b) => a.id - b.id);
  const page = paginate(comments, req.query, `${req.linkBase}/issues/${number}/comments`);
  return withLink({ status: 200, body: page.items.map((comment) => commentJson(ctx, comment)) }, page.link);
}

function listRepoComments(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  const since = readSince(req.query, 'IssueComment', DOCS.listRepoComments);
  if (typeof since === 'object') return since;
  const matching = ctx.state.comments.filter((comment) => since === undefined || comment.updated_at >= since);
  // Without `sort`, GitHub ignores `direction` and lists by ascending id.
  const sort = req.query.get('sort');
  const sorted =
    sort === 'created' || sort === 'updated'
      ? sortBy(matching, (c: CommentRecord) => (sort === 'updated' ? c.updated_at : c.created_at), (c) => c.id, req.query.get('direction') ?? 'desc')
      : [...matching].sort((a, b) => a.id - b.id);
  const page = paginate(sorted, req.query, `${req.linkBase}/issues/comments`);
  return withLink({ status: 200, body: page.items.map((comment) => commentJson(ctx, comment)) }, page.link);
}

function createComment(ctx: ShapeContext, req: RouteRequest, [number]: string[]): DoubleResponse {
  const body = req.body;
  if (body === MALFORMED) return problemsParsingJson(DOCS.createComment);
  if (!ctx.state.issue(Number(number))) return notFound(DOCS.createComment);
  if (!isObject(body)) return invalidRequest(`For 'links/0/schema', ${JSON.stringify(body ?? null)} is not an object.`, DOCS.createComment);
  if (body['body'] === undefined || body['body'] === null) return invalidRequest(`"body" wasn't supplied.`, DOCS.createComment);
  if (typeof body['body'] !== 'string') {
    return invalidRequest(`For 'properties/body', ${JSON.stringify(body['body'])} is not a string.`, DOCS.createComment);
  }
  if (body['body'].length > LIMITS.body) return validationFailed([tooLong('IssueComment', 'body', LIMITS.body)], DOCS.createComment);
  const comment = ctx.state.addComment(Number(number), { body: body['body'] });
  const json = commentJson(ctx, comment);
  return { status: 201, body: json, headers: { location: json.url } };
}

// --- labels -----------------------------------------------------------------

function listLabels(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  const page = paginate([...ctx.state.labels].sort((a, b) => a.id - b.id), req.query, `${req.linkBase}/labels`);
  return withLink({ status: 200, body: page.items.map((label) => labelJson(ctx, label)) }, page.link);
}

function getLabel(ctx: ShapeContext, _req: RouteRequest, [name]: string[]): DoubleResponse {
  const label = ctx.state.label(decodeURIComponent(name ?? ''));
  if (!label) return notFound(DOCS.getLabel);
  return { status: 200, body: labelJson(ctx, label) };
}

function createLabel(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  const body = req.body;
  if (body === MALFORMED) return problemsParsingJson(DOCS.createLabel);
  if (!isObject(body)) return invalidRequest(`For 'links/0/schema', ${JSON.stringify(body ?? null)} is not an object.`, DOCS.createLabel);
  const { name, color, description } = body;
  if (name === undefined || name === null) return invalidRequest(`"name" wasn't supplied.`, DOCS.createLabel);
  if (typeof name !== 'string') return invalidRequest(`For 'properties/name', ${JSON.stringify(name)} is not a string.`, DOCS.createLabel);
  const errors: FieldError[] = [];
  if (name.trim() === '') errors.push({ resource: 'Label', field: 'name', code: 'missing_field' });
  if (name.length > LIMITS.labelName) errors.push(tooLong('Label', 'name', LIMITS.labelName));
  if (ctx.state.label(name)) errors.push({ resource: 'Label', field: 'name', code: 'already_exists' });
  if (color !== undefined && (typeof color !== 'string' || !/^#?[0-9a-f]{6}$/i.test(color))) {
    errors.push({ resource: 'Label', field: 'color', code: 'invalid' });
  }
  if (typeof description === 'string' && description.length > LIMITS.labelDescription) {
    errors.push(tooLong('Label', 'description', LIMITS.labelDescription));
  }
  if (errors.length) return validationFailed(errors, DOCS.createLabel);
  const label = ctx.state.addLabel({
    name,
    color: typeof color === 'string' ? color : undefined,
    description: typeof description === 'string' ? description : null,
  });
  const json = labelJson(ctx, label);
  return { status: 201, body: json, headers: { location: json.url } };
}

function addLabels(ctx: ShapeContext, req: RouteRequest, [number]: string[]): DoubleResponse {
  const body = req.body;
  if (body === MALFORMED) return problemsParsingJson(DOCS.addLabels);
  if (!ctx.state.issue(Number(number))) return notFound(DOCS.addLabels);
  // GitHub takes `{ labels: [...] }` or a bare array, of names or `{ name }` objects.
  const names = readLabelNames(isObject(body) ? body['labels'] : body);
  if (names === undefined) return invalidRequest(`For 'links/0/schema', ${JSON.stringify(body ?? null)} is not an object or array.`, DOCS.addLabels);
  const errors = names.filter((name) => name.length > LIMITS.labelName).map(() => tooLong('Label', 'name', LIMITS.labelName));
  if (errors.length) return validationFailed(errors, DOCS.addLabels);
  const labels = ctx.state.addLabelsToIssue(Number(number), names);
  return { status: 200, body: labels.map((label) => labelJson(ctx, label)) };
}

function removeLabel(ctx: ShapeContext, _req: RouteRequest, [number, name]: string[]): DoubleResponse {
  const issue = ctx.state.issue(Number(number));
  if (!issue) return notFound(DOCS.removeLabel);
  // GitHub answers 404 "Label does not exist" when the issue does not carry it.
  const labels = ctx.state.removeLabelFromIssue(issue.number, decodeURIComponent(name ?? ''));
  if (!labels) return { status: 404, body: { message: 'Label does not exist', documentation_url: DOCS.removeLabel, status: '404' } };
  return { status: 200, body: labels.map((label) => labelJson(ctx, label)) };
}

// --- pulls ------------------------------------------------------------------

function listPulls(ctx: ShapeContext, req: RouteRequest): DoubleResponse {
  const { query } = req;
  const state = query.get('state') ?? 'open';
  const head = query.get('head');
  const base = query.get('base');
  const sort = query.get('sort') ?? 'created';
  // "Default: desc when sort is created or sort is not specified, otherwise asc."
  const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  const matching = ctx.state.pulls.filter(
    (issue) =>
      (state === 'all' || issue.state === state) &&
      (head === null || `${ctx.state.owner}:${issue.pull?.head.ref}`.toLowerCase() === head.toLowerCase()) &&
      (base === null || issue.pull?.base.ref === base),
  );
  const key = (issue: IssueRecord) => (sort === 'updated' ? issue.updated_at : issue.created_at);
  const sorted = sortBy(matching, key, (issue) => issue.number, direction);
  const page = paginate(sorted, query, `${req.linkBase}/pulls`);
  return withLink({ status: 200, body: page.items.map((issue) => pullJson(ctx, issue)) }, page.link);
}

// --- helpers ----------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLabelNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') names.push(item);
    else if (isObject(item) && typeof item['name'] === 'string') names.push(item['name']);
    else return undefined;
  }
  return names;
}

/** `since` as a GitHub timestamp string, undefined when absent, or a 422 response when unreadable. */
function readSince(query: URLSearchParams, resource: string, docs: string): string | undefined | DoubleResponse {
  const raw = query.get('since');
  if (raw === null) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) return validationFailed([{ resource, field: 'since', code: 'invalid', value: raw }], docs);
  // Stored times have whole seconds; compare at the same precision.
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sortBy<T>(items: T[], key: (item: T) => string | number, tie: (item: T) => number, direction: string): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (tie(a) - tie(b)) * sign;
  });
}

function withLink(response: DoubleResponse, link: string | undefined): DoubleResponse {
  return link ? { ...response, headers: { ...response.headers, link } } : response;
}
