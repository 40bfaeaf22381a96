/** What collation and the report need to know about the published versions, taken from the strategy catalog. */
import type { CatalogVersion } from '../strategy/catalog.ts';
import { citableParagraphs, parseSectionBody } from '../strategy/paragraphs.ts';
import type { VersionLookup } from './addressed-in.ts';
import type { CollationVersion } from './collate.ts';

/** Sections (with paragraph counts), windows and text of the published versions, oldest first. */
export function collationVersions(versions: readonly CatalogVersion[]): CollationVersion[] {
  return versions.map((v) => ({
    id: v.manifest.id,
    sections: v.sections.map((s) => ({ id: s.id, title: s.title, paragraphs: citableParagraphs(s.id, parseSectionBody(s.body)).length })),
    window: v.window ? { opens: v.window.opens, closes: v.window.closes } : null,
    text: v.sections.flatMap((s) => s.body.split(/\n\s*\n/)),
  }));
}

/** Publication dates and commits of the versions, for "which version first contained this change". */
export function versionLookup(versions: readonly CatalogVersion[], timeZone: string, isAncestor?: VersionLookup['isAncestor']): VersionLookup {
  return {
    versions: versions.map((v) => ({ id: v.manifest.id, publishedAt: v.manifest.publishedAt, commit: v.manifest.commit })),
    timeZone,
    ...(isAncestor ? { isAncestor } : {}),
  };
}
