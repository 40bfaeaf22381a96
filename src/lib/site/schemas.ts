/**
 * Schemas of the editor-managed collections (task force, meetings, events,
 * pages) and of the site settings. Decap CMS edits these files; the build
 * validates them here and names the file and field on error.
 */
import { z } from 'zod';
import { SECTORS } from '../stakeholders/sectors.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const Time = z.string().regex(/^\d{2}:\d{2}$/, 'use HH:MM (24-hour)');

/** `content/site.json`: who runs this consultation and where. */
export const SiteSettings = z.object({
  /** Country or jurisdiction, e.g. "Belize". Required. */
  country: z.string().min(1),
  /** Title of the strategy under consultation. Required. */
  strategyTitle: z.string().min(1),
  /** Body that owns the strategy, e.g. a ministry. Required. */
  owner: z.string().min(1),
  /** One paragraph on why the strategy exists and what the consultation is for. Required. */
  purpose: z.string().min(1),
  /** Address for questions about the consultation (shown publicly). Required. */
  contactEmail: z.string().email(),
  /** GitHub repository holding the content and the comment issues, `owner/name`. Required. */
  repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'use owner/name'),
  /**
   * GitHub logins that file comments for the site: the server's GitHub App
   * (its login ends in `[bot]`) or bot account. The report believes the
   * hidden marker (channel, time received) only in issues they created;
   * anyone can type a marker into an issue. Defaults to none.
   */
  commentFilers: z.array(z.string().regex(/^[A-Za-z0-9-]+(\[bot\])?$/, 'use a GitHub login, e.g. my-app[bot]')).default([]),
  /** Default IANA time zone for dates shown on the site. Required. */
  timeZone: z.string().min(1),
  /** Human label for the time zone, e.g. "Belize time (UTC-6)". Required. */
  timeZoneLabel: z.string().min(1),
  /** Language codes the site is offered in; the first is the default. Required. */
  languages: z.array(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/)).min(1),
  /**
   * The texts above as the Spanish pages show them. Optional, and so is each
   * text: a Spanish page shows the English one, marked as English, where
   * there is none.
   */
  translations: z
    .object({
      /** Spanish. */
      es: z
        .object({
          /** e.g. "Belice". */
          country: z.string().min(1).optional(),
          /** e.g. "Estrategia Nacional de Ciberseguridad 2027–2031". */
          strategyTitle: z.string().min(1).optional(),
          /** e.g. "Oficina del Coordinador Nacional de Ciberseguridad". */
          owner: z.string().min(1).optional(),
          /** The purpose paragraph in Spanish. */
          purpose: z.string().min(1).optional(),
          /** e.g. "hora de Belice (UTC-6)". */
          timeZoneLabel: z.string().min(1).optional(),
        })
        .optional(),
    })
    .optional(),
  /**
   * Plain-language check of the build: a section whose readability score is
   * below `minScore` for its language is reported as a warning (never an
   * error). Optional; without it nothing is reported.
   */
  readability: z
    .object({
      /** Lowest acceptable score per language, 0–100, higher is easier: Flesch reading ease for English, Szigriszt-Pazos for Spanish. */
      minScore: z.object({
        /** English, Flesch reading ease; 30 is "difficult", 50 "fairly difficult". */
        en: z.number().min(0).max(100),
        /** Spanish, Szigriszt-Pazos (INFLESZ scale); 40 is "somewhat difficult", 55 "normal". */
        es: z.number().min(0).max(100),
      }),
    })
    .optional(),
  /**
   * Sample-content only: keeps the demo consultation open by placing the window
   * of `version` around the build date. A real deployment leaves this out.
   */
  sampleRollingWindow: z
    .object({
      /** Version whose window is recomputed. */
      version: z.string(),
      /** Days before the build date the window opened. */
      openedDaysAgo: z.number().int().min(0),
      /** Days after the build date the window closes (at 23:59 local time). */
      closesInDays: z.number().int().min(1),
    })
    .optional(),
  /**
   * How `npm run feedback` groups and flags comments (docs/feedback-grouping.md), and how
   * sure the site must be that a paragraph comes from an earlier one to show its comments there.
   * Optional: the defaults below apply when it is left out.
   */
  feedback: z
    .object({
      /** Jaccard similarity (above 0, at most 1) at or above which two comments are near-duplicates. Default 0.6. */
      similarity: z.number().gt(0).max(1).default(0.6),
      /** A burst: at least `comments` comments through one channel within `minutes`. Default 20 within 10. */
      burst: z
        .object({
          comments: z.number().int().min(2).default(20),
          minutes: z.number().int().min(1).default(10),
        })
        .default({ comments: 20, minutes: 10 }),
      /**
       * Comments follow their paragraph into later versions (docs/lineage.md) only when the
       * later paragraph keeps at least this share of the earlier one's words (above 0, at most
       * 1); below it the page says the link is uncertain instead. Default 0.6.
       */
      lineageSimilarity: z.number().gt(0).max(1).default(0.6),
    })
    .optional(),
});
export type SiteSettings = z.output<typeof SiteSettings>;

