/**
 * Decap CMS's own Markdown parser and serializer (decap-cms-widget-markdown,
 * the version the admin runs), loaded in Node. The package ships browser
 * bundles and extension-less ES modules, so esbuild bundles its serializer
 * source into one module first. The only part replaced is the widget's
 * component registry lookup, which here returns what the admin registers:
 * Decap's default image and code-block components plus ours, each made by
 * Decap's own `createEditorComponent`.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface DecapMarkdown {
  markdownToSlate(markdown: string): SlateNode[];
  slateToMarkdown(nodes: SlateNode[]): string;
}

export interface SlateNode {
  type?: string;
  text?: string;
  children?: SlateNode[];
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

export async function loadDecapMarkdown(): Promise<DecapMarkdown> {
  const root = resolve('.');
  const dir = mkdtempSync(join(tmpdir(), 'consulta-decap-'));
  try {
    const registry = join(dir, 'registry.js');
    writeFileSync(
      registry,
      [
        "import { OrderedMap } from 'immutable';",
        "import createEditorComponent from 'decap-cms-core/src/valueObjects/EditorComponent.js';",
        "import image from 'decap-cms-editor-component-image/src/index.js';",
        `import { editorComponents } from ${JSON.stringify(join(root, 'src/lib/cms/editor-components.ts'))};`,
        "const all = [image, { id: 'code-block', label: 'Code Block', widget: 'code', type: 'code-block' }, ...editorComponents()];",
        'const components = OrderedMap(all.map((c) => { const p = createEditorComponent(c); return [p.id, p]; }));',
        'export function getEditorComponents() { return components; }',
      ].join('\n'),
    );
    const out = join(dir, 'decap-markdown.mjs');
    await build({
      stdin: {
        contents: "export { markdownToSlate, slateToMarkdown } from 'decap-cms-widget-markdown/src/serializers/index.js';",
        resolveDir: root,
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
      loader: { '.js': 'jsx' },
      jsx: 'automatic',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      plugins: [
        {
          name: 'editor-component-registry',
          setup(b) {
            b.onResolve({ filter: /^\.\.\/MarkdownControl$/ }, () => ({ path: registry }));
          },
        },
      ],
    });
    return (await import(pathToFileURL(out).href)) as DecapMarkdown;
  } finally {
    // The module is loaded; the files can go.
    rmSync(dir, { recursive: true, force: true });
  }
}
