import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  cmsConfig,
  cmsConfigYaml,
  EVENT_FIELDS,
  MEETING_FIELDS,
  PAGE_FIELDS,
  TRANSLATED_PAGE_FIELDS,
  SECTION_FIELDS,
  SETTINGS_FIELDS,
  TASK_FORCE_FIELDS,
  type CmsField,
} from '../../../src/lib/cms/config.ts';
import { markdownFrontmatter } from '../../../src/lib/cms/file-format.ts';
import { ConsultationEvent, Meeting, Page, SiteSettings, TaskForceMember, TranslatedPage } from '../../../src/lib/site/schemas.ts';
import { SECTION_COMPONENTS } from '../../../src/lib/strategy/components.ts';
import { SectionFrontmatter } from '../../../src/lib/strategy/schema.ts';

const OPTIONS = { repository: 'belize-ncss/strategy', branch: 'main', authOrigin: 'https://consult.example.gov.bz', scope: 'public_repo' as const };

/** Schema, fields and, for folder collections, the folder whose files the fields must read. */
const COLLECTIONS: Array<[string, z.ZodObject, CmsField[], string | null]> = [
  ['sections', SectionFrontmatter, SECTION_FIELDS, 'content/strategy/draft'],
  ['taskforce', TaskForceMember, TASK_FORCE_FIELDS, 'content/taskforce'],
  ['meetings', Meeting, MEETING_FIELDS, 'content/meetings'],
  ['events', ConsultationEvent, EVENT_FIELDS, 'content/events'],
  ['pages', Page, PAGE_FIELDS, 'content/pages'],
  ['pages-es', TranslatedPage, TRANSLATED_PAGE_FIELDS, 'content/pages/es'],
  ['settings', SiteSettings, SETTINGS_FIELDS, null],
];

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  // SiteSettings has no refinements; the others are plain objects.
  return (schema as z.ZodObject).shape;
}

function inner(type: z.ZodType): z.ZodType {
  return type instanceof z.ZodOptional || type instanceof z.ZodDefault ? inner(type.unwrap() as z.ZodType) : type;
}

function valuesOf(field: CmsField, data: Record<string, unknown>): unknown[] {
  const value = data[field.name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

describe('the Decap configuration', () => {
  it.each(COLLECTIONS)('gives %s exactly the fields of its schema, plus the body', (_name, schema, fields) => {
    const names = fields.map((f) => f.name).filter((n) => n !== 'body');
    expect(names.sort()).toEqual(Object.keys(shapeOf(schema)).sort());
  });

  it.each(COLLECTIONS)('makes a %s field optional exactly when the schema does', (_name, schema, fields) => {
    for (const field of fields.filter((f) => f.name !== 'body')) {
      const type = shapeOf(schema)[field.name]!;
      const optional = type instanceof z.ZodOptional || type instanceof z.ZodDefault;
      expect(field.required === false, field.name).toBe(optional);
    }
  });

  it.each(COLLECTIONS)('uses the schema options, number types and lists for %s', (_name, schema, fields) => {
    for (const field of fields.filter((f) => f.name !== 'body')) {
      const type = inner(shapeOf(schema)[field.name]!);
      if (type instanceof z.ZodEnum) {
        expect(field.widget, field.name).toBe('select');
        expect(field.options!.map((o) => o.value), field.name).toEqual(type.options);
      } else if (type instanceof z.ZodNumber) {
        expect(field.widget, field.name).toBe('number');
        expect(field.value_type === 'int', field.name).toBe(type.isInt);
      } else if (type instanceof z.ZodArray) {
        expect(field.widget, field.name).toBe('list');
      } else if (type instanceof z.ZodObject) {
        expect(field.widget, field.name).toBe('object');
        expect(field.fields!.map((f) => f.name).sort()).toEqual(Object.keys(type.shape).sort());
      } else {
        expect(['string', 'text', 'datetime', 'section-id'], field.name).toContain(field.widget);
      }
      const defaulted = shapeOf(schema)[field.name] instanceof z.ZodDefault ? (shapeOf(schema)[field.name] as z.ZodDefault).def.defaultValue : undefined;
      expect(field.default, field.name).toEqual(defaulted);
    }
  });

  it.each(COLLECTIONS.filter(([, , , dir]) => dir))('accepts in its patterns every value the %s files hold', (_name, _schema, fields, dir) => {
    // A folder collection holds the files directly in its folder (content/pages/es is a collection of its own).
    for (const file of readdirSync(dir!).filter((name) => /\.mdx?$/.test(name))) {
      const data = markdownFrontmatter.fromFile(readFileSync(join(dir!, file), 'utf8'));
      for (const field of fields) {
        const pattern = field.pattern ?? field.field?.pattern;
        if (!pattern) continue;
        for (const value of valuesOf(field, data)) expect(new RegExp(pattern[0]).test(String(value)), `${file} ${field.name}`).toBe(true);
      }
    }
  });

  it('rejects in the form what the schemas reject', () => {
    const pattern = (fields: CmsField[], name: string) => new RegExp(fields.find((f) => f.name === name)!.pattern![0]);
    expect(pattern(SECTION_FIELDS, 'id').test('Incident_Response')).toBe(SectionFrontmatter.shape.id.safeParse('Incident_Response').success);
    expect(pattern(SECTION_FIELDS, 'title').test('x'.repeat(201))).toBe(false);
    expect(pattern(MEETING_FIELDS, 'startTime').test('9:30')).toBe(Meeting.shape.startTime.safeParse('9:30').success);
    expect(pattern(SETTINGS_FIELDS, 'repository').test('not a repo')).toBe(false);
    expect(pattern(PAGE_FIELDS, 'description').test('x'.repeat(301))).toBe(Page.shape.description.safeParse('x'.repeat(301)).success);
  });

  it('offers every section component, and no other, in the section editor', () => {
    expect(SECTION_FIELDS.find((f) => f.name === 'body')!.editor_components).toEqual(Object.keys(SECTION_COMPONENTS));
  });

  it('opens pull requests through GitHub with the editorial workflow and the narrowest scope', () => {
    const config = cmsConfig(OPTIONS) as { backend: Record<string, unknown>; publish_mode: string; local_backend?: unknown };
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.backend).toMatchObject({ name: 'github', repo: 'belize-ncss/strategy', base_url: OPTIONS.authOrigin, auth_endpoint: 'api/auth', auth_scope: 'public_repo' });
    expect(config.local_backend).toBeUndefined();
  });

  it('edits the draft, never a published version', () => {
    const config = parse(cmsConfigYaml({ ...OPTIONS, localBackendUrl: 'http://localhost:4321/api/v1' })) as { collections: Array<{ folder?: string; files?: Array<{ file: string }> }>; local_backend: unknown };
    const paths = config.collections.flatMap((c) => (c.folder ? [c.folder] : (c.files ?? []).map((f) => f.file)));
    expect(paths).toEqual(['content/strategy/draft', 'content/taskforce', 'content/meetings', 'content/events', 'content/pages', 'content/pages/es', 'content/site.json']);
    expect(paths.some((p) => p.includes('versions'))).toBe(false);
    expect(config.local_backend).toEqual({ url: 'http://localhost:4321/api/v1' });
  });
});
