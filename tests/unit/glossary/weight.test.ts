/** What the marks add to a page as built: the page with its marks undone is the page that was never marked. */
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../../../src/lib/glossary/load.ts';
import { glossaryMarker } from '../../../src/lib/glossary/mark.ts';
import { builtPageWeight } from '../../../src/lib/glossary/weight.ts';
import { loadVersions, strategyPaths } from '../../../src/lib/strategy/load.ts';
import { renderSection } from '../../../src/lib/strategy/render-section.ts';

const page = (body: string) => `<!doctype html><html lang="en"><head><title>v0.2</title></head><body><main>${body}</main></body></html>`;

describe('builtPageWeight', () => {
  it('counts the marks and definitions of a page and weighs it without them', () => {
    const v02 = loadVersions(strategyPaths(process.cwd())).find((v) => v.manifest.id === 'v0.2')!;
    const marker = glossaryMarker(loadGlossary(process.cwd()), { language: 'en', entryHref: (slug) => `/glossary/#${slug}` });
    let marks = 0;
    const plain: string[] = [];
    const marked: string[] = [];
    for (const section of v02.sections.slice(0, 3)) {
      plain.push(renderSection(section.id, section.body, section.file).html);
      const rendered = renderSection(section.id, section.body, section.file);
      marks += marker.mark(rendered.hast).length;
      marked.push(toHtml(rendered.hast));
    }
    const weight = builtPageWeight(page(marked.join('')));
    expect(weight.marks).toBe(marks);
    expect(weight.definitions).toBeGreaterThan(10);
    expect(weight.definitions).toBeLessThanOrEqual(marks);
    expect(weight.plainBytes).toBe(Buffer.byteLength(toHtml(fromHtml(page(plain.join(''))))));
    expect(weight.markedGzipBytes).toBeGreaterThan(weight.plainGzipBytes);
  });
});
