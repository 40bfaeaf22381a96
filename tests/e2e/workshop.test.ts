/**
 * The validation workshop's handout in a real browser: it prints (print
 * media, and a PDF through Chromium's print) with the draft, its paragraph
 * numbers in the margin and one card per section on a page of its own; each
 * card's QR code decodes (jsQR, from the code drawn by Chromium) to the
 * online form of that section, in the page's language; the CSV template is
 * served; the events page shows the workshop's agenda and the comments a
 * workshop produced, linked to the report's page for that channel; the
 * Learn page and the forms' link to it.
 */
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { describe, expect, inject, it } from 'vitest';
import { loadFeedbackReport } from '../../src/lib/feedback/report-file.ts';
import { CARD_COLUMNS } from '../../src/lib/workshop/cards.ts';
import { loadVersions, strategyPaths } from '../../src/lib/strategy/load.ts';
import { openPage, useBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const versions = loadVersions(strategyPaths(process.cwd()));

/** The QR code of every card on the page, read as a phone would: drawn to pixels by the browser, decoded by jsQR. */
async function decodeCards(page: Page): Promise<Array<{ section: string; link: string; decoded: string | null }>> {
  const drawn = await page.locator('.comment-card').evaluateAll(async (cards) =>
    Promise.all(
      cards.map(async (card) => {
        const svg = card.querySelector('svg.qr')!;
        const size = 200;
        const image = new Image(size, size);
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, size, size);
        context.drawImage(image, 0, 0, size, size);
        return {
          section: (card as HTMLElement).dataset.cardSection!,
          link: card.querySelector<HTMLAnchorElement>('a[data-form-url]')!.href,
          // As base64: a long array of numbers is slow to hand from the page to the test.
          pixels: btoa(Array.from(context.getImageData(0, 0, size, size).data, (byte) => String.fromCharCode(byte)).join('')),
          size,
        };
      }),
    ),
  );
  return drawn.map(({ section, link, pixels, size }) => ({ section, link, decoded: jsQR(new Uint8ClampedArray(Buffer.from(pixels, 'base64')), size, size)?.data ?? null }));
}

