import { createHash } from 'node:crypto';

/**
 * What the double's repository holds. Records keep GitHub's field names so a
 * test reads `issue.state_reason` here exactly as it reads it in a response;
 * timestamps are stored already in GitHub's wire format (`2025-05-01T12:00:00Z`,
 * whole seconds), which also makes them compare correctly as strings.
 *
 * Pull requests are issues that carry a `pull` part, because on GitHub they
 * share one number sequence and the issues list returns them too.
 */

export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER';

type StateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate';

/** Anything a seed may give for a time: ISO string, epoch milliseconds or a Date. */
type TimeInput = string | number | Date;

export interface UserRecord {
  /** GitHub login; bots end in `[bot]`. */
  login: string;
  id: number;
  node_id: string;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelRecord {
  id: number;
  node_id: string;
  /** Unique within the repository, compared case-insensitively, at most 50 characters. */
  name: string;
  /** Six hex digits, no leading `#`. */
  color: string;
  description: string | null;
  /** True for the labels GitHub puts in every new repository. */
  default: boolean;
}

interface PullRecord {
  id: number;
  node_id: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  /** Branch the change comes from. */
  head: { ref: string; sha: string };
  /** Branch it merges into. */
  base: { ref: string; sha: string };
  draft: boolean;
}

export interface IssueRecord {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: StateReason | null;
  /** Label names, as stored on the label records (original case). */
  labels: string[];
  /** Login of the author. */
  user: string;
  author_association: AuthorAssociation;
  /** Logins. */
  assignees: string[];
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Login of whoever closed it. */
  closed_by: string | null;
  /** Present when this issue is a pull request. */
  pull?: PullRecord;
}

export interface CommentRecord {
  id: number;
  node_id: string;
  issue_number: number;
  body: string;
  /** Login of the author. */
  user: string;
  author_association: AuthorAssociation;
  created_at: string;
  updated_at: string;
}

export interface IssueSeed {
  /** Defaults to the next free number (shared with pull requests). */
  number?: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  state_reason?: StateReason | null;
  /** Label names; missing labels are created, as GitHub does for a user with push access. */
  labels?: string[];
  /** Author login (`user` is accepted as a synonym). Defaults to the token's identity, `state.viewer`. */
  author?: string;
  user?: string;
  /** Defaults to `NONE`. `author_association` is accepted as a synonym. */
  authorAssociation?: AuthorAssociation;
  author_association?: AuthorAssociation;
  assignees?: string[];
  locked?: boolean;
  created_at?: TimeInput;
  /** Defaults to `created_at`. */
  updated_at?: TimeInput;
  /** Defaults to `updated_at` when the state is closed. */
  closed_at?: TimeInput | null;
  closed_by?: string | null;
}

export interface PullSeed extends IssueSeed {
  /** When set, the pull request is merged (and therefore closed). */
  merged_at?: TimeInput | null;
  merge_commit_sha?: string | null;
  /** Head branch name. */
  head?: string;
  /** Base branch name, default `main`. */
  base?: string;
  draft?: boolean;
}

export interface CommentSeed {
  body: string;
  /** Author login (`user` is accepted as a synonym). Defaults to `state.viewer`. */
  author?: string;
  user?: string;
  authorAssociation?: AuthorAssociation;
  author_association?: AuthorAssociation;
  created_at?: TimeInput;
  updated_at?: TimeInput;
}

export interface LabelSeed {
  name: string;
  color?: string;
  description?: string | null;
  default?: boolean;
}

/** The labels a new GitHub repository starts with (name, color, description). */
export const GITHUB_DEFAULT_LABELS: ReadonlyArray<readonly [string, string, string]> = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['invalid', 'e4e669', "This doesn't seem right"],
  ['question', 'd876e3', 'Further information is requested'],
  ['wontfix', 'ffffff', 'This will not be worked on'],
];

/** Color GitHub gives a label that is created implicitly (by labelling an issue). */
const IMPLICIT_LABEL_COLOR = 'ededed';

