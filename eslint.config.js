// @ts-check
/**
 * `npm run lint`'s ESLint part: TypeScript-aware rules that catch what the
 * type checker lets through (a promise nobody awaits, an async function
 * where a callback must be synchronous), and the rule that src/lib never
 * reads the process (settings are parsed at the edge, src/lib/config).
 * Astro components are checked by `astro check`; the import rules by
 * dependency-cruiser (.dependency-cruiser.cjs).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'public/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A promise in a template literal prints "[object Promise]": an await was forgotten.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowAny: true, allowBoolean: true, allowNullish: true, allowNumber: true, allowRegExp: true, allowNever: true, allowArray: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true, caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'src/lib takes values: read settings at the edge (src/lib/config/settings.ts parses an env record passed to it).' }],
    },
  },
  {
    // Tests read YAML, JSON and HTML of any shape.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { module: 'writable', require: 'readonly', process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
