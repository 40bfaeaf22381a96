import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { MEETING_FIELDS, SECTION_FIELDS } from '../../../src/lib/cms/config.ts';
import { markdownFrontmatter, settingsJson } from '../../../src/lib/cms/file-format.ts';

const MARKDOWN_DIRS = ['content/strategy/draft', 'content/taskforce', 'content/meetings', 'content/events', 'content/pages', 'content/pages/es'];
const markdownFiles = MARKDOWN_DIRS.flatMap((dir) => readdirSync(dir).filter((name) => /\.mdx?$/.test(name)).map((name) => join(dir, name)));
const keys = (fields: { name: string }[]) => fields.map((f) => f.name);

describe('the Markdown format Decap reads and writes', () => {
  it.each(markdownFiles)('writes %s back byte for byte', (file) => {
    const text = readFileSync(file, 'utf8');
    const data = markdownFrontmatter.fromFile(text);
    // Decap passes the collection's field order; the files are already in it.
    expect(markdownFrontmatter.toFile(data, Object.keys(data))).toBe(text);
  });

  it('hands Decap the body without the blank line that separates it from the frontmatter', () => {
    const data = markdownFrontmatter.fromFile('---\ntitle: A\n---\n\nFirst paragraph.\n');
    expect(data).toEqual({ title: 'A', body: 'First paragraph.\n' });
  });

  it('quotes values a YAML 1.1 reader (Astro) would turn into dates, times or booleans', () => {
    const text = markdownFrontmatter.toFile(
      { title: 'Task force meeting 9: review', date: '2027-03-11', startTime: '10:00', location: 'yes', agenda: ['No'], body: 'Text.' },
      keys(MEETING_FIELDS),
    );
    // Astro's own frontmatter parser (js-yaml, YAML 1.1).
    const { frontmatter } = parseFrontmatter(text);
    expect(frontmatter).toEqual({ title: 'Task force meeting 9: review', date: '2027-03-11', startTime: '10:00', location: 'yes', agenda: ['No'] });
    expect(text).toContain('date: "2027-03-11"\n');
  });

  it('never folds a long value across lines', () => {
    const summary = 'A summary that is well over eighty characters long, so a YAML writer with a line width would fold it in two.';
    const text = markdownFrontmatter.toFile({ id: 'x', title: 'X', order: 1, summary, body: 'B' }, keys(SECTION_FIELDS));
    expect(text).toContain(`summary: ${summary}\n`);
  });

  it('writes keys in field order and leaves out emptied optional fields', () => {
    const text = markdownFrontmatter.toFile({ body: 'Text', status: 'planned', startTime: '', version: null, title: 'T', date: '2027-01-01', agenda: [] }, keys(MEETING_FIELDS));
    expect(text).toBe('---\ntitle: T\ndate: "2027-01-01"\nstatus: planned\nagenda: []\n---\n\nText\n');
  });

  it('ends a file with exactly one newline whatever the editor left', () => {
    expect(markdownFrontmatter.toFile({ title: 'T', body: 'Text' })).toBe('---\ntitle: T\n---\n\nText\n');
    expect(markdownFrontmatter.toFile({ title: 'T', body: 'Text\n\n\n' })).toBe('---\ntitle: T\n---\n\nText\n');
    expect(markdownFrontmatter.toFile({ title: 'T' })).toBe('---\ntitle: T\n---\n');
  });
});

describe('the settings format', () => {
  it('writes content/site.json back byte for byte', () => {
    const text = readFileSync('content/site.json', 'utf8');
    const data = settingsJson.fromFile(text);
    expect(settingsJson.toFile(data, Object.keys(data))).toBe(text);
  });

  it('drops an emptied optional object instead of writing nulls', () => {
    const text = settingsJson.toFile({ country: 'Belize', sampleRollingWindow: { version: '', openedDaysAgo: null, closesInDays: null } }, ['country', 'sampleRollingWindow']);
    expect(JSON.parse(text)).toEqual({ country: 'Belize' });
  });
});
