/** What the GitHub test double holds, read as the dispatcher's work: how many issues each submission became. */
import { findSubmissionId } from '../../src/lib/comments/issue-body.ts';
import type { GitHubDouble } from '../github-double/index.ts';

/** Issues (not pull requests) per submission id, from the hidden marker in each body. */
export function issuesBySubmission(github: GitHubDouble): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of github.state.issues) {
    const id = issue.pull ? undefined : findSubmissionId(issue.body);
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
