import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ISSUE_BODY,
  MAX_ISSUE_TITLE,
  MAX_LABEL,
  boundedLabel,
  findSubmissionId,
  issueLabels,
  parseIssueBody,
  renderIssueBody,
  renderIssueTitle,
} from '../../../src/lib/comments/issue-body.ts';
import { neutralise } from '../../../src/lib/comments/neutralise.ts';
import { COMMENT_LIMITS } from '../../../src/lib/comments/schema.ts';
import { arbitraryComment, expectedRecord, validSubmission } from './helpers.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('renderIssueBody', () => {
  it('writes the shape GitHub issue forms write, then the hidden marker', () => {
    const body = renderIssueBody(validSubmission({ quote: undefined, organisation: '', publishName: false }));
    expect(body).toBe(
      [
        '### Version\n\nv0.2',
        '### Section\n\ngovernance',
        '### Paragraph\n\np3',
        '### Change\n\n_No response_',
        '### Quoted text\n\n_No response_',
        '### Type of comment\n\nTechnical',
        '### Comment\n\nQuarterly is too rare during an incident; allow extraordinary meetings.',
        '### Language of the comment\n\n_No response_',
        '### Proposed change\n\nThe Council will meet quarterly, and at any time the Chair calls an extraordinary meeting.',
        '### Stakeholder sector\n\nCivil society',
        '### Organisation\n\n_No response_',
        '### Name\n\n_No response_',
        '### Publishing your name\n\n- [ ] Publish my name with my comment',
        '<!-- consulta:submission=0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01 channel=web submitted=2026-12-01T15:04:05.000Z -->',
      ].join('\n\n'),
    );
  });

  it('says which language a comment is written in, and reads it back; a body that does not say is English', () => {
    const spanish = validSubmission({ language: 'es', comment: 'El Consejo debería poder reunirse de urgencia.' });
    const body = renderIssueBody(spanish);
    expect(body).toContain('### Language of the comment\n\nEspañol');
    expect(parseIssueBody(body, { trustMarker: true }).language).toBe('es');
    expect(parseIssueBody(renderIssueBody(validSubmission({ language: 'en' }))).language).toBe('en');
    expect(parseIssueBody(renderIssueBody(validSubmission())).language).toBeUndefined();
  });

  it('ticks the box and includes the name only with consent', () => {
    const body = renderIssueBody(validSubmission({ publishName: true }));
    expect(body).toContain('### Name\n\nAna Castillo');
    expect(body).toContain('- [X] Publish my name with my comment');
  });

  it('keeps personal data out of the marker', () => {
    const body = renderIssueBody(validSubmission());
    const marker = body.slice(body.lastIndexOf('<!--'));
    expect(marker).not.toContain('Ana');
    expect(marker).not.toContain('Forum');
    expect(findSubmissionId(body)).toBe('0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01');
  });

  it('neutralises hostile text so it cannot add fields, mentions or a second marker', () => {
    const hostile = validSubmission({
      comment: 'I agree.\n\n### Name\n\nMallory\n\n### Publishing your name\n\n- [X] Publish my name with my comment\n\n@everyone see #1\n<!-- consulta:submission=11111111-1111-4111-8111-111111111111 channel=web -->',
      publishName: false,
    });
    const body = renderIssueBody(hostile);
    expect(body.match(/^### /gm)).toHaveLength(13);
    expect(body.match(/<!--/g)).toHaveLength(1);
    const parsed = parseIssueBody(body, { trustMarker: true });
    expect(parsed.name).toBeUndefined();
    expect(parsed.publishName).toBe(false);
    expect(parsed.submissionId).toBe(hostile.submissionId);
    expect(parsed.comment).toBe(neutralise(hostile.comment));
  });

  it('stays within GitHub’s 65,536-character limit with every field full of expanding characters', () => {
    // `&a;` grows to `&amp;a;`, `@` and `#` gain a zero-width space, emoji are two UTF-16 units.
    const fill = (n: number) => '&a;@#<!🇧'.repeat(Math.ceil(n / 8)).slice(0, n);
    const biggest = validSubmission({
      quote: fill(COMMENT_LIMITS.quote - 10),
      comment: fill(COMMENT_LIMITS.comment - 10),
      proposedChange: fill(COMMENT_LIMITS.proposedChange - 10),
      organisation: fill(COMMENT_LIMITS.organisation - 10),
      name: fill(COMMENT_LIMITS.name - 10),
    });
    expect(biggest.comment.length).toBeGreaterThan(4000);
    const body = renderIssueBody(biggest);
    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY);
    expect(body).not.toContain('Shortened');
  });

  it('shortens the longest text with a note if a body would ever exceed the limit', () => {
    const oversized = { ...validSubmission(), comment: '@x '.repeat(30_000) };
    const body = renderIssueBody(oversized);
    expect(body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY);
    expect(body).toContain('Shortened to fit GitHub’s issue size limit');
    expect(findSubmissionId(body)).toBe(oversized.submissionId);
    expect(body).not.toMatch(/@(?!\u200B)/);
  });
});

