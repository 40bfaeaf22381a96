/**
 * The records of the feedback report.
 *
 * Two families:
 * - the *source*: what the consultation repository holds, reduced to what the
 *   report reads (issues labelled `comment`, maintainers' replies, merged pull
 *   requests). GitHub, the committed sample (`content/feedback/sources/<v>.json`)
 *   and the collation cache all have this shape, so one collation runs over each;
 * - the *report*: `content/feedback/<v>.json`, committed, from which the site
 *   page and every export are rebuilt.
 *
 * Nothing here is personal beyond what a commenter agreed to publish: no
 * GitHub logins of commenters or maintainers, no e-mail addresses.
 */
import { z } from 'zod';
import { CHANNELS, COMMENT_LANGUAGES, COMMENT_TYPES } from '../comments/schema.ts';
import { parseChangeId } from '../diff/change-ref.ts';
import { SECTORS } from '../stakeholders/sectors.ts';
import { SectionId, VersionId } from '../strategy/schema.ts';

/** A GitHub timestamp or any ISO 8601 time with an offset. */
const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time with an offset' });

/** How maintainers dispose of a comment, as issue labels (docs/architecture.md "Records"). */
export const DISPOSITIONS = ['accepted', 'partially-accepted', 'not-accepted', 'noted', 'duplicate', 'out-of-scope'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
/** A comment without a disposition label yet (or not yet filed as an issue). */
export const PENDING = 'pending';
/** Every disposition a public comment can have, in the order reports list them. */
export const REPORT_DISPOSITIONS = [...DISPOSITIONS, PENDING] as const;
export type ReportDisposition = (typeof REPORT_DISPOSITIONS)[number];
/** The label that removes an issue from everything public. */
export const SPAM_LABEL = 'spam';

// --- the source ------------------------------------------------------------

/** An issue as the report needs it. */
export const SourceIssue = z.object({
  /** Issue number. Required. */
  number: z.number().int().positive(),
  /** Issue title (GitHub's). Required. */
  title: z.string(),
  /** Issue body, as GitHub stores it. Null when empty. */
  body: z.string().nullable(),
  /** Label names. Required. */
  labels: z.array(z.string()),
  /** `open` or `closed`. Required. */
  state: z.enum(['open', 'closed']),
  /** When the issue was created. Required. */
  created_at: Instant,
  /** When anything about it last changed (labels, comments, body). Required. */
  updated_at: Instant,
  /** Web address of the issue. Required. */
  html_url: z.url(),
  /**
   * Created by the consultation's own filer (a login in `commentFilers` of
   * content/site.json: the server's GitHub App or bot account). Only then is
   * the hidden marker in its body believed: anyone can type one into an
   * issue. Defaults to false.
   */
  filed_by_site: z.boolean().default(false),
});
export type SourceIssue = z.output<typeof SourceIssue>;

/** A reply on an issue. Only maintainers' replies are kept: nobody else's can change the report. */
export const SourceComment = z.object({
  /** GitHub's comment id. Required. */
  id: z.number().int().positive(),
  /** Number of the issue it replies to. Required. */
  issue_number: z.number().int().positive(),
  /** The reply. Required. */
  body: z.string(),
  /** The author's relation to the repository (OWNER, MEMBER, COLLABORATOR, ...). Required. */
  author_association: z.string(),
  /** When it was posted. Required. */
  created_at: Instant,
  /** When it was last edited. Required. */
  updated_at: Instant,
  /** Web address of the reply. Required. */
  html_url: z.url(),
});
export type SourceComment = z.output<typeof SourceComment>;

/** A merged pull request that says which comments it addresses. */
export const SourcePull = z.object({
  /** Pull request number. Required. */
  number: z.number().int().positive(),
  /** Title. Required. */
  title: z.string(),
  /** Body; `Addresses #N` lines name the comments it answers. Null when empty. */
  body: z.string().nullable(),
  /** When it was merged; null when closed without merging (then it addresses nothing). Required. */
  merged_at: Instant.nullable(),
  /** The merge commit, when known. Optional. */
  merge_commit_sha: z.string().regex(/^[0-9a-f]{40}$/).nullable().optional(),
  /** When anything about it last changed. Required. */
  updated_at: Instant,
  /** Web address. Required. */
  html_url: z.url(),
  /** The first published version that contains the change, when the source knows it (the sample does). Optional. */
  version: VersionId.optional(),
});
export type SourcePull = z.output<typeof SourcePull>;

/** What the consultation repository holds, as far as the report is concerned. */
export const RepositorySnapshot = z.object({
  /** `owner/name` of the repository. Required. */
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'use owner/name'),
  /** Issues labelled `comment` (of every version). */
  issues: z.array(SourceIssue),
  /** Maintainers' replies on those issues. */
  comments: z.array(SourceComment),
  /** Merged pull requests whose body says `Addresses #N`. */
  pulls: z.array(SourcePull),
});
export type RepositorySnapshot = z.output<typeof RepositorySnapshot>;

