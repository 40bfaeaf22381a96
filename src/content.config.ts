/**
 * Editor-managed collections (Decap CMS writes these files), and the
 * glossary and training programme (JSON, edited by hand; their loaders in
 * src/lib/glossary and src/lib/training add the checks across files). The
 * strategy itself is not a collection: it is read and verified by
 * src/lib/strategy so scripts and the comment server share one loader.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { GlossaryEntry } from './lib/glossary/schema.ts';
import { ConsultationEvent, Meeting, Page, TaskForceMember, TranslatedPage } from './lib/site/schemas.ts';
import { TrainingModule } from './lib/training/schema.ts';

export const collections = {
  taskforce: defineCollection({ loader: glob({ pattern: '*.md', base: './content/taskforce' }), schema: TaskForceMember }),
  meetings: defineCollection({ loader: glob({ pattern: '*.md', base: './content/meetings' }), schema: Meeting }),
  events: defineCollection({ loader: glob({ pattern: '*.md', base: './content/events' }), schema: ConsultationEvent }),
  pages: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base: './content/pages' }), schema: Page }),
  // Spanish translations of the static pages, by the same file name; a page without one is shown in English.
  pagesEs: defineCollection({ loader: glob({ pattern: '*.{md,mdx}', base: './content/pages/es' }), schema: TranslatedPage }),
  glossary: defineCollection({ loader: glob({ pattern: '*.json', base: './content/glossary' }), schema: GlossaryEntry }),
  training: defineCollection({ loader: glob({ pattern: '*.json', base: './content/training' }), schema: TrainingModule }),
};
