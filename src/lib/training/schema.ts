/**
 * `content/training/<slug>.json`: one module of the training programme for
 * organisations new to cyber policy, in English and Spanish. Materials are
 * files under `public/` whose type and size are read from the file when the
 * site is built; example comments point at the feedback report they come
 * from, so the Learn page quotes them as they were received.
 */
import { z } from 'zod';
import { LANGUAGES } from '../i18n/translate.ts';

const Line = z.string().trim().min(1).max(300);
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use the file name of an event in content/events, without .md');

/** The module in one language. */
const ModuleText = z.object({
  /** Title of the module. Required. */
  title: z.string().trim().min(1).max(120),
  /** One sentence on what the module is about. Required. */
  summary: Line,
  /** Who it is for. Required. */
  audience: Line,
  /** What participants can do afterwards, one per line. Required (at least one). */
  objectives: z.array(Line).min(1),
  /** The topics, in the order they are taught. Required (at least one). */
  outline: z.array(Line).min(1),
});

/** A file participants can download. */
const Material = z.object({
  /** Its address under `public/`, e.g. `/training/what-is-a-strategy.en.md`. Required; its type and size are read from the file. */
  file: z.string().regex(/^\/training\/[a-z0-9][a-z0-9.-]*\.(?:md|txt|csv|pdf)$/, 'use /training/<name>.md, .txt, .csv or .pdf'),
  /** Language the file is written in. Required. */
  language: z.enum(LANGUAGES),
  /** What the file is, in each language, e.g. "Handout" / "Hoja informativa". Required. */
  label: z.object({ en: Line, es: Line }),
});

/** A comment from a feedback report, shown as an example of a useful or a weak comment. */
const CommentExample = z.object({
  /** Version whose feedback report holds the comment (`content/feedback/<version>.json`). Required. */
  version: z.string().min(1),
  /** The comment's reference in that report, e.g. `#10`. Required. */
  reference: z.string().min(1),
  /** Whether it shows what to do (`useful`) or what to avoid (`weak`). Required. */
  quality: z.enum(['useful', 'weak']),
  /** Why, in each language. Required. */
  why: z.object({ en: Line, es: Line }),
});

export const TrainingModule = z.object({
  /** Position in the programme, ascending. Required. */
  order: z.number().int().min(0),
  /** How long the module takes, in minutes. Required. */
  durationMinutes: z.number().int().min(5).max(8 * 60),
  /** The module in English. Required. */
  en: ModuleText,
  /** The module in Spanish. Required. */
  es: ModuleText,
  /** Files to download, in either language. Defaults to none. */
  materials: z.array(Material).default([]),
  /** Events in `content/events/` where the module was (or will be) delivered, by file name. Defaults to none. */
  events: z.array(Slug).default([]),
  /** Example comments from the feedback reports. Defaults to none. */
  examples: z.array(CommentExample).default([]),
});
export type TrainingModule = z.output<typeof TrainingModule>;
