/**
 * `content/feedback/<v>.json`: the collated report of one version, committed
 * so the site and anyone who clones the repository can rebuild the report
 * without GitHub.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError, parseContent } from '../strategy/content-error.ts';
import { readJsonContent } from '../strategy/json-content.ts';
import { FeedbackReport } from './schema.ts';

/** Folder of the committed reports. */
function feedbackDir(root: string): string {
  return join(root, 'content/feedback');
}

export function feedbackReportPath(root: string, version: string): string {
  return join(feedbackDir(root), `${version}.json`);
}

/** Versions that have a committed report. */
export function listFeedbackReports(root: string): string[] {
  const dir = feedbackDir(root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The committed report of a version, or null when there is none; a malformed file is a ContentError naming the field. */
export function loadFeedbackReport(root: string, version: string): FeedbackReport | null {
  const path = feedbackReportPath(root, version);
  if (!existsSync(path)) return null;
  const shown = relative(root, path);
  const report = parseContent(FeedbackReport, readJsonContent(path, shown), shown);
  if (report.version !== version) throw new ContentError(shown, [`field "version": "${report.version}" does not match the file name`]);
  return report;
}

/**
 * Reads committed reports for a long-running process (the status page): a
 * report is parsed once and again only when its file changes, so a merged
 * report pulled onto the server shows without a restart. A report that
 * cannot be read counts as none, and `onError` is told why.
 */
export function reportReader(root: string, onError: (error: Error) => void = () => {}): (version: string) => FeedbackReport | null {
  const cache = new Map<string, { stamp: string; report: FeedbackReport | null }>();
  return (version) => {
    if (!/^[\w.-]+$/.test(version)) return null;
    const path = feedbackReportPath(root, version);
    let stamp = 'absent';
    try {
      const stat = statSync(path);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      // No report yet.
    }
    const cached = cache.get(version);
    if (cached?.stamp === stamp) return cached.report;
    let report: FeedbackReport | null = null;
    try {
      report = loadFeedbackReport(root, version);
    } catch (error) {
      onError(error as Error);
    }
    cache.set(version, { stamp, report });
    return report;
  };
}

/** The report as it is committed: two-space JSON, one trailing newline, so a re-run with nothing new changes no byte. */
export function serialiseFeedbackReport(report: FeedbackReport): string {
  return `${JSON.stringify(FeedbackReport.parse(report), null, 2)}\n`;
}

/** Writes the report; returns whether the file changed. */
export function writeFeedbackReport(root: string, report: FeedbackReport): boolean {
  const path = feedbackReportPath(root, report.version);
  const text = serialiseFeedbackReport(report);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  mkdirSync(feedbackDir(root), { recursive: true });
  writeFileSync(path, text);
  return true;
}
