/**
 * The comment form page rendered on demand (`/comment/`, `/es/comment/`):
 * reached from a paragraph's "Comment" link, and where a form posted without
 * JavaScript lands. Success redirects to the receipt (303); a problem shows
 * the form again, filled in, with an error summary, in the page's language.
 * The route files render src/components/pages/CommentPage.astro with what
 * this works out; only a page can redirect, so the work is done here first.
 */
import { randomUUID } from 'node:crypto';
import type { AstroGlobal } from 'astro';
import { answerHeaders } from '../lib/comments/answer.ts';
import type { Language } from '../lib/i18n/translate.ts';
import { commentState, translatedSection, type CatalogVersion } from '../lib/strategy/catalog.ts';
import { paragraphRef } from '../lib/strategy/paragraphs.ts';
import { sectionParagraphs } from '../lib/strategy/render-section.ts';
import type { Section } from '../lib/strategy/schema.ts';
import { readCommentFields, receiptUrl, submitComment } from './comment-request.ts';
import { services } from './services.ts';

export interface CommentPageState {
  /** Where to send the browser (the receipt), when the comment was stored. */
  redirect?: string;
  version?: CatalogVersion;
  section?: Section;
  /** The section as the page shows it: its translation in the page's language where there is one. */
  shown?: Section;
  paragraphs: { n: number; text: string }[];
  fields: Record<string, string>;
  errors: Record<string, string>;
  problem?: string;
  isPost: boolean;
  showForm: boolean;
}

export async function commentPageState(astro: Pick<AstroGlobal, 'request' | 'url' | 'response' | 'locals'>, lang: Language): Promise<CommentPageState> {
  const running = services();
  const { catalog } = running.site;
  const isPost = astro.request.method === 'POST';
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  let fields: Record<string, string> = Object.fromEntries(astro.url.searchParams);
  // Consent is an explicit act on this page: a link can neither tick a box nor fill in the name or the address.
  for (const key of ['publishName', 'name', 'notify', 'notifyEmail', 'website', 'submissionId', 'altcha']) delete fields[key];
  let errors: Record<string, string> = {};
  let problem: string | undefined;
  /** The answer says the form should not be shown again (the version closed). */
  let closed = false;

  if (isPost) {
    const read = await readCommentFields(astro.request, lang);
    if (read.ok) fields = Object.fromEntries(Object.entries(read.fields).map(([k, v]) => [k, text(v)]));
    const answer = read.ok ? await submitComment(read.fields, astro.locals.client.address, lang) : read.answer;
    if (answer.status === 202) return { redirect: receiptUrl(answer.submissionId, lang), paragraphs: [], fields, errors, isPost, showForm: false };
    astro.response.status = answer.status;
    for (const [name, value] of Object.entries(answerHeaders(answer))) astro.response.headers.set(name, value);
    if (answer.status === 400) errors = answer.errors;
    else problem = answer.message;
    closed = answer.status === 410;
  }

  const version = catalog.byId.get(fields.version ?? '');
  const section = version?.sections.find((s) => s.id === fields.section);
  if (!version || !section) astro.response.status = isPost && astro.response.status !== 200 ? astro.response.status : 404;
  const state = version ? commentState(version, new Date()) : 'not-for-comment';
  if (version && section && state !== 'open' && !problem) {
    problem = running.catalog.isOpen(version.manifest.id, new Date(), lang).reason;
    if (isPost) astro.response.status = 410;
  }
  const shown = version && section && lang !== 'en' ? (translatedSection(version, lang, section.id) ?? section) : section;
  const paragraphs = shown ? sectionParagraphs(shown).map((p) => ({ n: p.n, text: p.text })) : [];
  if (!isPost && section) {
    // Prefill the quote with the paragraph the reader came from; they can trim it.
    const chosen = paragraphs.find((p) => paragraphRef(p.n) === fields.paragraph);
    if (chosen && !fields.quote) fields.quote = chosen.text;
    fields.submissionId = randomUUID();
  }
  return { version, section, shown, paragraphs, fields, errors, problem, isPost, showForm: state === 'open' && !closed };
}
