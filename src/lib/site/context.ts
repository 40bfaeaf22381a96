/**
 * The one place pages get the site's data from. Loaded once per process and
 * content folder: for prerendered pages "now" is the build time; on-demand
 * routes pass their own clock to the window checks instead.
 */
import { resolve } from 'node:path';
import { loadCatalog, type Catalog } from '../strategy/catalog.ts';
import type { SiteSettings } from './schemas.ts';
import { loadSiteSettings } from './settings.ts';

export interface SiteContext {
  /** The folder holding `content/`. */
  root: string;
  settings: SiteSettings;
  catalog: Catalog;
  /** When the data was loaded: the build time for static pages. */
  loadedAt: Date;
}

const cache = new Map<string, SiteContext>();

/** The site's settings and catalog, read from `root` (the repository) on first use. */
export function loadSiteContext(root: string): SiteContext {
  const absolute = resolve(root);
  let context = cache.get(absolute);
  if (!context) {
    const loadedAt = new Date();
    const settings = loadSiteSettings(absolute);
    context = { root: absolute, settings, catalog: loadCatalog(absolute, settings, loadedAt), loadedAt };
    cache.set(absolute, context);
  }
  return context;
}
