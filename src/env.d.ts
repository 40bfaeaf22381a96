/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The client of this request, resolved once by the middleware (src/lib/security/client-address.ts). */
    client: import('./lib/security/client-address.ts').ResolvedClient;
  }
}
