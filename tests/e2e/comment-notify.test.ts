/**
 * "E-mail me when my comment is answered", end to end: a commenter ticks the
 * box and gives an address in Debian's Chromium; the maintainers' response
 * lands in the committed report (written here as the feedback workflow
 * would commit it, in a copy of content/); `npm run notify` sends exactly
 * one e-mail to a real SMTP server, then deletes the address; and the status
 * page shows the response. Its own server runs over the copy of content/.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutbox, outboxPath, type OutboxEntry } from '../../src/lib/comments/outbox.ts';
import { serialiseFeedbackReport } from '../../src/lib/feedback/report-file.ts';
import { startSmtpServer, type SmtpServerDouble } from '../integration/mail/smtp-server.ts';
import { openPage, useBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const repo = new URL('../../', import.meta.url).pathname;
const browser = useBrowser();

let dir: string;
let root: string;
let dataDir: string;
let server: RunningServer;
let smtp: SmtpServerDouble;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consulta-e2e-notify-'));
  root = join(dir, 'repo');
  dataDir = join(dir, 'data');
  mkdirSync(root);
  cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
  smtp = await startSmtpServer();
  server = await startServer({ dataDir, env: { CONSULTA_ROOT: root } });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

function notify(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CONSULTA_') && !k.startsWith('GITHUB_')) env[k] = v;
  Object.assign(env, { CONSULTA_SMTP_URL: smtp.url, CONSULTA_MAIL_FROM: 'NCSS consultation <consultation@example.gov.bz>', CONSULTA_DATA_DIR: dataDir, CONSULTA_SITE_URL: server.url });
  return new Promise((resolve, reject) => {
    const proc = spawn(join(repo, 'node_modules/.bin/node'), [join(repo, 'scripts/notify.ts'), '--version', 'v0.2', '--root', root], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function outboxState(): Promise<{ entries: OutboxEntry[]; waiting: string[] }> {
  const outbox = openOutbox(outboxPath(dataDir));
  try {
    return { entries: await outbox.list(), waiting: (await outbox.notifyRequests('v0.2')).map((r) => r.address) };
  } finally {
    await outbox.close();
  }
}

/** The report the feedback workflow would commit once a maintainer has answered the comment. */
function commitReport(entry: OutboxEntry): void {
  const { submission } = entry;
  const report = {
    version: 'v0.2',
    sources: ['outbox' as const],
    lastActivityAt: '2026-12-10T15:00:00Z',
    comments: [
      {
        reference: entry.reference,
        version: submission.version,
        section: submission.section,
        ...(submission.paragraph ? { paragraph: submission.paragraph } : {}),
        type: submission.type,
        comment: submission.comment,
        sector: submission.sector,
        channel: submission.channel,
        submittedAt: submission.submittedAt,
        disposition: 'accepted' as const,
        response: { text: 'Accepted. The revised draft names a 24-hour duty officer at the CSIRT.', respondedAt: '2026-12-10T15:00:00Z' },
        addressedIn: [{ pull: 41, title: 'CSIRT: a 24-hour duty officer', url: 'https://github.com/belize-ncss/strategy/pull/41', mergedAt: '2026-12-11T15:00:00Z' }],
      },
    ],
    unreadable: [],
    groups: [],
    flags: [],
  };
  writeFileSync(join(root, 'content/feedback/v0.2.json'), serialiseFeedbackReport(report));
}

