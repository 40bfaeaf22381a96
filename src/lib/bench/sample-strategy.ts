/**
 * A large synthetic consultation for benchmarks: N versions of S sections of
 * about W words, each version editing a tenth of the sections (words changed,
 * a paragraph inserted or deleted), re-titling one, moving one and adding
 * one, as real revisions do. Deterministic: the same arguments give the same
 * bytes, so runs compare.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../strategy/hash.ts';
import { random } from './random.ts';

const VOCABULARY = (
  'the national cyber security strategy sets out how government business civil society and academia will protect networks ' +
  'critical services citizens data incident response team coordination regulator ministry capacity awareness training law ' +
  'cooperation partners region standards risk assessment resilience recovery reporting oversight budget indicators review ' +
  'public sector systems operators telecommunications banking energy water health education police courts evidence privacy'
).split(' ');

interface SyntheticSection {
  id: string;
  title: string;
  order: number;
  paragraphs: string[];
}

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rand: () => number): string {
  return [sentence(rand, 12), sentence(rand, 14), sentence(rand, 10), sentence(rand, 14)].join(' ');
}

export interface SyntheticOptions {
  versions: number;
  sections: number;
  /** Words per section, roughly. */
  words: number;
  seed?: number;
}

/** The sections of every version, oldest first. */
export function syntheticVersions(options: SyntheticOptions): SyntheticSection[][] {
  const rand = random(options.seed ?? 42);
  const perSection = Math.max(1, Math.round(options.words / 50));
  let current: SyntheticSection[] = Array.from({ length: options.sections }, (_, i) => ({
    id: `section-${i + 1}`,
    title: `Section ${i + 1}: ${sentence(rand, 3).slice(0, -1)}`,
    order: (i + 1) * 10,
    paragraphs: Array.from({ length: perSection }, () => paragraph(rand)),
  }));
  const versions = [current];
  for (let v = 1; v < options.versions; v++) {
    const next = current.map((s) => ({ ...s, paragraphs: [...s.paragraphs] }));
    const edits = Math.max(1, Math.round(next.length / 10));
    for (let e = 0; e < edits; e++) {
      const section = next[Math.floor(rand() * next.length)]!;
      const p = Math.floor(rand() * section.paragraphs.length);
      const kind = e % 3;
      if (kind === 0) section.paragraphs[p] = section.paragraphs[p]!.replace(/ \w+ /, ` ${VOCABULARY[Math.floor(rand() * VOCABULARY.length)]} `) + ` ${sentence(rand, 8)}`;
      else if (kind === 1) section.paragraphs.splice(p, 0, paragraph(rand));
      else if (section.paragraphs.length > 1) section.paragraphs.splice(p, 1);
    }
    const retitled = next[Math.floor(rand() * next.length)]!;
    retitled.title = `${retitled.title} (revised)`;
    const moved = next[Math.floor(rand() * next.length)]!;
    moved.order = Math.floor(rand() * next.length) * 10 + 5;
    next.push({ id: `added-in-${v + 1}`, title: `New section in version ${v + 1}`, order: next.length * 10 + 10, paragraphs: [paragraph(rand), paragraph(rand)] });
    next.sort((a, b) => a.order - b.order);
    versions.push(next);
    current = next;
  }
  return versions;
}

function sectionFile(section: SyntheticSection): { name: string; text: string } {
  const text = `---\nid: ${section.id}\ntitle: "${section.title}"\norder: ${section.order}\n---\n\n${section.paragraphs.join('\n\n')}\n`;
  return { name: `${String(section.order).padStart(4, '0')}-${section.id}.mdx`, text };
}

/** Writes `content/strategy/versions/v1..vN` (with version.json) and a draft equal to the last version. */
export function writeSyntheticStrategy(root: string, versions: SyntheticSection[][]): void {
  versions.forEach((sections, i) => {
    const id = `v${i + 1}`;
    const dir = join(root, 'content/strategy/versions', id);
    mkdirSync(dir, { recursive: true });
    const files: Record<string, string> = {};
    for (const section of sections) {
      const { name, text } = sectionFile(section);
      writeFileSync(join(dir, name), text);
      files[name] = sha256(text);
    }
    const date = new Date(Date.UTC(2026, 0, 1 + i * 14)).toISOString().slice(0, 10);
    const manifest = { id, title: `Version ${i + 1}`, status: i === versions.length - 1 ? 'draft' : 'closed', publishedAt: date, commit: null, files };
    writeFileSync(join(dir, 'version.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  });
  const draft = join(root, 'content/strategy/draft');
  mkdirSync(draft, { recursive: true });
  for (const section of versions.at(-1)!) {
    const { name, text } = sectionFile(section);
    writeFileSync(join(draft, name), text);
  }
}

/** The whole text of a version, one paragraph per line, for an outside word diff. */
export function plainText(sections: SyntheticSection[]): string {
  return sections.map((s) => [s.title, ...s.paragraphs].join('\n')).join('\n\n');
}
