import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Low bandwidth is a requirement (readers on phones and slow links): a
 * version page's HTML and CSS, compressed, must stay under 100 KB.
 */
describe('page weight', () => {
  // The Spanish pages carry the translated sections and the glossary's definitions in Spanish.
  for (const path of ['/strategy/v0.1/', '/strategy/v0.2/', '/es/strategy/v0.1/', '/es/strategy/v0.2/']) {
    it(`keeps ${path} HTML + CSS under 100 KB gzip`, () => {
      const html = readFileSync(`dist/client${path}index.html`, 'utf8');
      const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="(\/_astro\/[^"]+\.css)"/g)].map((m) => readFileSync(join('dist/client', m[1]!)));
      expect(css.length).toBeGreaterThan(0);
      const bytes = gzipSync(html).length + css.reduce((sum, c) => sum + gzipSync(c).length, 0);
      expect(bytes).toBeLessThan(100 * 1024);
    });
  }

  it('loads no web fonts', () => {
    const css = readdirSync('dist/client/_astro').filter((f) => f.endsWith('.css')).map((f) => readFileSync(join('dist/client/_astro', f), 'utf8')).join('');
    expect(css).not.toMatch(/@font-face/);
  });
});
