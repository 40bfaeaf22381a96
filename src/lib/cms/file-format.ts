/**
 * The file formats Decap CMS reads and writes for us, registered in the admin
 * as custom formats. Decap's own `yaml-frontmatter` folds long values at 80
 * columns and writes dates unquoted (which Astro's YAML 1.1 parser turns into
 * Date objects the schemas reject), so a first save would rewrite lines the
 * editor never touched. These formats write the style the content is already
 * in: YAML quoted for YAML 1.1 readers, never folded, keys in field order,
 * body untouched. Every content file is a fixed point of `toFile(fromFile(x))`
 * (tests/unit/cms/file-format.test.ts).
 */
import { parse, stringify } from 'yaml';

/** What Decap hands a format: field values plus, for Markdown files, `body`. */
type EntryData = Record<string, unknown> & { body?: string };

/** A Decap format object (`CMS.registerCustomFormat(name, extension, format)`). */
export interface DecapFormat {
  fromFile(content: string): EntryData;
  toFile(data: EntryData, sortedKeys?: string[]): string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?\r?\n)?---\r?\n?/;

/** Markdown/MDX with YAML frontmatter: sections, task force, meetings, events, pages. */
export const markdownFrontmatter: DecapFormat = {
  fromFile(content) {
    const match = FRONTMATTER.exec(content);
    if (!match) return content.trim() ? { body: content } : {};
    // The YAML 1.2 core schema keeps `2026-08-13` a string, as the schemas want.
    const meta = (parse(match[1] ?? '') ?? {}) as Record<string, unknown>;
    // One blank line separates frontmatter and body; it belongs to neither.
    const body = content.slice(match[0].length).replace(/^\r?\n/, '');
    return body.trim() ? { ...meta, body } : meta;
  },
  toFile(data, sortedKeys = []) {
    const { body, ...meta } = data;
    const yaml = stringifyYaml(ordered(meta, sortedKeys));
    const text = typeof body === 'string' ? body.replace(/\s+$/, '') : '';
    // Decap's rich-text editor drops the final newline; files keep exactly one.
    return `---\n${yaml}---\n${text ? `\n${text}\n` : ''}`;
  },
};

/** `content/site.json`: two-space JSON with a final newline. */
export const settingsJson: DecapFormat = {
  fromFile(content) {
    return JSON.parse(content) as EntryData;
  },
  toFile(data, sortedKeys = []) {
    return `${JSON.stringify(ordered(data, sortedKeys), null, 2)}\n`;
  },
};

/** Serialises frontmatter values: quoted wherever a YAML 1.1 reader would see a date, a time or a boolean. */
function stringifyYaml(value: Record<string, unknown>): string {
  if (Object.keys(value).length === 0) return '';
  return stringify(value, { version: '1.1', lineWidth: 0, minContentWidth: 0 });
}

/**
 * Keys in the order of the collection's fields (Decap passes them), unknown
 * keys after them in their old order; empty optional values are left out
 * rather than written as `""` or `null`, which the schemas would reject.
 */
function ordered(data: Record<string, unknown>, sortedKeys: readonly string[]): Record<string, unknown> {
  const keys = Object.keys(data);
  const rank = (key: string) => {
    const i = sortedKeys.indexOf(key);
    return i === -1 ? sortedKeys.length + keys.indexOf(key) : i;
  };
  const out: Record<string, unknown> = {};
  for (const key of [...keys].sort((a, b) => rank(a) - rank(b))) {
    const value = pruned(data[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function pruned(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.map(pruned).filter((v) => v !== undefined);
  if (typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, pruned(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}
