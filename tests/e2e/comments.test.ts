import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { openPage, useBrowser } from './browser.ts';
import { storedComment } from './server.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const browser = useBrowser();


describe('commenting with JavaScript off', () => {
  it('posts the section form, lands on a receipt with a reference, and the comment is in the outbox', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    await page.locator('#comment-incident-response > summary').click();
    const form = page.locator('#comment-incident-response form');
    await form.getByLabel('Which paragraph? (optional)').selectOption('p2');
    await form.getByLabel('Technical', { exact: true }).check();
    await form.getByLabel('Your comment').fill('The CSIRT needs a 24-hour hotline, not office hours only.');
    await form.getByLabel('Private sector').check();
    await form.getByLabel('Organisation (optional)').fill('Belize Bankers Association');
    await form.getByRole('button', { name: 'Send comment' }).click();
    await page.waitForURL(/\/comment\/receipt\/\?id=/);
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    expect(reference).toMatch(/^BZ-\d{4}-\d{6}$/);
    // No GitHub credentials: the receipt must not claim an issue exists.
    await expect(page.locator('[data-local-outbox]').count()).resolves.toBe(1);
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/published as issue #/);
    const entry = (await storedComment(dataDir, reference))!;
    expect(entry.submission).toMatchObject({ version: 'v0.2', section: 'incident-response', paragraph: 'p2', type: 'technical', sector: 'private-sector', organisation: 'Belize Bankers Association', channel: 'web' });
    expect(entry.unverified).toBe(true);
    expect(entry.status).toBe('pending');
  });

  it('shows the form again, filled in, with an error summary and "Error:" in the title', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/comment/?version=v0.2&section=governance&paragraph=p3');
    await expect(page.locator('textarea[name="quote"]').inputValue()).resolves.toContain('The Council meets at least twice a year');
    await page.getByLabel('Organisation (optional)').fill('University of Belize');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.error-summary');
    await expect(summary.locator('h2').textContent()).resolves.toBe('There is a problem');
    const links = await summary.locator('a').allTextContents();
    expect(links).toEqual(['Select the type of comment', 'Enter your comment', 'Select your stakeholder sector']);
    await expect(page.getByLabel('Organisation (optional)').inputValue()).resolves.toBe('University of Belize');
    await expect(page.locator('#c-comment-error').textContent()).resolves.toBe('Error: Enter your comment');
    const href = await summary.locator('a', { hasText: 'Enter your comment' }).getAttribute('href');
    await expect(page.locator(href!).getAttribute('aria-describedby')).resolves.toContain('c-comment-error');
  });

  it('does not show a form on a version that is closed, and says why', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.1/');
    await expect(page.locator('form[data-comment-form]').count()).resolves.toBe(0);
    await expect(page.locator('.status-banner').first().textContent()).resolves.toContain('The consultation on this version has closed');
    await page.goto('/comment/?version=v0.1&section=governance');
    await expect(page.locator('h1').textContent()).resolves.toBe('Comments are not open');
    await expect(page.locator('.notice').textContent()).resolves.toMatch(/closed at 23:59, 28 September 2026/);
  });
});

