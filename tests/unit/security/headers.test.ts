import { describe, expect, it } from 'vitest';
import { ADMIN_CSP, OAUTH_CSP, PUBLIC_CSP, STATIC_PAGE_HEADERS, pagePolicy, securityHeaders, securityZone } from '../../../src/lib/security/headers.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
const hosts = (policy: string) => policy.split(/[\s;]+/).filter((t) => /^https?:/.test(t));

describe('security headers', () => {
  it('puts /admin, /api/auth and /api/callback in their own zones', () => {
    expect(securityZone('/admin')).toBe('admin');
    expect(securityZone('/admin/config.yml')).toBe('admin');
    expect(securityZone('/administration')).toBe('public');
    expect(securityZone('/api/auth')).toBe('oauth');
    expect(securityZone('/api/callback')).toBe('oauth');
    expect(securityZone('/api/callback/')).toBe('oauth');
    expect(securityZone('/api/auth/')).toBe('oauth');
    expect(securityZone('/api/comments')).toBe('public');
  });

  it('lets the admin reach our origin and the GitHub API, nothing else', () => {
    expect(hosts(ADMIN_CSP)).toEqual(['https://api.github.com']);
    expect(directives(ADMIN_CSP).get('connect-src')).toEqual(["'self'", 'https://api.github.com']);
    expect(directives(ADMIN_CSP).get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives(ADMIN_CSP).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('gives OAuth and public responses no foreign origin and no eval', () => {
    for (const policy of [OAUTH_CSP, PUBLIC_CSP, pagePolicy(null), STATIC_PAGE_HEADERS['content-security-policy']!]) {
      expect(hosts(policy)).toEqual([]);
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
      expect(directives(policy).get('frame-ancestors')).toEqual(["'none'"]);
    }
  });

  it("keeps the script hashes Astro sends with a server-rendered page, and adds what it lacks", () => {
    const astro = "script-src 'self' 'sha256-abc='; style-src 'self' 'sha256-def='; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'self'";
    const merged = directives(securityHeaders('/comment/x', 'text/html; charset=utf-8', astro)['content-security-policy']!);
    expect(merged.get('script-src')).toEqual(["'self'", "'sha256-abc='"]);
    expect(merged.get('style-src')).toEqual(["'self'", "'sha256-def='"]);
    expect(merged.get('frame-ancestors')).toEqual(["'none'"]);
    expect(merged.get('object-src')).toEqual(["'none'"]);
  });

  it('gives a page without a policy of its own a script policy all the same', () => {
    const policy = directives(securityHeaders('/comment/receipt/', 'text/html', null)['content-security-policy']!);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'frame-ancestors']) expect(policy.has(name)).toBe(true);
    expect(securityHeaders('/api/comments', 'application/json')['content-security-policy']).toBe(PUBLIC_CSP);
  });

  it('keeps admin and OAuth answers out of caches and search engines', () => {
    for (const path of ['/admin/', '/api/callback']) {
      expect(securityHeaders(path, 'text/html')).toMatchObject({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer' });
    }
    expect(securityHeaders('/api/comments', 'application/json')['cache-control']).toBeUndefined();
  });
});
