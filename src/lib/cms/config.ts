/**
 * THE Decap CMS configuration, served as /admin/config.yml. Collections and
 * fields follow the zod schemas the build validates with
 * (src/lib/site/schemas.ts, src/lib/strategy/schema.ts); a unit test checks
 * that every field here is a key of its schema with the same type,
 * required-ness and options, so an editor cannot save a file the build rejects.
 * Published versions are not collections: they are frozen and hashed.
 */
import { stringify } from 'yaml';
import { t } from '../i18n/translate.ts';
import { SECTORS } from '../stakeholders/sectors.ts';
import { SECTION_COMPONENTS } from '../strategy/components.ts';

/** Names under which the admin registers our file formats (src/lib/cms/file-format.ts). */
export const FORMATS = { markdown: 'consulta-frontmatter', json: 'consulta-json' } as const;
/** The custom widget for a section's `id`: editable when the section is new, read-only after. */
export const SECTION_ID_WIDGET = 'section-id';
/** Where decap-server listens by default; the dev server proxies `/api/v1` to it. */
export const DECAP_SERVER_PORT = 8081;

export interface CmsConfigOptions {
  /** `owner/name` of the repository editors' pull requests go to. */
  repository: string;
  /** Branch pull requests are opened against. */
  branch: string;
  /** Origin of the server that runs /api/auth and /api/callback, e.g. `https://consult.example.gov.bz`. */
  authOrigin: string;
  /** OAuth scope: `public_repo` for a public repository, `repo` for a private one. */
  scope: 'public_repo' | 'repo';
  /** Local editing: when set, Decap talks to decap-server at this URL instead of GitHub. */
  localBackendUrl?: string;
}

/** A Decap field. Only the options we use. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  options?: Array<{ label: string; value: string }>;
  value_type?: 'int' | 'float';
  min?: number;
  max?: number;
  step?: number;
  field?: CmsField;
  label_singular?: string;
  fields?: CmsField[];
  collapsed?: boolean;
  format?: string;
  date_format?: string;
  time_format?: boolean;
  picker_utc?: boolean;
  modes?: string[];
  buttons?: string[];
  editor_components?: string[];
}

const DATE = { widget: 'datetime', format: 'YYYY-MM-DD', date_format: 'YYYY-MM-DD', time_format: false, picker_utc: true } as const;
const DATE_HINT = 'YYYY-MM-DD';
const body = (label: string, required = true): CmsField => ({
  name: 'body',
  label,
  widget: 'markdown',
  required,
  modes: ['rich_text', 'raw'],
  buttons: ['bold', 'italic', 'link', 'heading-two', 'heading-three', 'quote', 'bulleted-list', 'numbered-list'],
  editor_components: [],
});
const options = (values: readonly string[], label: (v: string) => string) => values.map((value) => ({ label: label(value), value }));
const humanise = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, ' ');

/** Fields of a draft section (SectionFrontmatter + body). */
export const SECTION_FIELDS: CmsField[] = [
  {
    name: 'id',
    label: 'Section id',
    widget: SECTION_ID_WIDGET,
    hint: 'Set once when the section is created and never changed: comments cite it.',
    pattern: ['^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', 'Use lower-case letters, digits and single hyphens, starting with a letter.'],
  },
  { name: 'title', label: 'Title', widget: 'string', pattern: ['^\\s*\\S[\\s\\S]{0,199}$', 'Required, at most 200 characters.'] },
  { name: 'order', label: 'Order', widget: 'number', value_type: 'int', min: 0, hint: 'Position in the strategy, ascending (10, 20, 30…).' },
  { name: 'summary', label: 'Summary', widget: 'text', required: false, pattern: ['^[\\s\\S]{0,400}$', 'At most 400 characters.'], hint: 'One sentence for the table of contents and search results.' },
  { ...body('Text'), editor_components: Object.keys(SECTION_COMPONENTS) },
];

