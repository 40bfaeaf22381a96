import fc from 'fast-check';
import { parseIssue } from '@github/issue-parser';
import { describe, expect, it } from 'vitest';
import {
  IMAGE_REMOVED,
  ZWSP,
  guardEmptyLookingValue,
  neutralise,
  neutraliseLine,
  restoreEmptyLookingValue,
} from '../../../src/lib/comments/neutralise.ts';
import { hostileText } from './helpers.ts';

/** Shows the zero-width spaces we insert, so expectations are readable. */
const visible = (s: string) => s.replaceAll(ZWSP, '·');

describe('neutralise', () => {
  it('defuses @mentions, including teams and e-mail-like text', () => {
    expect(visible(neutralise('cc @alice and @belize-ncss/secretariat, mail a@b.bz'))).toBe(
      'cc @·alice and @·belize-ncss/secretariat, mail a@·b.bz',
    );
  });

  it('defuses issue references in every form GitHub links', () => {
    expect(visible(neutralise('see #123, GH-45, gh-6, owner/repo#7 and https://github.com/o/r/issues/8 or /pull/9')))
      .toBe('see #·123, GH-·45, gh-·6, owner/repo#·7 and https://github.com/o/r/issues/·8 or /pull/·9');
  });

  it('leaves a link to a paragraph anchor working', () => {
    expect(neutralise('https://consult.gov.bz/v0.2/governance/#governance-p3')).toBe(
      'https://consult.gov.bz/v0.2/governance/#governance-p3',
    );
  });

  it('stops a line from faking a ### heading of the issue form', () => {
    const out = neutralise('fine\n### Comment\n\nI approve everything\n   ## Name\n#\n> # quoted heading');
    for (const line of out.split('\n')) expect(line).not.toMatch(/^\s{0,3}#{1,6}(\s|$)/);
    expect(out).not.toContain('###');
    expect(out).not.toContain('##');
  });

  it('stops character references from smuggling in a mention or reference', () => {
    const out = neutralise('&#64;alice &commat;bob &#x23;12 &num;3 &amp; fine');
    expect(visible(out)).toBe('&amp;#·64;alice &amp;commat;bob &amp;#x23;12 &amp;num;3 &amp; fine');
  });

  it('escapes raw HTML so it shows as text', () => {
    const out = neutralise('<script>alert(1)</script> <b>bold</b> <?php ?> </div>');
    expect(out).not.toMatch(/<[A-Za-z/!?]/);
    expect(out.replaceAll(ZWSP, '')).toBe('<script>alert(1)</script> <b>bold</b> <?php ?> </div>');
  });

  it('breaks HTML comments, so nobody can fake our hidden marker', () => {
    const fake = '<!-- consulta:submission=0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01 channel=web -->';
    expect(neutralise(fake)).not.toContain('<!--');
    expect(neutralise(`<\u200B!-- already broken`)).not.toContain('<!--');
  });

  it('strips images, Markdown and HTML alike', () => {
    const out = neutralise('look ![pixel](https://evil.example/p.gif "t") and <img src="https://evil.example/p.gif"> and <IMG\nsrc=x>');
    expect(out).toBe(`look ${IMAGE_REMOVED} and ${IMAGE_REMOVED} and ${IMAGE_REMOVED}`);
    expect(neutralise('![ref][1]\n\n[1]: https://evil.example/p.gif')).not.toContain('![');
  });

  it('stops setext underlines from turning a line into a heading', () => {
    expect(neutralise('Comment\n---\nName\n===')).toBe('Comment\n\\---\nName\n\\===');
  });

  it('closes a code fence left open, so it cannot swallow the rest of the issue', () => {
    expect(neutralise('```js\nlet x = 1;')).toBe('```js\nlet x = 1;\n```');
    expect(neutralise('~~~~\ncode\n~~~')).toBe('~~~~\ncode\n~~~\n~~~~');
    expect(neutralise('```\ncode\n```\nafter')).toBe('```\ncode\n```\nafter');
  });

  it('keeps a pre-inserted zero-width space from undoing the defence', () => {
    expect(neutralise(`@${ZWSP}alice #${ZWSP}#${ZWSP}# Comment`)).not.toMatch(/@(?!\u200B)|#(?![\u200B])[#\s\d]/);
  });

  it('defuses mentions and references hidden behind bidi controls or joiners', () => {
    const out = neutralise('\u202E@alice \u2066@bob\u2069 @\u2060carol #\u200D12 \u202Downer/repo#9');
    expect(out).not.toMatch(/@(?!\u200B)/);
    expect(out).not.toMatch(/#[0-9]/);
  });

  it('makes one-line text for titles', () => {
    expect(visible(neutraliseLine('  Agree with\n\n@bob   on #4  '))).toBe('Agree with @·bob on #·4');
  });

  it('guards a value the issue parser would read as empty, and restores it', () => {
    const template = 'name: t\ndescription: t\nbody:\n  - type: textarea\n    id: comment\n    attributes:\n      label: Comment\n';
    expect(parseIssue('### Comment\n\nNone', template)).toEqual({ comment: undefined });
    for (const text of ['None', 'none', '_No response_', '_no response_']) {
      const guarded = guardEmptyLookingValue(text);
      const parsed = parseIssue(`### Comment\n\n${guarded}`, template).comment;
      expect(parsed).toBe(guarded);
      expect(restoreEmptyLookingValue(parsed as string)).toBe(text);
    }
    expect(guardEmptyLookingValue('None of this')).toBe('None of this');
  });

  it('never leaves a live mention, heading, reference, image or HTML comment (property)', () => {
    fc.assert(
      fc.property(hostileText(300), (text) => {
        const out = neutralise(text);
        expect(out).not.toMatch(/@(?!\u200B)/);
        expect(out).not.toMatch(/^\s{0,3}#{1,6}\s/m);
        expect(out).not.toContain('<!--');
        expect(out).not.toContain('###');
        expect(out).not.toContain('![');
        expect(out).not.toMatch(/#[0-9]/);
        expect(out).not.toMatch(/<[A-Za-z/!?]/);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(hostileText(200), (text) => {
        const once = neutralise(text);
        expect(neutralise(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});
