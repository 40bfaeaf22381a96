/**
 * The records of a strategy: sections (one Markdown/MDX file each) and versions
 * (a frozen folder of sections plus `version.json`). Types come from these
 * schemas; nothing here knows about Astro, GitHub or the file system.
 */
import { z } from 'zod';
import { ConsultationWindowSchema } from '../consultation/window.ts';

/** Stable identifiers: lower-case words joined by hyphens, e.g. `incident-response`. */
export const SectionId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens, starting with a letter');

/** Version identifiers such as `v0.1`, `v1.0`, `2027-final`: safe in a URL and a folder name. */
export const VersionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,31}$/, 'use lower-case letters, digits, dots and hyphens (at most 32 characters)')
  .refine((v) => v !== 'draft' && v !== 'compare', 'is reserved');

/** Frontmatter of one section file. */
export const SectionFrontmatter = z.object({
  /** Stable id of the section. Required; never renamed, survives re-ordering and re-titling. */
  id: SectionId,
  /** Heading shown to readers. Required. */
  title: z.string().trim().min(1, 'must not be empty').max(200),
  /** Position in the strategy, ascending. Required. */
  order: z.number().int().min(0),
  /** One-sentence summary used in the table of contents and search results. Optional. */
  summary: z.string().trim().max(400).optional(),
});
export type SectionFrontmatter = z.output<typeof SectionFrontmatter>;

/** A section as loaded: its frontmatter, its Markdown body and where it came from. */
export interface Section extends SectionFrontmatter {
  /** File name inside its folder, e.g. `03-governance.mdx`. */
  file: string;
  /** The Markdown/MDX body without frontmatter. */
  body: string;
}

export const VERSION_STATUSES = ['draft', 'consultation', 'closed', 'adopted', 'superseded'] as const;
export const VersionStatus = z.enum(VERSION_STATUSES);
export type VersionStatus = z.output<typeof VersionStatus>;

/** A section file's name inside its folder, e.g. `20-governance.mdx`. */
const SectionFileName = z.string().regex(/^[0-9a-z][0-9a-z-]*\.mdx?$/, 'must be a section file name');
/** A sha256 digest, 64 lower-case hex digits. */
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

/** `content/strategy/versions/<v>/version.json`. */
export const VersionManifest = z.object({
  /** The version id; must equal the folder name. Required. */
  id: VersionId,
  /** Human title, e.g. "First public draft". Required. */
  title: z.string().trim().min(1).max(200),
  /** Lifecycle status. Required. */
  status: VersionStatus,
  /** Date (YYYY-MM-DD) the version was published. Required. */
  publishedAt: IsoDate,
  /** Short note on what this version is for, shown on its page. Optional. */
  note: z.string().max(2000).optional(),
  /** The public comment window. Required while status is `consultation`. */
  consultation: ConsultationWindowSchema.optional(),
  /** Version that replaced this one; set when status is `superseded`. */
  supersededBy: VersionId.optional(),
  /** Git commit the sections were taken from (40 hex digits), or null if unknown. */
  commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a 40-digit git commit hash').nullable(),
  /** sha256 (hex) of every section file, by file name. Required. */
  files: z.record(SectionFileName, Sha256),
}).superRefine((v, ctx) => {
  if (v.status === 'consultation' && !v.consultation) {
    ctx.addIssue({ code: 'custom', path: ['consultation'], message: 'is required while status is "consultation"' });
  }
  if (v.status === 'superseded' && !v.supersededBy) {
    ctx.addIssue({ code: 'custom', path: ['supersededBy'], message: 'is required while status is "superseded"' });
  }
});
export type VersionManifest = z.output<typeof VersionManifest>;

/** A language folder of a version: `es`, `fr`, `es-MX`. */
const TranslationLanguage = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'use a language code such as es or es-MX');

/** What `translation.json` records about one translated section file. */
const TranslatedFile = z.object({
  /** sha256 (hex) of the translated file as recorded. Required. */
  sha256: Sha256,
  /** File name of the published section it translates, in the version folder. Required. */
  translates: SectionFileName,
  /** sha256 of that published file, as `version.json` records it: the text that was translated. Required. */
  translatesSha256: Sha256,
  /** Who translated it: a person, an office or a firm. Required. */
  translator: z.string().trim().min(1).max(200),
  /** Date (YYYY-MM-DD) the translation was recorded. Required. */
  translatedAt: IsoDate,
});

/**
 * `content/strategy/versions/<v>/<language>/translation.json`: the record of
 * a version's translated sections, kept beside `version.json` so that
 * translations can be added after publication without touching the
 * published files or their manifest.
 */
export const TranslationManifest = z.object({
  /** Language of the translated sections; must equal the folder name. Required. */
  language: TranslationLanguage,
  /** Always `false`: a translation helps readers, the published English text is the one that counts. Required. */
  authoritative: z.literal(false),
  /** Translated section files by file name in this folder. Required (may be empty). */
  files: z.record(SectionFileName, TranslatedFile),
});
export type TranslationManifest = z.output<typeof TranslationManifest>;

/** A translated section as loaded: same id and paragraph numbering as the section it translates. */
export interface TranslatedSection extends Section {
  /** Language of the text, e.g. `es`. */
  language: string;
  /** File name of the published section it translates. */
  translates: string;
  /** Who translated it. */
  translator: string;
  /** When the translation was recorded (YYYY-MM-DD). */
  translatedAt: string;
}

/** One language folder of a version, verified. */
export interface Translation {
  manifest: TranslationManifest;
  /** Translated sections in the version's reading order. */
  sections: TranslatedSection[];
}

/** A loaded, verified version. */
export interface Version {
  manifest: VersionManifest;
  /** Sections in reading order. */
  sections: Section[];
  /** Translations of some or all of its sections, by language; never authoritative. */
  translations: Translation[];
}
