/**
 * npm run comments:label-closed: labels the open comment issues of every
 * version whose consultation has closed `consultation-closed`
 * (.github/workflows/consultation-close.yml runs it on a schedule).
 */
import { appendFileSync } from 'node:fs';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { boundedLabel } from '../src/lib/comments/issue-body.ts';
import { closedConsultations, labelClosedComments, type CommentIssues } from '../src/lib/strategy/closing.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { createGitHubClient, type GitHubClient } from '../src/lib/github/octokit.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { loadCatalog } from '../src/lib/strategy/catalog.ts';

const usage = `
Usage: npm run comments:label-closed -- [options]

Finds the versions in status "consultation" whose comment window has closed
and labels each of their open comment issues (labels "comment" and "v:<version>")
"consultation-closed". Issues labelled by an earlier run are left alone.

Options:
  --closed-within <hours>  Only versions that closed in the last <hours> hours
                           (the scheduled run: rebuild and label once)
  --version <id>           Only this version (it must have closed)
  --check                  Only report which versions closed; touch nothing on GitHub
  --dry-run                List the issues that would be labelled
  --root <dir>             Repository root (default: current directory)
  -h, --help               Show this help

Environment: GITHUB_REPOSITORY and GITHUB_TOKEN (or a GitHub App), as for the
comment dispatcher (src/lib/github/octokit.ts). With GITHUB_OUTPUT set (GitHub
Actions), writes "closed=<v1,v2>" to it.
`;

/** `CommentIssues` over the project's Octokit. */
function commentIssues({ octokit, owner, repo }: GitHubClient): CommentIssues {
  return {
    async *listOpen(labels) {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner, repo, state: 'open', labels: labels.join(','), per_page: 100 });
      for await (const page of pages) {
        for (const issue of page.data) {
          if (issue.pull_request) continue;
          yield { number: issue.number, labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))) };
        }
      }
    },
    async ensureLabel(label) {
      try {
        await octokit.rest.issues.getLabel({ owner, repo, name: label.name });
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
        await octokit.rest.issues.createLabel({ owner, repo, ...label });
      }
    },
    async addLabel(issue, name) {
      await octokit.rest.issues.addLabels({ owner, repo, issue_number: issue, labels: [name] });
    },
  };
}

await main('comments:label-closed', usage, async (argv) => {
  const settingsFromEnv = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      'closed-within': { type: 'string' },
      version: { type: 'string' },
      check: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const within = values['closed-within'] === undefined ? undefined : Number(values['closed-within']);
  if (within !== undefined && !(within > 0)) throw new UsageError('--closed-within takes a number of hours greater than 0');
  const settings = loadSiteSettings(values.root);
  const catalog = loadCatalog(values.root, settings, new Date());
  let versions = closedConsultations(catalog, new Date(), within);
  if (values.version) {
    if (!catalog.byId.has(values.version)) throw new UsageError(`no published version "${values.version}"`);
    versions = versions.filter((v) => v.manifest.id === values.version);
    if (versions.length === 0) throw new UsageError(`the consultation on ${values.version} has not closed (or its status is not "consultation")`);
  }
  const ids = versions.map((v) => v.manifest.id);
  if (settingsFromEnv.githubOutput) appendFileSync(settingsFromEnv.githubOutput, `closed=${ids.join(',')}\n`);
  console.log(ids.length ? `Closed: ${ids.join(', ')}` : 'No consultation has closed in that time.');
  if (values.check || ids.length === 0) return;

  const config = settingsFromEnv.github;
  if (!config) throw new UsageError('set GITHUB_REPOSITORY and GITHUB_TOKEN (or the GITHUB_APP_* variables)');
  const client = createGitHubClient(config, { userAgent: 'consulta-label-closed' });
  const issues = commentIssues(client);
  for (const id of ids) {
    const result = await labelClosedComments(issues, boundedLabel('v:', id), { dryRun: values['dry-run'] });
    const verb = values['dry-run'] ? 'would label' : 'labelled';
    console.log(`${id}: ${verb} ${result.labelled.length} issue(s)${result.labelled.length ? ` (#${[...result.labelled].sort((a, b) => a - b).join(', #')})` : ''}; ${result.already} already labelled`);
  }
});
