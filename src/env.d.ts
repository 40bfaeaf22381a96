/// <reference types="astro/client" />
import type { ResolvedClient } from './lib/security/client-address.ts';

declare global {
  namespace App {
    interface Locals {
      /** The client of this request, resolved once by the middleware (src/lib/security/client-address.ts). */
      client: ResolvedClient;
    }
  }
}
