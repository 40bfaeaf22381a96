/**
 * Issues are written by anyone with a GitHub account. Whatever their bodies,
 * titles, labels and authors, collation and every export must finish, in
 * time proportional to their size, and list what it cannot read instead of
 * stopping (the daily workflow must never fail because of one issue).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { check } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { issueLabels, renderIssueBody } from '../../../src/lib/comments/issue-body.ts';
import { CommentSubmission } from '../../../src/lib/comments/schema.ts';
import { collateFeedback } from '../../../src/lib/feedback/collate.ts';
import { buildExports } from '../../../src/lib/feedback/exports.ts';
import { reportView } from '../../../src/lib/feedback/report-view.ts';
import { FeedbackReport, type SourceIssue } from '../../../src/lib/feedback/schema.ts';
import { t } from '../../../src/lib/i18n/translate.ts';
import { loadSiteContext } from '../../../src/lib/site/context.ts';
import { hostileText, validSubmission } from '../comments/helpers.ts';
import { LOOKUP, VERSIONS, issue, reply, snapshot } from './helpers.ts';

/** Every module that applies a regular expression to text that came from GitHub. */
const READS_GITHUB_TEXT = [
  'src/lib/comments/issue-body.ts',
  'src/lib/feedback/collate.ts',
  'src/lib/feedback/addressed-in.ts',
  'src/lib/feedback/responses.ts',
  'src/lib/feedback/disposition.ts',
  'src/lib/feedback/matrix.ts',
  'src/lib/feedback/export-csv.ts',
  'src/lib/feedback/export-markdown.ts',
  'src/lib/feedback/sources/github.ts',
];

/** The regular expression literals of a TypeScript file, as the compiler sees them. */
function regexLiterals(path: string): { source: string; flags: string }[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { source: string; flags: string }[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file);
      const end = text.lastIndexOf('/');
      found.push({ source: text.slice(1, end), flags: text.slice(end + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('text from GitHub', () => {
  it('is matched only by regular expressions that run in linear time (recheck)', async () => {
    const literals = READS_GITHUB_TEXT.flatMap((path) => regexLiterals(path).map((re) => ({ path, ...re })));
    expect(literals.length).toBeGreaterThan(20);
    const unsafe: string[] = [];
    for (const { path, source, flags } of literals) {
      const result = await check(source, flags);
      if (result.status !== 'safe') unsafe.push(`${path}: /${source}/${flags} is ${result.status}${result.status === 'vulnerable' ? ` (${result.complexity.summary})` : ''}`);
    }
    expect(unsafe).toEqual([]);
  }, 120_000);

  it('is read, as far as it can be, from 100,000-character fields', async () => {
    const long = (unit: string) => unit.repeat(100_000 / unit.length);
    const body = (section: string, comment: string) =>
      `### Version\n\nv0.1\n\n### Section\n\n${section}\n\n### Type of comment\n\nGeneral\n\n### Comment\n\n${comment}\n\n### Stakeholder sector\n\nIndividual`;
    const issues = [
      issue(1, body(`governance${long('/')}x`, 'ok')),
      issue(2, body(`${long('#/')}`, 'ok')),
      issue(3, body('governance', `Addresses #1${long(' ')}x`)),
      issue(4, body('governance', long('<!-- consulta:submission=0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01 -->   \n'))),
      issue(5, long('### Comment\n\n')),
    ];
    const { report } = collateFeedback({
      version: 'v0.1',
      versions: VERSIONS,
      lookup: LOOKUP,
      sources: ['github'],
      snapshot: snapshot({
        issues,
        comments: [reply(3, `Response: ${long('a ')}`), reply(3, `Duplicate of #${long('9')}`)],
        pulls: [{ number: 9, title: 'x', body: `Addresses #3${long(', ')}`, merged_at: '2026-10-20T16:00:00Z', updated_at: '2026-10-20T16:00:00Z', html_url: 'https://github.com/o/r/pull/9' }],
      }),
    });
    expect(report.comments.length + report.unreadable.length).toBe(5);
  });

  it('never stops collation or an export, whatever the issues say (property)', async () => {
    const { catalog } = loadSiteContext('.');
    const v01 = catalog.byId.get('v0.1')!;
    const sections = v01.sections.map((s) => s.id);
    const label = fc.oneof(
      hostileText(60),
      fc.constantFrom('comment', 'spam', 'accepted', 'duplicate', 'noted', 'v:v0.1', 'v:v0.2', 'type:general', 'sector:academia', 'channel:email', ...sections.map((s) => `section:${s}`)),
    );
    // What the site files: any text the schema accepts, rendered as the dispatcher renders it.
    const site = fc
      .record({ comment: hostileText(400), section: fc.constantFrom(...sections), organisation: hostileText(60) })
      .map((f) => CommentSubmission.safeParse({ ...validSubmission(), ...f, version: 'v0.1', paragraph: undefined, quote: undefined }))
      .filter((parsed) => parsed.success)
      .map(({ data }) => ({ body: renderIssueBody(data), labels: issueLabels(data) }));
    const forged = fc.tuple(hostileText(200), fc.constantFrom('garbage', '2026-13-45T99:99:99Z', '2026-09-01T10:00:00Z', ''), fc.constantFrom('web', 'meeting', 'x'))
      .map(([text, time, channel]) => ({ body: `### Comment\n\n${text}\n<!-- consulta:submission=0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01 channel=${channel} submitted=${time} -->`, labels: ['comment'] }));
    const anyIssue = fc.record({
      content: fc.oneof(site, forged, fc.record({ body: hostileText(500), labels: fc.constant(['comment']) })),
      extraLabels: fc.array(label, { maxLength: 4 }),
      title: hostileText(80),
      bySite: fc.boolean(),
      created: fc.integer({ min: Date.parse('2026-08-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(anyIssue, { minLength: 1, maxLength: 8 }), fc.array(hostileText(200), { maxLength: 3 }), async (items, replies) => {
        const issues: SourceIssue[] = items.map((item, i) => ({
          ...issue(i + 1, item.content.body, [...item.content.labels, ...item.extraLabels], new Date(item.created).toISOString()),
          title: item.title,
          filed_by_site: item.bySite,
        }));
        const { report } = collateFeedback({
          version: 'v0.1',
          versions: VERSIONS,
          lookup: LOOKUP,
          sources: ['github'],
          snapshot: snapshot({ issues, comments: replies.map((text, i) => reply(1 + (i % issues.length), `Response: ${text}`)) }),
        });
        // What collation produced is a valid report, and every issue is accounted for.
        FeedbackReport.parse(report);
        const files = await buildExports(reportView(report, v01, { t, timeZone: 'America/Belize' }), t);
        expect(Object.keys(files)).toHaveLength(4);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