// --- the report --------------------------------------------------------------

/** A change that addressed a comment. */
export const AddressedIn = z.object({
  /** Pull request number. Required. */
  pull: z.number().int().positive(),
  /** Pull request title. Required. */
  title: z.string(),
  /** Web address of the pull request. Required. */
  url: z.url(),
  /** When it was merged. Required. */
  mergedAt: Instant,
  /** The first published version that contains it; absent while no published version does. */
  version: VersionId.optional(),
});
export type AddressedIn = z.output<typeof AddressedIn>;

/** The answer to a comment: the newest maintainer reply beginning `Response:`. */
export const CommentResponse = z.object({
  /** The reply after `Response:`. Required. */
  text: z.string().min(1),
  /** When it was posted. Required. */
  respondedAt: Instant,
  /** Web address of the reply. Optional (a reply recorded outside GitHub has none). */
  url: z.url().optional(),
});
export type CommentResponse = z.output<typeof CommentResponse>;

/** Where the paragraph (or section) a comment is on went in the next published version (docs/lineage.md). */
export const ParagraphFate = z.object({
  /** The next published version; absent while there is none. */
  version: VersionId.optional(),
  /** `unchanged`, `changed` (edited, moved, split or merged), `removed`, or `no-next-version` yet. Required. */
  status: z.enum(['unchanged', 'changed', 'removed', 'no-next-version']),
  /** Paragraphs of the next version that carry its text, as anchors (`governance-p4`); a section's id for a comment on a whole section. */
  to: z.array(z.string()).default([]),
  /** False when the text was rewritten too much to be sure where it went (below `feedback.lineageSimilarity`). Default true. */
  certain: z.boolean().default(true),
});
export type ParagraphFate = z.output<typeof ParagraphFate>;

/** One public comment in the report: the ISO template's columns plus what Git can prove. */
export const FeedbackComment = z.object({
  /**
   * How the comment is cited: `#12` for an issue, the outbox reference
   * (`BZ-2026-000123`) before it is filed and for a comment filed in a batch
   * issue with others (batch filing), whose issue it shares. Required.
   */
  reference: z.string().min(1),
  /** The issue the comment was filed as (a batch issue holds several comments). Absent while it waits in the outbox. */
  issue: z.object({ number: z.number().int().positive(), url: z.url() }).optional(),
  /** Version commented on. Required. */
  version: VersionId,
  /** Section commented on (its stable id). Required. */
  section: SectionId,
  /** Paragraph within the section, `p<n>`. Optional (a comment on the whole section). */
  paragraph: z.string().regex(/^p[1-9][0-9]{0,3}$/).optional(),
  /**
   * The change the comment is on, `change-<section>-<n>`: the n-th change of
   * its section in the comparison with the previous version. Optional (a
   * comment on the text).
   */
  change: z
    .string()
    .refine((id) => parseChangeId(id) !== null, 'use change-<section>-<n>')
    .optional(),
  /** Text quoted from the strategy. Optional. */
  quote: z.string().optional(),
  /** general, technical or editorial (ISO ge/te/ed). Required. */
  type: z.enum(COMMENT_TYPES),
  /** The comment. Required. */
  comment: z.string().min(1),
  /** The language the comment is written in, `es`; absent means English (`npm run feedback` writes it only for other languages). Optional. */
  language: z.enum(COMMENT_LANGUAGES).optional(),
  /** The change the commenter proposed. Optional. */
  proposedChange: z.string().optional(),
  /** Stakeholder sector (the ISO "member body" column). Required. */
  sector: z.enum(SECTORS),
  /** Organisation; always published when given. Optional. */
  organisation: z.string().optional(),
  /** Commenter's name, present only when they agreed to publish it. Optional. */
  name: z.string().optional(),
  /** How the comment arrived. Required. */
  channel: z.enum(CHANNELS),
  /** When it was received. Required. */
  submittedAt: Instant,
  /** Maintainers' disposition, or `pending`. Required. */
  disposition: z.enum(REPORT_DISPOSITIONS),
  /** For a duplicate: the issue it repeats, when a maintainer said so ("Duplicate of #N"). Optional. */
  duplicateOf: z.number().int().positive().optional(),
  /** The maintainers' response. Optional. */
  response: CommentResponse.optional(),
  /** Merged pull requests that say they address this comment, oldest first. */
  addressedIn: z.array(AddressedIn),
  /** The id of the group of identical or near-identical comments it belongs to. Optional (most comments are in none). */
  group: z.string().optional(),
  /** Where its paragraph went in the next version. Optional: absent in reports made before lineage. */
  next: ParagraphFate.optional(),
}).refine((c) => c.change === undefined || parseChangeId(c.change)?.section === c.section, {
  message: 'names a change of another section',
  path: ['change'],
});
export type FeedbackComment = z.output<typeof FeedbackComment>;

