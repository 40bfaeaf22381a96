/**
 * The one place pages get the site's data from. Loaded once per process:
 * for prerendered pages "now" is the build time; on-demand routes pass their
 * own clock to the window checks instead.
 */
import { loadCatalog, type Catalog } from '../strategy/catalog.ts';
import type { SiteSettings } from './schemas.ts';
import { loadSiteSettings } from './settings.ts';

export interface SiteContext {
  settings: SiteSettings;
  catalog: Catalog;
  /** When the data was loaded: the build time for static pages. */
  loadedAt: Date;
}

let cached: SiteContext | undefined;

/** Root of the content: the working directory, which is the repository root for every npm script. */
export function contentRoot(): string {
  return process.env.CONSULTA_ROOT ?? process.cwd();
}

export function siteContext(): SiteContext {
  if (!cached) {
    const root = contentRoot();
    const loadedAt = new Date();
    const settings = loadSiteSettings(root);
    cached = { settings, catalog: loadCatalog(root, settings, loadedAt), loadedAt };
  }
  return cached;
}
