import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { builtPagePaths, openPage, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = useBrowser();

describe('accessibility', () => {
  // Both trees: the English pages and their Spanish twins under /es/.
  const paths = builtPagePaths();

  it('finds the pages to check, in both languages', async () => {
    const pages = ['/', '/strategy/v0.1/', '/strategy/v0.2/', '/strategy/draft/', '/taskforce/', '/search/', '/privacy/', '/strategy/compare/v0.1...v0.2/changes/', '/glossary/', '/learn/', '/strategy/v0.2/bilingual/', '/strategy/v0.2/workshop/', '/feedback/v0.1/channel/workshop/', '/strategy/v0.2/earlier-comments/'];
    expect(paths).toEqual(expect.arrayContaining([...pages, ...pages.map((p) => `/es${p}`)]));
  });

  // One tab for every page: a context per page would add a second to each of well over a hundred pages.
  let tab: Awaited<ReturnType<typeof openPage>> | undefined;
  afterAll(async () => tab?.page.context().close());

  for (const path of paths) {
    it(`axe finds no WCAG 2.2 AA violation on ${path}`, async () => {
      tab ??= await openPage(browser(), baseUrl);
      const { page, foreignRequests } = tab;
      foreignRequests.length = 0;
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(summary).toEqual([]);
      expect(foreignRequests).toEqual([]);
    });
  }

  /** axe on the page as it is now, WCAG 2.2 AA: the list of violations, empty when clean. */
  const violations = async (page: Page) =>
    (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);

  for (const path of ['/strategy/v0.2/', '/es/strategy/v0.2/']) {
    it(`axe finds no violation in the comment forms, opened, on ${path}`, async () => {
      const { page } = await openPage(browser(), baseUrl);
      await page.goto(path);
      await page.evaluate(() => document.querySelectorAll('details.comment-panel').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      expect(await violations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('axe finds no violation in the feedback report with every group of near-identical comments opened', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/feedback/v0.1/');
    await expect(page.locator('details.group-members').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.suspicious-flags').count()).resolves.toBe(1);
    await page.evaluate(() => document.querySelectorAll('details.group-members').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('axe finds no violation on the server-rendered comment page, its error state and the receipt', async () => {
    // axe needs JavaScript in the page, so the no-JavaScript path is taken with form.submit(),
    // which posts natively and skips the in-place enhancement.
    const { page } = await openPage(browser(), baseUrl);
    const postNatively = () => Promise.all([page.waitForNavigation(), page.locator('form[data-comment-form]').evaluate((form) => (form as HTMLFormElement).submit())]);
    await page.goto('/comment/?version=v0.2&section=governance&paragraph=p3');
    expect(await violations(page)).toEqual([]);
    await postNatively();
    await expect(page.locator('.error-summary').count()).resolves.toBe(1);
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('General', { exact: true }).check();
    await page.getByLabel('Your comment').fill('An accessible comment.');
    await page.getByLabel('Individual').check();
    await postNatively();
    expect(page.url()).toMatch(/\/comment\/receipt\//);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('axe finds no violation on the Spanish comment page, its error state and the receipt', async () => {
    const { page } = await openPage(browser(), baseUrl);
    const postNatively = () => Promise.all([page.waitForNavigation(), page.locator('form[data-comment-form]').evaluate((form) => (form as HTMLFormElement).submit())]);
    await page.goto('/es/comment/?version=v0.2&section=incident-response&paragraph=p2');
    expect(await violations(page)).toEqual([]);
    await postNatively();
    await expect(page.locator('.error-summary').count()).resolves.toBe(1);
    expect(await violations(page)).toEqual([]);
    await page.getByLabel('General', { exact: true }).check();
    await page.getByLabel('Su comentario').fill('Un comentario accesible.');
    await page.getByLabel('Persona particular').check();
    await postNatively();
    expect(page.url()).toMatch(/\/es\/comment\/receipt\//);
    expect(await violations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/es\/comment\/status\//), page.locator('[data-status-link]').click()]);
    expect(await violations(page)).toEqual([]);
    await page.goto('/es/comment/status/?ref=BZ-2026-999999');
    expect(await violations(page)).toEqual([]);
    await page.goto('/es/search/results/?q=consejo&version=v0.2');
    await expect(page.locator('.search-results li').count()).resolves.toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.goto('/es/no-such-page/');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('axe finds no violation on the server-rendered search results', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/search/results/?q=incident&version=v0.2');
    await expect(page.locator('.search-results li').count()).resolves.toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.goto('/search/results/?q=zebra+quantum');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it('offers a skip link as the first stop for the keyboard, which moves focus to the main content', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content');
    await expect(page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).resolves.not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('shows a visible focus indicator on paragraph links', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/');
    await page.locator('#governance-p1 .para-ref').focus();
    const style = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { outline: s.outlineStyle, shadow: s.boxShadow };
    });
    expect(style.outline).toBe('solid');
    expect(style.shadow).not.toBe('none');
  });
});
