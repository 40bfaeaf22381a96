/**
 * Records turned into the JSON GitHub sends. Field sets follow the OpenAPI
 * schemas in `@octokit/openapi` (`issue`, `label`, `issue-comment`,
 * `pull-request-simple`, `simple-user`, `repository`); the contract tests
 * check every body against them, in both directions (required fields present,
 * no field the schema does not know).
 */
import type { CommentRecord, DoubleState, IssueRecord, LabelRecord } from './state.ts';

/** Where the objects point: the double's own API root, GitHub's web root for html_url. */
export interface ShapeContext {
  state: DoubleState;
  /** API root without trailing slash, e.g. `http://127.0.0.1:54321`. */
  api: string;
}

const WEB = 'https://github.com';

function repoApi(ctx: ShapeContext): string {
  return `${ctx.api}/repos/${ctx.state.owner}/${ctx.state.repo}`;
}

function repoWeb(ctx: ShapeContext): string {
  return `${WEB}/${ctx.state.owner}/${ctx.state.repo}`;
}

function userJson(ctx: ShapeContext, login: string) {
  const user = ctx.state.user(login);
  const api = `${ctx.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.node_id,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    // A GitHub App's bot account has its page under /apps/<slug>.
    html_url: user.type === 'Bot' ? `${WEB}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${WEB}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function labelJson(ctx: ShapeContext, label: LabelRecord) {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

function reactionsJson(url: string) {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

/**
 * An issue as GitHub sends it. `single` adds `closed_by`, which GitHub includes
 * when it returns one issue (get, create) but not in lists.
 */
export function issueJson(ctx: ShapeContext, issue: IssueRecord, options: { single?: boolean } = {}) {
  const api = `${repoApi(ctx)}/issues/${issue.number}`;
  const assignees = issue.assignees.map((login) => userJson(ctx, login));
  const json: Record<string, unknown> = {
    url: api,
    repository_url: repoApi(ctx),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repoWeb(ctx)}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    user: userJson(ctx, issue.user),
    labels: ctx.state.labelsOf(issue).map((label) => labelJson(ctx, label)),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: ctx.state.commentsOn(issue.number).length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: issue.author_association,
    type: null,
    active_lock_reason: null,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    issue_dependencies_summary: { blocked_by: 0, blocking: 0, total_blocked_by: 0, total_blocking: 0 },
    body: issue.body,
    ...(options.single ? { closed_by: issue.closed_by === null ? null : userJson(ctx, issue.closed_by) } : {}),
    reactions: reactionsJson(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
  if (issue.pull) {
    const web = `${repoWeb(ctx)}/pull/${issue.number}`;
    json['draft'] = issue.pull.draft;
    json['pull_request'] = {
      url: `${repoApi(ctx)}/pulls/${issue.number}`,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: issue.pull.merged_at,
    };
  }
  return json;
}

export function commentJson(ctx: ShapeContext, comment: CommentRecord) {
  const url = `${repoApi(ctx)}/issues/comments/${comment.id}`;
  const issue = ctx.state.issue(comment.issue_number);
  return {
    url,
    html_url: `${repoWeb(ctx)}/${issue?.pull ? 'pull' : 'issues'}/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${repoApi(ctx)}/issues/${comment.issue_number}`,
    id: comment.id,
    node_id: comment.node_id,
    user: userJson(ctx, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.author_association,
    body: comment.body,
    reactions: reactionsJson(`${url}/reactions`),
    performed_via_github_app: null,
  };
}

/** The full repository object, which pull requests embed in `head.repo` and `base.repo`. */
function repositoryJson(ctx: ShapeContext) {
  const { owner, repo, repoId } = ctx.state;
  const api = repoApi(ctx);
  const created = '2025-01-06T15:00:00Z';
  return {
    id: repoId,
    node_id: `R_kgDO${Buffer.from(String(repoId)).toString('base64url')}`,
    name: repo,
    full_name: `${owner}/${repo}`,
    private: false,
    owner: userJson(ctx, owner),
    html_url: repoWeb(ctx),
    description: null,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: created,
    updated_at: created,
    pushed_at: created,
    git_url: `git://github.com/${owner}/${repo}.git`,
    ssh_url: `git@github.com:${owner}/${repo}.git`,
    clone_url: `${repoWeb(ctx)}.git`,
    svn_url: repoWeb(ctx),
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'TypeScript',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: ctx.state.issues.filter((issue) => issue.state === 'open').length,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'public',
    forks: 0,
    open_issues: ctx.state.issues.filter((issue) => issue.state === 'open').length,
    watchers: 0,
    default_branch: 'main',
  };
}

/** A pull request as the pulls list returns it (`pull-request-simple`). */
export function pullJson(ctx: ShapeContext, issue: IssueRecord) {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const api = `${repoApi(ctx)}/pulls/${issue.number}`;
  const issueApi = `${repoApi(ctx)}/issues/${issue.number}`;
  const web = `${repoWeb(ctx)}/pull/${issue.number}`;
  const repository = repositoryJson(ctx);
  const owner = userJson(ctx, ctx.state.owner);
  const assignees = issue.assignees.map((login) => userJson(ctx, login));
  const branch = (side: { ref: string; sha: string }) => ({
    label: `${ctx.state.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: owner,
    repo: repository,
  });
  return {
    url: api,
    id: pull.id,
    node_id: pull.node_id,
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueApi,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userJson(ctx, issue.user),
    body: issue.body,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: [],
    requested_teams: [],
    labels: ctx.state.labelsOf(issue).map((label) => labelJson(ctx, label)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${repoApi(ctx)}/statuses/${pull.head.sha}`,
    head: branch(pull.head),
    base: branch(pull.base),
    _links: {
      self: { href: api },
      html: { href: web },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi(ctx)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${repoApi(ctx)}/statuses/${pull.head.sha}` },
    },
    author_association: issue.author_association,
    auto_merge: null,
    active_lock_reason: null,
  };
}
