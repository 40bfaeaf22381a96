/**
 * Campaigns and near-duplicates: which comments of one version say the same
 * thing in (nearly) the same words, so the report can show a campaign once,
 * with its size, instead of a thousand rows.
 *
 * Two comments are *identical* when their texts are equal after normalising
 * (Unicode NFKC, case, whitespace, punctuation). They are *near-duplicates*
 * when the Jaccard similarity of their sets of word 3-shingles is at least
 * the threshold (a setting, `feedback.similarity` in content/site.json). The
 * pairs worth comparing are found with MinHash signatures and
 * locality-sensitive hashing over bands of them, so the work grows with the
 * number of comments, not with its square; every candidate pair is then
 * checked on the exact shingle sets, so LSH can only miss a pair, never
 * invent one.
 *
 * Two guards keep different comments apart:
 * - shingles that occur in the text of the version being commented on do not
 *   count: two comments quoting the same strategy paragraph share those
 *   words because they quote it, not because one person wrote both;
 * - a text left with fewer than `MIN_SHINGLES` shingles after that is only
 *   ever grouped with its identical copies.
 *
 * Clustering is by exemplar: distinct texts are taken most-copied first, and
 * each joins the group of the most similar exemplar it reaches the threshold
 * with, or starts a new group as its first exemplar. A group's exemplars are
 * its first text and at most 15 members that joined it with a similarity
 * under 0.8 (the edited copies), so a campaign is recognised in its common
 * variants while a chain of small edits cannot drift far from where it
 * started. A last pass joins groups whose first text reaches an exemplar of
 * another group (an edited copy that arrived early started its own). The
 * order is fixed by the input, so the same comments always give the same
 * groups.
 *
 * The method and its measured precision and recall are in
 * docs/feedback-grouping.md.
 */

/** One comment as grouping sees it. */
interface GroupingInput {
  reference: string;
  /** The words to compare: the comment and the proposed change, not the quoted text. */
  text: string;
}

interface GroupingOptions {
  /** Jaccard similarity of word 3-shingles, from 0 (exclusive) to 1, at or above which two texts are near-duplicates. */
  similarity: number;
  /** Text of the version commented on, paragraph by paragraph: words quoted from it are not evidence of a campaign. */
  quotedText?: readonly string[];
  /** Called now and then with how many distinct texts have been placed. */
  onProgress?: (done: number, total: number) => void;
}

type GroupKind = 'identical' | 'near-duplicate';

/** A group of at least two comments, by reference. */
export interface TextGroup {
  kind: GroupKind;
  /** The member whose exact text is the most copied (the earliest of those on a tie). */
  representative: string;
  /** Every member, the representative included, in input order. */
  members: string[];
}

/** The default threshold: see docs/feedback-grouping.md for how it was chosen. */
export const DEFAULT_SIMILARITY = 0.6;
/** A text with fewer shingles than this (after removing quoted ones) is grouped only with identical copies. */
const MIN_SHINGLES = 4;
const SHINGLE = 3;
/** 32 bands of 4 rows: a pair at similarity 0.6 is a candidate with probability 0.98, at 0.3 with 0.23. */
const BANDS = 32;
const ROWS = 4;
const PERMUTATIONS = BANDS * ROWS;
/** Exemplars checked per text at most: a bucket crowded by some common phrase must not make the work quadratic. */
const MAX_CANDIDATES = 64;
/** A group keeps at most this many exemplars... */
const EXEMPLARS = 16;
/** ...taken from members that joined it with a similarity below this. */
const EXEMPLAR_BELOW = 0.8;