/** An issue labelled `comment` whose body (or one comment of a batch issue) could not be read as a comment: listed, never dropped. */
export const UnreadableIssue = z.object({
  /** Issue number. Required. */
  number: z.number().int().positive(),
  /** For a comment of a batch issue (several comments filed in one issue), its reference (`BZ-2026-000120`). Optional. */
  reference: z.string().min(1).optional(),
  /** Web address. Required. */
  url: z.url(),
  /** Why it could not be read, one line each, for the maintainer who fixes it. */
  reasons: z.array(z.string()).min(1),
});
export type UnreadableIssue = z.output<typeof UnreadableIssue>;

/** How a group's id looks: `group-` and its earliest member's reference, e.g. `group-12`. */
const GroupId = z.string().regex(/^group-[a-z0-9-]+$/, 'use group-<reference>');

/** Comments of one version whose texts are identical after normalising, or nearly so (docs/feedback-grouping.md). */
export const CommentGroup = z.object({
  /** Stable while the group grows: `group-` and its earliest member's reference. Required. */
  id: GroupId,
  /** `identical`: every member's text is the same after normalising; `near-duplicate`: some differ a little. Required. */
  kind: z.enum(['identical', 'near-duplicate']),
  /** Number of members. Required. */
  size: z.number().int().min(2),
  /** Reference of the member shown for the group: the one whose exact text is the most copied. Required. */
  representative: z.string().min(1),
  /** References of every member, the representative included, in report order. Required. */
  members: z.array(z.string().min(1)).min(2),
});
export type CommentGroup = z.output<typeof CommentGroup>;

/** A pattern a maintainer should look at: flagged, never dropped, and always with the figures that raised it. */
export const SuspiciousFlag = z.discriminatedUnion('kind', [
  z.object({
    /** Many comments from one channel in a short time. */
    kind: z.literal('burst'),
    channel: z.enum(CHANNELS),
    /** The first and last comment of the burst. */
    from: Instant,
    to: Instant,
    /** What counts as a burst: at least `comments` within `minutes`. */
    threshold: z.object({ comments: z.number().int().min(2), minutes: z.number().int().min(1) }),
    /** References of the comments in the burst, in time order. */
    references: z.array(z.string().min(1)).min(2),
  }),
  z.object({
    /** The same text (after normalising) sent in the name of different organisations. */
    kind: z.literal('organisations'),
    /** The organisations as first written, in order of first appearance. */
    organisations: z.array(z.string().min(1)).min(2),
    /** The group the comments are in. */
    group: GroupId.optional(),
    /** References of the comments with that text, in report order. */
    references: z.array(z.string().min(1)).min(2),
  }),
]);
export type SuspiciousFlag = z.output<typeof SuspiciousFlag>;

/** Where the comments were read from. */
export const FeedbackSourceKind = z.enum(['github', 'sample', 'outbox']);
export type FeedbackSourceKind = z.output<typeof FeedbackSourceKind>;

/** `content/feedback/<v>.json`: everything the report of one version is rebuilt from. */
export const FeedbackReport = z.object({
  /** Version the comments are on. Required. */
  version: VersionId,
  /** Where the comments were read from: GitHub, the committed sample, and/or the local outbox. Required. */
  sources: z.array(FeedbackSourceKind).min(1),
  /** `owner/name` of the consultation repository, when known. Optional. */
  repository: z.string().optional(),
  /**
   * The newest change seen in the sources (not the time of the run), so a
   * re-run with nothing new writes the same file and opens no pull request.
   */
  lastActivityAt: Instant.nullable(),
  /** Public comments, in reference order. */
  comments: z.array(FeedbackComment),
  /** Issues that could not be read, by number. */
  unreadable: z.array(UnreadableIssue),
  /** The threshold comments were grouped at (Jaccard similarity of word 3-shingles). Optional: absent in reports made before grouping. */
  grouping: z.object({ similarity: z.number().gt(0).max(1) }).optional(),
  /** Groups of identical and near-identical comments, largest first. */
  groups: z.array(CommentGroup).default([]),
  /** Suspicious patterns, each with why it was raised. */
  flags: z.array(SuspiciousFlag).default([]),
});
export type FeedbackReport = z.output<typeof FeedbackReport>;
