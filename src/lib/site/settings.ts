import { join, relative } from 'node:path';
import { parseContent } from '../strategy/content-error.ts';
import { readJsonContent } from '../strategy/json-content.ts';
import { SiteSettings } from './schemas.ts';

/** Reads and validates `content/site.json`. */
export function loadSiteSettings(root: string): SiteSettings {
  const path = join(root, 'content/site.json');
  const shown = relative(root, path);
  return parseContent(SiteSettings, readJsonContent(path, shown, 'cannot be read as JSON'), shown);
}
