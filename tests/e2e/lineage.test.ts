/**
 * Comments follow their paragraph: the v0.2 page shows, on each paragraph
 * that comes from a commented v0.1 paragraph, how many comments it had and
 * links to them with their responses; the comparison shows them beside the
 * change. With JavaScript off, as plain links. (accessibility.test.ts runs
 * axe on the earlier-comments page with every other built page.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { FeedbackReport } from '../../src/lib/feedback/schema.ts';
import { openPage, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const report = FeedbackReport.parse(JSON.parse(readFileSync('content/feedback/v0.1.json', 'utf8')));
/** v0.2 anchor → the v0.1 comments whose paragraph went there, certainly. */
const expected = new Map<string, string[]>();
for (const c of report.comments) {
  if (!c.paragraph || !c.next?.certain || (c.next.status !== 'unchanged' && c.next.status !== 'changed')) continue;
  for (const anchor of c.next.to) expected.set(anchor, [...(expected.get(anchor) ?? []), c.reference]);
}

describe('comments that follow their paragraph', () => {
  it('are counted on every v0.2 paragraph that descends from a commented v0.1 paragraph, and on no other', async () => {
    expect(expected.size).toBeGreaterThan(20);
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    const links = await page.locator('a.para-history').evaluateAll((all) => all.map((a) => ({ paragraph: a.closest('[id]')!.id, href: a.getAttribute('href'), text: a.textContent })));
    expect(links.map((l) => l.paragraph).sort()).toEqual([...expected.keys()].sort());
    for (const link of links) {
      const count = expected.get(link.paragraph)!.length;
      const answered = expected.get(link.paragraph)!.filter((ref) => report.comments.find((c) => c.reference === ref)!.response).length;
      expect(link.text).toBe(`${count} ${count === 1 ? 'comment' : 'comments'} on this paragraph in v0.1, ${answered} answered`);
      expect(link.href).toBe(`/strategy/v0.2/earlier-comments/#${link.paragraph}`);
    }
  });

  it('lead to the comments and their responses, paragraph by paragraph, with JavaScript off', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    await page.locator('#governance-p2 a.para-history').click();
    await page.waitForURL(/\/strategy\/v0\.2\/earlier-comments\/#governance-p2$/);
    await expect(page.locator('#governance-p2').evaluate((el) => el.matches(':target'))).resolves.toBe(true);
    for (const [anchor, references] of expected) {
      const listed = await page.locator(`[id="${anchor}"] .earlier-comments > li > p:first-child > a`).allTextContents();
      expect(listed.sort(), anchor).toEqual([...references].sort());
    }
    const first = report.comments.find((c) => c.reference === expected.get('governance-p2')![0])!;
    await expect(page.locator('#governance-p2 .earlier-response').first().textContent()).resolves.toContain(first.response!.text.split('\n')[0]!.slice(0, 40));
  });

  it('are listed beside the change that addressed them on the comparison', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/compare/v0.1...v0.2/');
    const history = page.locator('#governance-p2 ~ .change-history, #governance-p2 ~ .change-extras .change-history, #governance-p2 .change-history').first();
    await expect(history.locator('li > a').allTextContents()).resolves.toEqual(expected.get('governance-p2'));
    await expect(history.locator('li > a').first().getAttribute('href')).resolves.toMatch(/^\/feedback\/v0\.1\/#comment-\d+$/);
  });
});