export const TASK_FORCE_FIELDS: CmsField[] = [
  { name: 'name', label: 'Name', widget: 'string' },
  { name: 'shortName', label: 'Short name', widget: 'string', required: false },
  { name: 'sector', label: 'Sector', widget: 'select', options: options(SECTORS, (s) => t(`sector.${s}` as Parameters<typeof t>[0])) },
  { name: 'role', label: 'Role', widget: 'select', required: false, default: 'member', options: options(['chair', 'secretariat', 'member', 'observer'], humanise) },
  { name: 'order', label: 'Order within sector', widget: 'number', value_type: 'int', required: false, default: 100 },
  body('About the member'),
];

export const MEETING_FIELDS: CmsField[] = [
  { name: 'title', label: 'Title', widget: 'string' },
  { name: 'date', label: 'Date', ...DATE, hint: DATE_HINT },
  { name: 'startTime', label: 'Start time', widget: 'string', required: false, pattern: ['^\\d{2}:\\d{2}$', 'Use HH:MM (24-hour).'] },
  { name: 'location', label: 'Location', widget: 'string', hint: 'A place, or "Online".' },
  { name: 'kind', label: 'Kind', widget: 'select', options: options(['task-force', 'working-group', 'stakeholder'], (k) => t(`meetings.kind.${k}` as Parameters<typeof t>[0])) },
  { name: 'status', label: 'Status', widget: 'select', options: options(['planned', 'held'], humanise) },
  { name: 'agenda', label: 'Agenda', label_singular: 'agenda item', widget: 'list', field: { name: 'item', label: 'Item', widget: 'string' } },
  { name: 'version', label: 'Strategy version discussed', widget: 'string', required: false, hint: 'e.g. v0.2' },
  body('Summary', false),
];

export const EVENT_FIELDS: CmsField[] = [
  { name: 'title', label: 'Title', widget: 'string' },
  { name: 'kind', label: 'Kind', widget: 'select', options: options(['training', 'workshop', 'webinar', 'launch'], (k) => t(`events.kind.${k}` as Parameters<typeof t>[0])) },
  { name: 'date', label: 'First day', ...DATE, hint: DATE_HINT },
  { name: 'endDate', label: 'Last day', ...DATE, required: false, hint: 'Only for events over several days.' },
  { name: 'location', label: 'Location', widget: 'string' },
  { name: 'audience', label: 'Who it is for', widget: 'string' },
  { name: 'status', label: 'Status', widget: 'select', options: options(['planned', 'held'], humanise) },
  { name: 'version', label: 'Strategy version worked on', widget: 'string', required: false, hint: 'e.g. v0.2. For a workshop, the events page counts the comments of channel "workshop" in that version\'s feedback report.' },
  {
    name: 'agenda',
    label: 'Agenda',
    label_singular: 'agenda item',
    widget: 'list',
    required: false,
    collapsed: true,
    fields: [
      { name: 'day', label: 'Day', ...DATE, required: false, hint: 'Only for events over several days.' },
      { name: 'start', label: 'Start', widget: 'string', pattern: ['^\\d{2}:\\d{2}$', 'Use HH:MM (24-hour).'] },
      { name: 'end', label: 'End', widget: 'string', required: false, pattern: ['^\\d{2}:\\d{2}$', 'Use HH:MM (24-hour).'] },
      { name: 'title', label: 'What happens (English)', widget: 'string' },
      { name: 'titleEs', label: 'What happens (Spanish)', widget: 'string', required: false },
      { name: 'lead', label: 'Who leads it', widget: 'string', required: false },
      { name: 'sections', label: 'Strategy sections (ids)', label_singular: 'section', widget: 'list', required: false, field: { name: 'section', label: 'Section id', widget: 'string' } },
    ],
  },
  body('Description'),
];

export const PAGE_FIELDS: CmsField[] = [
  { name: 'title', label: 'Title', widget: 'string' },
  { name: 'description', label: 'Description', widget: 'text', pattern: ['^[\\s\\S]{1,300}$', 'Required, at most 300 characters.'] },
  { name: 'navOrder', label: 'Position in the footer', widget: 'number', value_type: 'int', required: false, hint: 'Leave empty to keep the page out of the footer.' },
  body('Text'),
];

