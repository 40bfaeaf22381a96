import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, originOf, publicOrigins } from '../../../src/lib/security/origins.ts';

const SITE = 'https://consult.example.gov.bz';

describe('origins trusted to post', () => {
  it('trusts the site, this server\'s public origin and the listed origins, once each', () => {
    expect(
      publicOrigins({ site: `${SITE}/`, apiOrigin: 'https://comments.example.gov.bz', adminOrigin: 'https://comments.example.gov.bz', allowed: ['https://mirror.example.org'] }),
    ).toEqual([SITE, 'https://comments.example.gov.bz', 'https://mirror.example.org']);
    expect(publicOrigins({})).toEqual([]);
  });

  it('trusts nothing for a malformed value', () => {
    expect(publicOrigins({ site: SITE, allowed: ['not a url', 'javascript:alert(1)'] })).toEqual([SITE]);
    expect(originOf('ftp://example.org')).toBeNull();
  });
});

describe('the cross-site rule', () => {
  // The server behind a TLS proxy sees http://…; the browser says https://….
  const trusted = ['http://consult.example.gov.bz', SITE];
  const post = (origin: string | null, contentType: string | null, method = 'POST') => crossSiteRefusal({ method, origin, contentType }, trusted);

  it('lets a form or JSON posted from the public https origin through', () => {
    expect(post(SITE, 'application/x-www-form-urlencoded')).toBeNull();
    expect(post(`${SITE}`, 'application/json')).toBeNull();
  });

  it('refuses a form from another site, and a form with no origin at all', () => {
    expect(post('https://evil.example', 'application/x-www-form-urlencoded')).toMatch(/not trusted/);
    expect(post('https://evil.example', 'multipart/form-data; boundary=x')).toMatch(/not trusted/);
    expect(post('https://evil.example', 'text/plain')).toMatch(/not trusted/);
    expect(post(null, 'application/x-www-form-urlencoded')).toMatch(/without an Origin/);
    expect(post(null, null)).toMatch(/without an Origin/);
  });

  it('refuses JSON from another site or a sandboxed page, and lets a script without an Origin through', () => {
    expect(post('https://evil.example', 'application/json')).toMatch(/not trusted/);
    expect(post('null', 'application/json')).toMatch(/malformed/);
    expect(post(null, 'application/json')).toBeNull();
  });

  it('never refuses a safe method', () => {
    expect(post('https://evil.example', null, 'GET')).toBeNull();
    expect(post('https://evil.example', null, 'OPTIONS')).toBeNull();
  });
});
