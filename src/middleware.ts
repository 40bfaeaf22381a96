/**
 * Runs for every response rendered on demand (API routes, /admin, OAuth).
 * Prerendered pages are static files the node adapter serves without it; see
 * src/lib/security/headers.ts for how they are protected.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { corsHeaders, isSharedPath, preflightResponse } from './lib/security/cors.ts';
import { securityHeaders } from './lib/security/headers.ts';
import { isForbiddenCrossSiteForm } from './lib/security/origins.ts';
import { PUBLIC_ORIGINS } from './server/public-origins.ts';

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

/**
 * Astro's `checkOrigin`, with the public origins trusted too (it is turned off
 * in astro.config.mjs): behind a TLS proxy the request's own origin is
 * http://… and would refuse every form a browser posts over https.
 */
const withOriginCheck = defineMiddleware((context, next) => {
  if (context.isPrerendered || !isForbiddenCrossSiteForm(context.request, [context.url.origin, ...PUBLIC_ORIGINS])) return next();
  return new Response('Comments can only be sent from the consultation website.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
});

/** The comment API answers pages on the other trusted origins (the site on GitHub Pages). */
const withCrossOriginAccess = defineMiddleware(async (context, next) => {
  if (context.isPrerendered || !isSharedPath(context.url.pathname)) return next();
  const origin = context.request.headers.get('origin');
  if (context.request.method === 'OPTIONS') return preflightResponse(origin, context.url.origin, PUBLIC_ORIGINS);
  const response = await next();
  for (const [name, value] of Object.entries(corsHeaders(origin, context.url.origin, PUBLIC_ORIGINS))) response.headers.set(name, value);
  return response;
});

export const onRequest = sequence(withSecurityHeaders, withOriginCheck, withCrossOriginAccess);
