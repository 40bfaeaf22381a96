/**
 * English and Spanish in a real browser, on the built site: every page in
 * both trees, each saying its language and pointing at its twin; switching
 * language keeps the reader's place (with JavaScript the fragment or the
 * section being read, without it the page); the Spanish v0.2 page shows its
 * translated sections and labels the rest; glossary terms open in place with
 * JavaScript off on the real pages; Spanish comments post to /es/comment/,
 * are answered in Spanish and recorded as Spanish; Pagefind finds Spanish
 * text on /es/search/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { translatedSection } from '../../src/lib/strategy/catalog.ts';
import { loadVersions, strategyPaths } from '../../src/lib/strategy/load.ts';
import { builtPagePaths, openPage, useBrowser } from './browser.ts';
import { storedComment } from './server.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const browser = useBrowser();
const paths = builtPagePaths();
const v02 = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;
const html = (path: string) => readFileSync(join('dist/client', path, 'index.html'), 'utf8');

describe('every page in both languages', () => {
  const english = paths.filter((p) => !p.startsWith('/es/'));
  const spanish = paths.filter((p) => p.startsWith('/es/'));

  it('builds the same pages under / and /es/', async () => {
    expect(english.length).toBeGreaterThan(50);
    expect(spanish.map((p) => p.slice(3))).toEqual(english);
    expect(english).toEqual(expect.arrayContaining(['/', '/glossary/', '/learn/', '/strategy/v0.2/bilingual/', '/strategy/v0.2/workshop/', '/feedback/v0.1/channel/workshop/', '/strategy/compare/v0.1...v0.2/side-by-side/', '/privacy/']));
  });

  it('gives every built page its language, alternates for both languages and x-default, and a switcher to its twin', async () => {
    for (const path of paths) {
      const page = html(path);
      const language = path.startsWith('/es/') ? 'es' : 'en';
      const twin = language === 'es' ? path.slice(3) : `/es${path}`;
      const en = language === 'en' ? path : twin;
      const es = language === 'es' ? path : twin;
      expect(page, path).toContain(`<html lang="${language}">`);
      expect(page, path).toMatch(new RegExp(`<link rel="alternate" hreflang="en" href="https?://[^"]+${escape(en)}">`));
      expect(page, path).toMatch(new RegExp(`<link rel="alternate" hreflang="es" href="https?://[^"]+${escape(es)}">`));
      expect(page, path).toMatch(new RegExp(`<link rel="alternate" hreflang="x-default" href="https?://[^"]+${escape(en)}">`));
      expect(page, path).toContain(`<a href="${twin}" hreflang="${language === 'en' ? 'es' : 'en'}"`);
    }
  });

  it('serves the pages rendered on demand in Spanish too, with the Spanish 404 for a Spanish address', async () => {
    const get = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`);
      return { status: response.status, text: await response.text() };
    };
    const form = await get('/es/comment/?version=v0.2&section=governance');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<html lang="es">');
    expect(form.text).toContain('action="/es/comment/"');
    expect(form.text).toMatch(/hreflang="en" href="https?:\/\/[^"]+\/comment\/\?version=v0\.2&amp;section=governance"/);
    const results = await get('/es/search/results/?q=consejo');
    expect(results.status).toBe(200);
    expect(results.text).toContain('<html lang="es">');
    const receipt = await get('/es/comment/receipt/?id=00000000-0000-4000-8000-000000000000');
    expect(receipt.status).toBe(404);
    expect(receipt.text).toContain('No tenemos ningún comentario con esa referencia');
    const status = await get('/es/comment/status/?ref=BZ-2026-999999');
    expect(status.status).toBe(404);
    expect(status.text).toContain('<html lang="es">');
    expect(status.text).toContain('No tenemos ningún comentario con la referencia «BZ-2026-999999»');
    expect(status.text).toContain('action="/es/comment/status/"');
    const missing = await get('/es/no-such-page/');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<html lang="es">');
    expect((await get('/no-such-page/')).text).toContain('<html lang="en">');
  });
});

describe('switching language', () => {
  it('keeps the paragraph in the address, with JavaScript', async () => {
    const { page, errors } = await openPage(browser(), baseUrl);
    await page.goto('/strategy/v0.2/#governance-p3');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL('**/es/strategy/v0.2/#governance-p3');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.locator('#governance-p3').isVisible()).resolves.toBe(true);
    // And back, by keyboard.
    await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/strategy/v0.2/' && url.hash === '#governance-p3');
    expect(errors).toEqual([]);
  });

  it('keeps the section being read when the address has no fragment, after the reader goes back up to the switcher', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/es/strategy/v0.2/');
    await page.evaluate(() => window.scrollTo(0, document.getElementById('incident-response')!.getBoundingClientRect().top + window.scrollY - 100));
    // The section counts as read once a frame has seen it scrolled to.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    // Back up to the switcher at the top (the click scrolls it into view), and switch.
    await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL((url) => url.pathname === '/strategy/v0.2/' && url.hash === '#incident-response');
  });

  it('keeps the page, without JavaScript', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/feedback/v0.1/#matrix-governance');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL((url) => url.pathname === '/es/feedback/v0.1/');
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Lo que escuchamos sobre la versión v0\.1/);
  });
});

