/**
 * Beside each change of a comparison, the comments made on the paragraph it
 * changed (and on that paragraph's own ancestors): the comments a change
 * may have answered, each linking to its row, disposition and response in
 * its version's report. Plain links, so it works without JavaScript.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { SectionChange, SectionComparison } from '../diff/index.ts';
import { historySummary, paragraphHistory } from '../feedback/earlier-comments.ts';
import type { Translate } from '../i18n/translate.ts';
import type { SiteContext } from '../site/context.ts';

type Actions = (changes: readonly SectionChange[]) => Element | undefined;

/** The earlier comments of the paragraph each change is in, for a section of the comparison `from`…. */
export function changeHistory(context: SiteContext, from: string, section: SectionComparison, t: Translate): Actions | undefined {
  if (from === 'draft' || !section.before) return undefined;
  return (changes) => {
    const before = section.rows[changes[0]!.row]?.before;
    if (before?.kind !== 'paragraph' || !before.anchor) return undefined;
    const history = paragraphHistory(context, from, before.anchor, { includeSelf: true });
    if (!history) return undefined;
    const comments = history.certain.flatMap((p) => p.comments);
    return h('div', { className: ['change-history'] }, [
      h('p', `${historySummary(history, t)}:`),
      h(
        'ul',
        comments.map((c) =>
          h('li', [h('a', { href: c.url }, c.reference), ' ', h('span', { className: ['disposition', `disposition-${c.disposition}`] }, t(`feedback.disposition.${c.disposition}`)), ' ', h('span', { className: ['meta'] }, excerpt(c.comment))]),
        ),
      ),
      ...history.uncertain.map((maybe) => h('p', { className: ['meta'] }, [t('lineage.compare.uncertain', { version: maybe.version, count: maybe.comments }), ' ', h('a', { href: maybe.url }, t('lineage.uncertain.link', { version: maybe.version }))])),
    ]);
  };
}

/** Both kinds of content after a changed paragraph (comment links, earlier comments), in one block. */
export function combineActions(...all: (Actions | undefined)[]): Actions | undefined {
  const present = all.filter((a): a is Actions => a !== undefined);
  if (present.length === 0) return undefined;
  return (changes) => {
    const parts = present.map((a) => a(changes)).filter((e): e is Element => e !== undefined);
    return parts.length <= 1 ? parts[0] : h('div', { className: ['change-extras'] }, parts);
  };
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `“${line.slice(0, 139)}…”` : `“${line}”`;
}
