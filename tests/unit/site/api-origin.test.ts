import { describe, expect, it } from 'vitest';
import { apiOrigin, apiUrl } from '../../../src/lib/site/api-origin.ts';

describe('CONSULTA_API_ORIGIN', () => {
  it('is empty by default: the forms post to the origin that serves the page', () => {
    expect(apiOrigin({})).toBe('');
    expect(apiOrigin({ CONSULTA_API_ORIGIN: '  ' })).toBe('');
    expect(apiUrl('/comment/', '')).toBe('/comment/');
  });

  it('takes an origin, with or without a trailing slash, and makes absolute URLs on it', () => {
    expect(apiOrigin({ CONSULTA_API_ORIGIN: 'https://comments.example.gov.bz/' })).toBe('https://comments.example.gov.bz');
    expect(apiOrigin({ CONSULTA_API_ORIGIN: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(apiUrl('/comment/?version=v0.2', 'https://comments.example.gov.bz')).toBe('https://comments.example.gov.bz/comment/?version=v0.2');
  });

  it.each([
    ['comments.example.gov.bz', /is not a URL: "comments\.example\.gov\.bz"/],
    ['ftp://comments.example.gov.bz', /must be an http\(s\) origin/],
    ['https://example.gov.bz/consulta', /origin only, without path/],
    ['https://example.gov.bz/?x=1', /origin only, without path/],
    ['https://user:secret@example.gov.bz', /origin only, without path, query or credentials/],
  ])('refuses %s, naming the variable and the value', (value, message) => {
    expect(() => apiOrigin({ CONSULTA_API_ORIGIN: value })).toThrow(message);
    expect(() => apiOrigin({ CONSULTA_API_ORIGIN: value })).toThrow(/^CONSULTA_API_ORIGIN /);
  });
});
