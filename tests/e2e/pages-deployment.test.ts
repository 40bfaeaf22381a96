/**
 * The deployment docs/deploy.md describes: the pages on a static host (GitHub
 * Pages), the comment API on a Node host, on two origins. The pages are built
 * with CONSULTA_API_ORIGIN naming the Node host; the Node host allows the
 * pages' origin in CONSULTA_ALLOWED_ORIGINS. A reader comments from the static
 * pages with JavaScript on and off, in real Chromium.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, useBrowser } from './browser.ts';
import { freePort, startServer, storedComment, type RunningServer } from './server.ts';
import { startStaticHost, type StaticHost } from './static-host.ts';

const OUT_DIR = 'dist-pages';
const browser = useBrowser();
let pages: StaticHost;
let api: RunningServer;
let dataDir: string;

beforeAll(async () => {
  const [pagesPort, apiPort] = [await freePort(), await freePort()];
  const pagesOrigin = `http://127.0.0.1:${pagesPort}`;
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  const build = spawnSync('npx', ['astro', 'build', '--outDir', OUT_DIR], {
    encoding: 'utf8',
    env: { ...process.env, CONSULTA_API_ORIGIN: apiOrigin, CONSULTA_SITE_URL: pagesOrigin, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error(`the Pages build failed:\n${build.stdout}\n${build.stderr}`);
  pages = await startStaticHost(join(OUT_DIR, 'client'), pagesPort);
  dataDir = mkdtempSync(join(tmpdir(), 'consulta-pages-'));
  api = await startServer({ dataDir, port: apiPort, env: { CONSULTA_ALLOWED_ORIGINS: pagesOrigin } });
}, 180_000);

afterAll(async () => {
  await pages?.stop();
  await api?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rmSync(OUT_DIR, { recursive: true, force: true });
});


describe('pages on a static host, comments on the Node host', () => {
  it('builds forms, paragraph links and the CSP that point at the API origin', async () => {
    const html = await (await fetch(`${pages.url}/strategy/v0.2/`)).text();
    const actions = new Set([...html.matchAll(/<form class="comment-form"[^>]* action="([^"]+)"/g)].map((m) => m[1]));
    expect([...actions]).toEqual([`${api.url}/comment/`]);
    expect(html).toContain(`href="${api.url}/comment/?version=v0.2&#x26;section=governance&#x26;paragraph=p1"`);
    const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toContain(`connect-src 'self' ${api.url}`);
    expect(csp).toContain(`form-action 'self' ${api.url}`);
    // The search form for readers without JavaScript goes to the server too.
    const search = await (await fetch(`${pages.url}/search/`)).text();
    expect(search).toContain(`<form class="search-form" action="${api.url}/search/results/" method="get" role="search">`);
  });

  it('takes a comment posted without JavaScript and shows the receipt on the Node host', async () => {
    const { page } = await openPage(browser(), pages.url, { javaScriptEnabled: false });
    await page.goto('/strategy/v0.2/');
    await page.locator('#comment-governance > summary').click();
    const form = page.locator('#comment-governance form');
    await form.getByLabel('General', { exact: true }).check();
    await form.getByLabel('Your comment').fill('Posted from the static pages, without JavaScript.');
    await form.getByLabel('Civil society').check();
    await form.getByRole('button', { name: 'Send comment' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${api.url}/comment/receipt/?id=`));
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    expect((await storedComment(dataDir, reference))?.submission).toMatchObject({ section: 'governance', comment: 'Posted from the static pages, without JavaScript.', channel: 'web' });
  });

  it('submits in place with JavaScript, proof of work included, calling only the two origins', async () => {
    const { page, errors, foreignRequests } = await openPage(browser(), pages.url);
    await page.goto('/strategy/v0.2/');
    await page.getByRole('link', { name: 'Comment on paragraph 2' }).first().click();
    const form = page.locator('#comment-vision-and-principles form');
    await form.getByLabel('Editorial').check();
    await form.getByLabel('Your comment').fill('Posted from the static pages, with JavaScript.');
    await form.getByLabel('Academia').check();
    await form.getByRole('button', { name: 'Send comment' }).click();
    const receipt = page.locator('#comment-vision-and-principles .receipt');
    const reference = (await receipt.locator('[data-reference]').textContent({ timeout: 30_000 }))!.trim();
    await expect(receipt.locator('a').last().getAttribute('href')).resolves.toMatch(new RegExp(`^${api.url}/comment/receipt/\\?id=`));
    const entry = (await storedComment(dataDir, reference))!;
    expect(entry.submission).toMatchObject({ section: 'vision-and-principles', paragraph: 'p2' });
    // The proof of work came from the API host and was accepted there.
    expect(entry.unverified).toBe(false);
    expect(errors).toEqual([]);
    expect(foreignRequests.length).toBeGreaterThan(0);
    expect(foreignRequests.filter((url) => !url.startsWith(`${api.url}/api/`))).toEqual([]);
  });

  it('shares the API with the listed origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/api/comments`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const listed = await preflight(pages.url);
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-origin')).toBe(pages.url);
    const other = await preflight('https://elsewhere.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const post = await fetch(`${api.url}/api/comments`, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: JSON.stringify({ version: 'v0.2', section: 'governance', type: 'general', comment: 'From a foreign page.', sector: 'individual', submissionId: crypto.randomUUID() }),
    });
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});
