/** npm run feedback -- --version <v>: collate every comment on a version into its report. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { collateFeedback } from '../src/lib/feedback/collate.ts';
import { buildExports } from '../src/lib/feedback/exports.ts';
import { feedbackReportPath, writeFeedbackReport } from '../src/lib/feedback/report-file.ts';
import { reportView } from '../src/lib/feedback/report-view.ts';
import type { FeedbackSourceKind, RepositorySnapshot } from '../src/lib/feedback/schema.ts';
import { FeedbackFetchError, fetchRepositorySnapshot, loadFeedbackCache, saveFeedbackCache } from '../src/lib/feedback/sources/github.ts';
import { readOutboxEntries } from '../src/lib/feedback/sources/outbox.ts';
import { readSampleSnapshot } from '../src/lib/feedback/sources/sample-file.ts';
import { countReporter, progressReporter } from '../src/lib/feedback/progress.ts';
import { collationVersions, versionLookup } from '../src/lib/feedback/versions.ts';
import { withParagraphFates } from '../src/lib/feedback/paragraph-fate.ts';
import { catalogLineage } from '../src/lib/site/lineage.ts';
import { outboxPath as outboxFile } from '../src/lib/comments/outbox.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { createGitHubClient } from '../src/lib/github/octokit.ts';
import { t } from '../src/lib/i18n/translate.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { loadCatalog, nextVersion, previousVersion } from '../src/lib/strategy/catalog.ts';

const usage = `
Usage: npm run feedback -- --version <v> [options]

Collates every public comment on a version into content/feedback/<v>.json (commit
it: the site's "What we heard" page is built from it) and writes the exports to
reports/<v>/: matrix.csv, matrix.xlsx, report.md (for a pull request or a
release) and report.json.

Comments whose texts are identical after normalising, or nearly identical
(campaigns, form letters), are grouped; suspicious patterns (a burst from one
channel, one text in the name of several organisations) are flagged. Nothing is
dropped: the report shows each group once, with its size and its members.

Where comments are read from:
  - with GITHUB_TOKEN (or a GitHub App's GITHUB_APP_* variables) and
    GITHUB_REPOSITORY set: the repository's issues labelled "comment", the
    maintainers' replies and the merged pull requests ("Addresses #N"), through
    the GitHub API (GITHUB_API_URL for another server); a cache in
    var/feedback-cache/ makes a re-run with nothing new cost three requests;
  - without credentials (or with --offline): the committed sample of the
    repository in content/feedback/sources/, so the demo works offline;
  - always: comments still waiting in the local outbox, listed as awaiting a
    response.

Options:
  --version <v>     Version to report on; repeat for several
  --open            Every version open for comment or closed and being answered
  --all             Every published version
  --offline         Ignore GitHub credentials
  --full            Read everything from GitHub again (a re-run normally reads only changes)
  --outbox <path>   Outbox file (default: $CONSULTA_DATA_DIR/outbox.sqlite, else var/outbox.sqlite)
  --cache <dir>     Cache folder (default: var/feedback-cache)
  --reports <dir>   Exports folder (default: reports)
  --site-url <url>  Site address for links in the exports (default: $CONSULTA_SITE_URL)
  --similarity <s>  Threshold for grouping near-identical comments, above 0 and at most 1
                    (default: "feedback.similarity" in content/site.json, else 0.6;
                    see docs/feedback-grouping.md)
  --root <dir>      Repository root (default: current directory)
  -h, --help        Show this help
`;

await main('feedback', usage, async (argv) => {
  const settingsFromEnv = parseConfig(process.env, { cwd: process.cwd() });
  const { values } = parseOptions(argv, {
    options: {
      version: { type: 'string', multiple: true },
      open: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      outbox: { type: 'string' },
      cache: { type: 'string' },
      reports: { type: 'string' },
      'site-url': { type: 'string' },
      similarity: { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  if (values.similarity !== undefined && !(Number(values.similarity) > 0 && Number(values.similarity) <= 1)) {
    throw new UsageError('--similarity must be a number above 0 and at most 1');
  }
  const root = resolve(values.root);
  const settings = loadSiteSettings(root);
  const catalog = loadCatalog(root, settings, new Date());
  const known = catalog.versions.map((v) => v.manifest.id);
  const wanted = values.all
    ? known
    : values.open
      ? catalog.versions.filter((v) => v.manifest.status === 'consultation' || v.manifest.status === 'closed').map((v) => v.manifest.id)
      : (values.version ?? []);
  if (wanted.length === 0) throw new UsageError('give --version <v>, --open or --all (see --help)');
  for (const id of wanted) if (!known.includes(id)) throw new UsageError(`unknown version "${id}" (published: ${known.join(', ') || 'none'})`);

  const similarity = values.similarity === undefined ? settings.feedback?.similarity : Number(values.similarity);

  const outboxPath = resolve(root, values.outbox ?? outboxFile(settingsFromEnv.dataDir));
  const outbox = await readOutboxEntries(outboxPath);
  const siteUrl = values['site-url'] ?? settingsFromEnv.siteUrl ?? undefined;

  const config = values.offline ? null : settingsFromEnv.github;
  let snapshot: RepositorySnapshot | null;
  if (config) {
    const progress = progressReporter(process.stderr);
    // A read is safe to repeat: a rate limit of up to 15 minutes is waited out, not given up on.
    const github = createGitHubClient(config, {
      userAgent: 'consulta-feedback',
      maxInlineRetrySeconds: 15 * 60,
      onLimit: ({ retryAfterSeconds, kind }) => progress.update({ type: 'waiting', seconds: retryAfterSeconds, reason: `${kind} rate limit` }),
    });
    const cachePath = resolve(root, values.cache ?? 'var/feedback-cache', `${config.owner}-${config.repo}.json`);
    if (settings.commentFilers.length === 0) {
      console.warn('feedback: content/site.json lists no commentFilers, so no issue is taken as filed by the site: every comment counts as typed on GitHub and is dated when its issue was created');
    }
    try {
      const result = await fetchRepositorySnapshot({ github, filers: settings.commentFilers, cache: loadFeedbackCache(cachePath), full: values.full, onProgress: progress.update });
      progress.done();
      saveFeedbackCache(cachePath, result.cache);
      snapshot = result.snapshot;
      console.log(
        `GitHub ${config.owner}/${config.repo}: ${result.requests} requests (${result.notModified} not modified), ` +
          `${snapshot.issues.length} comment issues, ${snapshot.comments.length} maintainer replies, ${snapshot.pulls.length} linked pull requests` +
          (result.incremental ? ', changes since the last run' : ''),
      );
    } catch (error) {
      progress.done();
      if (error instanceof FeedbackFetchError) throw new UsageError(error.message);
      throw error;
    }
  } else {
    snapshot = readSampleSnapshot(root);
  }
  // With GitHub, filed comments are read there; offline, every outbox comment counts.
  const outboxScope = config ? 'unfiled' : 'all';
  const base: FeedbackSourceKind[] = config ? ['github'] : snapshot ? ['sample'] : [];

  const versions = collationVersions(catalog.versions);
  const lookup = versionLookup(catalog.versions, settings.timeZone, gitAncestry(root));
  for (const id of wanted) {
    const fromOutbox = outbox.some((e) => e.submission.version === id && (outboxScope === 'all' || e.status !== 'filed'));
    const sources: FeedbackSourceKind[] = [...base, ...(fromOutbox || base.length === 0 ? (['outbox'] as const) : [])];
    const grouping = countReporter(`${id}: grouping distinct texts`, process.stderr);
    const collation = collateFeedback({
      version: id,
      versions,
      ...(snapshot ? { snapshot } : {}),
      outbox,
      outboxScope,
      lookup,
      sources,
      grouping: {
        ...(similarity !== undefined ? { similarity } : {}),
        ...(settings.feedback ? { burst: settings.feedback.burst } : {}),
        onProgress: grouping.update,
      },
    });
    grouping.done();
    // Where each comment's paragraph went in the next version (docs/lineage.md).
    const report = withParagraphFates(collation.report, catalogLineage(catalog, settings.feedback?.lineageSimilarity));
    const changed = writeFeedbackReport(root, report);
    const version = catalog.byId.get(id)!;
    const next = nextVersion(catalog, id);
    const previous = previousVersion(catalog, id)?.manifest.id;
    const view = reportView(report, version, {
      t,
      timeZone: settings.timeZone,
      ...(siteUrl ? { siteUrl } : {}),
      ...(next ? { next } : {}),
      ...(previous ? { previousVersion: previous } : {}),
    });
    const files = await buildExports(view, t, siteUrl ? { pageUrl: `${siteUrl.replace(/\/+$/, '')}/feedback/${id}/` } : {});
    const dir = resolve(root, values.reports ?? 'reports', id);
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);

    const s = view.statistics;
    console.log(
      `${id}: ${s.total} comments (${collation.report.sources.join(' + ')}); ${s.responded} answered, ${s.addressed} addressed by a change, ` +
        `${s.pending} awaiting a response; ${collation.spam} spam excluded; ${s.unreadable} could not be read` +
        (collation.report.unreadable.length ? ` (${collation.report.unreadable.map((u) => `#${u.number}${u.reference ? ` ${u.reference}` : ''}`).join(', ')})` : ''),
    );
    const grouped = collation.report.groups.reduce((n, g) => n + g.size, 0);
    console.log(
      `  groups of identical or near-identical comments: ${collation.report.groups.length} (${grouped} comments, similarity ${collation.report.grouping!.similarity}); ` +
        `distinct voices: ${s.voices}; suspicious patterns flagged: ${collation.report.flags.length}`,
    );
    console.log(`  ${relative(root, feedbackReportPath(root, id))} ${changed ? 'written' : 'unchanged'}; ${relative(root, dir)}/{${Object.keys(files).join(',')}}`);
    for (const warning of collation.warnings) console.log(`  warning: ${warning}`);
  }
});

/** `git merge-base --is-ancestor`, or undefined when Git cannot tell (no repository, a shallow clone, an unknown commit). */
function gitAncestry(root: string) {
  return (ancestor: string, descendant: string): boolean | undefined => {
    try {
      execFileSync('git', ['merge-base', '--is-ancestor', ancestor, descendant], { cwd: root, stdio: 'ignore' });
      return true;
    } catch (error) {
      return (error as { status?: number }).status === 1 ? false : undefined;
    }
  };
}
