/** npm run bench:glossary -- [version]: the weight the glossary markup adds to a version's reading pages. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, parseOptions, UsageError } from '../../scripts/lib/main.ts';
import { loadGlossary } from '../../src/lib/glossary/load.ts';
import { builtPageWeight, glossaryWeight, type PageSection } from '../../src/lib/glossary/weight.ts';
import { translatedSection } from '../../src/lib/strategy/catalog.ts';
import { loadVersions, strategyPaths } from '../../src/lib/strategy/load.ts';

const usage = `
Usage: npm run bench:glossary -- [version] [options]

Renders every section of a published version (default: the latest) as the
reading page does, once without and once with the glossary marks, and prints
the bytes the marks add, raw and gzipped, for the English page and the
Spanish page (translated sections in Spanish, the others in English; every
definition in the page's language).

With --built, it measures the pages as built instead (npm run build first):
dist/client/strategy/<version>/index.html and its Spanish twin, whole, with
and without their glossary marks.

Options:
  --built        Measure the built pages in dist/client
  --root <dir>   Repository root (default: current directory)
  -h, --help     Show this help
`;

await main('bench:glossary', usage, (argv) => {
  const { values, positionals } = parseOptions(argv, { allowPositionals: true, options: { root: { type: 'string', default: process.cwd() }, built: { type: 'boolean', default: false } } });
  if (positionals.length > 1) throw new UsageError('give at most one version id (see --help)');
  const root = values.root;
  const versions = loadVersions(strategyPaths(root));
  const version = positionals[0] ? versions.find((v) => v.manifest.id === positionals[0]) : versions.at(-1);
  if (!version) throw new UsageError(`no published version "${positionals[0] ?? ''}"`);
  const report = (label: string, w: ReturnType<typeof glossaryWeight>, what: string) => {
    const added = w.markedGzipBytes - w.plainGzipBytes;
    console.log(
      `${label}: ${w.marks} marks, ${w.definitions} definitions; ${what} ${w.plainBytes} B -> ${w.markedBytes} B raw, ` +
        `${w.plainGzipBytes} B -> ${w.markedGzipBytes} B gzipped: the glossary adds ${added} B (${(added / 1024).toFixed(2)} KiB) compressed`,
    );
  };
  if (values.built) {
    for (const path of [`strategy/${version.manifest.id}`, `es/strategy/${version.manifest.id}`]) {
      const file = join(root, 'dist/client', path, 'index.html');
      if (!existsSync(file)) throw new UsageError(`no ${file}: run npm run build first`);
      report(`/${path}/`, builtPageWeight(readFileSync(file, 'utf8')), 'page');
    }
    return;
  }
  const terms = loadGlossary(root);
  const pages: Array<['en' | 'es', PageSection[]]> = [
    ['en', version.sections.map((s) => ({ id: s.id, body: s.body, file: s.file, language: 'en' }))],
    ['es', version.sections.map((s) => {
      const es = translatedSection(version, 'es', s.id);
      return es ? { id: es.id, body: es.body, file: `es/${es.file}`, language: 'es' } : { id: s.id, body: s.body, file: s.file, language: 'en' };
    })],
  ];
  console.log(`${version.manifest.id}: ${terms.length} glossary terms, ${version.sections.length} sections`);
  for (const [language, sections] of pages) {
    report(`${language} page`, glossaryWeight(language, sections, terms, (slug) => `${language === 'en' ? '' : `/${language}`}/glossary/#${slug}`), 'sections');
  }
});
