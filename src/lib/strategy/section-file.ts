/** Reading and writing one section file: YAML frontmatter, then the Markdown/MDX body. */
import { parse as parseYaml } from 'yaml';
import { ContentError, parseContent } from './content-error.ts';
import { SectionFrontmatter, type Section } from './schema.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits frontmatter from body without touching a byte of the body. */
export function splitFrontmatter(source: string, file: string): { data: unknown; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new ContentError(file, ['has no frontmatter: the file must start with a --- block holding id, title and order']);
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    throw new ContentError(file, [`frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return { data, body: source.slice(match[0].length) };
}

/** Parses a section file; `file` is its display path, `name` its file name in the folder. */
export function parseSectionFile(source: string, file: string, name: string): Section {
  const { data, body } = splitFrontmatter(source, file);
  const front = parseContent(SectionFrontmatter, data, file);
  return { ...front, file: name, body };
}
