import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '@github/issue-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ISSUE_FORM_FIELDS, renderIssueFormYaml } from '../../../src/lib/comments/issue-form-fields.ts';

const committedPath = fileURLToPath(new URL('../../../.github/ISSUE_TEMPLATE/comment.yml', import.meta.url));

describe('issue form template', () => {
  it('is committed exactly as npm run issue-form generates it from issue-form-fields.ts', () => {
    // npm run issue-form rewrites the committed template for review in git diff.
    expect(readFileSync(committedPath, 'utf8')).toBe(renderIssueFormYaml());
  });

  it('lists the comment fields in record order, with GitHub field ids equal to record keys', () => {
    const form = parse(renderIssueFormYaml()) as { body: { type: string; id?: string }[] };
    const ids = form.body.filter((b) => b.type !== 'markdown').map((b) => b.id);
    expect(ids).toEqual(['version', 'section', 'paragraph', 'change', 'quote', 'type', 'comment', 'language', 'proposedChange', 'sector', 'organisation', 'name', 'publishName']);
  });

  it('follows GitHub’s form schema: unique ids and labels, options on choice fields', () => {
    const form = parse(renderIssueFormYaml()) as { name: string; description: string; body: { type: string; id?: string; attributes: Record<string, unknown> }[] };
    expect(form.name).toBeTruthy();
    expect(form.description).toBeTruthy();
    const fields = form.body.filter((b) => b.type !== 'markdown');
    expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
    expect(new Set(fields.map((f) => f.attributes.label)).size).toBe(fields.length);
    for (const f of fields) {
      expect(f.id).toMatch(/^[A-Za-z0-9_-]+$/);
      if (f.type === 'dropdown' || f.type === 'checkboxes') expect((f.attributes.options as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('is read by @github/issue-parser with the labels the body uses', () => {
    const parsed = parseTemplate(renderIssueFormYaml());
    for (const field of ISSUE_FORM_FIELDS) {
      expect(parsed[field.id]).toMatchObject({ label: field.label, type: field.type, required: field.required });
    }
  });

  it('tells GitHub users that a name is published only with the box ticked', () => {
    const name = ISSUE_FORM_FIELDS.find((f) => f.id === 'name')!;
    expect(name.description).toMatch(/published/);
    expect(name.description).toMatch(/tick/);
  });
});
