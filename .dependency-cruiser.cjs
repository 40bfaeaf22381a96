/**
 * The import rules of docs/architecture.md ("Imports"), checked by
 * `npm run lint` (dependency-cruiser). tests/integration/lint plants a
 * violation of each rule in a copy of the repository and expects lint to fail.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle-between-concepts',
      severity: 'error',
      comment: 'The concept folders of src/lib form a hierarchy: if one imports another, the other never imports it back, directly or through a third.',
      scope: 'folder',
      from: { path: '^src/lib/[^/]+$' },
      to: { path: '^src/lib/[^/]+$', circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'No two modules import each other, directly or round a loop.',
      from: { path: '^(src|scripts)/' },
      to: { circular: true },
    },
    {
      name: 'lib-is-plain-typescript',
      severity: 'error',
      comment: 'src/lib takes values: it never imports pages, components, layouts, the server, the edge modules or Astro.',
      from: { path: '^src/lib/' },
      to: { path: ['^src/(pages|components|layouts|server|integrations|client)/', '^src/(config|middleware)\\.ts$', '^astro:', '^scripts/'] },
    },
    {
      name: 'lib-reads-no-process',
      severity: 'error',
      comment: 'Settings are parsed once at the edge (src/lib/config/settings.ts takes an env record); src/lib never imports node:process.',
      from: { path: '^src/lib/' },
      to: { path: '^(node:)?process$' },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      comment: 'Scripts and the site import src/lib, never the tests or their helpers.',
      from: { path: '^(src|scripts)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'github-only-from-the-edge',
      severity: 'error',
      comment: 'Only the server, the scripts and the modules that file, read or answer on GitHub reach src/lib/github.',
      from: { path: '^src/lib/(strategy|diff|site|search|security|i18n|glossary|readability|training|stakeholders|consultation|cms|text|mail)/' },
      to: { path: '^src/lib/github/' },
    },
    {
      name: 'octokit-only-in-src-lib-github',
      severity: 'error',
      comment: 'One Octokit, built with its pacing and redaction in src/lib/github/octokit.ts: nothing else imports an @octokit package (types excepted).',
      from: { path: '^(src|scripts)/', pathNot: '^src/lib/github/' },
      to: { path: 'node_modules/@octokit/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^\\.astro/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mjs', '.js', '.json'] },
    skipAnalysisNotInRules: true,
  },
};
