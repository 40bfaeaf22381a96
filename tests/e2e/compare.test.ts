import { describe, expect, inject, it } from 'vitest';
import { openPage, useBrowser } from './browser.ts';
import { storedComment } from './server.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const browser = useBrowser();

describe('comparing versions', () => {
  it('goes from a version page to the redline against the previous version', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    await page.getByRole('link', { name: 'What changed since v0.1' }).click();
    await page.waitForURL(/\/strategy\/compare\/v0\.1\.\.\.v0\.2\/$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Changes from v0.1 to v0.2');
  });

  it('recognises the re-titled, added and moved sections in the summary', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/compare/v0.1...v0.2/');
    const rows = await page.locator('.compare-summary tbody tr').allTextContents();
    expect(rows.find((r) => r.startsWith('Cybercrime and electronic evidence'))).toMatch(/Re-titled \(was "Cybercrime legislation"\)/);
    expect(rows.find((r) => r.startsWith('Securing government systems and data'))).toMatch(/Section added/);
    expect(rows.find((r) => r.startsWith('International cooperation'))).toMatch(/Moved to a new position/);
    await expect(page.locator('.compare-summary').textContent()).resolves.toMatch(/1 added, 0 removed, 1 re-titled, 1 moved/);
    // The section added as 4 renumbers the ones after it: said once, not as a change to each.
    await expect(page.locator('.compare-summary .renumbered').textContent()).resolves.toBe(
      'Sections renumbered by what was inserted, removed or moved before them: 4–5 are now 5–6; 6 is now 8; 8 is now 9.',
    );
  });

  it('marks inserted and deleted words with hidden text a screen reader reads', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/compare/v0.1...v0.2/');
    const ins = page.locator('#change-governance ~ .redline ins').first();
    await expect(ins.locator('.visually-hidden').first().textContent()).resolves.toBe('inserted: ');
    await expect(ins.evaluate((el) => getComputedStyle(el).textDecorationLine)).resolves.toBe('underline');
    const del = page.locator('.redline del').first();
    await expect(del.evaluate((el) => getComputedStyle(el).textDecorationLine)).resolves.toBe('line-through');
  });

  it('shows the row added to the implementation table, not the whole table replaced', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/compare/v0.1...v0.2/');
    const table = page.locator('table#implementation-p4');
    await expect(table.getAttribute('class')).resolves.toBe('redline-changed');
    const insertedRows = table.locator('tr', { has: page.locator('ins') });
    await expect(insertedRows.count()).resolves.toBe(1);
    // The row is one change: its number opens the first cell, before the inserted words.
    await expect(insertedRows.locator('td').first().locator('.change-ref').textContent()).resolves.toBe('Change 9.1');
    await expect(insertedRows.locator('td').first().locator('ins').textContent()).resolves.toBe('inserted: Adopt the Government Information Security Baseline');
    await expect(table.locator('del').count()).resolves.toBe(0);
    await expect(table.locator('tbody tr').count()).resolves.toBe(9);
  });

  it('switches between redline, clean text and side by side without JavaScript', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/compare/v0.1...v0.2/');
    await page.getByRole('link', { name: 'Clean new text' }).click();
    await page.waitForURL(/\/clean\/$/);
    await expect(page.locator('.compare-section del').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Side by side' }).click();
    await page.waitForURL(/\/side-by-side\/$/);
    await expect(page.locator('table.side-by-side').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('table.side-by-side thead').first().textContent()).resolves.toMatch(/In v0\.1\s*In v0\.2/);
  });

  it('shows changes only: each changed paragraph with its neighbours, the rest a link into the full redline', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/compare/v0.1...v0.2/');
    await page.getByRole('link', { name: 'Changes only' }).click();
    await page.waitForURL(/\/changes\/$/);
    const governance = page.locator('section[aria-labelledby="change-governance"]');
    // The changed paragraph is there, its unchanged neighbour too, and the paragraphs far from any change are not.
    await expect(governance.locator('#governance-p2.redline-changed').count()).resolves.toBe(1);
    await expect(governance.locator('#governance-p3').count()).resolves.toBe(1);
    await expect(governance.locator('#governance-p1').count()).resolves.toBe(0);
    const fullRedline = page.locator('section[aria-labelledby="change-vision-and-principles"] .redline-collapsed a').first();
    await expect(fullRedline.textContent()).resolves.toBe('13 unchanged paragraphs left out: show them in the full redline');
    await fullRedline.click();
    await page.waitForURL(/\/compare\/v0\.1\.\.\.v0\.2\/#vision-and-principles-p1$/);
    await expect(page.locator('#vision-and-principles-p1').count()).resolves.toBe(1);
  });

  it('numbers each change within its section and gives it an anchor, the same in the redline and changes only', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    for (const path of ['/strategy/compare/v0.1...v0.2/', '/strategy/compare/v0.1...v0.2/changes/']) {
      await page.goto(`${path}#change-governance-1`);
      const change = page.locator('#change-governance-1');
      await expect(change.locator('.change-ref').textContent()).resolves.toBe('Change 2.1');
      await expect(change.locator('.change-ref').getAttribute('href')).resolves.toBe('#change-governance-1');
      await expect(change.locator('ins, del').count()).resolves.toBeGreaterThan(0);
      // Governance is the second section of v0.2, as on its reading page.
      await expect(page.locator('#change-governance .section-number').textContent()).resolves.toBe('2.');
    }
    const numbers = await page.locator('section[aria-labelledby="change-governance"] .change-ref').allTextContents();
    expect(numbers).toEqual(numbers.map((_, k) => `Change 2.${k + 1}`));
  });

  it('offers "Comment on this change" during the consultation, which opens the comment form filled in without JavaScript', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/compare/v0.1...v0.2/changes/');
    const link = page.getByRole('link', { name: 'Comment on this change 1.1' });
    await link.click();
    await page.waitForURL(/\/comment\/\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      version: 'v0.2',
      section: 'vision-and-principles',
      paragraph: 'p14',
      change: 'change-vision-and-principles-1',
      quote: '— → “It revises the first public draft of September 2026 in the light of the comments received on it, which are summarised in the feedback report.”',
    });
    await expect(page.locator('h1').textContent()).resolves.toContain('Vision and guiding principles');
    await expect(page.locator('select[name="paragraph"]').inputValue()).resolves.toBe('p14');
    await expect(page.locator('textarea[name="quote"]').inputValue()).resolves.toBe(url.searchParams.get('quote'));
    // Sent, the comment is on that change, not only on its paragraph.
    await expect(page.locator('input[type="hidden"][name="change"]').inputValue()).resolves.toBe('change-vision-and-principles-1');
    await page.getByLabel('Editorial').check();
    await page.getByLabel('Your comment').fill('Say which comments this revision answered, not only that there were some.');
    await page.getByLabel('Academia').check();
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.waitForURL(/\/comment\/receipt\/\?id=/);
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    expect((await storedComment(dataDir, reference))!.submission).toMatchObject({ version: 'v0.2', section: 'vision-and-principles', paragraph: 'p14', change: 'change-vision-and-principles-1' });
  });

  it('refuses a comment whose change is not of its section, and says so in the error summary', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    // A link altered by hand: governance's change on the vision section's form.
    await page.goto('/comment/?version=v0.2&section=vision-and-principles&paragraph=p14&change=change-governance-1');
    await page.getByLabel('Editorial').check();
    await page.getByLabel('Your comment').fill('Sent from an altered link.');
    await page.getByLabel('Academia').check();
    await page.getByRole('button', { name: 'Send comment' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.error-summary a').allTextContents()).resolves.toEqual(['Reload the page and send your comment again']);
  });

  it('offers comment links on changes only against the previous version of a version open for comment', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/compare/v0.2...draft/');
    await expect(page.locator('.change-actions').count()).resolves.toBe(0);
    await page.goto('/strategy/compare/v0.2...v0.2/changes/');
    await expect(page.locator('.change-actions').count()).resolves.toBe(0);
    await page.goto('/strategy/compare/v0.1...v0.2/side-by-side/');
    await expect(page.locator('.row-actions a').first().textContent()).resolves.toMatch(/^Comment on this change \d+\.\d+$/);
  });

  it('says "no changes" when a version is compared with itself', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/compare/v0.2...v0.2/');
    await expect(page.locator('.compare-summary').textContent()).resolves.toContain('No changes: the two versions are the same.');
  });

  it('answers 404 for a comparison with an unknown version', async () => {
    expect((await fetch(`${baseUrl}/strategy/compare/v0.1...v9.9/`)).status).toBe(404);
  });
});
