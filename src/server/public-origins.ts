/**
 * The public origins this server trusts to post, besides a request's own
 * (src/lib/security/origins.ts), read once from its configuration. The
 * middleware's form check and CORS answers and the comment intake all use
 * this one list.
 */
import { configuredOrigins } from '../lib/security/origins.ts';

export const PUBLIC_ORIGINS: readonly string[] = configuredOrigins(process.env, import.meta.env.SITE);
