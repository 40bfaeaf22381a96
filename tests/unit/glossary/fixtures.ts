/** A small glossary and hast helpers for the marker tests. */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { GlossaryTerm } from '../../../src/lib/glossary/schema.ts';

function text(term: string, variants: string[], definition: string, expansion?: string) {
  return { term, variants, definition, explanation: `${definition} More.`, ...(expansion ? { expansion } : {}) };
}

export const TERMS: GlossaryTerm[] = [
  {
    slug: 'csirt',
    en: text('CSIRT', ['CSIRTs', 'computer security incident response team'], 'A team that handles incidents.', 'computer security incident response team'),
    es: text('CSIRT', ['CSIRTs', 'equipo de respuesta a incidentes de seguridad informática'], 'Un equipo que atiende incidentes.', 'equipo de respuesta a incidentes de seguridad informática'),
  },
  { slug: 'bz-csirt', en: text('BZ-CSIRT', [], 'The national CSIRT of Belize.'), es: text('BZ-CSIRT', [], 'El CSIRT nacional de Belice.') },
  {
    slug: 'critical-information-infrastructure',
    en: text('critical information infrastructure', ['CII'], 'Systems whose failure would seriously harm the country.'),
    es: text('infraestructura crítica de información', ['ICI'], 'Sistemas cuya falla dañaría gravemente al país.'),
  },
  {
    slug: 'designated-operator',
    en: text('designated operator', ['designated operators', 'CII operators'], 'An operator named as running CII.'),
    es: text('operador designado', ['operadores designados'], 'Un operador nombrado como responsable de ICI.'),
  },
  { slug: 'first', en: text('FIRST', [], 'The global forum of CSIRTs.', 'Forum of Incident Response and Security Teams'), es: text('FIRST', [], 'El foro mundial de los CSIRT.') },
  { slug: 'cyber-security', en: text('cyber security', ['cybersecurity'], 'Protecting computers and networks.'), es: text('ciberseguridad', [], 'La protección de computadoras y redes.') },
];

/** A section's hast from HTML, as render-section makes it (a root of block elements). */
export function section(html: string): Root {
  return fromHtml(html, { fragment: true });
}

/** Every element with this tag name, in document order. */
export function all(tree: Root, tagName: string): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (element: Element) => {
    if (element.tagName === tagName) out.push(element);
  });
  return out;
}
