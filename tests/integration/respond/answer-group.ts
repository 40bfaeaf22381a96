/**
 * Child process for campaign.test.ts: answers every member of a group of a
 * feedback report at once, exactly as `npm run respond -- --group` does
 * (groupRecipients, answerText, applyResponses), but at the production pace
 * on a simulated clock, so a group of 1,200 (hours of writes) runs in
 * seconds and can be killed mid-run like the script.
 *
 *   node answer-group.ts <root> <version> <group id> <GitHub API URL> <answer>
 *
 * Prints one line per issue handled and, at the end, the summary.
 */
import { writeSync } from 'node:fs';
import { loadFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import { createGitHubClient } from '../../../src/lib/github/octokit.ts';
import { answerText } from '../../../src/lib/respond/answer-text.ts';
import { applyResponses } from '../../../src/lib/respond/apply.ts';
import { groupRecipients } from '../../../src/lib/respond/targets.ts';

const [root, version, group, apiUrl, answer] = process.argv.slice(2);
if (!root || !version || !group || !apiUrl || !answer) {
  writeSync(2, 'usage: answer-group.ts <root> <version> <group id> <GitHub API URL> <answer>\n');
  process.exit(2);
}
const report = loadFeedbackReport(root, version);
if (!report) throw new Error(`no ${version} report in ${root}`);
const prepared = answerText(answer);
if (!prepared.ok) throw new Error(prepared.reason);
const { targets } = groupRecipients(report, group);
const github = createGitHubClient(
  { owner: 'belize-ncss', repo: 'strategy', baseUrl: apiUrl, auth: { kind: 'token', token: 'test-token' } },
  // Long enough that a reply GitHub holds on to is still unanswered when the test kills this process.
  { userAgent: 'consulta-respond', timeoutMs: 600_000 },
);
const clock = { now: Date.now() };
const summary = await applyResponses({
  github,
  targets: targets.map((target) => ({ ...target, disposition: 'accepted', answer: prepared.text })),
  now: () => clock.now,
  sleep: async (ms) => void (clock.now += ms),
  onEvent: (event) => {
    if (event.type === 'issue') writeSync(1, `[${event.done}/${event.total}] #${event.outcome.issue}: ${event.outcome.skipped ?? (event.outcome.reply ? 'replied' : 'already answered')}\n`);
  },
});
writeSync(1, `${JSON.stringify({ writes: summary.writes, stoppedBy: summary.stoppedBy ?? null, skipped: summary.outcomes.filter((o) => o.skipped).length })}\n`);
