/**
 * Every component a section body may use (SECTION_COMPONENTS), as a Decap
 * editor component: a block the rich-text editor shows as a small form and
 * writes back exactly as the file has it, `<Name attr="…">`, the Markdown
 * inside, `</Name>`, each on its own lines. A component Decap did not know
 * would be kept as an HTML blob and mangled on the next save (docs/architecture.md "Decisions").
 */
import { toHtml } from 'hast-util-to-html';
import { SECTION_COMPONENTS } from '../strategy/components.ts';
import { mdastToHast } from '../strategy/render-section.ts';
import { parseSectionBody } from '../strategy/paragraphs.ts';

/** The fields Decap shows for one component: its attributes, then its Markdown content as `body`. */
export interface EditorComponentDefinition {
  id: string;
  label: string;
  fields: Array<{ name: string; label: string; widget: 'string' | 'markdown'; required?: boolean }>;
  pattern: RegExp;
  fromBlock(match: RegExpMatchArray): Record<string, string>;
  toBlock(data: Record<string, string | undefined>): string;
  toPreview(data: Record<string, string | undefined>): string;
}

const ATTRIBUTE = /\s+([A-Za-z][A-Za-z0-9-]*)="([^"]*)"/g;

export function editorComponents(): EditorComponentDefinition[] {
  return Object.entries(SECTION_COMPONENTS).map(([name, component]) => ({
    id: name,
    label: name,
    fields: [
      ...component.attributes.map((attribute) => ({ name: attribute, label: attribute, widget: 'string' as const, required: false })),
      { name: 'body', label: 'Content', widget: 'markdown' as const },
    ],
    // No `m` flag: Decap rejects it. Lazy, so two components in a row stay two.
    pattern: new RegExp(`^<${name}((?:\\s+[A-Za-z][A-Za-z0-9-]*="[^"]*")*)\\s*>\\n([\\s\\S]*?)\\n</${name}>`),
    fromBlock(match) {
      const data: Record<string, string> = {};
      for (const [, key, value] of (match[1] ?? '').matchAll(ATTRIBUTE)) if (key && component.attributes.includes(key)) data[key] = value ?? '';
      data.body = match[2] ?? '';
      return data;
    },
    toBlock(data) {
      const attributes = component.attributes
        .filter((attribute) => data[attribute])
        // A double quote would end the attribute; the typographic one reads the same.
        .map((attribute) => ` ${attribute}="${String(data[attribute]).replace(/"/g, '”')}"`)
        .join('');
      return `<${name}${attributes}>\n${(data.body ?? '').replace(/\s+$/, '')}\n</${name}>`;
    },
    toPreview(data) {
      return componentHtml(name, data);
    },
  }));
}

/** A component rendered by the site's own renderer, for Decap's inline preview. */
function componentHtml(name: string, data: Record<string, string | undefined>): string {
  const component = SECTION_COMPONENTS[name];
  if (!component) return '';
  const attributes = Object.fromEntries(component.attributes.filter((a) => data[a]).map((a) => [a, String(data[a])]));
  const inner = mdastToHast(parseSectionBody(data.body ?? ''), 'preview', 2);
  return toHtml(component.render(attributes, inner.children as never));
}
