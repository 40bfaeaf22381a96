/**
 * The whole path with GitHub configured: a person comments in a real browser,
 * the production server accepts it into its outbox, its dispatcher files it
 * through Octokit over real HTTP to the GitHub test double, and the issue
 * body reads back into the same fields.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseIssueBody } from '../../src/lib/comments/issue-body.ts';
import { ISSUE_FORM_FIELDS } from '../../src/lib/comments/issue-form-fields.ts';
import { startGitHubDouble, type GitHubDouble } from '../github-double/index.ts';
import { launchBrowser, openPage } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const TOKEN = 'ghp_e2eSampleTokenThatMustNeverReachTheBrowser0001';
let browser: Browser;
let github: GitHubDouble;
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  github = await startGitHubDouble({ owner: 'belize-ncss', repo: 'strategy', token: TOKEN, defaultLabels: false });
  dataDir = mkdtempSync(join(tmpdir(), 'consulta-e2e-github-'));
  server = await startServer({ dataDir, env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'belize-ncss/strategy', GITHUB_API_URL: github.url } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await github?.close();
  rmSync(dataDir, { recursive: true, force: true });
});


describe('a comment with GitHub configured', () => {
  it('becomes exactly one labelled issue whose body parses back into the same fields', async () => {
    const { page } = await openPage(browser, server.url);
    await page.goto('/strategy/v0.2/');
    await page.locator('#comment-critical-infrastructure > summary').click();
    const form = page.locator('#comment-critical-infrastructure form');
    await form.getByLabel('Which paragraph? (optional)').selectOption('p2');
    await form.getByLabel('Text you are commenting on (optional)').fill('operators of critical information infrastructure');
    await form.getByLabel('Technical', { exact: true }).check();
    await form.getByLabel('Your comment').fill('Water utilities @everyone should be named. See #12. ### Comment\n<img src=x onerror=alert(1)>');
    await form.getByLabel('Proposed change (optional)').fill('Add "water and wastewater" to the list.');
    await form.getByLabel('Government').check();
    await form.getByLabel('Organisation (optional)').fill('Public Utilities Commission');
    await form.getByLabel('Your name (optional)').fill('Maria Chan');
    await form.getByLabel('Publish my name with my comment').check();
    await form.getByRole('button', { name: 'Send comment' }).click();
    const reference = (await form.page().locator('#comment-critical-infrastructure [data-reference]').textContent({ timeout: 30_000 }))!.trim();
    expect(reference).toMatch(/^BZ-/);

    const issue = await vi.waitFor(() => {
      const found = github.state.issues.find((i) => !i.pull);
      if (!found) throw new Error('no issue filed yet');
      return found;
    }, { timeout: 30_000, interval: 100 });
    const creates = github.requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path));
    expect(creates).toHaveLength(1);
    expect(issue.labels.sort()).toEqual(['channel:web', 'comment', 'section:critical-infrastructure', 'sector:government', 'type:technical', 'v:v0.2'].sort());
    expect(issue.title).toMatch(/v0\.2/);

    const parsed = parseIssueBody(issue.body!, { trustMarker: true });
    expect(parsed).toMatchObject({
      channel: 'web',
      version: 'v0.2',
      section: 'critical-infrastructure',
      paragraph: 'p2',
      quote: 'operators of critical information infrastructure',
      type: 'technical',
      proposedChange: 'Add "water and wastewater" to the list.',
      sector: 'government',
      organisation: 'Public Utilities Commission',
      name: 'Maria Chan',
      publishName: true,
    });
    // Neutralised: no live mention, no reference, no fake heading, no HTML.
    expect(issue.body).not.toMatch(/@everyone/);
    expect(issue.body).not.toMatch(/(^|\s)#12\b/);
    expect(issue.body).not.toMatch(/<img/);
    // Only the form's own headings start a line; the commenter's "### Comment" does not.
    expect(issue.body!.split('\n').filter((line) => /^###\s/.test(line))).toHaveLength(ISSUE_FORM_FIELDS.length);
    expect(parsed.comment).toMatch(/^Water utilities @\u200Beveryone should be named/);
  });

  it('files a comment on a change sent to the JSON API as an issue that names the change', async () => {
    const post = (fields: Record<string, unknown>) =>
      fetch(`${server.url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: 'v0.2', section: 'governance', paragraph: 'p2', type: 'editorial', comment: 'On the change, not the text.', sector: 'academia', submissionId: crypto.randomUUID(), ...fields }),
      });
    // A change of another section: the link was altered, so nothing is stored.
    const refused = await post({ change: 'change-critical-infrastructure-1' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: { change: 'Reload the page and send your comment again' } });

    expect((await post({ change: 'change-governance-1', quote: '“month” → “quarter”' })).status).toBe(202);
    const issue = await vi.waitFor(() => {
      const found = github.state.issues.find((i) => i.body?.includes('On the change, not the text.'));
      if (!found) throw new Error('no issue filed yet');
      return found;
    }, { timeout: 30_000, interval: 100 });
    expect(issue.title).toMatch(/^\[v0\.2 § governance ¶2, change 1\] /);
    expect(issue.body).toContain('### Change\n\nchange-governance-1\n');
    expect(parseIssueBody(issue.body!, { trustMarker: true })).toMatchObject({ section: 'governance', paragraph: 'p2', change: 'change-governance-1', quote: '“month” → “quarter”' });
    expect(github.state.issues.filter((i) => i.body?.includes('On the change, not the text.'))).toHaveLength(1);
  });

  it('reports the outbox on /api/status, and files what waited across a restart', async () => {
    const before = github.state.issues.length;
    // A comment accepted while GitHub refuses everything stays queued...
    let refusing = true;
    github.failWhen((req) => refusing && req.method === 'POST', 'server-error', Infinity);
    const response = await fetch(`${server.url}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 'v0.2', section: 'governance', type: 'general', comment: 'Queued across a restart.', sector: 'individual', submissionId: crypto.randomUUID() }),
    });
    expect(response.status).toBe(202);
    await server.stop();
    refusing = false;
    // ...and after a restart it is filed with no request to the comment routes: the server starts
    // the comment service when it starts listening (scripts/serve.ts).
    server = await startServer({ dataDir, env: { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'belize-ncss/strategy', GITHUB_API_URL: github.url } });
    // The refused create was ambiguous, so the retry waits out its back-off (15 s) and looks for the marker first.
    await vi.waitFor(() => expect(github.state.issues.some((i) => i.body?.includes('Queued across a restart'))).toBe(true), { timeout: 60_000, interval: 100 });
    expect(github.state.issues.length).toBe(before + 1);
    expect(server.output()).toMatch(/Comment service: filing to belize-ncss\/strategy; 1 waiting, \d+ filed, 0 refused/);
    // The issue is on GitHub a moment before the outbox hears GitHub's answer and marks it filed.
    const status = await vi.waitFor(
      async () => {
        const answer = await (await fetch(`${server.url}/api/status`)).json();
        expect(answer).toMatchObject({ ok: true, github: true, comments: { pending: 0, failed: 0 } });
        return answer;
      },
      { timeout: 10_000, interval: 100 },
    );
    // Nothing waits, so nothing to forecast; the server holds the filing lane, and which process it is stays off a public page.
    expect(status.backlog).toMatchObject({ waiting: 0, pace: { perMinute: 40, perHour: 450 }, secondsToDrain: 0, drainedBy: null, filing: true });
    expect(status.backlog.filedLastHour).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('never puts the token in what the browser downloads', async () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(js|html|css|json|yml)$/.test(entry.name)) files.push(path);
      }
    };
    walk('dist/client');
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(TOKEN), file).toBe(false);
      expect(/GITHUB_TOKEN|GITHUB_APP_PRIVATE_KEY|ALTCHA_HMAC_KEY|COMMENTS_ADDRESS_SALT/.test(text), file).toBe(false);
    }
  });
});
