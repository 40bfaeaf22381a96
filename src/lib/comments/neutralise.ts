/**
 * Untrusted text made safe to put in a public GitHub issue written by our
 * token. A comment must not be able to notify people (`@someone`), link or
 * cross-reference other issues (`#12`, `GH-12`, `owner/repo#12`, issue URLs),
 * load remote images (tracking pixels), inject HTML, fake our hidden marker,
 * or fake the `### Label` structure that `parseIssueBody` reads back.
 *
 * The main tool is a zero-width space (U+200B) placed after `@`, after a `#`
 * that could start a reference or a heading, and after a `<` that could start
 * a tag or comment. It is invisible when rendered, breaks every one of those
 * constructs, and survives GitHub's Markdown untouched. The schema strips
 * U+200B from what people type (schema.ts `cleanText`), so every U+200B in a
 * neutralised text was put there by us, and the text reads the same.
 *
 * Why not backslash escapes: `\#` still contains `###` as far as
 * @github/issue-parser is concerned (it splits a body on `###` anywhere, not
 * only at a line start), and `\<!--` still contains `<!--`.
 *
 * neutralise is idempotent: neutralise(neutralise(x)) === neutralise(x).
 */

/** The invisible separator we insert. */
export const ZWSP = '\u200B';

/** What replaces an image. */
export const IMAGE_REMOVED = '(image removed)';

// ![alt](destination "title"): no nested brackets or parentheses, which is what people paste.
const MARKDOWN_IMAGE = /!\[([^[\]\n]{0,1000})\]\([^()\n]{0,2000}\)/g;
// <img ...> up to the first `>`, or to the end of the text when never closed.
const HTML_IMAGE = /<img\b[^>]*(?:>|$)/gi;
// `&#64;`, `&#x40;`, `&commat;`: GitHub links mentions and references in the
// rendered text, after character references are decoded. `&amp;` itself is
// harmless and left alone, which keeps neutralise idempotent.
const CHARACTER_REFERENCE = /&(?!amp;)(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;
// Setext underlines: a line of only `=` or `-` turns the line above it into a heading.
const SETEXT_UNDERLINE = /^( {0,3})(=+|-+)([ \t]*)$/gm;
// Links to issues, pull requests and discussions create cross-references too.
const ISSUE_URL_NUMBER = /\/(issues|pull|discussions)\/(?=[0-9])/gi;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

/** Makes multi-line untrusted text safe for an issue body. */
export function neutralise(text: string): string {
  const out = defuseInline(text.replace(/\r\n?/g, '\n')).replace(SETEXT_UNDERLINE, '$1\\$2$3');
  return closeOpenFence(out);
}

/**
 * Makes untrusted text safe for one line (an issue title): white space
 * folded, then everything defused that works inside a line (block-level
 * constructs such as fences cannot happen on one line).
 */
export function neutraliseLine(text: string): string {
  return defuseInline(text.replace(/\s+/g, ' ').trim());
}

function defuseInline(text: string): string {
  let out = text;
  out = out.replace(MARKDOWN_IMAGE, IMAGE_REMOVED).replace(HTML_IMAGE, IMAGE_REMOVED);
  out = out.replace(/!\[/g, `!${ZWSP}[`);
  out = out.replace(/<(?=[A-Za-z/!?])/g, `<${ZWSP}`);
  out = out.replace(CHARACTER_REFERENCE, '&amp;$1;');
  out = out.replace(/@(?!\u200B)/g, `@${ZWSP}`);
  out = defuseHashes(out);
  out = out.replace(/GH-(?=[0-9])/gi, (m) => `${m}${ZWSP}`);
  return out.replace(ISSUE_URL_NUMBER, (m) => `${m}${ZWSP}`);
}

/**
 * @github/issue-parser reads a field whose whole value is `_No response_` or
 * `None` (any case) as empty. A comment that says exactly that keeps its
 * words: a trailing zero-width space makes the value different without
 * changing what anyone sees. `restoreEmptyLookingValue` undoes it on parsing.
 */
export function guardEmptyLookingValue(value: string): string {
  return EMPTY_LOOKING.test(value.trim()) ? `${value}${ZWSP}` : value;
}

/** Reverses `guardEmptyLookingValue`. */
export function restoreEmptyLookingValue(value: string): string {
  return GUARDED_EMPTY_LOOKING.test(value) ? value.slice(0, -1) : value;
}

const EMPTY_LOOKING = /^(?:none|_no response_)$/i;
const GUARDED_EMPTY_LOOKING = /^(?:none|_no response_)\u200B$/i;

/**
 * A `#` gets a zero-width space after it when it could start a heading (it
 * is followed by white space, another `#` or the end of the text, or it is
 * the first thing on its line) or a reference (followed by a digit). A `#`
 * inside a word or a URL fragment (`#governance-p3`) is left alone, so links
 * to the strategy's paragraphs keep working.
 */
function defuseHashes(text: string): string {
  let out = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    out += ch;
    if (ch === '\n') {
      lineStart = true;
      continue;
    }
    if (ch === '#') {
      const next = text[i + 1];
      const risky = lineStart || next === undefined || next === '#' || /[\s0-9]/.test(next);
      if (risky && next !== ZWSP) out += ZWSP;
    }
    if (!/\s/.test(ch)) lineStart = false;
  }
  return out;
}

/**
 * A code fence left open would swallow the rest of the issue (the following
 * fields and the marker) into a code block when GitHub renders it. Close it
 * at the end of the value, with the same fence characters.
 */
function closeOpenFence(text: string): string {
  let open: string | null = null;
  for (const line of text.split('\n')) {
    if (open === null) {
      const match = FENCE_OPEN.exec(line);
      // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
      if (match && !(match[1]!.startsWith('`') && line.slice(match[0].length).includes('`'))) open = match[1]!;
    } else {
      const close = new RegExp(`^ {0,3}${open[0] === '`' ? '`' : '~'}{${open.length},}[ \\t]*$`);
      if (close.test(line)) open = null;
    }
  }
  return open === null ? text : `${text}\n${open}`;
}
