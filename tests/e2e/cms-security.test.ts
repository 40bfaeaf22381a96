/**
 * The admin's login and headers on the built server: Decap's GitHub popup
 * handshake through /api/auth and /api/callback against a local stand-in for
 * GitHub's OAuth endpoints, the state check, the CSP headers, and no secret
 * in the files the public can download.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_SCRIPT_HASH } from '../../src/lib/cms/oauth.ts';
import { ADMIN_CSP, OAUTH_CSP } from '../../src/lib/security/headers.ts';
import { launchBrowser } from './browser.ts';
import { freePort, startServer, type RunningServer } from './server.ts';

/** Sample credentials: CI sets the same secret value in the build's environment (.github/workflows/ci.yml). */
const CLIENT_ID = 'Iv1.consultatestclient';
const CLIENT_SECRET = 'consulta-test-oauth-secret-0f9e8d7c';
const CODE = 'consulta-test-code-1234';
const TOKEN = 'gho_consultatesttoken000000000000000000';

interface StandIn {
  url: string;
  authorizeQueries: URLSearchParams[];
  tokenRequests: Record<string, string>[];
  server: Server;
}

/** GitHub's /login/oauth/authorize (approves at once) and /login/oauth/access_token. */
async function startGitHubStandIn(): Promise<StandIn> {
  const port = await freePort();
  const standIn: StandIn = { url: `http://127.0.0.1:${port}`, authorizeQueries: [], tokenRequests: [], server: undefined as never };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', standIn.url);
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      standIn.authorizeQueries.push(url.searchParams);
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', CODE);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const body = JSON.parse(await readBody(req)) as Record<string, string>;
      standIn.tokenRequests.push(body);
      const good = body.client_id === CLIENT_ID && body.client_secret === CLIENT_SECRET && body.code === CODE;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(good ? { access_token: TOKEN, token_type: 'bearer', scope: 'public_repo' } : { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' }));
      return;
    }
    res.writeHead(404).end();
  };
  standIn.server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => standIn.server.listen(port, '127.0.0.1', resolve));
  return standIn;
}

let standIn: StandIn;
let server: RunningServer;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  standIn = await startGitHubStandIn();
  dataDir = mkdtempSync(join(tmpdir(), 'consulta-oauth-'));
  server = await startServer({
    dataDir,
    env: { GITHUB_OAUTH_CLIENT_ID: CLIENT_ID, GITHUB_OAUTH_CLIENT_SECRET: CLIENT_SECRET, GITHUB_OAUTH_URL: standIn.url },
  });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  standIn?.server.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A page of our site that records every message posted to it and answers the popup's handshake like Decap does. */
async function opener(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.evaluate(() => {
    const w = window as unknown as { received: Array<{ data: string; origin: string }> };
    w.received = [];
    window.addEventListener('message', (event) => {
      w.received.push({ data: String(event.data), origin: event.origin });
      if (event.data === 'authorizing:github') (event.source as Window).postMessage(event.data, event.origin);
    });
  });
  return page;
}

async function received(page: Page, count: number): Promise<Array<{ data: string; origin: string }>> {
  await page.waitForFunction((n) => (window as unknown as { received: unknown[] }).received.length >= n, count, { timeout: 15_000 });
  return page.evaluate(() => (window as unknown as { received: Array<{ data: string; origin: string }> }).received);
}