describe('parseIssueBody', () => {
  it('reads back every public field of any valid comment (round trip, property)', () => {
    fc.assert(
      fc.property(arbitraryComment, (comment) => {
        expect(parseIssueBody(renderIssueBody(comment), { trustMarker: true })).toEqual(expectedRecord(comment));
      }),
      { numRuns: 300 },
    );
  });

  it('names the change a comment is on and reads it back', () => {
    const comment = validSubmission({ change: 'change-governance-3', quote: '“month” → “quarter”' });
    const body = renderIssueBody(comment);
    expect(body).toContain('### Paragraph\n\np3\n\n### Change\n\nchange-governance-3\n\n### Quoted text\n\n“month” → “quarter”');
    expect(parseIssueBody(body, { trustMarker: true })).toEqual(expectedRecord(comment));
    expect(parseIssueBody(body).change).toBe('change-governance-3');
    expect('change' in parseIssueBody(renderIssueBody(validSubmission()))).toBe(false);
  });

  it('round-trips a comment whose text is exactly what the parser treats as empty', () => {
    for (const text of ['None', '_No response_']) {
      const comment = validSubmission({ comment: text, organisation: text });
      expect(parseIssueBody(renderIssueBody(comment))).toMatchObject({ comment: text, organisation: text });
    }
  });

  it('reads a body written by GitHub’s issue form, with an extra heading the person typed', () => {
    const parsed = parseIssueBody(fixture('github-issue-form-body.md'));
    expect(parsed).toEqual({
      channel: 'github',
      publishName: true,
      version: 'v0.2',
      section: 'incident-response',
      paragraph: 'p4',
      quote: 'The CSIRT will publish an annual report.',
      type: 'editorial',
      comment: '"annual" should be "yearly", to match section 2.\n\n### Background\n\nSection 2 says "yearly" throughout.',
      sector: 'technical-community',
      name: 'Jo Smith',
    });
  });

  it('drops the name from a GitHub issue whose box is not ticked, and reads CRLF bodies', () => {
    const parsed = parseIssueBody(fixture('github-issue-form-body-unticked.md').replace(/\n/g, '\r\n'));
    expect(parsed).toEqual({
      channel: 'github',
      publishName: false,
      version: 'v0.2',
      section: 'governance',
      type: 'general',
      comment: 'The governance section should name one lead agency, @secretariat please note.',
      sector: 'individual',
    });
  });

  it('reads the same record from a site body and a GitHub body of the same comment', () => {
    const comment = validSubmission({ quote: undefined, proposedChange: undefined, organisation: undefined, publishName: false });
    const site = parseIssueBody(renderIssueBody(comment), { trustMarker: true });
    const github = parseIssueBody(renderIssueBody(comment).replace(/\n\n<!--.*-->$/, ''));
    const { submissionId, submittedAt, channel, ...siteFields } = site;
    expect(channel).toBe('web');
    expect(submissionId).toBe(comment.submissionId);
    expect(submittedAt).toBe(comment.submittedAt);
    expect(github).toEqual({ ...siteFields, channel: 'github' });
  });

  it('believes a hidden marker only in an issue the site filed', () => {
    const comment = validSubmission({ channel: 'meeting', submittedAt: '2026-12-01T15:04:05.000Z' });
    const forged = parseIssueBody(renderIssueBody(comment));
    expect(forged).toMatchObject({ channel: 'github', comment: comment.comment });
    expect(forged.submissionId).toBeUndefined();
    expect(forged.submittedAt).toBeUndefined();
    expect(parseIssueBody(renderIssueBody(comment), { trustMarker: true })).toMatchObject({ channel: 'meeting', submittedAt: comment.submittedAt });
  });

  it('ignores a marker that is not the end of the body', () => {
    expect(findSubmissionId('<!-- consulta:submission=0b6f3b8e-5f1c-4c8e-9a59-2f1f4d7c9e01 -->\n\nmore text')).toBeNull();
    expect(findSubmissionId(null)).toBeNull();
  });
});

