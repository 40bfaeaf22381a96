/**
 * The glossary marks in a real browser, before any page uses them: the v0.2
 * sections rendered and marked as a reading page will do, with the site's
 * stylesheets, loaded from a file with JavaScript off. The definitions must
 * open by keyboard and by touch, close with Escape, be announced through
 * aria-describedby, and leave axe with nothing to report.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { toHtml } from 'hast-util-to-html';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGlossary } from '../../src/lib/glossary/load.ts';
import { glossaryMarker } from '../../src/lib/glossary/mark.ts';
import { translatedSection } from '../../src/lib/strategy/catalog.ts';
import { loadVersions, strategyPaths } from '../../src/lib/strategy/load.ts';
import { renderSection } from '../../src/lib/strategy/render-section.ts';
import { useBrowser } from './browser.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const browser = useBrowser();
const dir = mkdtempSync(join(tmpdir(), 'consulta-glossary-page-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The v0.2 page in one language, as a file: translated sections in Spanish on the Spanish page, the rest in English with lang="en". */
function page(language: 'en' | 'es'): string {
  const terms = loadGlossary(process.cwd());
  const version = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;
  const marker = glossaryMarker(terms, { language, entryHref: (slug) => `${language === 'es' ? '/es' : ''}/glossary/#${slug}` });
  const sections = version.sections.map((english) => {
    const spanish = language === 'es' ? translatedSection(version, 'es', english.id) : undefined;
    const shown = spanish ?? english;
    const textLanguage = language === 'es' && !spanish ? 'en' : language;
    const rendered = renderSection(shown.id, shown.body, shown.file, { titleLevel: 2 });
    marker.mark(rendered.hast, textLanguage);
    return `<section id="${shown.id}"${textLanguage === language ? '' : ` lang="${textLanguage}"`}><h2>${shown.title}</h2>${toHtml(rendered.hast)}</section>`;
  });
  const css = ['src/styles/global.css', 'src/styles/glossary.css'].map((file) => readFileSync(file, 'utf8')).join('\n');
  const path = join(dir, `v0.2.${language}.html`);
  writeFileSync(path, `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>v0.2</title><style>${css}</style></head><body><main><h1>v0.2</h1>${sections.join('\n')}</main></body></html>`);
  return `file://${path}`;
}

describe.each(['en', 'es'] as const)('glossary definitions on the %s reading page', (language) => {
  const url = page(language);

  it('leave axe with no WCAG 2.2 AA violation', async () => {
    const context = await browser().newContext();
    const tab = await context.newPage();
    await tab.goto(url);
    const results = await new AxeBuilder({ page: tab }).withTags(WCAG_TAGS).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    await context.close();
  });

  it('open by keyboard and by touch, and close with Escape, with JavaScript off', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, hasTouch: true });
    const tab = await context.newPage();
    await tab.goto(url);
    const term = tab.locator('button[popovertarget]').first();
    const definition = tab.locator(`[id="${await term.getAttribute('popovertarget')}"]`);
    const open = () => definition.evaluate((e) => e.matches(':popover-open'));
    expect(await open()).toBe(false);
    await term.focus();
    await tab.keyboard.press('Enter');
    expect(await open()).toBe(true);
    expect(await definition.locator('a').getAttribute('href')).toMatch(/\/glossary\/#[a-z-]+$/);
    await tab.keyboard.press('Escape');
    expect(await open()).toBe(false);
    expect(await tab.evaluate(() => document.activeElement?.getAttribute('popovertarget'))).toBe(await term.getAttribute('popovertarget'));
    await term.tap();
    expect(await open()).toBe(true);
    await context.close();
  });

  it('give each marked term a description a screen reader reads on focus', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(url);
    const descriptions = await tab.locator('button[popovertarget]').evaluateAll((buttons) =>
      buttons.map((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent ?? ''),
    );
    expect(descriptions.length).toBeGreaterThan(30);
    expect(descriptions.every((d) => /^.+: .{20,}/.test(d))).toBe(true);
    // Each definition opens with its term, the name of the link to its entry: a link name no other entry's link shares.
    const headwords = await tab.locator('[popover]').evaluateAll((popovers) => popovers.map((p) => [p.textContent ?? '', p.querySelector('a')?.textContent ?? '']));
    expect(headwords.every(([text, link]) => link!.length > 1 && text!.startsWith(link!))).toBe(true);
    expect(new Set(headwords.map(([, link]) => link)).size).toBe(headwords.length);
    await context.close();
  });
});
