import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsultationEvent } from '../../../src/lib/site/schemas.ts';
import { loadVersions, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { splitFrontmatter } from '../../../src/lib/strategy/section-file.ts';
import { formatBytes, loadTraining } from '../../../src/lib/training/load.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A copy of the content and public folders, to break safely. */
function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'consulta-training-'));
  roots.push(root);
  cpSync('content', join(root, 'content'), { recursive: true });
  cpSync('public/training', join(root, 'public/training'), { recursive: true });
  return root;
}

function editModule(root: string, slug: string, edit: (module: Record<string, any>) => void): void {
  const path = join(root, 'content/training', `${slug}.json`);
  const module = JSON.parse(readFileSync(path, 'utf8'));
  edit(module);
  writeFileSync(path, JSON.stringify(module));
}

describe('the sample training programme', () => {
  const modules = loadTraining(process.cwd());

  it('has the three modules for organisations new to cyber policy, in order, in both languages', () => {
    expect(modules.map((m) => m.slug)).toEqual(['what-is-a-strategy', 'how-a-strategy-is-made', 'writing-a-useful-comment']);
    for (const m of modules) {
      expect(m.en.title).not.toBe(m.es.title);
      expect(m.en.objectives.length).toBe(m.es.objectives.length);
      expect(m.en.outline.length).toBe(m.es.outline.length);
    }
  });

  it('lists each material with its type and its size read from the file', () => {
    for (const m of modules) {
      expect(new Set(m.materials.map((x) => x.language))).toEqual(new Set(['en', 'es']));
      for (const material of m.materials) {
        expect(material).toMatchObject({ mediaType: 'text/markdown', typeName: 'Markdown' });
        expect(material.bytes).toBe(statSync(join('public', material.href)).size);
      }
    }
  });

  it('links each module to the events where it was delivered', () => {
    for (const m of modules) {
      expect(m.events.length).toBeGreaterThan(0);
      for (const event of m.events) {
        const { data } = splitFrontmatter(readFileSync(join('content/events', `${event}.md`), 'utf8'), event);
        expect(ConsultationEvent.parse(data).kind).toBe('training');
      }
    }
  });

  it('takes its useful and weak example comments from the sample feedback, as received', () => {
    const examples = modules.find((m) => m.slug === 'writing-a-useful-comment')!.examples;
    const feedback = JSON.parse(readFileSync('content/feedback/v0.1.json', 'utf8')) as { comments: Array<{ reference: string; comment: string }> };
    expect(examples.filter((e) => e.quality === 'useful').length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((e) => e.quality === 'weak').map((e) => e.comment.disposition)).toEqual(['duplicate', 'out-of-scope']);
    for (const example of examples) expect(example.comment.comment).toBe(feedback.comments.find((c) => c.reference === example.comment.reference)!.comment);
  });
});

describe('checks on a training module', () => {
  it('names the module and the field of a material file that does not exist', () => {
    const root = copy();
    editModule(root, 'what-is-a-strategy', (m) => { m.materials[0].file = '/training/missing.pdf'; });
    expect(() => loadTraining(root)).toThrow(/content\/training\/what-is-a-strategy\.json: field "materials\.0\.file": public\/training\/missing\.pdf does not exist/);
  });

  it('refuses a material of a type it cannot describe', () => {
    const root = copy();
    editModule(root, 'what-is-a-strategy', (m) => { m.materials[0].file = '/training/slides.exe'; });
    expect(() => loadTraining(root)).toThrow(/field "materials\.0\.file": use \/training\/<name>\.md, \.txt, \.csv or \.pdf/);
  });

  it('names an event that does not exist and an example comment that is not in the report', () => {
    const root = copy();
    editModule(root, 'writing-a-useful-comment', (m) => {
      m.events.push('no-such-event');
      m.examples[0].reference = '#999';
    });
    expect(() => loadTraining(root)).toThrow(/field "events\.2": there is no content\/events\/no-such-event\.md; field "examples\.0": no comment #999 in content\/feedback\/v0\.1\.json/);
  });
});

describe('sizes for people', () => {
  it('writes bytes, kilobytes and megabytes as each language does', () => {
    expect([formatBytes(840, 'en'), formatBytes(2356, 'en'), formatBytes(1_400_000, 'en')]).toEqual(['840 byte', '2 kB', '1.4 MB']);
    expect(formatBytes(1_400_000, 'es')).toBe('1,4 MB');
  });
});

describe('the validation workshop', () => {
  const { data } = splitFrontmatter(readFileSync('content/events/validation-workshop.md', 'utf8'), 'validation-workshop.md');
  const event = ConsultationEvent.parse(data);
  const v02 = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;

  it('has an agenda over its two days, in order, each item in English and Spanish', () => {
    const agenda = event.agenda!;
    expect(new Set(agenda.map((a) => a.day))).toEqual(new Set([event.date, event.endDate]));
    const keys = agenda.map((a) => `${a.day} ${a.start}`);
    expect(keys).toEqual([...keys].sort());
    for (const item of agenda) expect(item.titleEs).toBeTruthy();
  });

  it('works on sections that exist, and on every section of v0.2', () => {
    const worked = new Set(event.agenda!.flatMap((a) => a.sections ?? []));
    const ids = v02.sections.map((s) => s.id).filter((id) => id !== 'vision-and-principles');
    expect([...worked].sort()).toEqual(ids.sort());
  });
});
