/**
 * The MDX components a section body may use. Section bodies stay plain
 * Markdown plus these few blocks (docs/architecture.md "Decisions": Decap mangles JSX it does not
 * know); each one is rendered here to plain HTML and registered with Decap as
 * an editor component of the same name.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';

export interface ComponentRenderer {
  /** Attributes the component accepts; any other is an error. */
  attributes: readonly string[];
  render(attributes: Record<string, string>, children: ElementContent[]): ElementContent;
}

export const SECTION_COMPONENTS: Record<string, ComponentRenderer> = {
  /** A highlighted commitment or note: `<Callout title="Key commitment">…</Callout>`. */
  Callout: {
    attributes: ['title'],
    render: (attributes, children) =>
      h('aside', { className: ['callout'] }, [
        ...(attributes.title ? [h('p', { className: ['callout-title'] }, attributes.title)] : []),
        ...children,
      ]),
  },
};

/** The attributes of a component as plain strings; expressions are rejected by the caller. */
export function stringAttributes(node: MdxJsxFlowElement): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const attribute of node.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') return 'uses a {...} spread attribute';
    if (typeof attribute.value !== 'string') return `attribute "${attribute.name}" must be a plain "quoted" string`;
    out[attribute.name] = attribute.value;
  }
  return out;
}