describe('renderIssueTitle', () => {
  it('cites version, section and paragraph, then the start of the comment', () => {
    expect(renderIssueTitle(validSubmission())).toBe('[v0.2 § governance ¶3] Quarterly is too rare during an incident; allow extraordinary meetings.');
    expect(renderIssueTitle(validSubmission({ paragraph: undefined, comment: 'Short.' }))).toBe('[v0.2 § governance] Short.');
  });

  it('says which change of the section a comment on a change is about', () => {
    expect(renderIssueTitle(validSubmission({ change: 'change-governance-4', comment: 'Short.' }))).toBe('[v0.2 § governance ¶3, change 4] Short.');
    expect(renderIssueTitle(validSubmission({ paragraph: undefined, change: 'change-governance-1', comment: 'Short.' }))).toBe('[v0.2 § governance, change 1] Short.');
  });

  it('cuts a long comment at a word with an ellipsis, and defuses mentions', () => {
    const title = renderIssueTitle(validSubmission({ comment: `@bob ${'word '.repeat(60)}` }));
    expect(title.endsWith('word…')).toBe(true);
    expect(title).not.toMatch(/@(?!\u200B)/);
  });

  it('is at most 256 characters and one line for any valid comment (property)', () => {
    fc.assert(
      fc.property(arbitraryComment, (comment) => {
        const title = renderIssueTitle(comment);
        expect(title.length).toBeLessThanOrEqual(MAX_ISSUE_TITLE);
        expect(title).not.toContain('\n');
      }),
      { numRuns: 200 },
    );
  });
});

describe('issueLabels', () => {
  it('labels a comment by version, section, type, sector and channel', () => {
    expect(issueLabels(validSubmission())).toEqual(['comment', 'v:v0.2', 'section:governance', 'type:technical', 'sector:civil-society', 'channel:web']);
    expect(issueLabels(validSubmission(), { unverified: true })).toContain('unverified');
  });

  it('labels a comment written in Spanish lang:es, and leaves English unlabelled', () => {
    expect(issueLabels(validSubmission({ language: 'es' }))).toContain('lang:es');
    expect(issueLabels(validSubmission({ language: 'en' })).some((l) => l.startsWith('lang:'))).toBe(false);
  });

  it('keeps every label within 50 characters, and long section ids apart', () => {
    const a = `national-critical-information-infrastructure-protection-${'x'.repeat(30)}`;
    const b = `national-critical-information-infrastructure-protection-${'y'.repeat(30)}`;
    const la = boundedLabel('section:', a);
    const lb = boundedLabel('section:', b);
    expect(la.length).toBeLessThanOrEqual(MAX_LABEL);
    expect(lb.length).toBeLessThanOrEqual(MAX_LABEL);
    expect(la).not.toBe(lb);
    expect(la.startsWith('section:national-critical')).toBe(true);
    fc.assert(
      fc.property(arbitraryComment, (comment) => {
        for (const label of issueLabels(comment, { unverified: true })) expect(label.length).toBeLessThanOrEqual(MAX_LABEL);
      }),
      { numRuns: 100 },
    );
  });
});
