import { describe, expect, inject, it } from 'vitest';
import { openPage, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
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
    await expect(insertedRows.locator('td').first().textContent()).resolves.toBe('inserted: Adopt the Government Information Security Baseline');
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

  it('says "no changes" when a version is compared with itself', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/compare/v0.2...v0.2/');
    await expect(page.locator('.compare-summary').textContent()).resolves.toContain('No changes: the two versions are the same.');
  });

  it('answers 404 for a comparison with an unknown version', async () => {
    expect((await fetch(`${baseUrl}/strategy/compare/v0.1...v9.9/`)).status).toBe(404);
  });
});