/** A page's Spanish text (`content/pages/es/`), under the same file name as the English page. */
export const TRANSLATED_PAGE_FIELDS: CmsField[] = PAGE_FIELDS.filter((f) => f.name !== 'navOrder');

export const SETTINGS_FIELDS: CmsField[] = [
  { name: 'country', label: 'Country', widget: 'string' },
  { name: 'strategyTitle', label: 'Strategy title', widget: 'string' },
  { name: 'owner', label: 'Owner', widget: 'string' },
  { name: 'purpose', label: 'Purpose', widget: 'text' },
  { name: 'contactEmail', label: 'Contact e-mail', widget: 'string', pattern: ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'Use an e-mail address.'] },
  { name: 'repository', label: 'GitHub repository', widget: 'string', pattern: ['^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$', 'Use owner/name.'] },
  {
    name: 'commentFilers',
    label: 'GitHub logins that file comments for the site',
    label_singular: 'login',
    widget: 'list',
    required: false,
    default: [],
    hint: 'The server\'s GitHub App (its login ends in [bot]) or bot account. The report believes hidden details only in issues they created.',
    field: { name: 'login', label: 'GitHub login', widget: 'string', pattern: ['^[A-Za-z0-9-]+(\\[bot\\])?$', 'A GitHub login, e.g. my-app[bot]'] },
  },
  { name: 'timeZone', label: 'Time zone', widget: 'string', hint: 'IANA name, e.g. America/Belize.' },
  { name: 'timeZoneLabel', label: 'Time zone label', widget: 'string' },
  { name: 'languages', label: 'Languages', label_singular: 'language', widget: 'list', field: { name: 'language', label: 'Language code', widget: 'string', pattern: ['^[a-z]{2}(-[A-Z]{2})?$', 'e.g. en or es-MX'] } },
  {
    name: 'translations',
    label: 'The texts above in other languages',
    widget: 'object',
    required: false,
    collapsed: true,
    hint: 'Shown on the Spanish pages; where a text is left empty, the English one is shown.',
    fields: [
      {
        name: 'es',
        label: 'Spanish',
        widget: 'object',
        required: false,
        fields: [
          { name: 'country', label: 'Country', widget: 'string', required: false },
          { name: 'strategyTitle', label: 'Strategy title', widget: 'string', required: false },
          { name: 'owner', label: 'Owner', widget: 'string', required: false },
          { name: 'purpose', label: 'Purpose', widget: 'text', required: false },
          { name: 'timeZoneLabel', label: 'Time zone label', widget: 'string', required: false, hint: 'e.g. hora de Belice (UTC-6).' },
        ],
      },
    ],
  },
  {
    name: 'readability',
    label: 'Readability check of the build',
    widget: 'object',
    required: false,
    collapsed: true,
    hint: 'The build warns (never fails) about sections whose readability score is below these. Higher is easier.',
    fields: [
      {
        name: 'minScore',
        label: 'Lowest acceptable score',
        widget: 'object',
        fields: [
          { name: 'en', label: 'English (Flesch reading ease, 0–100)', widget: 'number', value_type: 'float', min: 0, max: 100 },
          { name: 'es', label: 'Spanish (Szigriszt-Pazos, 0–100)', widget: 'number', value_type: 'float', min: 0, max: 100 },
        ],
      },
    ],
  },
  {
    name: 'sampleRollingWindow',
    label: 'Sample rolling window (demo content only)',
    widget: 'object',
    required: false,
    collapsed: true,
    fields: [
      { name: 'version', label: 'Version', widget: 'string' },
      { name: 'openedDaysAgo', label: 'Opened days ago', widget: 'number', value_type: 'int', min: 0 },
      { name: 'closesInDays', label: 'Closes in days', widget: 'number', value_type: 'int', min: 1 },
    ],
  },
  {
    name: 'feedback',
    label: 'Feedback report: grouping, flags and lineage',
    widget: 'object',
    required: false,
    collapsed: true,
    fields: [
      { name: 'similarity', label: 'Similarity of near-duplicate comments', widget: 'number', value_type: 'float', min: 0.05, max: 1, step: 0.05, hint: 'From 0 to 1; 0.6 by default. Higher groups fewer comments. See docs/feedback-grouping.md.' },
      {
        name: 'burst',
        label: 'Burst of comments from one channel',
        widget: 'object',
        fields: [
          { name: 'comments', label: 'At least this many comments', widget: 'number', value_type: 'int', min: 2 },
          { name: 'minutes', label: 'Within this many minutes', widget: 'number', value_type: 'int', min: 1 },
        ],
      },
      { name: 'lineageSimilarity', label: 'Similarity for comments to follow their paragraph', widget: 'number', value_type: 'float', min: 0.05, max: 1, step: 0.05, required: false, hint: 'From 0 to 1; 0.6 by default. A later paragraph keeping a smaller share of the earlier one’s words is marked uncertain, and the earlier comments are not shown on it. See docs/lineage.md.' },
    ],
  },
];

