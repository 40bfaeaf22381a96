/**
 * Under `npm run dev` (astro dev), the server's long-lived parts start with
 * the dev server and stop with it, as `npm run serve` does for the built
 * server (src/server/create-server.ts): the routes find them running.
 */
import type { AstroIntegration } from 'astro';
import type { Config } from '../lib/config/settings.ts';
import { startServices, type StartedServices } from '../server/start-services.ts';

export function devServices(config: Config): AstroIntegration {
  let started: StartedServices | undefined;
  return {
    name: 'consulta:dev-services',
    hooks: {
      'astro:server:setup': async () => {
        started ??= await startServices(config);
      },
      'astro:server:done': async () => {
        await started?.stop();
        started = undefined;
      },
    },
  };
}
