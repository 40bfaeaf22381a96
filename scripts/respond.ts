/** npm run respond: one answer to a whole group of comments, to a list of issues, or every answer written in matrix.xlsx. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { loadFeedbackReport } from '../src/lib/feedback/report-file.ts';
import { reportView } from '../src/lib/feedback/report-view.ts';
import type { FeedbackReport } from '../src/lib/feedback/schema.ts';
import { createGitHubClient } from '../src/lib/github/octokit.ts';
import { t } from '../src/lib/i18n/translate.ts';
import { answerText } from '../src/lib/respond/answer-text.ts';
import { applyResponses, type IssueOutcome, type RespondEvent, type ResponseTarget } from '../src/lib/respond/apply.ts';
import { matrixVersion, readMatrixEdits } from '../src/lib/respond/from-matrix.ts';
import { groupRecipients, parseDisposition, parseIssueList, targetName } from '../src/lib/respond/targets.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { loadCatalog } from '../src/lib/strategy/catalog.ts';

const usage = `
Usage: npm run respond -- --version <v> --group <id> --disposition <d> --response-file <file> [--dry-run]
       npm run respond -- --issues 12,15,40 --disposition <d> --response-file <file> [--dry-run]
       npm run respond -- --from reports/<v>/matrix.xlsx [--dry-run]

Posts the same "Response:" reply and disposition label on every issue of a
group of the feedback report (content/feedback/<v>.json, "groups"), or on the
issues listed, or applies the answers a secretariat wrote in the Disposition
and Response columns of the report's matrix.xlsx (only rows that differ from
the report; a group's row answers every member). What would change is shown
first; nothing is applied while the sheet has a problem, each reported with
its line.

Writes go one at a time at the comment dispatcher's pace (at most 40 a minute
and 450 an hour: replies and label changes alike), so a group of 1,200 takes
hours; leave it running. A run can be stopped or killed and simply started
again: each reply carries a hidden marker, and an issue whose newest response
is already this answer gets no second reply. Mentions (@name) in the answer
are made inert: posted on every issue, one would notify that person each
time. The reply must come from a maintainer (the repository's owner, a
member or a collaborator): the report ignores anyone else's, so the run stops
after its first reply if GitHub says otherwise.

A comment filed in a batch issue with others (batch filing) is answered on
its own, in that issue, by a reply "Response to <reference> (<disposition>):
<answer>"; the batch issue's labels are left alone. --issues with a batch
issue answers every comment in it, each with its own reply. A batch is
recognised only in an issue created by one of content/site.json's
commentFilers, as the report does.

Options:
  --version <v>          The report's version (for --group; for --from, the sheet's name gives it)
  --group <id>           Every member of this group (e.g. group-12)
  --issues <n,n,...>     These issues
  --from <file.xlsx>     Answers written in the report's matrix.xlsx
  --disposition <d>      accepted, partially-accepted, not-accepted, noted, duplicate or out-of-scope
                         (the issue's other disposition labels are removed)
  --response-file <f>    The answer, Markdown, posted after "Response: "
  --dry-run              Show what would change on each issue; post nothing
  --min-interval <ms>    Least time between two writes (default 1500); the limits of
                         40 a minute and 450 an hour hold whatever it is
  --root <dir>           Repository root (default: current directory)
  -h, --help             Show this help

Environment: GITHUB_TOKEN (a maintainer's) and GITHUB_REPOSITORY, as for npm run feedback.
`;

await main('respond', usage, async (argv) => {
  const env = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      version: { type: 'string' },
      group: { type: 'string' },
      issues: { type: 'string' },
      from: { type: 'string' },
      disposition: { type: 'string' },
      'response-file': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'min-interval': { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const root = resolve(values.root);
  const modes = [values.group, values.issues, values.from].filter((v) => v !== undefined).length;
  if (modes !== 1) throw new UsageError('give one of --group, --issues or --from (see --help)');
  const minInterval = values['min-interval'] === undefined ? undefined : Number(values['min-interval']);
  if (minInterval !== undefined && !(Number.isInteger(minInterval) && minInterval >= 0)) throw new UsageError('--min-interval takes a whole number of milliseconds');

  const report = (version: string): FeedbackReport => {
    const loaded = loadFeedbackReport(root, version);
    if (!loaded) throw new UsageError(`no report for ${version} (content/feedback/${version}.json); run npm run feedback -- --version ${version}`);
    return loaded;
  };

  let targets: ResponseTarget[];
  if (values.from !== undefined) {
    if (values.disposition !== undefined || values['response-file'] !== undefined) throw new UsageError('--from takes the answers from the sheet: leave out --disposition and --response-file');
    let data: Uint8Array;
    try {
      data = readFileSync(resolve(values.from));
    } catch {
      throw new UsageError(`cannot read ${values.from}`);
    }
    const version = values.version ?? (await matrixVersion(data).catch(() => undefined));
    if (!version) throw new UsageError(`${values.from}: cannot tell which version it is (its sheet is not named "<v> comments"); give --version`);
    const settings = loadSiteSettings(root);
    const catalogVersion = loadCatalog(root, settings, new Date()).byId.get(version);
    if (!catalogVersion) throw new UsageError(`no published version "${version}"`);
    const current = report(version);
    const rows = reportView(current, catalogVersion, { t, timeZone: settings.timeZone }).rows;
    const read = await readMatrixEdits(data, current, rows).catch((error: unknown) => {
      throw new UsageError(`${values.from}: not a spreadsheet exceljs can read (${String(error)})`);
    });
    for (const error of read.errors) console.error(`${values.from}: ${error}`);
    if (read.errors.length) throw new UsageError(`${read.errors.length} problem(s) in ${values.from}; nothing was applied`);
    console.log(`${values.from} (${version}): ${read.rows} rows, ${read.edits.length} changed`);
    targets = [];
    for (const edit of read.edits) {
      const changes = [
        edit.disposition ? `disposition ${edit.was.disposition || '—'} → ${t(`feedback.disposition.${edit.disposition}`)}` : undefined,
        edit.answer !== undefined ? `response ${edit.was.response ? 'replaced' : 'added'}: "${excerpt(edit.answer)}"` : undefined,
      ].filter(Boolean);
      const who = edit.size > 1 ? `${edit.row}, ${edit.size} comments` : edit.row;
      console.log(`  line ${edit.line} (${who}): ${changes.join('; ')}${edit.mentions ? ` (${edit.mentions} mention(s) made inert)` : ''}`);
      console.log(`    issues: ${edit.targets.map(targetName).join(', ') || 'none'}${edit.unfiled.length ? `; not filed yet, so not answered: ${edit.unfiled.join(', ')}` : ''}`);
      for (const target of edit.targets) {
        targets.push({ ...target, ...(edit.disposition ? { disposition: edit.disposition } : {}), ...(edit.answer !== undefined ? { answer: edit.answer } : {}) });
      }
    }
  } else {
    const disposition = values.disposition === undefined ? undefined : parseDisposition(values.disposition);
    if (values.disposition !== undefined && !disposition) throw new UsageError(`unknown disposition "${values.disposition}" (accepted, partially-accepted, not-accepted, noted, duplicate, out-of-scope)`);
    let answer: string | undefined;
    if (values['response-file'] !== undefined) {
      let raw: string;
      try {
        raw = readFileSync(resolve(values['response-file']), 'utf8');
      } catch {
        throw new UsageError(`cannot read ${values['response-file']}`);
      }
      const prepared = answerText(raw);
      if (!prepared.ok) throw new UsageError(`${values['response-file']}: ${prepared.reason}`);
      answer = prepared.text;
      if (prepared.mentions) console.log(`${prepared.mentions} mention(s) made inert: the answer goes to many issues`);
    }
    if (!disposition && answer === undefined) throw new UsageError('give --disposition, --response-file or both');
    let recipients: { issue: number; reference?: string }[];
    if (values.group !== undefined) {
      if (!values.version) throw new UsageError('--group needs --version (the report the group is in)');
      try {
        const group = groupRecipients(report(values.version), values.group);
        recipients = group.targets;
        if (group.unfiled.length) console.log(`not filed as issues yet, so not answered: ${group.unfiled.join(', ')}`);
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(error.message);
        throw error;
      }
    } else {
      try {
        recipients = parseIssueList(values.issues!).map((issue) => ({ issue }));
      } catch (error) {
        throw new UsageError(`--issues: ${(error as Error).message}`);
      }
    }
    targets = recipients.map((target) => ({ ...target, ...(disposition ? { disposition } : {}), ...(answer !== undefined ? { answer } : {}) }));
    console.log(`${targets.length} comment(s) or issue(s): ${disposition ? `disposition ${disposition}` : 'labels left alone'}; ${answer !== undefined ? `response "${excerpt(answer)}"` : 'no reply'}`);
  }
  if (targets.length === 0) {
    console.log('nothing to do');
    return 0;
  }

  const config = env.github;
  if (!config) {
    if (values['dry-run']) {
      console.log('no GitHub credentials: the issues were not read, so what is already done there is not known');
      return 0;
    }
    throw new UsageError('no GitHub credentials (set GITHUB_TOKEN and GITHUB_REPOSITORY)');
  }
  const github = createGitHubClient(config, { userAgent: 'consulta-respond' });
  const dryRun = values['dry-run'];
  console.log(dryRun ? `Reading ${config.owner}/${config.repo} (dry run: nothing is posted)` : `Answering on ${config.owner}/${config.repo}`);
  const summary = await applyResponses({
    github,
    targets,
    filers: loadSiteSettings(root).commentFilers,
    dryRun,
    ...(minInterval !== undefined ? { pace: { minIntervalMs: minInterval } } : {}),
    onEvent: (event) => console.log(describe(event, dryRun)),
  });
  const done = summary.outcomes.filter((o) => !o.skipped);
  const skipped = summary.outcomes.filter((o) => o.skipped);
  console.log(
    `respond: ${done.filter((o) => o.reply).length} ${dryRun ? 'would be replied to' : 'replied to'}, ` +
      `${done.filter((o) => o.added.length || o.removed.length).length} ${dryRun ? 'would be relabelled' : 'relabelled'}, ` +
      `${done.filter((o) => !o.reply && !o.added.length && !o.removed.length).length} already answered, ${skipped.length} skipped` +
      (dryRun ? '' : `; ${summary.writes} writes`),
  );
  if (summary.stoppedBy) {
    console.error(`respond: stopped: ${summary.stoppedBy}`);
    return 1;
  }
  return skipped.length ? 1 : 0;
});

function describe(event: RespondEvent, dryRun: boolean): string {
  if (event.type === 'waiting') return `  waiting ${event.seconds} s (${event.reason === 'rate-limit' ? 'GitHub rate limit' : event.reason === 'pace' ? 'pace' : 'no answer from GitHub; looking before trying again'})`;
  return `  [${event.done}/${event.total}] ${outcomeLine(event.outcome, dryRun)}`;
}

function outcomeLine(o: IssueOutcome, dryRun: boolean): string {
  const name = targetName(o);
  if (o.skipped) return `${name}: skipped: ${o.skipped}`;
  const parts = [
    o.reply ? (dryRun ? 'would reply' : `replied ${o.url ?? ''}`.trim()) : undefined,
    o.added.length ? `${dryRun ? 'would label' : 'labelled'} ${o.added.join(', ')}` : undefined,
    o.removed.length ? `${dryRun ? 'would remove' : 'removed'} ${o.removed.join(', ')}` : undefined,
  ].filter(Boolean);
  return `${name}: ${parts.length ? parts.join('; ') : o.reference ? 'already answered' : 'already answered, labels already right'}`;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
