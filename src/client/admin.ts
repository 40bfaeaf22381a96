/**
 * Our part of the admin (/admin/), run before Decap CMS starts: the file
 * formats, one editor component per section component, the `section-id`
 * widget, previews rendered by the site's own renderer with the site's
 * stylesheet, and the preSave step that keeps untouched blocks byte for byte.
 * Bundled by src/integrations/decap.ts; Decap provides `CMS`, `h` (React's
 * createElement) and `createClass` as globals.
 */
import { ADMIN_ASSETS } from '../lib/cms/admin-page.ts';
import { FORMATS, SECTION_ID_WIDGET } from '../lib/cms/config.ts';
import { editorComponents } from '../lib/cms/editor-components.ts';
import { markdownFrontmatter, settingsJson } from '../lib/cms/file-format.ts';
import { keepUntouchedBlocks } from '../lib/cms/minimal-edit.ts';
import { renderSection } from '../lib/strategy/render-section.ts';

/** The slice of Immutable.js Decap hands us. */
interface ImmutableMap {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
  set(key: string, value: unknown): ImmutableMap;
}
type Props = Record<string, unknown> & { entry: ImmutableMap };
type Element = unknown;
interface Decap {
  init(options?: object): void;
  registerCustomFormat(name: string, extension: string, format: object): void;
  registerEditorComponent(component: object): void;
  registerWidget(name: string, control: unknown, preview?: unknown): void;
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(collection: string, component: unknown): void;
  registerEventListener(listener: { name: string; handler: (event: { entry: ImmutableMap }) => unknown }): void;
}
declare global {
  interface Window {
    CMS_MANUAL_INIT?: boolean;
    CMS: Decap;
    h: (type: string, props?: object | null, ...children: unknown[]) => Element;
    createClass: (spec: { render(this: { props: Props }): Element }) => unknown;
  }
}

window.CMS_MANUAL_INIT = true;

/** Markdown collections whose bodies get the keep-untouched-blocks treatment. */
const MARKDOWN_COLLECTIONS = new Set(['sections', 'taskforce', 'meetings', 'events', 'pages']);

function setUp(): void {
  const { CMS, h, createClass } = window;
  CMS.registerCustomFormat(FORMATS.markdown, 'mdx', markdownFrontmatter);
  CMS.registerCustomFormat(FORMATS.json, 'json', settingsJson);
  for (const component of editorComponents()) CMS.registerEditorComponent(component);

  CMS.registerWidget(
    SECTION_ID_WIDGET,
    createClass({
      render() {
        const { entry, value, forID, classNameWrapper, onChange } = this.props as Props & { value?: string; forID: string; classNameWrapper: string; onChange(v: string): void };
        // Comments cite the id: once a section exists, it is never renamed.
        if (!entry.get('newRecord')) return h('input', { id: forID, className: classNameWrapper, value: value ?? '', readOnly: true, 'aria-readonly': 'true' });
        return h('input', { id: forID, className: classNameWrapper, value: value ?? '', onChange: (e: { target: { value: string } }) => onChange(e.target.value) });
      },
    }),
    createClass({
      render() {
        return h('code', null, String((this.props as { value?: string }).value ?? ''));
      },
    }),
  );

  CMS.registerPreviewStyle(ADMIN_ASSETS.siteCss);
  CMS.registerPreviewTemplate('sections', createClass({ render() { return sectionPreview(this.props, true); } }));
  for (const collection of ['taskforce', 'meetings', 'events', 'pages']) {
    CMS.registerPreviewTemplate(collection, createClass({ render() { return sectionPreview(this.props, false); } }));
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const data = entry.get('data') as ImmutableMap;
      const raw = entry.get('raw');
      const edited = data.get('body');
      if (!MARKDOWN_COLLECTIONS.has(String(entry.get('collection'))) || typeof raw !== 'string' || !raw || typeof edited !== 'string') return undefined;
      const original = markdownFrontmatter.fromFile(raw).body ?? '';
      return data.set('body', keepUntouchedBlocks(original, edited));
    },
  });

  CMS.init();
}

/** A section (or page) as the site renders it: same renderer, same classes, site stylesheet. */
function sectionPreview(props: Props, numbered: boolean): Element {
  const { h } = window;
  const data = props.entry.get('data') as ImmutableMap;
  const id = String(data.get('id') ?? 'preview') || 'preview';
  const title = String(data.get('title') ?? data.get('name') ?? '');
  const order = data.get('order');
  const body = String(data.get('body') ?? '');
  let html: string;
  try {
    html = renderSection(id, body, 'this entry').html;
  } catch (error) {
    return h('div', { className: 'wrap' }, h('h2', null, title), h('p', { role: 'alert' }, (error as Error).message));
  }
  const summary = data.get('summary');
  return h(
    'main',
    { className: 'wrap' },
    h(
      'section',
      { className: 'strategy-section' },
      h('h2', { id }, numbered && typeof order === 'number' ? `${order}. ${title}` : title),
      summary ? h('p', { className: 'section-summary' }, String(summary)) : null,
      h('div', { className: 'section-body', dangerouslySetInnerHTML: { __html: html } }),
    ),
  );
}

// Classic scripts run in order before DOMContentLoaded, so Decap's bundle
// (the next script on the page) has defined `CMS` by then.
window.addEventListener('DOMContentLoaded', setUp);
