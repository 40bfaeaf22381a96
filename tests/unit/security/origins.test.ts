import { describe, expect, it } from 'vitest';
import { configuredOrigins, extraOriginsFromEnv, isForbiddenCrossSiteForm } from '../../../src/lib/security/origins.ts';

const SITE = 'https://consult.example.gov.bz';

const post = (headers: Record<string, string>, method = 'POST') => new Request('http://consult.example.gov.bz/comment/', { method, headers, body: method === 'GET' ? undefined : 'x=1' });

describe('origins trusted to post', () => {
  it('reads CONSULTA_ALLOWED_ORIGINS without trailing slashes or blanks', () => {
    expect(extraOriginsFromEnv({ CONSULTA_ALLOWED_ORIGINS: ` ${SITE}/ , ,https://mirror.example.org` })).toEqual([SITE, 'https://mirror.example.org']);
    expect(extraOriginsFromEnv({})).toEqual([]);
  });

  it('trusts the site, this server\'s public origin and the listed origins, once each', () => {
    const env = { CONSULTA_API_ORIGIN: 'https://comments.example.gov.bz/', CONSULTA_ADMIN_ORIGIN: 'https://comments.example.gov.bz', CONSULTA_ALLOWED_ORIGINS: 'https://mirror.example.org' };
    expect(configuredOrigins(env, `${SITE}/`)).toEqual([SITE, 'https://comments.example.gov.bz', 'https://mirror.example.org']);
    expect(configuredOrigins({}, undefined)).toEqual([]);
  });

  it('trusts nothing for a malformed value', () => {
    expect(configuredOrigins({ CONSULTA_API_ORIGIN: 'not a url', CONSULTA_ALLOWED_ORIGINS: 'also not,javascript:alert(1)' }, SITE)).toEqual([SITE]);
  });
});

describe('the cross-site form rule', () => {
  // The server behind a TLS proxy sees http://…; the browser says https://….
  const trusted = ['http://consult.example.gov.bz', SITE];

  it('lets a form posted from the public https origin through', () => {
    expect(isForbiddenCrossSiteForm(post({ origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }), trusted)).toBe(false);
  });

  it('refuses a form from another site, and one with no origin at all', () => {
    expect(isForbiddenCrossSiteForm(post({ origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }), trusted)).toBe(true);
    expect(isForbiddenCrossSiteForm(post({ origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' }), trusted)).toBe(true);
    expect(isForbiddenCrossSiteForm(post({ origin: 'https://evil.example', 'content-type': 'text/plain' }), trusted)).toBe(true);
    expect(isForbiddenCrossSiteForm(post({ 'content-type': 'application/x-www-form-urlencoded' }), trusted)).toBe(true);
  });

  it('leaves JSON (which needs a preflight) and safe methods to the routes', () => {
    expect(isForbiddenCrossSiteForm(post({ origin: 'https://evil.example', 'content-type': 'application/json' }), trusted)).toBe(false);
    expect(isForbiddenCrossSiteForm(post({ origin: 'https://evil.example' }, 'GET'), trusted)).toBe(false);
  });
});
