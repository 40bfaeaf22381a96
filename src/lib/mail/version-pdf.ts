/**
 * A PDF of a version for `invite --attach pdf`: the built version page
 * printed by headless Chromium (Debian's, through playwright-core) with the
 * site's print stylesheet, so navigation is left out and paragraph numbers
 * are kept. Optional: it needs Chromium and a built site (`npm run build`),
 * and says so in one line when either is missing.
 *
 * The page is served to the browser from `dist/client` by request
 * interception on a reserved host name: no server, no port, and any request
 * for another host is refused, so printing makes no network request.
 */
import type { chromium as PlaywrightChromium } from 'playwright-core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { MailConfigError } from './address.ts';

const HOST = 'http://consulta.invalid';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

interface VersionPdfOptions {
  /** The built site's static files, e.g. `dist/client`. */
  clientDir: string;
  version: string;
  /** Chromium's executable, e.g. `/usr/bin/chromium`. */
  chromium: string;
}

/** The file under `root` a URL path names, or null when it is outside it or missing. */
function fileFor(root: string, pathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const file = existsSync(full) && statSync(full).isDirectory() ? join(full, 'index.html') : full;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Prints the version page to PDF bytes. */
export async function versionPdf(options: VersionPdfOptions): Promise<Uint8Array> {
  if (!existsSync(options.chromium)) {
    throw new MailConfigError(`--attach pdf needs Chromium, and there is none at ${options.chromium} (apt-get install chromium)`);
  }
  const root = normalize(options.clientDir);
  const page = `/strategy/${encodeURIComponent(options.version)}/`;
  if (!fileFor(root, page)) {
    throw new MailConfigError(`--attach pdf prints the built site, and ${join(options.clientDir, 'strategy', options.version, 'index.html')} is missing (run npm run build first)`);
  }
  let chromium: typeof PlaywrightChromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new MailConfigError('--attach pdf needs the playwright-core package (npm ci installs it with the development dependencies)');
  }
  const browser = await chromium.launch({
    executablePath: options.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== HOST) return route.abort('blockedbyclient');
      const file = fileFor(root, url.pathname);
      if (!file) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    const tab = await context.newPage();
    const response = await tab.goto(`${HOST}${page}`, { waitUntil: 'load' });
    if (!response?.ok()) throw new MailConfigError(`the built page ${page} could not be opened for printing`);
    const pdf = await tab.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
