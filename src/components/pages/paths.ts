/**
 * The static paths of the pages that have parameters, shared by the English
 * route file and its Spanish twin under src/pages/es/ (both render the same
 * page component, with `lang`).
 */
import type { GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { config, siteContext } from '../../config.ts';
import { CHANNELS } from '../../lib/comments/schema.ts';
import { publishedReports } from '../../lib/feedback/site-data.ts';
import { COMPARE_VIEWS, comparePairs } from '../../lib/strategy/compare-pairs.ts';

/** Every published version and the working draft. */
export const versionPaths = (() => {
  const { catalog } = siteContext();
  return [...catalog.versions.map((v) => ({ params: { version: v.manifest.id } })), { params: { version: 'draft' } }];
}) satisfies GetStaticPaths;

/** Every published version after the first: only they can have earlier comments. */
export const earlierCommentsPaths = (() => siteContext().catalog.versions.slice(1).map((v) => ({ params: { version: v.manifest.id } }))) satisfies GetStaticPaths;

/** Published versions that have a translation: their side-by-side page. */
export const bilingualPaths = (() =>
  siteContext().catalog.versions.filter((v) => v.translations.some((t) => t.sections.length > 0)).map((v) => ({ params: { version: v.manifest.id } }))) satisfies GetStaticPaths;

/** Published versions: the workshop print page. */
export const workshopPaths = (() => siteContext().catalog.versions.map((v) => ({ params: { version: v.manifest.id } }))) satisfies GetStaticPaths;

/**
 * One page per pair and view: the redline at the pair's URL, the other views
 * below it. CONSULTA_BENCH_NO_COMPARE=1 leaves them out, only so that
 * `npm run bench:build` can measure what they cost.
 */
export const comparePaths = (() =>
  config().bench.noCompare ? [] : comparePairs(siteContext().catalog.versions.map((v) => v.manifest.id)).flatMap((p) =>
    COMPARE_VIEWS.map((view) => ({ params: { pair: `${p.from}...${p.to}`, view: view === 'redline' ? undefined : view } })),
  )) satisfies GetStaticPaths;

export const feedbackPaths = (() => publishedReports(siteContext()).map((r) => ({ params: { version: r.version.manifest.id } }))) satisfies GetStaticPaths;

export const feedbackSectorPaths = (() =>
  publishedReports(siteContext()).flatMap((r) =>
    r.view.statistics.bySector.filter((c) => c.count > 0).map((c) => ({ params: { version: r.version.manifest.id, sector: c.key } })),
  )) satisfies GetStaticPaths;

/** A page per channel that brought comments, so the events page can link to a workshop's comments without JavaScript. */
export const feedbackChannelPaths = (() =>
  publishedReports(siteContext()).flatMap((r) =>
    CHANNELS.filter((channel) => r.view.statistics.byChannel.some((c) => c.key === channel && c.count > 0)).map((channel) => ({ params: { version: r.version.manifest.id, channel } })),
  )) satisfies GetStaticPaths;

export const meetingPaths = (async () => (await getCollection('meetings')).map((meeting) => ({ params: { slug: meeting.id } }))) satisfies GetStaticPaths;

export const staticPagePaths = (async () => (await getCollection('pages')).map((page) => ({ params: { page: page.id } }))) satisfies GetStaticPaths;
