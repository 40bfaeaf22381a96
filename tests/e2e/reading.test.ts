import { describe, expect, inject, it } from 'vitest';
import { openPage, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('a reader', () => {
  it('sees on the home page what is consulted, the current version, that it is open and the deadline with its time zone', async () => {
    const { page, foreignRequests, errors } = await openPage(browser(), baseUrl);
    await page.goto('/');
    await expect(page.locator('h1').textContent()).resolves.toContain('National Cyber Security Strategy');
    const banner = page.locator('.current-version .status-banner');
    await expect(banner.textContent()).resolves.toContain('Open for comment');
    await expect(banner.textContent()).resolves.toMatch(/closes at \d{2}:\d{2}, \d{1,2} \w+ \d{4}, Belize time \(UTC-6\)/);
    await expect(page.locator('a', { hasText: 'How to take part' }).count()).resolves.toBeGreaterThan(0);
    expect(foreignRequests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('follows the table of contents to a section anchor', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/');
    await page.getByRole('link', { name: /Read Revised draft/ }).click();
    await page.waitForURL(/\/strategy\/v0\.2\/$/);
    const toc = page.getByRole('navigation', { name: 'Contents' });
    await toc.getByRole('link', { name: 'Incident response and the national CSIRT' }).click();
    expect(page.url()).toMatch(/#incident-response$/);
    await expect(page.locator('#incident-response').isVisible()).resolves.toBe(true);
  });

  it('uses a paragraph link, which targets that paragraph with JavaScript off', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    const link = page.locator('#governance-p3 > a.para-ref');
    await expect(link.textContent()).resolves.toBe('Paragraph 3');
    await link.click();
    expect(new URL(page.url()).hash).toBe('#governance-p3');
    await expect(page.locator('#governance-p3').evaluate((el) => el.matches(':target'))).resolves.toBe(true);
  });

  it('switches version and lands on the same section', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/#cybercrime-legislation');
    const footer = page.locator('section[data-section="cybercrime-legislation"] .section-footer');
    await footer.getByRole('link', { name: 'v0.1' }).click();
    await page.waitForURL(/\/strategy\/v0\.1\/#cybercrime-legislation$/);
    await expect(page.locator('h2#cybercrime-legislation').textContent()).resolves.toContain('Cybercrime legislation');
    await expect(page.locator('.status-banner').first().textContent()).resolves.toContain('Consultation closed');
  });

  it('keeps the section being read when switching version from the list at the top', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/');
    await page.locator('h2#incident-response').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(200);
    // Back up to the list at the top, as a reader would, and switch.
    await page.locator('.version-switcher').getByRole('link', { name: /^v0\.1:/ }).click();
    await page.waitForURL(/\/strategy\/v0\.1\/#incident-response$/);
  });

  it('says a section added later appears only in the version that has it', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.1/');
    await expect(page.locator('#public-sector-security').count()).resolves.toBe(0);
    await page.goto('/strategy/v0.2/');
    await expect(page.locator('section[data-section="public-sector-security"] .section-footer').textContent()).resolves.toContain('draft');
  });

  it('searches all versions and filters by version', async () => {
    const { page, errors } = await openPage(browser(), baseUrl);
    await page.goto('/search/?q=CSIRT');
    const results = page.locator('pagefind-results a');
    await results.first().waitFor({ timeout: 15_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(hrefs.some((h) => h?.startsWith('/strategy/v0.1/'))).toBe(true);
    expect(hrefs.some((h) => h?.startsWith('/strategy/v0.2/'))).toBe(true);
    expect(hrefs.some((h) => h?.startsWith('/strategy/draft/'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('searches without JavaScript through the server, by version, and lands on the paragraph', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/search/');
    await page.getByLabel('Words to search for').fill('national CSIRT');
    await page.getByLabel('Version').selectOption('v0.1');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\/results\/\?q=national\+CSIRT&version=v0\.1$/);
    await expect(page.title()).resolves.toMatch(/^Search results for “national CSIRT”/);
    const links = page.locator('.search-results a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/strategy\/v0\.1\/#[a-z-]+-p\d+$/);
    await expect(page.locator('.search-count').textContent()).resolves.toMatch(/^(1 paragraph|\d+ paragraphs) found\.$/);
    const first = hrefs[0]!;
    await links.first().click();
    await page.waitForURL((url) => url.pathname + url.hash === first);
    await expect(page.locator(first.slice(first.indexOf('#'))).textContent()).resolves.toMatch(/national/i);
  });

  it('says so when no paragraph has all the words', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/search/results/?q=zebra+crossing+quantum');
    await expect(page.locator('.search-count').textContent()).resolves.toMatch(/^No paragraph contains all of these words/);
    await expect(page.locator('.search-results').count()).resolves.toBe(0);
  });

  it('prints without navigation chrome, keeping section numbers and paragraph references', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.version-switcher').isVisible()).resolves.toBe(false);
    await expect(page.locator('.section-number').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('#governance-p1 .para-ref').isVisible()).resolves.toBe(true);
  });

  it('reads the task force grouped by sector, the meetings and a meeting summary', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/taskforce/');
    await expect(page.locator('h2').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^Government \(\d+\)$/), expect.stringMatching(/^Academia \(\d+\)$/)]));
    await page.goto('/meetings/');
    const first = page.locator('.listing a').first();
    const title = await first.textContent();
    await first.click();
    await expect(page.locator('h1').textContent()).resolves.toBe(title);
    await expect(page.getByRole('heading', { name: 'Agenda' }).count()).resolves.toBe(1);
  });

  it('serves a 404 page for an unknown version', async () => {
    const response = await fetch(`${baseUrl}/strategy/v9.9/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Page not found');
  });
});