/** Case, whitespace and punctuation removed: the text two comments are "identical" in. */
export function normaliseForGrouping(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Groups of identical and near-identical comments, largest first (then by first member). Comments in no group are not listed. */
export function groupTexts(comments: readonly GroupingInput[], options: GroupingOptions): TextGroup[] {
  if (!(options.similarity > 0 && options.similarity <= 1)) throw new RangeError(`similarity must be above 0 and at most 1, not ${options.similarity}`);
  // 1. Identical texts collapse into one entry, in order of first appearance.
  const byText = new Map<string, number[]>();
  comments.forEach((c, i) => {
    const key = normaliseForGrouping(c.text);
    const list = byText.get(key);
    if (list) list.push(i);
    else byText.set(key, [i]);
  });
  const texts = [...byText].map(([text, indices]) => ({ text, indices }));
  // Most-copied first, so a campaign's unedited letter leads its group.
  const order = texts.map((_, i) => i).sort((a, b) => texts[b]!.indices.length - texts[a]!.indices.length || texts[a]!.indices[0]! - texts[b]!.indices[0]!);

  // 2. Near-duplicates among the distinct texts.
  const quoted = new Set<number>();
  for (const paragraph of options.quotedText ?? []) for (const s of shingles(normaliseForGrouping(paragraph))) quoted.add(s);
  const leaderOf = new Int32Array(texts.length).fill(-1);
  // Exemplars: a group's leader and, up to EXEMPLARS of them, members that joined it at some distance.
  const exemplarShingles = new Map<number, Uint32Array>();
  const exemplarKeys = new Map<number, Uint32Array>();
  const exemplarCount = new Map<number, number>();
  const buckets: Map<number, number[]>[] = Array.from({ length: BANDS }, () => new Map());
  const signature = new Uint32Array(PERMUTATIONS);
  const seen = new Set<number>();
  /** The exemplar (of any group but `exclude`'s) most similar to `own`, at or above the threshold. */
  const bestExemplar = (own: Uint32Array, keys: Uint32Array, exclude: number) => {
    let best = -1;
    let bestScore = options.similarity;
    seen.clear();
    for (let b = 0; b < BANDS && seen.size < MAX_CANDIDATES; b++) {
      for (const exemplar of buckets[b]!.get(keys[b]!) ?? []) {
        if (seen.has(exemplar) || find(leaderOf, exemplar) === exclude) continue;
        seen.add(exemplar);
        const score = jaccard(own, exemplarShingles.get(exemplar)!);
        if (score > bestScore || (score === bestScore && (best === -1 || exemplar < best))) {
          best = exemplar;
          bestScore = score;
        }
        if (seen.size >= MAX_CANDIDATES) break;
      }
    }
    return { best, score: bestScore };
  };
  const addExemplar = (t: number, own: Uint32Array, keys: Uint32Array) => {
    exemplarShingles.set(t, own);
    exemplarKeys.set(t, keys);
    for (let b = 0; b < BANDS; b++) {
      const bucket = buckets[b]!.get(keys[b]!);
      if (bucket) bucket.push(t);
      else buckets[b]!.set(keys[b]!, [t]);
    }
  };
  let done = 0;
  for (const t of order) {
    done++;
    if (options.onProgress && done % 5000 === 0) options.onProgress(done, texts.length);
    const own = ownShingles(texts[t]!.text, quoted);
    if (own.length < MIN_SHINGLES) {
      leaderOf[t] = t;
      continue;
    }
    minHash(own, signature);
    const keys = bandKeys(signature);
    const { best, score } = bestExemplar(own, keys, -1);
    if (best === -1) {
      leaderOf[t] = t;
      exemplarCount.set(t, 1);
      addExemplar(t, own, keys);
      continue;
    }
    const leader = find(leaderOf, best);
    leaderOf[t] = leader;
    const count = exemplarCount.get(leader)!;
    if (score < EXEMPLAR_BELOW && count < EXEMPLARS) {
      exemplarCount.set(leader, count + 1);
      addExemplar(t, own, keys);
    }
  }
  // A group started early by an edited copy may have been left apart from its
  // campaign before the exemplars that bridge them arrived: join them now.
  for (const t of order) {
    if (leaderOf[t] !== t || !exemplarShingles.has(t)) continue;
    const { best } = bestExemplar(exemplarShingles.get(t)!, exemplarKeys.get(t)!, t);
    if (best !== -1) leaderOf[t] = find(leaderOf, best);
  }
  for (let t = 0; t < texts.length; t++) leaderOf[t] = find(leaderOf, t);
  if (texts.length >= 5000) options.onProgress?.(texts.length, texts.length);

  // 3. Groups: each leader's texts, with their comments.
  const followers = new Map<number, number[]>();
  for (const t of order) {
    const leader = leaderOf[t]!;
    const list = followers.get(leader);
    if (list) list.push(t);
    else followers.set(leader, [t]);
  }
  const groups: TextGroup[] = [];
  for (const members of followers.values()) {
    const indices = members.flatMap((m) => texts[m]!.indices).sort((a, b) => a - b);
    if (indices.length < 2) continue;
    groups.push({
      kind: members.length === 1 ? 'identical' : 'near-duplicate',
      representative: comments[texts[members[0]!]!.indices[0]!]!.reference,
      members: indices.map((i) => comments[i]!.reference),
    });
  }
  const first = new Map(comments.map((c, i) => [c.reference, i]));
  return groups.sort((a, b) => b.members.length - a.members.length || first.get(a.members[0]!)! - first.get(b.members[0]!)!);
}

/** The leader at the end of a chain of joined groups (leaders point to themselves). */
function find(leaderOf: Int32Array, t: number): number {
  let root = t;
  while (leaderOf[root] !== root && leaderOf[root] !== -1) root = leaderOf[root]!;
  return root;
}

/** Jaccard similarity of two sorted sets of shingle hashes. */
function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 1 : shared / union;
}

