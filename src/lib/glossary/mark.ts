/**
 * Marks the first use of each glossary term in each section of a reading
 * page, in the section's hast (src/lib/strategy/render-section.ts makes it).
 * It runs on the reading page's render path only: the stored Markdown never
 * changes, and the diff engine, which works on the Markdown, never sees it.
 *
 * The pattern, and why: the term becomes a `<button popovertarget>` holding
 * `<dfn>` (or `<abbr>` for an abbreviation), and its definition is a
 * `popover` element whose headword links to the entry on the glossary page.
 * - Without JavaScript: the popover attribute is HTML; the browser opens and
 *   closes it by itself (no script, nothing for the CSP to allow).
 * - Keyboard: the button is focusable and opens with Enter or Space; Escape
 *   closes it and focus stays on the term.
 * - Touch: a tap opens it, a tap elsewhere closes it. A hover or `title`
 *   tooltip would not work by touch or keyboard; a tooltip shown on hover
 *   would also have to be dismissible (WCAG 1.4.13), which needs a script.
 * - Screen readers: the button is announced with its expanded state, and
 *   `aria-describedby` points at the definition ("term (expansion):
 *   definition"), so it is read on focus without opening anything.
 * - A browser without popovers shows the definition in the text, after the
 *   term: still there, only less tidy.
 * A definition is written once per page, in the page's language: later
 * sections' first uses of the same term open the same popover, which keeps
 * the page light (measured with `npm run bench:glossary`, see the README).
 * For the same reason the bytes repeated per mark are few: a popover's id is
 * its number in page order, not the term's slug that every mark would write
 * twice; the buttons carry no `type="button"`, as they are never inside a
 * form (in one, a default button submits instead of opening its popover);
 * and the popover writes its term once, as the name of the link to its
 * entry, rather than in bold and again in a "more about … in the glossary"
 * link. A link named by its term, heading that term's definition, says what
 * it leads to (WCAG 2.4.4), and no two such links on a page share a name.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { Language } from '../i18n/translate.ts';
import { termForms } from './forms.ts';
import { termMatcher, type TermMatch, type TermMatcher } from './match.ts';
import type { GlossaryTerm } from './schema.ts';

interface GlossaryMarkerOptions {
  /** Language of the page, that is of the reader: definitions and links are in it. */
  language: Language;
  /** Link to an entry on the glossary page, e.g. `(slug) => '/glossary/#' + slug`. */
  entryHref: (slug: string) => string;
  /** Prefix of the ids written on the page, before each definition's number; defaults to `gl-`. */
  idPrefix?: string;
}

/** Elements whose text is never marked: links, headings, code, marks already made, and the page's own controls. */
const SKIPPED_TAGS = new Set(['a', 'abbr', 'button', 'code', 'del', 'dfn', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'kbd', 'pre', 'samp', 'script', 'style', 'sup', 'svg', 'textarea']);
const SKIPPED_CLASSES = ['callout-title', 'visually-hidden'];

function skipped(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  if (element.properties.popover !== undefined) return true;
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.some((c) => SKIPPED_CLASSES.includes(String(c)));
}

interface GlossaryMarker {
  /**
   * Marks the first use of each term in one section (its hast, changed in
   * place); call once per section, in page order. `textLanguage` is the
   * language the section is written in, when it is not the page's: on the
   * Spanish page an untranslated section is English, so English forms are
   * found and the Spanish definition is given, marked `lang="es"`.
   * Returns the slugs marked.
   */
  mark(tree: Root, textLanguage?: Language): string[];
}

/** A marker for one page: it remembers which definitions the page already holds. */
export function glossaryMarker(terms: readonly GlossaryTerm[], options: GlossaryMarkerOptions): GlossaryMarker {
  const matchers = new Map<Language, TermMatcher>();
  const matcherFor = (language: Language) => {
    if (!matchers.has(language)) matchers.set(language, termMatcher(termForms(terms, language)));
    return matchers.get(language)!;
  };
  const bySlug = new Map(terms.map((term) => [term.slug, term]));
  const prefix = options.idPrefix ?? 'gl-';
  /** The id of each definition the page already holds, by slug: numbered in page order. */
  const defined = new Map<string, string>();

  function definition(slug: string, id: string, textLanguage: Language): Element {
    const text = bySlug.get(slug)![options.language];
    // Kept out of the search index by pagefind.yml (`[popover]`), not by an attribute on each: the page is lighter.
    return h('span', { popover: '', id, lang: textLanguage === options.language ? undefined : options.language }, [
      h('a', { href: options.entryHref(slug) }, text.term),
      `${text.expansion ? ` (${text.expansion})` : ''}: ${text.definition}`,
    ]);
  }

  function marked(match: TermMatch, textLanguage: Language): ElementContent[] {
    const known = defined.get(match.slug);
    const id = known ?? `${prefix}${defined.size}`;
    // The definition describes its term: read on focus, without opening anything.
    const button = h('button', { popoverTarget: id, ariaDescribedBy: id }, [h(match.abbreviation ? 'abbr' : 'dfn', match.text)]);
    if (known) return [button];
    defined.set(match.slug, id);
    return [button, definition(match.slug, id, textLanguage)];
  }

  return {
    mark(tree, textLanguage = options.language) {
      const matcher = matcherFor(textLanguage);
      const done = new Set<string>();
      const edits: Array<{ parent: Element | Root; node: Text; parts: ElementContent[] }> = [];
      visit(tree, (node, _index, parent) => {
        if (node.type === 'element' && skipped(node)) return SKIP;
        if (node.type !== 'text' || !parent) return undefined;
        const matches = matcher.find(node.value).filter((m) => !done.has(m.slug) && (done.add(m.slug), true));
        if (!matches.length) return undefined;
        const parts: ElementContent[] = [];
        let at = 0;
        for (const match of matches) {
          if (match.start > at) parts.push({ type: 'text', value: node.value.slice(at, match.start) });
          parts.push(...marked(match, textLanguage));
          at = match.end;
        }
        if (at < node.value.length) parts.push({ type: 'text', value: node.value.slice(at) });
        edits.push({ parent: parent as Element | Root, node, parts });
        return undefined;
      });
      for (const { parent, node, parts } of edits) {
        const index = parent.children.indexOf(node);
        parent.children.splice(index, 1, ...(parts as typeof parent.children));
      }
      return [...done];
    },
  };
}
