/**
 * Everything the site knows about the strategy at one moment: the published
 * versions (verified), the working draft, and each version's effective
 * consultation window. Pages, the comment API and scripts all read this.
 */
import { consultationWindow, rollingWindow, windowState, type ConsultationWindow, type WindowState } from '../consultation/window.ts';
import { loadDraft, loadVersions, strategyPaths } from './load.ts';
import type { Section, TranslatedSection, Version } from './schema.ts';

export interface CatalogVersion extends Version {
  /** The window in force, after the sample rolling window is applied; null when the version never had one. */
  window: ConsultationWindow | null;
  /** Whether `window` was recomputed from the build date (sample content only). */
  rollingWindow: boolean;
}

export interface Catalog {
  /** Published versions, oldest first. */
  versions: CatalogVersion[];
  /** The working draft's sections. */
  draft: Section[];
  byId: Map<string, CatalogVersion>;
  /** The newest published version. */
  latest: CatalogVersion | undefined;
}

/** What the catalog needs of the site's settings (content/site.json). */
export interface CatalogSettings {
  /** Time zone of a version without its own. */
  timeZone: string;
  /** Sample content only: the window of one version placed around the build date. */
  sampleRollingWindow?: { version: string; openedDaysAgo: number; closesInDays: number } | undefined;
}

export function loadCatalog(root: string, settings: CatalogSettings, now: Date): Catalog {
  const paths = strategyPaths(root);
  const rolling = settings.sampleRollingWindow;
  const versions = loadVersions(paths).map((version): CatalogVersion => {
    const isRolling = rolling?.version === version.manifest.id && version.manifest.status === 'consultation';
    const spec = isRolling
      ? rollingWindow(now, version.manifest.consultation?.timeZone ?? settings.timeZone, rolling.openedDaysAgo, rolling.closesInDays)
      : version.manifest.consultation;
    return { ...version, window: spec ? consultationWindow(spec) : null, rollingWindow: isRolling };
  });
  return {
    versions,
    draft: loadDraft(paths),
    byId: new Map(versions.map((v) => [v.manifest.id, v])),
    latest: versions.at(-1),
  };
}

/**
 * Whether the public may comment on a version now: its status must be
 * `consultation` and `now` inside its window. Status wins over dates, so a
 * maintainer can close a consultation early by changing the status.
 */
export function commentState(version: CatalogVersion, now: Date): WindowState | 'not-for-comment' {
  if (version.manifest.status !== 'consultation' || !version.window) return 'not-for-comment';
  return windowState(version.window, now);
}

/**
 * Versions whose consultation is over for good: adopted, or superseded by a
 * later one. Addresses kept to tell commenters of an answer are deleted for
 * these (the privacy notice says so).
 */
export function adoptedVersions(catalog: Catalog): string[] {
  return catalog.versions.filter((v) => v.manifest.status === 'adopted' || v.manifest.status === 'superseded').map((v) => v.manifest.id);
}

/** The sections of a published version or of the working draft (`draft`); undefined when unknown. */
export function sectionsOf(catalog: Catalog, id: string): Section[] | undefined {
  return id === 'draft' ? catalog.draft : catalog.byId.get(id)?.sections;
}

/** The version published just before `id`, if any. */
export function previousVersion(catalog: Catalog, id: string): CatalogVersion | undefined {
  const index = catalog.versions.findIndex((v) => v.manifest.id === id);
  return index > 0 ? catalog.versions[index - 1] : undefined;
}

/** The version published just after `id`, if any. */
export function nextVersion(catalog: Catalog, id: string): CatalogVersion | undefined {
  const index = catalog.versions.findIndex((v) => v.manifest.id === id);
  return index >= 0 ? catalog.versions[index + 1] : undefined;
}

/**
 * A section of a published version in another language, when a translation
 * of it is recorded; undefined otherwise, and the page shows the English text
 * with a note. The translation is never authoritative: link to the English.
 */
export function translatedSection(version: Version, language: string, sectionId: string): TranslatedSection | undefined {
  return version.translations.find((t) => t.manifest.language === language)?.sections.find((s) => s.id === sectionId);
}