/** The whole Decap configuration object. */
export function cmsConfig(options: CmsConfigOptions): Record<string, unknown> {
  const folder = (name: string, label: string, dir: string, fields: CmsField[], extra: Record<string, unknown>) => ({
    name,
    label,
    folder: dir,
    create: true,
    format: FORMATS.markdown,
    fields,
    ...extra,
  });
  return {
    backend: {
      name: 'github',
      repo: options.repository,
      branch: options.branch,
      base_url: options.authOrigin,
      auth_endpoint: 'api/auth',
      auth_scope: options.scope,
      squash_merges: true,
    },
    publish_mode: 'editorial_workflow',
    ...(options.localBackendUrl ? { local_backend: { url: options.localBackendUrl } } : {}),
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    site_url: options.authOrigin,
    collections: [
      folder('sections', 'Draft strategy sections', 'content/strategy/draft', SECTION_FIELDS, {
        label_singular: 'Section',
        extension: 'mdx',
        slug: '{{fields.order}}-{{fields.id}}',
        identifier_field: 'title',
        summary: '{{order}}. {{title}}',
        sortable_fields: ['order', 'title'],
        description: 'The working draft. Published versions are frozen and cannot be edited here.',
      }),
      folder('taskforce', 'Task force members', 'content/taskforce', TASK_FORCE_FIELDS, { label_singular: 'Member', extension: 'md', slug: '{{slug}}', identifier_field: 'name' }),
      folder('meetings', 'Meetings', 'content/meetings', MEETING_FIELDS, { label_singular: 'Meeting', extension: 'md', slug: '{{fields.date}}-{{slug}}', summary: '{{date}}: {{title}}' }),
      folder('events', 'Events', 'content/events', EVENT_FIELDS, { label_singular: 'Event', extension: 'md', slug: '{{slug}}' }),
      folder('pages', 'Pages', 'content/pages', PAGE_FIELDS, { label_singular: 'Page', extension: 'md', slug: '{{slug}}' }),
      folder('pages-es', 'Pages in Spanish', 'content/pages/es', TRANSLATED_PAGE_FIELDS, {
        label_singular: 'Spanish page',
        extension: 'md',
        slug: '{{slug}}',
        description: 'The Spanish text of a page: give the file the name of the English page it translates (about, take-part, privacy). A page without one is shown in English on the Spanish site.',
      }),
      {
        name: 'settings',
        label: 'Site settings',
        format: FORMATS.json,
        files: [{ name: 'site', label: 'Site settings', file: 'content/site.json', fields: SETTINGS_FIELDS }],
      },
    ],
  };
}

/** The configuration as the YAML Decap reads from /admin/config.yml. */
export function cmsConfigYaml(options: CmsConfigOptions): string {
  return `# Generated from src/lib/cms/config.ts; do not edit.\n${stringify(cmsConfig(options), { lineWidth: 0 })}`;
}
