/** Tiny sections for the diff tests: a section is just id, title, order and a Markdown body. */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Section } from '../../../src/lib/strategy/schema.ts';

export function section(id: string, title: string, order: number, body: string): Section {
  return { id, title, order, file: `${String(order).padStart(2, '0')}-${id}.mdx`, body };
}

/** A few ordinary sections with distinct text, for tests that move or rename some of them. */
export function strategy(): Section[] {
  return [
    section('introduction', 'Introduction', 1, 'Belize depends on networks for trade, tourism and public services.'),
    section('vision', 'Vision', 2, 'A secure and resilient cyberspace that supports prosperity for every Belizean.'),
    section('governance', 'Governance', 3, 'A national cyber security council coordinates ministries and regulators.'),
    section('incident-response', 'Incident response', 4, 'A national CSIRT receives reports and coordinates the response to incidents.'),
    section('awareness', 'Awareness', 5, 'Schools, businesses and citizens learn to recognise phishing and fraud.'),
  ];
}

/** Tag names of all elements in a tree, in document order. */
export function tagNames(tree: Root | Element): string[] {
  const out: string[] = [];
  visit(tree, 'element', (node: Element) => {
    out.push(node.tagName);
  });
  return out;
}

/** All elements with a given tag name. */
export function elements(tree: Root | Element, tagName: string): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === tagName) out.push(node);
  });
  return out;
}