/** `content/taskforce/<slug>.md`: one member entity of the task force. */
export const TaskForceMember = z.object({
  /** Full name of the entity. Required. */
  name: z.string().min(1),
  /** Acronym or short name, e.g. "PUC". Optional. */
  shortName: z.string().optional(),
  /** Stakeholder sector the entity belongs to. Required. */
  sector: z.enum(SECTORS),
  /** Role on the task force. Defaults to member. */
  role: z.enum(['chair', 'secretariat', 'member', 'observer']).default('member'),
  /** Sort position within its sector. Defaults to 100. */
  order: z.number().int().default(100),
});

/** `content/meetings/<date>-<slug>.md`: a task-force or stakeholder meeting. Body: the summary. */
export const Meeting = z.object({
  /** Title, e.g. "Task force meeting 3: governance". Required. */
  title: z.string().min(1),
  /** Date of the meeting. Required. */
  date: IsoDate,
  /** Start time, local. Optional. */
  startTime: Time.optional(),
  /** Place, or "Online". Required. */
  location: z.string().min(1),
  /** Kind of meeting. Required. */
  kind: z.enum(['task-force', 'working-group', 'stakeholder']),
  /** Whether it has happened; planned meetings have no summary yet. Required. */
  status: z.enum(['planned', 'held']),
  /** Agenda items, in order. Required (may be empty). */
  agenda: z.array(z.string().min(1)),
  /** Strategy version discussed, if any. Optional. */
  version: z.string().optional(),
});

/** One item of an event's agenda. */
const AgendaItem = z.object({
  /** Day of the item (YYYY-MM-DD), for events over several days. Optional. */
  day: IsoDate.optional(),
  /** Start time, local (HH:MM). Required. */
  start: Time,
  /** End time, local (HH:MM). Optional. */
  end: Time.optional(),
  /** What happens, in English. Required. */
  title: z.string().min(1),
  /** What happens, in Spanish, for the Spanish pages. Optional. */
  titleEs: z.string().min(1).optional(),
  /** Who leads or speaks. Optional. */
  lead: z.string().min(1).optional(),
  /** Ids of the strategy sections the item works on (as in the section files' `id`). Optional. */
  sections: z.array(z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'use a section id, e.g. incident-response')).optional(),
});

/** `content/events/<slug>.md`: capacity-building events and the validation workshop. Body: description. */
export const ConsultationEvent = z.object({
  /** Title. Required. */
  title: z.string().min(1),
  /** Kind of event. Required. */
  kind: z.enum(['training', 'workshop', 'webinar', 'launch']),
  /** First day. Required. */
  date: IsoDate,
  /** Last day for events over several days. Optional. */
  endDate: IsoDate.optional(),
  /** Place, or "Online". Required. */
  location: z.string().min(1),
  /** Who it is for. Required. */
  audience: z.string().min(1),
  /** Whether it has happened. Required. */
  status: z.enum(['planned', 'held']),
  /**
   * The strategy version the event works on, e.g. `v0.2`. For a workshop the
   * events page counts, after the agenda, the comments of channel `workshop`
   * in that version's feedback report. Optional.
   */
  version: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,31}$/, 'use a version id, e.g. v0.2').optional(),
  /** The programme, in order; for workshops and training shown on the events page. Optional. */
  agenda: z.array(AgendaItem).optional(),
});

/** `content/pages/<slug>.md`: static pages such as the privacy notice. */
export const Page = z.object({
  /** Page title. Required. */
  title: z.string().min(1),
  /** One-sentence description for search engines and link previews. Required. */
  description: z.string().min(1).max(300),
  /** Position in the footer navigation; pages without one are not listed. Optional. */
  navOrder: z.number().int().optional(),
});

/**
 * `content/pages/es/<slug>.md`: the Spanish text of the page with the same
 * file name in `content/pages/` (the footer keeps the English page's order).
 */
export const TranslatedPage = Page.omit({ navOrder: true });
