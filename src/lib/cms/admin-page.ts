/**
 * The /admin page: a shell that loads our admin script (formats, editor
 * components, previews) and then Decap CMS's prebuilt bundle, both files from
 * our own origin (src/integrations/decap.ts puts them there). No inline
 * script or style, so the admin's CSP can stay `script-src 'self'`.
 */
export const ADMIN_ASSETS = {
  /** Decap CMS, copied from the pinned `decap-cms` package; it loads its chunks from beside itself. */
  decap: '/admin/decap-cms.js',
  /** src/client/admin.ts, bundled. Loaded first: it asks Decap to wait for it (CMS_MANUAL_INIT). */
  script: '/admin/admin.js',
  /** The site's stylesheet, for the preview pane. */
  siteCss: '/admin/site.css',
} as const;

export function adminPageHtml(title: string): string {
  const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content manager: ${escaped}</title>
<script src="${ADMIN_ASSETS.script}"></script>
<script src="${ADMIN_ASSETS.decap}"></script>
</head>
<body></body>
</html>
`;
}
