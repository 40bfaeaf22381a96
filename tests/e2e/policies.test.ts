/**
 * What the running server sends on a route of every kind: the effective
 * Content-Security-Policy (the header, and a page's <meta>, both enforced),
 * a comment form that a link cannot pre-fill with consent, and a honeypot's
 * answer that looks like any other receipt.
 */
import { describe, expect, inject, it } from 'vitest';
import { parsePolicy } from '../../src/lib/security/headers.ts';
import { storedComment } from './server.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

/** The policies a response carries: its header (several are joined with ", ") and, for a page, its <meta>. */
async function policiesOf(path: string): Promise<{ status: number; html: boolean; policies: Map<string, string>[] }> {
  const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual' });
  const html = (response.headers.get('content-type') ?? '').startsWith('text/html');
  const body = await response.text();
  const policies = (response.headers.get('content-security-policy') ?? '')
    .split(/,(?=\s*[a-z-]+\s)/)
    .filter((p) => p.trim())
    .map(parsePolicy);
  const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(body)?.[1];
  if (meta) policies.push(parsePolicy(meta.replace(/&#39;/g, "'").replace(/&quot;/g, '"')));
  return { status: response.status, html, policies };
}

describe('the policy of every kind of response', () => {
  const routes: [string, string][] = [
    ['a prerendered page', '/'],
    ['a prerendered version page', '/strategy/v0.2/'],
    ['the comment page', '/comment/?version=v0.2&section=governance'],
    ['a receipt', '/comment/receipt/?id=00000000-0000-4000-8000-000000000000'],
    ['the status page', '/comment/status/?ref=BZ-2026-000001'],
    ['the search results', '/search/results/?q=incident'],
    ['the content manager', '/admin/'],
    ['the OAuth start', '/api/auth'],
    ['the OAuth start, with a slash', '/api/auth/'],
    ['the OAuth callback', '/api/callback'],
    ['the OAuth callback, with a slash', '/api/callback/'],
    ['a page that does not exist', '/no-such-page/'],
  ];

  it.each(routes)('%s (%s) carries a script policy and the hardening directives', async (_, path) => {
    const { html, policies } = await policiesOf(path);
    expect(policies.length, `${path} has no policy at all`).toBeGreaterThan(0);
    const all = (name: string) => policies.map((p) => p.get(name)).filter((v): v is string => v !== undefined);
    if (html) {
      // Every HTML response names its scripts itself (hashes or 'self'), not through default-src.
      expect(all('script-src').length, `${path}: no script-src`).toBeGreaterThan(0);
      for (const scripts of all('script-src')) {
        expect(scripts).not.toContain("'unsafe-inline'");
        expect(scripts, path).toMatch(/'self'|'sha(256|384|512)-/);
      }
      expect(all('object-src')).toContain("'none'");
      expect(all('base-uri').length).toBeGreaterThan(0);
      expect(all('frame-ancestors')).toContain("'none'");
    }
  });

  it('keeps the hashes of Astro\'s scripts on a page rendered on demand, so its scripts still run', async () => {
    const { policies } = await policiesOf('/comment/?version=v0.2&section=governance');
    const scripts = policies.map((p) => p.get('script-src') ?? '').join(' ');
    expect(scripts).toMatch(/'sha(256|384|512)-/);
  });

  it('gives an API answer a policy too', async () => {
    const { html, policies } = await policiesOf('/api/status');
    expect(html).toBe(false);
    expect(policies[0]?.get('frame-ancestors')).toBe("'none'");
  });
});

describe('consent on the comment page', () => {
  it('cannot be ticked, nor the name filled in, by a link', async () => {
    const response = await fetch(`${baseUrl}/comment/?version=v0.2&section=governance&publishName=on&name=Someone+Else&comment=hello`);
    const page = await response.text();
    const consent = /<input[^>]*name="publishName"[^>]*>/.exec(page)?.[0];
    expect(consent).toBeDefined();
    expect(consent).not.toMatch(/\bchecked\b/);
    expect(/<input[^>]*name="name"[^>]*>/.exec(page)?.[0]).not.toContain('Someone Else');
    // What the link may fill in, it does: the comment itself.
    expect(page).toContain('>hello</textarea>');
  });
});

describe('a bot that fills the honeypot', () => {
  it('gets a receipt like anyone else\'s, and nothing is stored', async () => {
    const post = (fields: Record<string, string>) =>
      fetch(`${baseUrl}/comment/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
        body: new URLSearchParams({ version: 'v0.2', section: 'governance', type: 'general', sector: 'individual', ...fields }).toString(),
      });
    const bot = await post({ comment: 'Cheap watches, honeypot.', website: 'https://spam.example' });
    expect(bot.status).toBe(303);
    const receipt = await fetch(`${baseUrl}${bot.headers.get('location')}`);
    expect(receipt.status).toBe(200);
    const page = await receipt.text();
    const reference = /data-reference>([^<]+)</.exec(page)?.[1];
    expect(reference).toMatch(/^BZ-\d{4}-\d{6}$/);
    expect(await storedComment(dataDir, reference!)).toBeUndefined();
    // A person's receipt says the same things.
    const person = await post({ comment: 'A real comment on governance, for the honeypot test.' });
    const real = await (await fetch(`${baseUrl}${person.headers.get('location')}`)).text();
    const shape = (html: string) =>
      html
        .replace(/data-reference>[^<]+</, 'data-reference>REF<')
        .replace(/ref=[A-Z]+-\d{4}-\d{6}/g, 'ref=REF')
        .replace(/id=[0-9a-f-]{36}/g, 'id=ID');
    expect(shape(page)).toBe(shape(real));
    // Its status page too: received, like a person's comment still waiting to be filed.
    const status = (ref: string) => fetch(`${baseUrl}/comment/status/?ref=${ref}`).then(async (r) => ({ status: r.status, html: (await r.text()).replaceAll(ref, 'REF') }));
    const realReference = /data-reference>([^<]+)</.exec(real)![1]!;
    const [botStatus, realStatus] = await Promise.all([status(reference!), status(realReference)]);
    expect(botStatus.status).toBe(200);
    expect(botStatus).toEqual(realStatus);
  });
});
