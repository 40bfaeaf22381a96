import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError, parseContent } from '../strategy/content-error.ts';
import { SiteSettings } from './schemas.ts';

/** Reads and validates `content/site.json`. */
export function loadSiteSettings(root: string): SiteSettings {
  const path = join(root, 'content/site.json');
  const shown = relative(root, path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ContentError(shown, [`cannot be read as JSON: ${(error as Error).message}`]);
  }
  return parseContent(SiteSettings, raw, shown);
}
