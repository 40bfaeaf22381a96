/** What the GitHub test double holds, read as the dispatcher's work: how many issues each submission became. */
import { findSubmissionIds } from '../../src/lib/comments/batch-body.ts';
import type { GitHubDouble } from '../github-double/index.ts';

/** Issues (not pull requests) per submission id, from the hidden markers in each body (several in a batch issue). */
export function issuesBySubmission(github: GitHubDouble): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of github.state.issues) {
    if (issue.pull) continue;
    for (const id of findSubmissionIds(issue.body)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
