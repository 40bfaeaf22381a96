/**
 * How readable a redline is, measured the same way on our redline (a hast
 * tree) and on git's word diff (`--word-diff=porcelain`):
 *
 * - change runs: stretches of inserted and deleted text with no unchanged
 *   word between them (`<del>a</del><ins>b</ins>` is one run). Fewer runs for
 *   the same edit means less for the eye to put back together;
 * - words per run: words shown added and removed, divided by the runs;
 * - islands: one or two unchanged words standing alone between two changes
 *   of the same paragraph ("<del>…</del> of <ins>…</ins>"), the fragments that
 *   make a rewritten paragraph read as confetti;
 * - words shown added and removed, to check that fewer runs do not come from
 *   marking far more text than changed.
 *
 * Runs and islands never span two paragraphs, cells or headings: each is a
 * line of its own.
 */
import type { ElementContent, Root } from 'hast';
import { redlineSection, redlineTitle, sectionBlocks, type Comparison } from '../diff/index.ts';
import { countWords } from '../diff/similarity.ts';
import type { Section } from '../strategy/schema.ts';

interface Segment {
  kind: 'equal' | 'ins' | 'del';
  text: string;
}

/** The text of one paragraph, cell or heading, cut where its marks begin and end. */
type Line = Segment[];

export interface RedlineMetric {
  runs: number;
  /** Unchanged stretches of one or two words between two changes of the same line. */
  islands: number;
  /** Words shown inserted. */
  added: number;
  /** Words shown deleted. */
  removed: number;
  /** (added + removed) / runs; 0 when nothing changed. */
  wordsPerRun: number;
}

export function redlineMetric(lines: readonly Line[]): RedlineMetric {
  let runs = 0;
  let islands = 0;
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    let inRun = false;
    let seenChange = false;
    let pendingIsland = false;
    for (const segment of merged(line)) {
      const words = countWords(segment.text);
      if (segment.kind === 'equal') {
        if (!/\S/.test(segment.text)) continue;
        inRun = false;
        pendingIsland = seenChange && words >= 1 && words <= 2;
        continue;
      }
      if (!/\S/.test(segment.text)) continue;
      if (segment.kind === 'ins') added += words;
      else removed += words;
      if (!inRun) {
        runs += 1;
        if (pendingIsland) islands += 1;
      }
      inRun = true;
      seenChange = true;
      pendingIsland = false;
    }
  }
  return { runs, islands, added, removed, wordsPerRun: runs ? (added + removed) / runs : 0 };
}

/** Joins neighbouring segments of the same kind (text split by links or emphasis). */
function merged(line: Line): Line {
  const out: Line = [];
  for (const segment of line) {
    const last = out[out.length - 1];
    if (last && last.kind === segment.kind) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

const BLOCKS = new Set(['p', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'div', 'blockquote', 'pre', 'section', 'aside', 'figure', 'caption']);

/**
 * The lines of a redline tree as a reader sees them: visually hidden labels
 * ("inserted: ") and the change numbers and comment links are not text of the
 * strategy, so they are left out.
 */
export function hastLines(tree: Root | readonly ElementContent[]): Line[] {
  const lines: Line[] = [];
  let current: Line = [];
  const flush = () => {
    if (current.length) lines.push(current);
    current = [];
  };
  const walk = (node: Root | ElementContent, kind: Segment['kind']) => {
    if (node.type === 'text') {
      current.push({ kind, text: node.value });
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      const className = node.properties.className;
      const classes = Array.isArray(className) ? className.map(String) : [];
      if (classes.some((c) => c === 'visually-hidden' || c === 'change-ref' || c === 'change-actions' || c === 'redline-collapsed')) return;
      const block = BLOCKS.has(node.tagName);
      if (block) flush();
      const inner = node.tagName === 'ins' ? 'ins' : node.tagName === 'del' ? 'del' : kind;
      for (const child of node.children) walk(child, inner);
      if (block) flush();
      return;
    }
    for (const child of node.children) walk(child as ElementContent, kind);
  };
  if (Array.isArray(tree)) {
    for (const node of tree as readonly ElementContent[]) walk(node, 'equal');
  } else walk(tree as Root, 'equal');
  flush();
  return lines;
}

/**
 * The lines of `git diff --word-diff=porcelain` output: after the hunk
 * header, each line is one token run prefixed by ` ` (unchanged), `-` or `+`,
 * and `~` ends a line of the original text.
 */
export function gitPorcelainLines(output: string): Line[] {
  const lines: Line[] = [];
  let current: Line = [];
  let inHunk = false;
  const flush = () => {
    if (current.length) lines.push(current);
    current = [];
  };
  for (const raw of output.split('\n')) {
    if (raw.startsWith('@@')) {
      flush();
      inHunk = true;
      continue;
    }
    if (!inHunk || raw === '') continue;
    const prefix = raw[0];
    const text = raw.slice(1);
    if (prefix === '~') flush();
    else if (prefix === ' ') current.push({ kind: 'equal', text });
    else if (prefix === '-') current.push({ kind: 'del', text });
    else if (prefix === '+') current.push({ kind: 'ins', text });
  }
  flush();
  return lines;
}

/** The lines of the redline of a whole comparison: each shown section's title and body. */
export function comparisonLines(comparison: Comparison): Line[] {
  const lines: Line[] = [];
  for (const section of comparison.sections) {
    if (section.status === 'unchanged' && !section.retitled) continue;
    lines.push(...hastLines(redlineTitle(section)), ...hastLines(redlineSection(section)));
  }
  return lines;
}

/**
 * A version as plain text for an outside word diff: each section's title,
 * then each paragraph's text (as the comparison sees it, Markdown resolved)
 * on a line of its own.
 */
export function versionText(sections: readonly Section[]): string {
  return sections.map((s) => [s.title, ...sectionBlocks(s.id, s.body).map((b) => b.text)].join('\n')).join('\n\n');
}
