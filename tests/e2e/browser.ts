/** Debian's Chromium driven by playwright-core: never a downloaded browser (docs/architecture.md "Decisions"). */
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** One browser for a test file: launched before its tests, closed after. Call at the top of the file. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running yet (use it inside a test)');
    return browser;
  };
}

/**
 * A page that fails the test on any request leaving the site (no third-party
 * requests from public pages) and records console errors.
 */
export async function openPage(browser: Browser, baseUrl: string, options: BrowserContextOptions = {}): Promise<{ page: Page; foreignRequests: string[]; errors: string[] }> {
  const context = await browser.newContext({ ...options, baseURL: baseUrl });
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const errors: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, foreignRequests, errors };
}

/** Every prerendered page in dist/client, as a URL path. */
export function builtPagePaths(clientDir = 'dist/client'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'pagefind' || name === '_astro' || name === 'admin') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.html') out.push(`/${relative(clientDir, dir)}/`.replace(/\/+/g, '/'));
    }
  };
  walk(clientDir);
  return out.sort();
}