/** The sorted, distinct shingles of a text that are not in `quoted`, in a typed array (no boxed numbers to collect). */
function ownShingles(normalised: string, quoted: ReadonlySet<number>): Uint32Array {
  const all = shingles(normalised);
  const out = new Uint32Array(all.length);
  let n = 0;
  for (const s of all) if (!quoted.has(s)) out[n++] = s;
  return uniqueSorted(out.subarray(0, n));
}

/** 32-bit hashes of the word 3-shingles of a normalised text (one shingle of all its words when it has fewer). */
function shingles(normalised: string): Uint32Array {
  if (normalised === '') return new Uint32Array(0);
  const parts = normalised.split(' ');
  const words = new Uint32Array(parts.length);
  for (let i = 0; i < parts.length; i++) words[i] = hashWord(parts[i]!);
  if (words.length < SHINGLE) return Uint32Array.of(words.reduce((h, w) => mix(h ^ w), 0x9e3779b9));
  const out = new Uint32Array(words.length - SHINGLE + 1);
  for (let i = 0; i + SHINGLE <= words.length; i++) out[i] = mix(mix(mix(words[i]!) ^ words[i + 1]!) ^ Math.imul(words[i + 2]!, 0x85ebca6b));
  return out;
}

/** Sorted and without repeats, in a fresh array sized to fit (kept for exemplars, so no slack is held). */
function uniqueSorted(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** FNV-1a over the UTF-16 code units of a word. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The finaliser of MurmurHash3: every input bit moves every output bit. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Fixed seeds for the permutations: groups must not change between runs. */
const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) => mix(0x2545f491 + Math.imul(i + 1, 0x9e3779b9)));

/** The MinHash signature of a set: for each seeded hash, the smallest value over the set. */
function minHash(set: Uint32Array, out: Uint32Array): void {
  out.fill(0xffffffff);
  for (let s = 0; s < set.length; s++) {
    const x = set[s]!;
    for (let p = 0; p < PERMUTATIONS; p++) {
      const h = mix(x ^ SEEDS[p]!);
      if (h < out[p]!) out[p] = h;
    }
  }
}

/** One hash per band of the signature: texts that agree on a whole band are compared. */
function bandKeys(signature: Uint32Array): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ signature[b * ROWS + r]!);
    keys[b] = h;
  }
  return keys;
}