describe('the Spanish version page', () => {
  it('shows the translated sections in Spanish, labelled with a link to the English, and the others in English, said so', async () => {
    const { page } = await openPage(browser(), baseUrl);
    await page.goto('/es/strategy/v0.2/');
    const translated = v02.sections.filter((s) => translatedSection(v02, 'es', s.id));
    expect(translated.length).toBeGreaterThanOrEqual(3);
    for (const section of v02.sections) {
      const spanish = translatedSection(v02, 'es', section.id);
      const box = page.locator(`section[data-section="${section.id}"]`);
      const body = box.locator('.section-body');
      const note = box.locator('.translation-note');
      if (spanish) {
        await expect(body.getAttribute('lang')).resolves.toBeNull();
        await expect(box.locator('h2').textContent()).resolves.toContain(spanish.title);
        await expect(note.textContent()).resolves.toMatch(/No hace fe: el texto que hace fe es el inglés/);
        await expect(note.locator('a').getAttribute('href')).resolves.toBe(`/strategy/v0.2/#${section.id}`);
        await expect(note.locator('a').getAttribute('hreflang')).resolves.toBe('en');
      } else {
        await expect(body.getAttribute('lang')).resolves.toBe('en');
        await expect(box.locator('h2 [lang="en"]').textContent()).resolves.toBe(section.title);
        await expect(note.textContent()).resolves.toBe('Esta sección aún no está traducida: se muestra en inglés, el texto que hace fe.');
      }
      await expect(box.locator('.section-meta').textContent()).resolves.toMatch(/^Tiempo de lectura: unos \d+ min$/);
    }
    // Same paragraph anchors as the English page, links in the text to Spanish pages, dates and zone in Spanish.
    await expect(page.locator('#governance-p3').count()).resolves.toBe(1);
    const internal = await page.locator('.section-body a[href^="/"]:not(.para-ref):not(.comment-action)').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of internal) expect(href).toMatch(/^\/es\//);
    await expect(page.locator('.status-banner').textContent()).resolves.toMatch(/de \w+ de 20\d\d, hora de Belice \(UTC-6\)/);
  });

  it('shows English and Spanish side by side, paragraph by paragraph, without JavaScript', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/es/strategy/v0.2/bilingual/#governance-p3');
    const row = page.locator('tr#governance-p3');
    await expect(row.locator('td').count()).resolves.toBe(2);
    await expect(row.locator('td').first().getAttribute('lang')).resolves.toBe('en');
    await expect(row.locator('td').last().getAttribute('lang')).resolves.toBeNull();
    const spanish = translatedSection(v02, 'es', 'governance')!;
    await expect(page.locator('table.bilingual').first().locator('tbody tr').count()).resolves.toBeGreaterThan(5);
    await expect(page.locator('section[data-section="governance"] h2').textContent()).resolves.toContain(spanish.title);
    await expect(page.locator('section[data-section="incident-response"] .untranslated a').getAttribute('href')).resolves.toBe('/strategy/v0.2/#incident-response');
  });
});

describe('the glossary on the real reading pages, with JavaScript off', () => {
  for (const [language, path, glossary] of [['en', '/strategy/v0.2/', '/glossary/'], ['es', '/es/strategy/v0.2/', '/es/glossary/']] as const) {
    it(`defines a term in place by keyboard and links to its entry (${language})`, async () => {
      const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
      await page.goto(path);
      const term = page.locator('.section-body button[popovertarget]').first();
      const id = (await term.getAttribute('popovertarget'))!;
      const definition = page.locator(`[id="${id}"]`);
      await term.focus();
      await page.keyboard.press('Enter');
      await expect(definition.evaluate((e) => e.matches(':popover-open'))).resolves.toBe(true);
      const href = (await definition.locator('a').getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`^${glossary}#[a-z0-9-]+$`));
      await page.keyboard.press('Escape');
      await page.goto(href);
      await expect(page.locator(`[id="${href.split('#')[1]}"] dd`).textContent()).resolves.toMatch(/.{60,}/);
    });
  }

  it('never marks terms on a comparison page', async () => {
    expect(html('/es/strategy/compare/v0.1...v0.2/')).not.toContain('popovertarget');
    expect(html('/strategy/compare/v0.1...v0.2/side-by-side/')).not.toContain('popovertarget');
  });
});

