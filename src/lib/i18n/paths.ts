/**
 * Where a page lives in each language: English at the root, every other
 * language under its code (`/es/strategy/v0.2/`), the same path after it.
 * One rule for the route files, the language switcher, the `hreflang`
 * alternates and the links inside a page.
 */
import { LANGUAGES, type Language } from './translate.ts';

/** The language written in the site's address: the default one has no prefix. */
const DEFAULT: Language = LANGUAGES[0];

/** `path` (an English-site path, starting with `/`, query and fragment allowed) as it is in `language`. */
export function localePath(language: Language, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) throw new RangeError(`"${path}" is not a path on this site`);
  if (language === DEFAULT) return path;
  return path === '/' ? `/${language}/` : `/${language}${path}`;
}

/** The language a path is in and the same page's English-site path. */
export function splitLocale(pathname: string): { language: Language; path: string } {
  for (const language of LANGUAGES) {
    if (language === DEFAULT) continue;
    if (pathname === `/${language}` || pathname === `/${language}/`) return { language, path: '/' };
    if (pathname.startsWith(`/${language}/`)) return { language, path: pathname.slice(language.length + 1) };
  }
  return { language: DEFAULT, path: pathname };
}

/** A file, not a page: the same file serves every language. */
const FILE = /\.(?:csv|xlsx|json|pdf|md|txt|svg|png|jpg|xml|js|css)$/i;

/**
 * Links written in the English text (`/taskforce/`, `/strategy/v0.2/#governance`)
 * made to point at the same pages in `language`. Other links (another site,
 * a fragment, a file under `/training/` or `/pagefind/`) are left alone.
 */
export function localiseHref(language: Language, href: string): string {
  if (language === DEFAULT || !href.startsWith('/') || href.startsWith('//')) return href;
  if (splitLocale(href).language !== DEFAULT) return href;
  if (/^\/(?:training|pagefind|_astro|api|admin)\//.test(href) || FILE.test(href.split(/[?#]/)[0]!)) return href;
  return localePath(language, href);
}

/** The tag Intl and luxon format dates with: British English, and Spanish. */
export function localeTag(language: Language): string {
  return language === 'en' ? 'en-GB' : language;
}
