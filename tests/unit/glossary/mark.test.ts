import type { Element, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { describe, expect, it } from 'vitest';
import { glossaryMarker } from '../../../src/lib/glossary/mark.ts';
import type { Language } from '../../../src/lib/i18n/translate.ts';
import { all, section, TERMS } from './fixtures.ts';

function marker(language: Language = 'en') {
  return glossaryMarker(TERMS, { language, entryHref: (slug) => `${language === 'en' ? '' : `/${language}`}/glossary/#${slug}` });
}

function byId(tree: Root, id: string): Element | undefined {
  return [...all(tree, 'span'), ...all(tree, 'div')].find((e) => e.properties.id === id);
}

/** The popover a term opens, wherever on the page (`trees`, its sections) it is. */
function definitionOf(button: Element, trees: Root[]): Element {
  return trees.map((tree) => byId(tree, String(button.properties.popoverTarget))).find((e) => e !== undefined)!;
}

/** The terms marked in a tree: the text of each button and the glossary entry its definition links to. */
function marks(tree: Root, page: Root[] = [tree]): Array<[string, string]> {
  return all(tree, 'button').map((b) => {
    const [link] = all(definitionOf(b, page) as unknown as Root, 'a');
    return [((b.children[0] as Element).children[0] as Text).value, String(link!.properties.href).split('#')[1]!];
  });
}

describe('marking glossary terms in a section', () => {
  it('marks the first use of each term in a section only', () => {
    const tree = section('<p>A CSIRT helps. Another CSIRT helps too.</p><p>Every CSIRT and every CSIRTs list.</p>');
    expect(marker().mark(tree)).toEqual(['csirt']);
    expect(marks(tree)).toEqual([['CSIRT', 'csirt']]);
  });

  it('marks a term again in the next section, opening the definition the page already holds', () => {
    const m = marker();
    const first = section('<p>The CSIRT answers.</p>');
    const second = section('<p>Each CSIRT reports.</p>');
    m.mark(first);
    m.mark(second);
    expect(marks(second, [first, second])).toEqual([['CSIRT', 'csirt']]);
    expect(all(second, 'button')[0]!.properties.popoverTarget).toBe(all(first, 'button')[0]!.properties.popoverTarget);
    expect(all(first, 'span').filter((s) => s.properties.popover !== undefined)).toHaveLength(1);
    expect(all(second, 'span').filter((s) => s.properties.popover !== undefined)).toHaveLength(0);
  });

  it('gives a definition that works without script, by keyboard, touch and screen reader, and no title tooltip', () => {
    const tree = section('<p>Report it to the CSIRT.</p>');
    marker().mark(tree);
    const [button] = all(tree, 'button');
    expect(button!.properties).toMatchObject({ popoverTarget: 'gl-0', ariaDescribedBy: ['gl-0'] });
    const popover = byId(tree, 'gl-0')!;
    expect(popover.properties.popover).toBe('');
    expect(toText(popover)).toBe('CSIRT (computer security incident response team): A team that handles incidents.');
    const [link] = all(popover as unknown as Root, 'a');
    expect(link!.properties.href).toBe('/glossary/#csirt');
    expect(toText(link!)).toBe('CSIRT');
    expect(toHtml(tree)).not.toMatch(/title=/);
  });

  it('uses <abbr> for an abbreviation and <dfn> for any other term', () => {
    const tree = section('<p>The CII and the critical information infrastructure.</p><p>Cyber security matters.</p>');
    marker().mark(tree);
    expect(all(tree, 'abbr').map((e) => toText(e))).toEqual(['CII']);
    expect(all(tree, 'dfn').map((e) => toText(e))).toEqual(['Cyber security']);
  });

  it('matches abbreviations case-sensitively and other terms in any case', () => {
    const tree = section('<p>The first step: Csirt is not CSIRT. Critical Information Infrastructure comes FIRST.</p>');
    marker().mark(tree);
    expect(marks(tree).map(([text]) => text)).toEqual(['CSIRT', 'Critical Information Infrastructure', 'FIRST']);
  });

  it('matches whole words only, and a hyphen joins words', () => {
    const tree = section('<p>BZ-CSIRT, CSIRTX, XCSIRT, cybersecurityplus and CII-based systems.</p>');
    marker().mark(tree);
    expect(marks(tree)).toEqual([['BZ-CSIRT', 'bz-csirt']]);
  });

  it('takes the longest form where two start at the same place', () => {
    const tree = section('<p>CII operators report; CII is listed.</p>');
    marker().mark(tree);
    expect(marks(tree)).toEqual([
      ['CII operators', 'designated-operator'],
      ['CII', 'critical-information-infrastructure'],
    ]);
  });

  it('finds a term wrapped across lines', () => {
    const tree = section('<p>Protect critical information\ninfrastructure now.</p>');
    marker().mark(tree);
    expect(marks(tree)).toEqual([['critical information\ninfrastructure', 'critical-information-infrastructure']]);
  });

  it('never marks inside links, headings, code or a callout title, and marks the first use outside them', () => {
    const tree = section(
      '<h3 id="x">The CSIRT</h3><p><a href="/csirt/">CSIRT page</a> <code>CSIRT</code></p>' +
        '<aside class="callout"><p class="callout-title">CSIRT</p><p>Then the CSIRT acts.</p></aside>',
    );
    marker().mark(tree);
    expect(marks(tree)).toEqual([['CSIRT', 'csirt']]);
    const [button] = all(tree, 'button');
    expect(toText(all(tree, 'p').find((p) => p.children.includes(button!))!)).toMatch(/^Then the CSIRT/);
  });

  it('leaves the paragraph number and the comment link alone', () => {
    const html = '<p id="s-p1" class="para"><a class="para-ref" href="#s-p1"><span class="visually-hidden">Paragraph </span>1</a> The CSIRT. <a href="/comment/?p=1">Comment<span class="visually-hidden"> on CSIRT paragraph 1</span></a></p>';
    const tree = section(html);
    marker().mark(tree);
    const links = all(tree, 'a').map((a) => toHtml(a));
    expect(links.filter((a) => !a.includes('/glossary/'))).toEqual(all(section(html), 'a').map((a) => toHtml(a)));
    expect(marks(tree)).toEqual([['CSIRT', 'csirt']]);
  });

  it('marks Spanish text with the Spanish forms and definitions', () => {
    const tree = section('<p>La Infraestructura crítica de información y la ciberseguridad; el equipo de respuesta a incidentes de seguridad informática.</p>');
    expect(marker('es').mark(tree)).toEqual(['critical-information-infrastructure', 'cyber-security', 'csirt']);
    expect(toText(byId(tree, 'gl-2')!)).toBe('CSIRT (equipo de respuesta a incidentes de seguridad informática): Un equipo que atiende incidentes.');
    expect(toText(all(tree, 'a')[0]!)).toBe('infraestructura crítica de información');
    expect(all(tree, 'a')[0]!.properties.href).toBe('/es/glossary/#critical-information-infrastructure');
  });

  it('on the Spanish page, finds English terms in an untranslated section and defines them in Spanish, marked lang="es"', () => {
    const tree = section('<p>The CSIRT and the designated operators.</p>');
    expect(marker('es').mark(tree, 'en')).toEqual(['csirt', 'designated-operator']);
    const popover = byId(tree, 'gl-1')!;
    expect(popover.properties.lang).toBe('es');
    expect(toText(popover)).toBe('operador designado: Un operador nombrado como responsable de ICI.');
  });

  it('changes nothing in a section without terms', () => {
    const html = '<p>Nothing to explain here.</p><ul><li>Or here.</li></ul>';
    const tree = section(html);
    expect(marker().mark(tree)).toEqual([]);
    expect(toHtml(tree)).toBe(toHtml(section(html)));
  });
});