describe('GitHub login for the admin', () => {
  it('hands the token to the opener after the popup handshake', async () => {
    const page = await opener();
    const before = standIn.tokenRequests.length;
    // What Decap opens, scope included: the server decides the scope, not the page.
    await page.evaluate(() => void window.open('/api/auth?provider=github&site_id=localhost&scope=repo', 'auth', 'width=600,height=600'));
    const messages = await received(page, 2);
    expect(messages[0]).toEqual({ data: 'authorizing:github', origin: server.url });
    expect(messages[1]).toEqual({ data: `authorization:github:success:${JSON.stringify({ token: TOKEN, provider: 'github' })}`, origin: server.url });
    const authorize = standIn.authorizeQueries.at(-1)!;
    expect(authorize.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.get('scope')).toBe('public_repo');
    expect(authorize.get('redirect_uri')).toBe(`${server.url}/api/callback`);
    expect(authorize.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(standIn.tokenRequests.slice(before)).toEqual([{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code: CODE, redirect_uri: `${server.url}/api/callback` }]);
    await page.close();
  });

  it('rejects a callback whose state does not match, without asking GitHub for a token', async () => {
    const page = await opener();
    const before = standIn.tokenRequests.length;
    await page.evaluate((code) => void window.open(`/api/callback?code=${code}&state=forged-state`, 'auth'), CODE);
    const messages = await received(page, 2);
    expect(messages[1]!.data).toMatch(/^authorization:github:error:\{"message":".*state does not match/);
    expect(standIn.tokenRequests.length).toBe(before);
    await page.close();
  });

  it('rejects a state that differs from the one in its cookie', async () => {
    const start = await fetch(`${server.url}/api/auth?provider=github`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = start.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^consulta_oauth_state=[A-Za-z0-9_-]{32};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/callback/);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const before = standIn.tokenRequests.length;
    // Change the last character (to one it is not already).
    const forged = `${state.slice(0, -1)}${state.endsWith('x') ? 'y' : 'x'}`;
    const wrong = await fetch(`${server.url}/api/callback?code=${CODE}&state=${forged}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).not.toContain(TOKEN);
    expect(standIn.tokenRequests.length).toBe(before);
    const right = await fetch(`${server.url}/api/callback?code=${CODE}&state=${state}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain(TOKEN);
  });

  it('lets real Decap CMS log in through the popup and use the token with the GitHub API', async () => {
    const page = await browser.newPage();
    const apiCalls: Array<{ url: string; authorization: string | undefined }> = [];
    // The one request leaving our origin: GitHub's API, answered here.
    await page.route('https://api.github.com/**', async (route) => {
      apiCalls.push({ url: route.request().url(), authorization: route.request().headers().authorization });
      await route.fulfill({ status: 401, json: { message: 'Bad credentials' } });
    });
    await page.goto(`${server.url}/admin/`);
    await page.getByRole('button', { name: /Login with GitHub/ }).click();
    await expect.poll(() => apiCalls.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(apiCalls[0]!.url).toMatch(/^https:\/\/api\.github\.com\/user/);
    expect(apiCalls[0]!.authorization).toBe(`token ${TOKEN}`);
    await page.close();
  });
});

/** The origins a CSP lets the page talk to, other than 'self'. */
function foreignSources(policy: string): string[] {
  return policy.split(/[\s;]+/).filter((token) => /^https?:/.test(token));
}

describe('security headers on the running server', () => {
  it('sends the admin policy on /admin/ and its config: own origin and GitHub API only', async () => {
    for (const path of ['/admin/', '/admin/config.yml']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      const policy = response.headers.get('content-security-policy')!;
      expect(policy).toBe(ADMIN_CSP);
      expect(foreignSources(policy)).toEqual(['https://api.github.com']);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('sends the OAuth policy on /api/auth and /api/callback, allowing only the callback script', async () => {
    const auth = await fetch(`${server.url}/api/auth`, { redirect: 'manual' });
    const callback = await fetch(`${server.url}/api/callback?state=x&code=y`);
    for (const response of [auth, callback]) {
      expect(response.headers.get('content-security-policy')).toBe(OAUTH_CSP);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(OAUTH_CSP).toContain(`script-src ${CALLBACK_SCRIPT_HASH}`);
    expect(foreignSources(OAUTH_CSP)).toEqual([]);
  });

  it('gives public pages a hashed policy with no inline or eval allowance', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const policy = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1];
    expect(policy).toBeDefined();
    expect(policy).toMatch(/script-src[^;]*'sha256-/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(foreignSources(policy!)).toEqual([]);
  });

  it('serves Decap CMS and our admin script from our own origin', async () => {
    for (const path of ['/admin/decap-cms.js', '/admin/admin.js', '/admin/site.css']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });
});

describe('the files the public can download', () => {
  it('contain no secret and no secret variable name', async () => {
    const needles = [
      'GITHUB_OAUTH_CLIENT_SECRET',
      'GITHUB_APP_PRIVATE_KEY',
      'GITHUB_TOKEN',
      CLIENT_SECRET,
      TOKEN,
      ...['GITHUB_OAUTH_CLIENT_SECRET', 'GITHUB_TOKEN', 'GITHUB_APP_PRIVATE_KEY'].map((name) => process.env[name]).filter((v): v is string => !!v && v.length >= 8),
    ];
    const hits: string[] = [];
    let files = 0;
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else {
          files++;
          const text = readFileSync(path, 'latin1');
          for (const needle of needles) if (text.includes(needle)) hits.push(`${path}: ${needle === CLIENT_SECRET || needle === TOKEN ? '<secret value>' : needle}`);
        }
      }
    };
    walk('dist/client');
    expect(files).toBeGreaterThan(50);
    expect(hits).toEqual([]);
  });
});
