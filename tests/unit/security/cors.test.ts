import { describe, expect, it } from 'vitest';
import { corsHeaders, isSharedPath, preflightResponse } from '../../../src/lib/security/cors.ts';

const OWN = 'https://comments.example.gov.bz';
const PAGES = 'https://consult.example.gov.bz';

describe('cross-origin access to the comment API', () => {
  it('shares only the two endpoints the form script calls', () => {
    expect(isSharedPath('/api/comments')).toBe(true);
    expect(isSharedPath('/api/comments/')).toBe(true);
    expect(isSharedPath('/api/altcha')).toBe(true);
    for (const path of ['/api/status', '/api/auth', '/api/callback', '/comment/', '/admin/', '/']) expect(isSharedPath(path)).toBe(false);
  });

  it('lets an allowed origin read the answer, and no other', () => {
    expect(corsHeaders(PAGES, OWN, [PAGES])).toEqual({ vary: 'Origin', 'access-control-allow-origin': PAGES });
    expect(corsHeaders('https://evil.example', OWN, [PAGES])).toEqual({ vary: 'Origin' });
    expect(corsHeaders(null, OWN, [PAGES])).toEqual({ vary: 'Origin' });
    // Same origin needs no header; "null" (a sandboxed or file page) is never allowed by accident.
    expect(corsHeaders(OWN, OWN, [PAGES])).toEqual({ vary: 'Origin' });
    expect(corsHeaders('null', OWN, [PAGES])).toEqual({ vary: 'Origin' });
  });

  it('answers a preflight from an allowed origin with the method and headers the script uses', () => {
    const allowed = preflightResponse(PAGES, OWN, [PAGES]);
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries(allowed.headers)).toEqual({
      vary: 'Origin',
      'access-control-allow-origin': PAGES,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'content-type, accept',
      'access-control-max-age': '600',
    });
    const refused = preflightResponse('https://evil.example', OWN, [PAGES]);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
  });
});
