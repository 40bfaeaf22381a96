/** Shared test data for the feedback tests: versions like the sample's, issues and replies in GitHub's shape. */
import type { VersionLookup } from '../../../src/lib/feedback/addressed-in.ts';
import type { CollationVersion } from '../../../src/lib/feedback/collate.ts';
import type { RepositorySnapshot, SourceComment, SourceIssue, SourcePull } from '../../../src/lib/feedback/schema.ts';

const REPOSITORY = 'belize-ncss/strategy';
const WEB = `https://github.com/${REPOSITORY}`;

/** Two published versions; v0.1's consultation ran in September 2026. */
export const VERSIONS: CollationVersion[] = [
  {
    id: 'v0.1',
    sections: [
      { id: 'vision-and-principles', title: 'Vision and guiding principles', paragraphs: 14 },
      { id: 'governance', title: 'Governance and coordination', paragraphs: 17 },
      { id: 'incident-response', title: 'Incident response and the national CSIRT', paragraphs: 17 },
    ],
    window: { opens: new Date('2026-09-07T06:00:00Z'), closes: new Date('2026-09-29T05:59:00Z') },
  },
  {
    id: 'v0.2',
    sections: [
      { id: 'governance', title: 'Governance and coordination', paragraphs: 18 },
      { id: 'public-sector-security', title: 'Securing government systems and data', paragraphs: 12 },
    ],
    window: { opens: new Date('2026-11-21T06:00:00Z'), closes: new Date('2026-12-20T05:59:00Z') },
  },
];

export const LOOKUP: VersionLookup = {
  timeZone: 'America/Belize',
  versions: [
    { id: 'v0.1', publishedAt: '2026-09-01', commit: null },
    { id: 'v0.2', publishedAt: '2026-11-20', commit: null },
  ],
};

/** An issue someone created on GitHub. */
export function issue(number: number, body: string | null, labels: string[] = ['comment'], created_at = '2026-09-10T15:00:00Z'): SourceIssue {
  return { number, title: `Issue ${number}`, body, labels, state: 'open', created_at, updated_at: created_at, html_url: `${WEB}/issues/${number}`, filed_by_site: false };
}

/** An issue the site's filer created: its hidden marker is believed. */
export function siteIssue(number: number, body: string, labels: string[] = ['comment'], created_at = '2026-09-10T15:00:00Z'): SourceIssue {
  return { ...issue(number, body, labels, created_at), filed_by_site: true };
}

let replyId = 1000;
export function reply(issue_number: number, body: string, author_association = 'MEMBER', created_at = '2026-10-12T15:00:00Z'): SourceComment {
  const id = replyId++;
  return { id, issue_number, body, author_association, created_at, updated_at: created_at, html_url: `${WEB}/issues/${issue_number}#issuecomment-${id}` };
}

export function pull(number: number, body: string, merged_at: string | null = '2026-10-20T16:00:00Z'): SourcePull {
  return { number, title: `Change ${number}`, body, merged_at, updated_at: merged_at ?? '2026-10-20T16:00:00Z', html_url: `${WEB}/pull/${number}` };
}

export function snapshot(parts: Partial<RepositorySnapshot>): RepositorySnapshot {
  return { repository: REPOSITORY, issues: [], comments: [], pulls: [], ...parts };
}
