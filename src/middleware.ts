/**
 * Runs for every response rendered on demand (API routes, the comment and
 * search pages, /admin, OAuth). Prerendered pages are files the server
 * (src/server/create-server.ts) sends with their own headers.
 *
 * In order: resolve the client once (behind trusted proxies), refuse a
 * cross-site unsafe request, answer CORS for the comment API, and give every
 * response its security headers, keeping the script hashes Astro put in the
 * page's policy.
 */
import { defineMiddleware, sequence } from 'astro:middleware';
import { splitLocale } from './lib/i18n/paths.ts';
import { requestLanguage, translator } from './lib/i18n/translate.ts';
import { resolveClient } from './lib/security/client-address.ts';
import { corsHeaders, isSharedPath, preflightResponse } from './lib/security/cors.ts';
import { securityHeaders } from './lib/security/headers.ts';
import { crossSiteRefusal } from './lib/security/origins.ts';
import { services, ServicesNotStartedError } from './server/services.ts';

const withSecurityHeaders = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered) return response;
  const headers = securityHeaders(context.url.pathname, response.headers.get('content-type'), response.headers.get('content-security-policy'));
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

/** The origins this request may come from: its own, the one a trusted proxy says the browser used, and the configured ones. */
function trustedOrigins(context: { url: URL; locals: App.Locals }): string[] {
  const { publicOrigins } = services();
  return [context.url.origin, ...(context.locals.client.forwardedOrigin ? [context.locals.client.forwardedOrigin] : []), ...(import.meta.env.SITE ? [import.meta.env.SITE] : []), ...publicOrigins];
}

const withClient = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  let trust;
  try {
    trust = services().proxyTrust;
  } catch (error) {
    if (!(error instanceof ServicesNotStartedError)) throw error;
    console.error(`[server] ${error.message}`);
    return new Response(`${error.message}\n`, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  context.locals.client = resolveClient(context.clientAddress, context.request.headers, trust);
  return next();
});

/**
 * Astro's `checkOrigin` (turned off in astro.config.mjs), with the public
 * origins trusted too and JSON held to the same rule: behind a TLS proxy the
 * request's own origin is http://… and would refuse every form a browser
 * posts over https.
 */
const withOriginCheck = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  const { request } = context;
  const refusal = crossSiteRefusal({ method: request.method, contentType: request.headers.get('content-type'), origin: request.headers.get('origin') }, trustedOrigins(context));
  if (!refusal) return next();
  // In the language of the page posted to (/es/comment/), or for the API the one the client prefers.
  const path = splitLocale(context.url.pathname);
  const language = context.url.pathname.startsWith('/api/') ? requestLanguage(undefined, request.headers.get('accept-language')) : path.language;
  const message = translator(language)('comment.refused.forbidden');
  if (context.url.pathname.startsWith('/api/')) {
    return new Response(JSON.stringify({ error: message }), { status: 403, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  }
  return new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
});

/** The comment API answers pages on the other trusted origins (the site on GitHub Pages). */
const withCrossOriginAccess = defineMiddleware(async (context, next) => {
  if (context.isPrerendered || !isSharedPath(context.url.pathname)) return next();
  const origin = context.request.headers.get('origin');
  const { publicOrigins } = services();
  if (context.request.method === 'OPTIONS') return preflightResponse(origin, context.url.origin, publicOrigins);
  const response = await next();
  for (const [name, value] of Object.entries(corsHeaders(origin, context.url.origin, publicOrigins))) response.headers.set(name, value);
  return response;
});

export const onRequest = sequence(withSecurityHeaders, withClient, withOriginCheck, withCrossOriginAccess);