describe('commenting with JavaScript on', () => {
  it('opens the section form from a paragraph, pre-filled, and submits in place with a verified proof of work', async () => {
    const { page, errors, foreignRequests } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/');
    await page.getByRole('link', { name: 'Comment on paragraph 3' }).first().click();
    const form = page.locator('#comment-vision-and-principles form');
    await expect(page.locator('#comment-vision-and-principles').getAttribute('open')).resolves.toBe('');
    await expect(form.locator('select[name="paragraph"]').inputValue()).resolves.toBe('p3');
    await expect(form.locator('textarea[name="quote"]').inputValue()).resolves.not.toBe('');
    await form.getByLabel('Editorial').check();
    await form.getByLabel('Your comment').fill('"Resilient" is used in two senses here; define it once.');
    await form.getByLabel('Academia').check();
    await form.getByLabel('Your name (optional)').fill('A. Reader');
    await form.getByRole('button', { name: 'Send comment' }).click();
    const reference = (await page.locator('#comment-vision-and-principles [data-reference]').textContent({ timeout: 30_000 }))!.trim();
    expect(reference).toMatch(/^BZ-\d{4}-\d{6}$/);
    await expect(page.evaluate(() => document.activeElement?.classList.contains('receipt'))).resolves.toBe(true);
    const entry = (await storedComment(dataDir, reference))!;
    expect(entry.unverified).toBe(false);
    // No consent box ticked: the name is not kept.
    expect(entry.submission.name).toBeUndefined();
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('shows the errors in place and moves focus to the summary', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/');
    await page.locator('#comment-governance > summary').click();
    const form = page.locator('#comment-governance form');
    await form.getByLabel('Your comment').fill('x'.repeat(5_001));
    await expect(form.locator('.count-hint').nth(1).textContent()).resolves.toBe('You have 1 characters too many');
    await form.getByRole('button', { name: 'Send comment' }).click();
    await form.locator('.error-summary').waitFor();
    await expect(form.locator('.error-summary a').allTextContents()).resolves.toEqual(expect.arrayContaining(['Comment must be 5,000 characters or fewer', 'Select your stakeholder sector']));
    await expect(page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).resolves.toBe(true);
  });
});

describe('the comment API', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/api/comments`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const valid = { version: 'v0.2', section: 'governance', type: 'general', comment: 'A comment.', sector: 'individual' };

  it('stores a retried POST once and answers with the same reference', async () => {
    const submissionId = crypto.randomUUID();
    const first = await (await post({ ...valid, submissionId })).json();
    const second = await (await post({ ...valid, submissionId })).json();
    expect(second.reference).toBe(first.reference);
    expect(second.duplicate).toBe(true);
  });

  it('rejects a late comment on a closed version with a clear message', async () => {
    const response = await post({ ...valid, version: 'v0.1', submissionId: crypto.randomUUID() });
    expect(response.status).toBe(410);
    expect((await response.json()).error).toMatch(/^The consultation on version v0\.1 closed at/);
  });

  it('refuses a post from another site', async () => {
    const response = await post({ ...valid, submissionId: crypto.randomUUID() }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });

  it('takes comments whose Origin is the public site, not the address the server sees (a TLS proxy)', async () => {
    // Behind a proxy the server sees http://127.0.0.1:… while browsers send the public origin.
    // The build's `site` (CONSULTA_SITE_URL; here the default http://localhost:4321) is trusted.
    const site = 'http://localhost:4321';
    expect(new URL(baseUrl).origin).not.toBe(site);
    const json = await post({ ...valid, submissionId: crypto.randomUUID() }, { origin: site });
    expect(json.status).toBe(202);
    const form = await fetch(`${baseUrl}/comment/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: site, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...valid, comment: 'Posted through the proxy without JavaScript.' }),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toMatch(/^\/comment\/receipt\/\?id=/);
  });

  it('refuses a form posted from another site, before it reaches the page', async () => {
    const response = await fetch(`${baseUrl}/comment/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...valid, comment: 'From a foreign form.' }),
    });
    expect(response.status).toBe(403);
    await expect(response.text()).resolves.toBe('Comments can only be sent from the consultation website.');
  });

  it('never answers 5xx to arbitrary JSON, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ version: fc.jsonValue(), section: fc.jsonValue(), comment: fc.jsonValue(), submissionId: fc.jsonValue() })), async (body) => {
        const response = await post(body);
        await response.arrayBuffer();
        return response.status < 500;
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });

  it('refuses a body over 64 KB without storing it', async () => {
    const response = await post({ ...valid, submissionId: crypto.randomUUID(), comment: 'x'.repeat(1_000_000) });
    expect(response.status).toBe(413);
  });
});
