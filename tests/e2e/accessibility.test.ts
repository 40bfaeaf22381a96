import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { builtPagePaths, openPage, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = useBrowser();

describe('accessibility', () => {
  const paths = builtPagePaths();

  it('finds the pages to check', () => {
    expect(paths).toEqual(expect.arrayContaining(['/', '/strategy/v0.1/', '/strategy/v0.2/', '/strategy/draft/', '/taskforce/', '/search/', '/privacy/']));
  });

  for (const path of paths) {
    it(`axe finds no WCAG 2.2 AA violation on ${path}`, async () => {
      const { page, foreignRequests } = await openPage(browser(), baseUrl);
      await page.goto(path);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(summary).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.context().close();
    });
  }

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
