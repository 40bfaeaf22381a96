/**
 * The edge where the environment is read. Everything else in src/ gets the
 * parsed settings from here (or, in the server, from its services), and
 * src/lib gets them as plain values. A bad value throws a ConfigError naming
 * the variable: `npm run serve` checks the settings before it starts
 * anything, and the build stops on it.
 */
import { parseConfig, type Config } from './lib/config/settings.ts';
import { loadSiteContext, type SiteContext } from './lib/site/context.ts';

let parsed: Config | undefined;

/** The settings of this process, parsed on first use. */
export function config(): Config {
  parsed ??= parseConfig(process.env, { cwd: process.cwd() });
  return parsed;
}

/** The site's settings and catalog, from the content folder the settings name. */
export function siteContext(): SiteContext {
  return loadSiteContext(config().contentRoot);
}
