/**
 * The workshop's comment cards come back through the importer: the CSV
 * template, filled in the way a secretariat types up cards written in either
 * language, is read as workshop comments; and each section's counts and
 * most-discussed paragraphs come from the committed report.
 */
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../../src/lib/feedback/import/index.ts';
import { loadFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import { CARD_COLUMNS, commentCardsCsv, qrSvg } from '../../../src/lib/workshop/cards.ts';
import { sectionDiscussion } from '../../../src/lib/workshop/discussion.ts';

const OPTIONS = { timeZone: 'America/Belize' };

/** One CSV line from cells, in CARD_COLUMNS order. */
const line = (cells: Partial<Record<(typeof CARD_COLUMNS)[number], string>>) => CARD_COLUMNS.map((c) => JSON.stringify(cells[c] ?? '')).join(',');

describe('the comment cards template', () => {
  it('is a header the importer reads every column of, as "comment"', () => {
    const template = commentCardsCsv();
    expect(template.startsWith('\uFEFF')).toBe(true);
    expect(template.trim().split('\r\n')).toHaveLength(1);
    const read = importCsv(template, 'comment-cards.csv', OPTIONS);
    expect(read).toEqual({ comments: [], problems: [] });
  });

  it('imports the template filled in with cards in English and Spanish as workshop comments', () => {
    const filled = [
      commentCardsCsv().trimEnd(),
      line({ section: 'governance', paragraph: '3', type: 'Técnico', sector: 'Sociedad civil', organisation: 'Red Juvenil de Toledo', comment: 'El Consejo debería poder reunirse de urgencia.', language: 'es', channel: 'workshop', version: 'v0.2', received: '2027-01-27' }),
      line({ section: 'incident-response', type: 'general', sector: 'private-sector', comment: 'Say who pays for the national CSIRT.', channel: 'workshop', version: 'v0.2', received: '2027-01-27T15:10' }),
      '',
    ].join('\r\n');
    const { comments, problems } = importCsv(filled, 'cards.csv', OPTIONS);
    expect(problems).toEqual([]);
    expect(comments.map((c) => c.submission)).toEqual([
      expect.objectContaining({ channel: 'workshop', version: 'v0.2', section: 'governance', paragraph: 'p3', type: 'technical', sector: 'civil-society', organisation: 'Red Juvenil de Toledo', language: 'es', submittedAt: '2027-01-27T12:00:00-06:00' }),
      expect.objectContaining({ channel: 'workshop', section: 'incident-response', type: 'general', sector: 'private-sector', submittedAt: '2027-01-27T15:10:00-06:00' }),
    ]);
    expect(comments[1]!.submission.language).toBeUndefined();
  });

  it('reports a language it does not know, naming the line', () => {
    const filled = `${commentCardsCsv().trimEnd()}\r\n${line({ section: 'governance', type: 'general', sector: 'academia', comment: 'x', language: 'klingon', channel: 'workshop', version: 'v0.2', received: '2027-01-27' })}\r\n`;
    expect(importCsv(filled, 'cards.csv', OPTIONS).problems).toEqual([{ file: 'cards.csv', line: 2, reasons: ['language "klingon" is not one of en, es'] }]);
  });
});

describe('the QR code of a card', () => {
  it('is inline SVG, hidden from assistive technology, with no script or external reference', async () => {
    const svg = await qrSvg('https://consultation.example.gov.bz/es/comment/?version=v0.2&section=governance');
    expect(svg).toMatch(/^<svg class="qr" aria-hidden="true" focusable="false" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|href=|url\(/i);
  });
});

describe('what the room is told about each section', () => {
  it('counts the comments so far and names the most-discussed paragraphs, most first', () => {
    const report = loadFeedbackReport(process.cwd(), 'v0.1')!;
    const discussion = sectionDiscussion(report);
    const governance = report.comments.filter((c) => c.section === 'governance');
    expect(discussion.get('governance')!.comments).toBe(governance.length);
    const counts = discussion.get('governance')!.paragraphs.map((p) => p.comments);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(discussion.get('governance')!.paragraphs.length).toBeLessThanOrEqual(3);
    expect(discussion.get('governance')!.paragraphs[0]).toEqual({ n: 2, comments: governance.filter((c) => c.paragraph === 'p2').length });
    expect([...discussion.values()].reduce((n, d) => n + d.comments, 0)).toBe(report.comments.length);
  });
});