describe('commenting in Spanish', () => {
  it('posts the Spanish form without JavaScript to /es/comment/, answers in Spanish, and records the comment as Spanish', async () => {
    const { page } = await openPage(browser(), baseUrl, { javaScriptEnabled: false });
    await page.goto('/es/comment/?version=v0.2&section=governance&paragraph=p3');
    await expect(page.locator('form[data-comment-form]').getAttribute('action')).resolves.toBe('/es/comment/');
    await expect(page.getByRole('radio', { name: 'Español' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /Cómo escribir un comentario útil/ }).getAttribute('href')).resolves.toBe('/es/learn/#useful-comment');
    await page.getByLabel('Avísenme por correo cuando respondan a mi comentario').check();
    await page.getByRole('button', { name: 'Enviar comentario' }).click();
    await expect(page.locator('.error-summary a').allTextContents()).resolves.toEqual([
      'Elija el tipo de comentario',
      'Escriba su comentario',
      'Elija su sector',
      'Escriba su dirección de correo, o desmarque «Avísenme por correo cuando respondan a mi comentario»',
    ]);
    await expect(page.getByLabel('Avísenme por correo cuando respondan a mi comentario').isChecked()).resolves.toBe(true);
    await page.getByLabel('General', { exact: true }).check();
    await page.getByLabel('Su comentario').fill('El Consejo debería poder reunirse de urgencia durante un incidente.');
    await page.getByLabel('Sociedad civil').check();
    await page.getByLabel('Su dirección de correo electrónico').fill('lucia@example.org');
    await page.getByRole('button', { name: 'Enviar comentario' }).click();
    await page.waitForURL(/\/es\/comment\/receipt\/\?id=/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Comentario recibido');
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    expect((await storedComment(dataDir, reference))!.submission).toMatchObject({ section: 'governance', paragraph: 'p3', language: 'es' });
    // The receipt links to what became of it, in Spanish.
    await page.getByRole('link', { name: 'Qué pasó con mi comentario' }).click();
    await page.waitForURL(/\/es\/comment\/status\/\?ref=/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.locator('.comment-status h2').textContent()).resolves.toBe(`Comentario ${reference}`);
    await expect(page.locator('.status-steps li.done').first().textContent()).resolves.toMatch(/^Recibido/);
  });

  it('records an English comment sent from a Spanish page when the reader says so, through the API in place', async () => {
    const { page, errors } = await openPage(browser(), baseUrl);
    await page.goto('/es/strategy/v0.2/');
    await page.locator('#comment-governance > summary').click();
    const form = page.locator('#comment-governance form');
    await form.getByLabel('Técnico').check();
    await form.getByLabel('Su comentario').fill('Written in English on the Spanish page: the Council needs a quorum rule.');
    await form.getByRole('radio', { name: 'English' }).check();
    await form.getByLabel('Sector privado').check();
    await form.getByRole('button', { name: 'Enviar comentario' }).click();
    const receipt = page.locator('.receipt[role="status"]');
    await receipt.waitFor();
    await expect(receipt.locator('a').getAttribute('href')).resolves.toMatch(/\/es\/comment\/receipt\/\?id=/);
    const reference = (await receipt.locator('[data-reference]').textContent())!.trim();
    expect((await storedComment(dataDir, reference))!.submission.language).toBe('en');
    expect(errors).toEqual([]);
  });

  it('answers the JSON API in the language asked for', async () => {
    const post = (headers: Record<string, string>, body: object) =>
      fetch(`${baseUrl}/api/comments`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const empty = { version: 'v0.2', section: 'governance', submissionId: '9b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01' };
    expect(await post({ 'accept-language': 'es-BZ,es;q=0.9' }, empty)).toMatchObject({ status: 400, body: { error: 'Hay un problema', errors: { comment: 'Escriba su comentario' } } });
    expect(await post({ 'accept-language': 'es' }, { ...empty, lang: 'en' })).toMatchObject({ status: 400, body: { error: 'There is a problem' } });
    expect(await post({}, empty)).toMatchObject({ status: 400, body: { errors: { comment: 'Enter your comment' } } });
  });
});

describe('Pagefind in Spanish', () => {
  it('finds Spanish text on /es/search/ and links to the Spanish pages', async () => {
    const { page, errors } = await openPage(browser(), baseUrl);
    await page.goto('/es/search/?q=Coordinador');
    const results = page.locator('pagefind-results a');
    await results.first().waitFor({ timeout: 15_000 });
    const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\/es\/strategy\/v0\.[12]\//);
    await expect(page.locator('pagefind-results').textContent()).resolves.toMatch(/Coordinador/);
    expect(errors).toEqual([]);
  });
});

/** A path as a literal in a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
