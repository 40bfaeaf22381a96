/**
 * The committed sample of a consultation repository:
 * `content/feedback/sources/<v>.json`. It lets `npm run feedback` produce a
 * real report on a fresh clone with no credentials, and it is written the way
 * a person would read it: a comment filed by the site is given as its record
 * (rendered into an issue body with `renderIssueBody` when read, so it always
 * matches what the dispatcher writes), a comment typed into GitHub's issue
 * form as the body GitHub would store, verbatim. Replies and pull requests
 * are listed with each issue and at the end. The collation then reads it
 * exactly as it reads GitHub.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { issueLabels, renderIssueBody, renderIssueTitle } from '../../comments/issue-body.ts';
import { CommentSubmission } from '../../comments/schema.ts';
import { ContentError, parseContent } from '../../strategy/content-error.ts';
import { readJsonContent } from '../../strategy/json-content.ts';
import { VersionId } from '../../strategy/schema.ts';
import type { RepositorySnapshot, SourceComment, SourceIssue, SourcePull } from '../schema.ts';

const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time with an offset' });

const SampleReply = z.object({
  /** The reply; a maintainer's response starts with `Response:`. Required. */
  body: z.string().min(1),
  /** OWNER, MEMBER, COLLABORATOR (maintainers) or NONE, CONTRIBUTOR, ... (anyone else). Required. */
  author_association: z.string(),
  /** When it was posted. Required. */
  created_at: Instant,
});

const SampleIssue = z
  .object({
    /** Issue number. Required. */
    number: z.number().int().positive(),
    /** A comment filed by the site: its record, rendered into the body when read. Give this or `body`. */
    submission: z.unknown().optional(),
    /** A body as GitHub stores it (an issue-form comment, or one that cannot be read). Give this or `submission`. */
    body: z.string().nullable().optional(),
    /** Title; defaults to the one the dispatcher would give the submission. */
    title: z.string().optional(),
    /** Labels beyond those the dispatcher sets: disposition, `spam`, triage labels. */
    labels: z.array(z.string()).default([]),
    /** Defaults to `closed`: the sample is a finished consultation. */
    state: z.enum(['open', 'closed']).default('closed'),
    /** When the issue was created. Required. */
    created_at: Instant,
    /** Replies, oldest first. */
    replies: z.array(SampleReply).default([]),
    /** Who created the issue: `site` (the consultation's filer) or `someone` else. Defaults to `site` for a `submission`, `someone` for a `body`. */
    createdBy: z.enum(['site', 'someone']).optional(),
  })
  .refine((i) => (i.submission === undefined) !== (i.body === undefined), { message: 'give either "submission" or "body"' });

const SamplePull = z.object({
  /** Pull request number. Required. */
  number: z.number().int().positive(),
  /** Title. Required. */
  title: z.string(),
  /** Body with `Addresses #N` lines. Required. */
  body: z.string(),
  /** When it was merged. Required. */
  merged_at: Instant,
  /** First published version containing it. Optional. */
  version: VersionId.optional(),
});

const SampleSource = z.object({
  /** `owner/name` the sample pretends to be. Required. */
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'use owner/name'),
  /** What this sample is, for people reading the file. Optional. */
  note: z.string().optional(),
  issues: z.array(SampleIssue),
  pulls: z.array(SamplePull).default([]),
});
type SampleSource = z.output<typeof SampleSource>;

/** Folder of the sample sources. */
function sampleSourceDir(root: string): string {
  return join(root, 'content/feedback/sources');
}

/** Reads every sample source into one snapshot, as if it were the repository. */
export function readSampleSnapshot(root: string): RepositorySnapshot | null {
  const dir = sampleSourceDir(root);
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) return null;
  const snapshot: RepositorySnapshot = { repository: '', issues: [], comments: [], pulls: [] };
  for (const name of files) {
    const path = join(dir, name);
    const shown = relative(root, path);
    const part = sampleSnapshot(parseContent(SampleSource, readJsonContent(path, shown), shown), shown);
    snapshot.repository ||= part.repository;
    for (const issue of part.issues) {
      if (snapshot.issues.some((i) => i.number === issue.number)) throw new ContentError(shown, [`issue number ${issue.number} is used twice`]);
      snapshot.issues.push(issue);
    }
    snapshot.comments.push(...part.comments);
    snapshot.pulls.push(...part.pulls);
  }
  return snapshot;
}

/** One sample file as a repository snapshot. */
function sampleSnapshot(sample: SampleSource, shown = 'sample'): RepositorySnapshot {
  const web = `https://github.com/${sample.repository}`;
  const issues: SourceIssue[] = [];
  const comments: SourceComment[] = [];
  sample.issues.forEach((item, index) => {
    let body: string | null;
    let title: string;
    let labels: string[];
    if (item.submission !== undefined) {
      const parsed = CommentSubmission.safeParse(item.submission);
      if (!parsed.success) {
        throw new ContentError(shown, parsed.error.issues.map((i) => `field "issues.${index}.submission.${i.path.join('.')}": ${i.message}`));
      }
      body = renderIssueBody(parsed.data);
      title = item.title ?? renderIssueTitle(parsed.data);
      labels = [...issueLabels(parsed.data), ...item.labels];
    } else {
      body = item.body ?? null;
      title = item.title ?? '[comment] ';
      labels = item.labels;
    }
    let updated = item.created_at;
    item.replies.forEach((reply, r) => {
      const id = item.number * 1000 + r + 1;
      comments.push({
        id,
        issue_number: item.number,
        body: reply.body,
        author_association: reply.author_association,
        created_at: reply.created_at,
        updated_at: reply.created_at,
        html_url: `${web}/issues/${item.number}#issuecomment-${id}`,
      });
      if (Date.parse(reply.created_at) > Date.parse(updated)) updated = reply.created_at;
    });
    issues.push({
      number: item.number,
      title,
      body,
      labels: [...new Set(labels)],
      state: item.state,
      created_at: item.created_at,
      updated_at: updated,
      html_url: `${web}/issues/${item.number}`,
      filed_by_site: (item.createdBy ?? (item.submission !== undefined ? 'site' : 'someone')) === 'site',
    });
  });
  const pulls: SourcePull[] = sample.pulls.map((p) => ({
    number: p.number,
    title: p.title,
    body: p.body,
    merged_at: p.merged_at,
    updated_at: p.merged_at,
    html_url: `${web}/pull/${p.number}`,
    ...(p.version ? { version: p.version } : {}),
  }));
  return { repository: sample.repository, issues, comments, pulls };
}
