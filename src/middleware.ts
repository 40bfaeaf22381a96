/**
 * Runs for every response rendered on demand (API routes, /admin, OAuth).
 * Prerendered pages are static files the node adapter serves without it; see
 * src/lib/security/headers.ts for how they are protected.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { securityHeaders } from './lib/security/headers.ts';

const withSecurityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  const headers = securityHeaders(context.url.pathname, response.headers.get('content-type'));
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    // Responses from Response.redirect() have immutable headers: copy them.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
});

export const onRequest = sequence(withSecurityHeaders);