/** GitHub's wire format for times: UTC, whole seconds, `Z`. */
function toGitHubTime(value: TimeInput): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a time: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class DoubleState {
  /** Repository owner (an organisation). */
  readonly owner: string;
  /** Repository name. */
  readonly repo: string;
  /** Numeric repository id; GitHub's `Link` headers use `/repositories/<id>/...`. */
  readonly repoId: number;
  /** Login of the identity behind the token: the author of everything created through the API. */
  viewer = 'consulta-app[bot]';
  /** What `author_association` the viewer gets on what it creates. */
  viewerAssociation: AuthorAssociation = 'NONE';
  /** Whether the token may create labels and apply them on issue creation (GitHub drops them silently otherwise). */
  pushAccess = true;
  /** Every issue and pull request, by ascending number. */
  readonly issues: IssueRecord[] = [];
  readonly comments: CommentRecord[] = [];
  readonly labels: LabelRecord[] = [];
  readonly users = new Map<string, UserRecord>();
  /** The clock used for timestamps; the double replaces it through `setClock`. */
  now: () => number = () => Date.now();

  private readonly withDefaultLabels: boolean;
  private nextId = { issue: 0, comment: 0, label: 0, pull: 0, user: 0 };

  constructor(options: { owner: string; repo: string; repoId: number; defaultLabels: boolean }) {
    this.owner = options.owner;
    this.repo = options.repo;
    this.repoId = options.repoId;
    this.withDefaultLabels = options.defaultLabels;
    this.reset();
  }

  /** Pull requests (issues with a `pull` part). */
  get pulls(): IssueRecord[] {
    return this.issues.filter((issue) => issue.pull);
  }

  /** Empties the repository in place (arrays keep their identity) and restores GitHub's default labels. */
  reset(): void {
    this.issues.length = 0;
    this.comments.length = 0;
    this.labels.length = 0;
    this.users.clear();
    // Ids of different kinds live in different ranges, as on GitHub, so a test
    // that confuses a comment id with an issue id fails instead of passing by luck.
    this.nextId = { issue: 2_000_000_000, comment: 3_000_000_000, label: 4_000_000_000, pull: 5_000_000_000, user: 1_000 };
    this.user(this.owner, 'Organization');
    if (this.withDefaultLabels) {
      for (const [name, color, description] of GITHUB_DEFAULT_LABELS) {
        this.addLabel({ name, color, description, default: true });
      }
    }
  }

  /** The user with this login, created on first mention. */
  user(login: string, type?: UserRecord['type']): UserRecord {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      const id = ++this.nextId.user;
      const kind = type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
      user = { login, id, node_id: nodeId(kind === 'Organization' ? 'O' : kind === 'Bot' ? 'BOT' : 'U', id), type: kind };
      this.users.set(key, user);
    }
    return user;
  }

  issue(number: number): IssueRecord | undefined {
    return this.issues.find((issue) => issue.number === number);
  }

  /** Label by name, case-insensitively, as GitHub matches them. */
  label(name: string): LabelRecord | undefined {
    const key = name.toLowerCase();
    return this.labels.find((label) => label.name.toLowerCase() === key);
  }

  commentsOn(issueNumber: number): CommentRecord[] {
    return this.comments.filter((comment) => comment.issue_number === issueNumber);
  }

  addLabel(seed: LabelSeed): LabelRecord {
    if (this.label(seed.name)) throw new Error(`label "${seed.name}" already exists`);
    const id = ++this.nextId.label;
    const label: LabelRecord = {
      id,
      node_id: nodeId('LA', id),
      name: seed.name,
      color: (seed.color ?? IMPLICIT_LABEL_COLOR).replace(/^#/, '').toLowerCase(),
      description: seed.description ?? null,
      default: seed.default ?? false,
    };
    this.labels.push(label);
    return label;
  }

  /** Adds labels to an issue, creating missing ones; returns the issue's labels. Bumps `updated_at`. */
  addLabelsToIssue(issueNumber: number, names: string[]): LabelRecord[] {
    const issue = this.requireIssue(issueNumber);
    for (const name of names) {
      const label = this.label(name) ?? this.addLabel({ name });
      if (!issue.labels.some((existing) => existing.toLowerCase() === label.name.toLowerCase())) {
        issue.labels.push(label.name);
      }
    }
    issue.updated_at = toGitHubTime(this.now());
    return this.labelsOf(issue);
  }

  /** Takes a label off an issue (case-insensitively); returns its remaining labels, or undefined when it did not carry it. Bumps `updated_at`. */
  removeLabelFromIssue(issueNumber: number, name: string): LabelRecord[] | undefined {
    const issue = this.requireIssue(issueNumber);
    const index = issue.labels.findIndex((existing) => existing.toLowerCase() === name.toLowerCase());
    if (index < 0) return undefined;
    issue.labels.splice(index, 1);
    issue.updated_at = toGitHubTime(this.now());
    return this.labelsOf(issue);
  }

  labelsOf(issue: IssueRecord): LabelRecord[] {
    return issue.labels.map((name) => this.label(name) ?? this.addLabel({ name }));
  }

  addIssue(seed: IssueSeed = {}): IssueRecord {
    const number = seed.number ?? this.nextNumber();
    if (this.issue(number)) throw new Error(`issue #${number} already exists`);
    const id = ++this.nextId.issue;
    const created = toGitHubTime(seed.created_at ?? this.now());
    const updated = seed.updated_at === undefined ? created : toGitHubTime(seed.updated_at);
    const state = seed.state ?? 'open';
    const closed =
      seed.closed_at === undefined ? (state === 'closed' ? updated : null) : seed.closed_at === null ? null : toGitHubTime(seed.closed_at);
    const author = seed.author ?? seed.user ?? this.viewer;
    this.user(author);
    for (const login of seed.assignees ?? []) this.user(login);
    const issue: IssueRecord = {
      id,
      node_id: nodeId('I', id),
      number,
      title: seed.title ?? `Issue ${number}`,
      body: seed.body === undefined ? null : seed.body,
      state,
      state_reason: seed.state_reason !== undefined ? seed.state_reason : state === 'closed' ? 'completed' : null,
      labels: [],
      user: author,
      author_association: seed.authorAssociation ?? seed.author_association ?? (author === this.viewer ? this.viewerAssociation : 'NONE'),
      assignees: [...(seed.assignees ?? [])],
      locked: seed.locked ?? false,
      created_at: created,
      updated_at: updated,
      closed_at: closed,
      closed_by: seed.closed_by !== undefined ? seed.closed_by : state === 'closed' ? this.owner : null,
    };
    for (const name of seed.labels ?? []) {
      const label = this.label(name) ?? this.addLabel({ name });
      if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    }
    this.issues.push(issue);
    this.issues.sort((a, b) => a.number - b.number);
    return issue;
  }

  /** Seeds a pull request; it also appears in the issues list, like on GitHub. */
  addPull(seed: PullSeed = {}): IssueRecord {
    const merged = seed.merged_at === undefined || seed.merged_at === null ? null : toGitHubTime(seed.merged_at);
    const state = seed.state ?? (merged ? 'closed' : 'open');
    const issue = this.addIssue({
      ...seed,
      state,
      // A pull request has no state_reason on GitHub; only issues do.
      state_reason: seed.state_reason ?? null,
      closed_at: seed.closed_at !== undefined ? seed.closed_at : merged,
      closed_by: seed.closed_by ?? null,
    });
    if (seed.title === undefined) issue.title = `Pull request ${issue.number}`;
    const id = ++this.nextId.pull;
    issue.pull = {
      id,
      node_id: nodeId('PR', id),
      merged_at: merged,
      merge_commit_sha: seed.merge_commit_sha !== undefined ? seed.merge_commit_sha : merged ? fakeSha(`merge-${issue.number}`) : null,
      head: { ref: seed.head ?? `change-${issue.number}`, sha: fakeSha(`head-${issue.number}`) },
      base: { ref: seed.base ?? 'main', sha: fakeSha(`base-${issue.number}`) },
      draft: seed.draft ?? false,
    };
    return issue;
  }

  /** Adds a comment; like GitHub, this bumps the issue's `updated_at`. */
  addComment(issueNumber: number, seed: CommentSeed): CommentRecord {
    const issue = this.requireIssue(issueNumber);
    const id = ++this.nextId.comment;
    const created = toGitHubTime(seed.created_at ?? this.now());
    const author = seed.author ?? seed.user ?? this.viewer;
    this.user(author);
    const comment: CommentRecord = {
      id,
      node_id: nodeId('IC', id),
      issue_number: issueNumber,
      body: seed.body,
      user: author,
      author_association: seed.authorAssociation ?? seed.author_association ?? (author === this.viewer ? this.viewerAssociation : 'NONE'),
      created_at: created,
      updated_at: seed.updated_at === undefined ? created : toGitHubTime(seed.updated_at),
    };
    this.comments.push(comment);
    if (comment.updated_at > issue.updated_at) issue.updated_at = comment.updated_at;
    return comment;
  }

  private requireIssue(number: number): IssueRecord {
    const issue = this.issue(number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  private nextNumber(): number {
    return (this.issues.at(-1)?.number ?? 0) + 1;
  }
}

/** A GitHub-looking global node id (`I_kwDO...`-like); only uniqueness matters. */
function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

/** A stable commit sha derived from a seed string. */
function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