describe('being told when a comment is answered', () => {
  it('a link cannot tick the box or fill in the address', async () => {
    const { page } = await openPage(browser(), server.url, { javaScriptEnabled: false });
    await page.goto('/comment/?version=v0.2&section=incident-response&notify=yes&notifyEmail=victim%40example.org');
    await expect(page.getByLabel('E-mail me when my comment is answered').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Your e-mail address').inputValue()).resolves.toBe('');
    // Without JavaScript the address field is there, with its label and hint.
    await expect(page.getByLabel('Your e-mail address').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('a commenter asks to be told, the response is published, npm run notify sends one e-mail, and the status page shows the response', async () => {
    const { page, errors, foreignRequests } = await openPage(browser(), server.url);
    await page.goto('/comment/?version=v0.2&section=incident-response&paragraph=p2');
    const box = page.getByLabel('E-mail me when my comment is answered');
    const address = page.getByLabel('Your e-mail address');
    // With JavaScript the address is asked for only once the box is ticked.
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(address.isVisible()).resolves.toBe(false);
    await box.check();
    await expect(address.isVisible()).resolves.toBe(true);
    expect(await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
    await page.getByLabel('Technical', { exact: true }).check();
    await page.getByLabel('Your comment').fill('The CSIRT needs a 24-hour duty officer, not office hours only.');
    await page.getByLabel('Private sector').check();
    await address.fill('duty.officer@example.org');
    await page.getByRole('button', { name: 'Send comment' }).click();
    const reference = (await page.locator('[data-reference]').textContent({ timeout: 30_000 }))!.trim();
    expect(reference).toMatch(/^BZ-\d{4}-\d{6}$/);

    const before = await outboxState();
    expect(before.waiting).toEqual(['duty.officer@example.org']);
    expect(JSON.stringify(before.entries)).not.toContain('duty.officer');

    // No response yet: nothing is sent and the address is kept.
    const early = await notify();
    expect(early.stdout).toContain('v0.2: no committed report yet; 1 commenter waiting for an answer');
    expect(smtp.messages).toHaveLength(0);

    commitReport(before.entries.find((e) => e.reference === reference)!);
    const sent = await notify();
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(`  ${reference}: notice sent, address deleted`);
    expect(sent.stdout).not.toContain('duty.officer');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['duty.officer@example.org']);
    const notice = await PostalMime.parse(smtp.messages[0]!.raw);
    expect(notice.subject).toBe(`Your comment ${reference} has been answered`);
    expect(notice.text).toContain('The revised draft names a 24-hour duty officer at the CSIRT.');
    const statusUrl = `${server.url}/comment/status/?ref=${reference}`;
    expect(notice.text).toContain(statusUrl);
    expect((await outboxState()).waiting).toEqual([]);

    // Exactly one: a second run sends nothing.
    const again = await notify();
    expect(again.code).toBe(0);
    expect(smtp.messages).toHaveLength(1);

    // The link in the e-mail, and the receipt's, lead to the response.
    await page.goto(statusUrl);
    await expect(page.locator('h1').textContent()).resolves.toBe('What became of my comment');
    await expect(page.locator('[aria-current="step"]').textContent()).resolves.toMatch(/^Answered/);
    await expect(page.locator('[data-disposition]').textContent()).resolves.toBe('Decision: Accepted');
    await expect(page.locator('[data-response]').textContent()).resolves.toContain('24-hour duty officer at the CSIRT');
    await expect(page.locator('[data-addressed-in] a').getAttribute('href')).resolves.toBe('https://github.com/belize-ncss/strategy/pull/41');
    expect(await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('the receipt links to the status page, and an unknown reference gets a clear page with a 404', async () => {
    const { page } = await openPage(browser(), server.url, { javaScriptEnabled: false });
    await page.goto('/comment/?version=v0.2&section=governance');
    await page.getByLabel('General', { exact: true }).check();
    await page.getByLabel('Your comment').fill('Who chairs the Council?');
    await page.getByLabel('Individual').check();
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.waitForURL(/\/comment\/receipt\//);
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    await page.locator('[data-status-link]').click();
    await page.waitForURL(/\/comment\/status\/\?ref=/);
    await expect(page.locator('[aria-current="step"]').textContent()).resolves.toMatch(/^Received/);
    await expect(page.locator('main').textContent()).resolves.toContain(`Comment ${reference}`);
    // A comment that is not public yet shows no more than that it was received.
    await expect(page.locator('main').textContent()).resolves.not.toContain('On version');

    const unknown = await page.goto('/comment/status/?ref=BZ-2026-999999');
    expect(unknown!.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('We could not find that comment');
    await expect(page.locator('[data-status-unknown]').textContent()).resolves.toContain('BZ-2026-999999');
    const garbage = await page.goto('/comment/status/?ref=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(garbage!.status()).toBe(404);
    await expect(page.locator('#status-ref').inputValue()).resolves.toBe('<script>alert(1)</script>');
    await expect(page.locator('script:not([src])').allTextContents()).resolves.not.toContain('alert(1)');
    await page.context().close();
  });
});
