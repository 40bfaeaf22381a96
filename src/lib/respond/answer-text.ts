/**
 * A maintainer's answer, made ready to post on many issues at once.
 *
 * It is the consultation's own text, posted under its name: Markdown,
 * links, emphasis and issue references ("Duplicate of #12") stay as
 * written. Two things do not, because one answer goes to hundreds of issues
 * and may come from a spreadsheet cell anyone in the secretariat edited:
 * - a hidden HTML comment (`<!--`) is refused: it would be invisible on
 *   GitHub, and could fake the markers the site and this tool rely on;
 * - a mention (`@someone`) is made inert with a zero-width space, as
 *   comments' mentions are: posted to 500 issues it would notify that
 *   person 500 times. Mention people by hand on the one issue that needs it.
 */
import { ZWSP } from '../comments/neutralise.ts';

/** GitHub refuses a comment body longer than this; the marker and `Response: ` take the rest. */
const MAX_ANSWER = 65_000;

type AnswerText = { ok: true; text: string; mentions: number } | { ok: false; reason: string };

// A mention: @ at a word start, then a login or team (`@org/team`).
const MENTION = /(^|[^\p{L}\p{N}_`])@(?=[A-Za-z0-9])/gu;

/** The answer as it will be posted after `Response: `, or why it cannot be. */
export function answerText(raw: string): AnswerText {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(new RegExp(ZWSP, 'g'), '')
    .replace(/^\s*response:[ \t]*/i, '')
    .trim();
  if (text === '') return { ok: false, reason: 'the answer is empty' };
  if (text.includes('<!--')) return { ok: false, reason: 'the answer contains a hidden HTML comment (<!--); GitHub would not show it, so remove it' };
  if (text.length > MAX_ANSWER) return { ok: false, reason: `the answer is ${text.length} characters; GitHub takes at most ${MAX_ANSWER}` };
  let mentions = 0;
  const out = text.replace(MENTION, (_, before: string) => {
    mentions++;
    return `${before}@${ZWSP}`;
  });
  return { ok: true, text: out, mentions };
}
