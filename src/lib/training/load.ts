/**
 * Reads the training programme and resolves what the JSON only names: each
 * material's type and size from its file under `public/`, each event from
 * `content/events/`, each example comment from its feedback report. A
 * missing file, event or comment is a ContentError naming the module file
 * and the field.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { Language } from '../i18n/translate.ts';
import { loadFeedbackReport } from '../feedback/report-file.ts';
import type { FeedbackComment } from '../feedback/schema.ts';
import { ContentError, parseContent } from '../strategy/content-error.ts';
import { readJsonContent } from '../strategy/json-content.ts';
import { TrainingModule } from './schema.ts';

/** The download types a material may have: media type and the name readers know it by. */
const TYPES: Record<string, { mediaType: string; name: string }> = {
  '.md': { mediaType: 'text/markdown', name: 'Markdown' },
  '.txt': { mediaType: 'text/plain', name: 'Text' },
  '.csv': { mediaType: 'text/csv', name: 'CSV' },
  '.pdf': { mediaType: 'application/pdf', name: 'PDF' },
};

interface ResolvedMaterial {
  /** Link to the file on the site. */
  href: string;
  language: Language;
  label: Record<Language, string>;
  mediaType: string;
  /** Short name of the type for people, e.g. "PDF". */
  typeName: string;
  /** Size in bytes, read from the file. */
  bytes: number;
}

interface ResolvedExample {
  quality: 'useful' | 'weak';
  why: Record<Language, string>;
  /** The comment as the report holds it. */
  comment: FeedbackComment;
}

interface TrainingModuleView extends Omit<TrainingModule, 'materials' | 'examples'> {
  slug: string;
  materials: ResolvedMaterial[];
  examples: ResolvedExample[];
}

/** Loads every module, in programme order; an empty list without `content/training/`. */
export function loadTraining(root: string): TrainingModuleView[] {
  const dir = join(root, 'content/training');
  if (!existsSync(dir)) return [];
  const reports = new Map<string, ReturnType<typeof loadFeedbackReport>>();
  const report = (version: string) => {
    if (!reports.has(version)) reports.set(version, loadFeedbackReport(root, version));
    return reports.get(version)!;
  };
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name): TrainingModuleView => {
      const shown = relative(root, join(dir, name));
      const module = parseContent(TrainingModule, readJsonContent(join(dir, name), shown), shown);
      const problems: string[] = [];
      const materials = module.materials.flatMap((material, i): ResolvedMaterial[] => {
        const path = join(root, 'public', material.file);
        if (!existsSync(path)) {
          problems.push(`field "materials.${i}.file": public${material.file} does not exist`);
          return [];
        }
        const type = TYPES[extname(material.file)]!;
        return [{ href: material.file, language: material.language, label: material.label, mediaType: type.mediaType, typeName: type.name, bytes: statSync(path).size }];
      });
      module.events.forEach((event, i) => {
        if (!existsSync(join(root, 'content/events', `${event}.md`))) problems.push(`field "events.${i}": there is no content/events/${event}.md`);
      });
      const examples = module.examples.flatMap((example, i): ResolvedExample[] => {
        const comment = report(example.version)?.comments.find((c) => c.reference === example.reference);
        if (!comment) {
          problems.push(`field "examples.${i}": no comment ${example.reference} in content/feedback/${example.version}.json`);
          return [];
        }
        return [{ quality: example.quality, why: example.why, comment }];
      });
      if (problems.length) throw new ContentError(shown, problems);
      return { ...module, slug: name.slice(0, -'.json'.length), materials, examples };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** A size for people in their language, e.g. "840 byte", "12 kB", "1.4 MB" (the units as the language writes them). */
export function formatBytes(bytes: number, language: Language): string {
  const [value, unit, digits] = bytes < 1000 ? [bytes, 'byte', 0] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte', 0] : [bytes / 1_000_000, 'megabyte', 1];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
}
