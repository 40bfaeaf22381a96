import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  adminOrigin,
  authorizeUrl,
  CALLBACK_SCRIPT_HASH,
  callbackPage,
  exchangeCode,
  newState,
  statesMatch,
  type OAuthConfig,
} from '../../../src/lib/cms/oauth.ts';

const CONFIG: OAuthConfig = { clientId: 'id-1', clientSecret: 'secret-1', scope: 'public_repo', githubUrl: 'https://github.example' };

describe('the admin origin', () => {
  it('is the configured public origin behind a proxy, else the request\'s', () => {
    expect(adminOrigin(new URL('http://127.0.0.1:4321/api/auth'), null)).toBe('http://127.0.0.1:4321');
    expect(adminOrigin(new URL('http://127.0.0.1:4321/api/auth'), 'https://consult.example.gov.bz')).toBe('https://consult.example.gov.bz');
  });
});

describe('the authorize step', () => {
  it('sends the client id, callback, scope and state, and never the secret', () => {
    const url = new URL(authorizeUrl(CONFIG, { redirectUri: 'https://site.example/api/callback', state: 's-1' }));
    expect(url.origin + url.pathname).toBe('https://github.example/login/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'id-1', redirect_uri: 'https://site.example/api/callback', scope: 'public_repo', state: 's-1', allow_signup: 'false' });
    expect(url.href).not.toContain('secret-1');
  });

  it('makes a different, URL-safe state every time', () => {
    const states = new Set(Array.from({ length: 50 }, newState));
    expect(states.size).toBe(50);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('matches a state only against the same value', () => {
    expect(statesMatch('abc', 'abc')).toBe(true);
    expect(statesMatch('abc', 'abd')).toBe(false);
    expect(statesMatch('abc', 'abcd')).toBe(false);
    expect(statesMatch('', '')).toBe(false);
    expect(statesMatch(null, 'abc')).toBe(false);
    expect(statesMatch('abc', undefined)).toBe(false);
  });
});

describe('the token exchange', () => {
  const answer = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('posts the code with the secret and returns the token', async () => {
    let sent: { url: string; body: Record<string, string>; accept: string | null } | undefined;
    const fetchImpl: typeof fetch = async (input, init) => {
      sent = { url: String(input), body: JSON.parse(String(init!.body)), accept: new Headers(init!.headers).get('accept') };
      return new Response(JSON.stringify({ access_token: 'gho_x', scope: 'public_repo' }), { status: 200 });
    };
    expect(await exchangeCode(CONFIG, { code: 'c-1', redirectUri: 'https://site.example/api/callback' }, fetchImpl)).toEqual({ ok: true, token: 'gho_x' });
    expect(sent).toEqual({
      url: 'https://github.example/login/oauth/access_token',
      body: { client_id: 'id-1', client_secret: 'secret-1', code: 'c-1', redirect_uri: 'https://site.example/api/callback' },
      accept: 'application/json',
    });
  });

  it("reports GitHub's reason for a bad code, which comes with status 200", async () => {
    const result = await exchangeCode(CONFIG, { code: 'old', redirectUri: 'r' }, answer(200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' }));
    expect(result).toEqual({ ok: false, message: 'GitHub refused the login: The code passed is incorrect or expired.' });
  });

  it('reports a server error and an unreachable GitHub without details', async () => {
    expect(await exchangeCode(CONFIG, { code: 'c', redirectUri: 'r' }, answer(502, 'Bad gateway'))).toEqual({ ok: false, message: 'GitHub refused the login: HTTP 502' });
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await exchangeCode(CONFIG, { code: 'c', redirectUri: 'r' }, offline)).toEqual({ ok: false, message: 'GitHub could not be reached; try again.' });
  });
});

describe('the callback page', () => {
  it('runs exactly the script its CSP hash allows', () => {
    const html = callbackPage({ ok: true, token: 't' }, 'https://site.example');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(`'sha256-${createHash('sha256').update(script).digest('base64')}'`).toBe(CALLBACK_SCRIPT_HASH);
  });

  it('carries the token, provider and the one origin allowed to receive them', () => {
    const html = callbackPage({ ok: true, token: 'gho_abc' }, 'https://site.example');
    const data = JSON.parse(/<script type="application\/json" id="consulta-oauth">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(data).toEqual({ status: 'success', content: { token: 'gho_abc', provider: 'github' }, origin: 'https://site.example' });
  });

  it('cannot be broken out of by an error message', () => {
    const html = callbackPage({ ok: false, message: '</script><script>alert(1)</script>' }, 'https://site.example');
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
  });
});