describe('the workshop handout', () => {
  for (const [language, prefix] of [['en', ''], ['es', '/es']] as const) {
    it(`has one card per section whose QR code opens that section's form (${language})`, async () => {
      const { page, foreignRequests } = await openPage(browser(), baseUrl);
      await page.goto(`${prefix}/strategy/v0.2/workshop/`);
      const cards = await decodeCards(page);
      const v02 = versions.find((v) => v.manifest.id === 'v0.2')!;
      expect(cards.map((c) => c.section)).toEqual(v02.sections.map((s) => s.id));
      for (const card of cards) {
        expect(card.decoded).toBe(card.link);
        const url = new URL(card.decoded!);
        expect(url.pathname).toBe(`${prefix}/comment/`);
        expect(Object.fromEntries(url.searchParams)).toEqual({ version: 'v0.2', section: card.section });
      }
      // The form the code opens is there, for that section, in that language (on this server's origin).
      const url = new URL(cards[2]!.decoded!);
      await page.goto(`${url.pathname}${url.search}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      await expect(page.locator('input[name="section"]').inputValue()).resolves.toBe(cards[2]!.section);
      expect(foreignRequests).toEqual([]);
      await page.context().close();
    });
  }

  it('prints the draft with paragraph numbers in the margin, then each card on its own page, without the site chrome', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.1/workshop/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.workshop-tools').isVisible()).resolves.toBe(false);
    // The number stands left of its paragraph's text, in the margin.
    const number = page.locator('#governance-p2 > .para-ref');
    const place = await number.evaluate((ref) => ({ position: getComputedStyle(ref).position, right: ref.getBoundingClientRect().right, text: ref.parentElement!.getBoundingClientRect().left }));
    expect(place.position).toBe('absolute');
    expect(place.right).toBeLessThanOrEqual(place.text);
    await expect(page.locator('.comment-card').count()).resolves.toBe(versions.find((v) => v.manifest.id === 'v0.1')!.sections.length);
    await expect(page.locator('.comment-card').first().evaluate((card) => getComputedStyle(card).breakAfter)).resolves.toBe('page');
    await expect(page.locator('.comment-cards').evaluate((cards) => getComputedStyle(cards).breakBefore)).resolves.toBe('page');
    // Each card asks for section, paragraph, type, sector, organisation and the comment.
    await expect(page.locator('.comment-card').first().locator('.card-label').allTextContents()).resolves.toEqual(['Section', 'Paragraph', 'Type', 'Sector', 'Organisation', 'Comment']);
    const pdf = await page.pdf({ format: 'A4' });
    const document = await getDocumentProxy(new Uint8Array(pdf));
    expect(document.numPages).toBeGreaterThan(await page.locator('.comment-card').count());
    await page.context().close();
  });

  it('shows the comments so far per section from the report, and says when a version has none', async () => {
    const { page } = await openPage(browser(), baseUrl);
    const report = loadFeedbackReport(process.cwd(), 'v0.1')!;
    await page.goto('/es/strategy/v0.1/workshop/');
    const governance = report.comments.filter((c) => c.section === 'governance').length;
    await expect(page.locator('section[data-section="governance"] .discussion').textContent()).resolves.toContain(`${governance} comentarios sobre esta sección`);
    await expect(page.locator('section[data-section="governance"] .discussion a').first().getAttribute('href')).resolves.toBe('#governance-p2');
    await page.goto('/strategy/v0.2/workshop/');
    await expect(page.locator('.workshop-report').textContent()).resolves.toMatch(/No feedback report on v0\.2 has been published yet/);
    await expect(page.locator('.discussion').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('links the CSV template of the cards, whose columns the importer reads', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/es/strategy/v0.2/workshop/');
    const href = (await page.locator('a[download][href$=".csv"]').getAttribute('href'))!;
    const response = await fetch(`${baseUrl}${href}`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await response.text()).replace(/^\uFEFF/, '').trim()).toBe(CARD_COLUMNS.join(','));
    await page.context().close();
  });
});

describe('the events page', () => {
  it('shows the workshop agenda in the reader’s language, then the comments a workshop produced, linked to them in the report', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/es/events/');
    const validation = page.locator('section#validation-workshop');
    await expect(validation.locator('table.agenda tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(validation.locator('table.agenda').textContent()).resolves.toContain('Palabras de apertura');
    await expect(validation.locator('.event-comments').textContent()).resolves.toMatch(/cuando se publique/);
    const workshop = loadFeedbackReport(process.cwd(), 'v0.1')!.comments.filter((c) => c.channel === 'workshop');
    expect(workshop.length).toBeGreaterThan(0);
    const link = page.locator('section#first-draft-consultation-workshop .event-comments a');
    await expect(link.textContent()).resolves.toContain(`El taller produjo ${workshop.length} comentarios`);
    await link.click();
    await page.waitForURL('**/es/feedback/v0.1/channel/workshop/');
    await expect(page.locator('table.matrix tbody > tr').count()).resolves.toBe(workshop.length);
  });
});

describe('the Learn page', () => {
  it('explains the strategy, quotes useful and weak comments from the report, and lists the modules with their materials and events', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    await page.locator('#comment-governance > summary').click();
    // The guide opens in a new tab, so what the reader has typed stays in the form.
    const guide = page.locator('#comment-governance').getByRole('link', { name: /How to write a useful comment/ });
    await expect(guide.getAttribute('target')).resolves.toBe('_blank');
    await page.goto((await guide.getAttribute('href'))!);
    await expect(page.locator('#useful-comment').count()).resolves.toBe(1);
    await expect(page.locator('.example-useful').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.example-weak').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.example-useful').first().locator('a').last().getAttribute('href')).resolves.toMatch(/^\/feedback\/v0\.1\/#comment-\d+$/);
    const materials = await page.locator('.materials li').allTextContents();
    expect(materials.length).toBeGreaterThan(3);
    for (const text of materials) expect(text).toMatch(/\((Markdown|PDF|CSV|Text), [\d.]+ kB, (English|Spanish)\)/);
    await expect(page.locator('#module-writing-a-useful-comment').textContent()).resolves.toContain('Where it was delivered');
  });
});
