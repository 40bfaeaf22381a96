import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage, parseReferenceLine, readMessage, resolveSection, type ReadMessage } from '../../../src/lib/mail/reply.ts';
import { mailingContext } from './fixtures.ts';

const INVITATION = '<consulta.5b1f0c2e-9a7d-4c31-8e55-0f6c2d1a9b01@example.gov.bz>';
const APPLE_INVITATION = '<consulta.0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a@example.gov.bz>';
const sent = new Map([
  [INVITATION, 'v0.2'],
  [APPLE_INVITATION, 'v0.1'],
]);
const options = { versionOfMessage: (id: string) => sent.get(id), versions: ['v0.1', 'v0.2'] };

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.eml`, import.meta.url));
const read = (name: string) => readMessage(fixture(name), options);

function readable(result: ReadMessage) {
  if (!result.readable) throw new Error(`expected a readable message, got ${result.reason}: ${result.detail}`);
  return result;
}

describe('reading a reply', () => {
  it('Gmail: version from In-Reply-To, the reference line, the quote and signature gone, the attachment by name', async () => {
    const { candidate, personal } = readable(await read('gmail-reply'));
    expect(candidate).toEqual({
      messageId: '<CAGm3qLwz8x7Yh1pQ0kT2b5vRkD9eF4nM6sJ8aX3cV1bN0uHt2Q@mail.gmail.com>',
      date: '2026-12-02T16:41:07.000Z',
      subject: 'Re: Your views on the draft National Cyber Security Strategy 2027–2031 (v0.2)',
      version: 'v0.2',
      versionFrom: 'thread',
      references: [{ section: { number: 3 }, paragraph: 2 }],
      text: 'The list of critical sectors should name community radio: in the north it is how people hear about outages and scams.\n\nWe would also like the CSIRT to publish its advisories in Spanish.',
      attachments: ['WiT-BZ annex.docx'],
      language: 'en',
    });
    expect(personal).toEqual({ address: 'ana.castillo@example.org', name: 'Ana Castillo' });
    // The address is only in `personal`.
    expect(JSON.stringify(candidate)).not.toContain('ana.castillo@');
  });

  it('Outlook: the From/Sent header block ends the reply, "Section: governance" and "Paragraph: 4" are read, the version from the subject', async () => {
    const { candidate } = readable(await read('outlook-reply'));
    expect(candidate.version).toBe('v0.2');
    expect(candidate.versionFrom).toBe('subject');
    expect(candidate.references).toEqual([{ section: { name: 'governance' }, paragraph: 4 }]);
    expect(candidate.text).toBe(
      'Good afternoon,\n\nThe Commission supports a national coordinator, but the draft should say which regulator leads for each critical sector, so that operators are not answering to two bodies.\n\nRegards,\nDelroy Flowers\nPublic Utilities Commission',
    );
    expect(candidate.attachments).toEqual([]);
  });

  it('Apple Mail: the newest matching id in References, a "§ 8 ¶ 3:" line kept as text, "Sent from my iPhone" dropped', async () => {
    const { candidate } = readable(await read('apple-mail-reply'));
    expect(candidate.version).toBe('v0.1');
    expect(candidate.versionFrom).toBe('thread');
    expect(candidate.references).toEqual([{ section: { number: 8 }, paragraph: 3 }]);
    expect(candidate.text).toBe('§ 8 ¶ 3: the university can host the cyber range if the budget covers staff, not only equipment.');
  });

  it('Spanish: "Sección 5, párrafo 3", the "El … escribió:" block stripped, the version named in the text, written in Spanish', async () => {
    const { candidate, personal } = readable(await read('spanish-reply'));
    expect(candidate.references).toEqual([{ section: { number: 5 }, paragraph: 3 }]);
    expect(candidate.version).toBe('v0.2');
    expect(candidate.versionFrom).toBe('text');
    expect(candidate.language).toBe('es');
    expect(candidate.text).toMatch(/^Buenas noches:\n\nEl equipo nacional de respuesta/);
    expect(candidate.text).toMatch(/Saludos cordiales,\nLucía$/);
    expect(personal.name).toBe('Lucía Pérez');
  });

  it('HTML only: the blockquote and its attribution removed, so a version named only in the quote is not taken', async () => {
    const { candidate } = readable(await read('html-only'));
    expect(candidate.references).toEqual([{ section: { name: 'Incident response' }, paragraph: 5 }]);
    expect(candidate.text).toBe('The CSIRT should share indicators with the ISP community through a trusted channel & publish a yearly report.\n\n<script> is how our HTML filter shows text like this.');
    expect(candidate.version).toBeUndefined();
    expect(candidate.versionFrom).toBeUndefined();
  });

  it('classifies an auto-reply, a bounce and a message with only an attachment, with a reason', async () => {
    expect(await read('auto-reply')).toMatchObject({ readable: false, reason: 'auto-reply', detail: 'Auto-Submitted: auto-replied', messageId: '<auto.7f6e5d4c@example.org>' });
    const bounce = await read('bounce');
    expect(bounce).toMatchObject({ readable: false, reason: 'bounce', detail: 'a delivery status report (multipart/report)', attachments: [] });
    expect(await read('attachment-only')).toMatchObject({
      readable: false,
      reason: 'attachment-only',
      detail: 'no text besides 1 attachment: Comentarios Galen University.pdf',
      attachments: ['Comentarios Galen University.pdf'],
      personal: { address: 'andres.cal@example.org' },
    });
  });

  it('recognises auto-replies and bounces by their other marks', async () => {
    const message = (headers: string, body = 'I am away.') => `From: Someone <someone@example.org>\r\nTo: consultation@example.gov.bz\r\nMessage-ID: <x@example.org>\r\n${headers}\r\n\r\n${body}\r\n`;
    const reason = async (headers: string, body?: string) => {
      const result = await readMessage(message(headers, body), options);
      return result.readable ? 'readable' : `${result.reason}: ${result.detail}`;
    };
    expect(await reason('Subject: Out of Office: Your views on the draft')).toBe('auto-reply: an automatic reply ("Out of Office: Your views on the draft")');
    expect(await reason('Subject: Respuesta automática: Su opinión')).toMatch(/^auto-reply: /);
    expect(await reason('Subject: Hello\r\nPrecedence: bulk')).toBe('auto-reply: Precedence: bulk');
    expect(await reason('Subject: Hello\r\nX-Autoreply: yes')).toBe('auto-reply: marked as an automatic reply (X-Autoreply)');
    expect(await reason('Subject: Hello\r\nAuto-Submitted: no')).toBe('readable');
    expect(await reason('Subject: Hello\r\nX-Failed-Recipients: old@example.org')).toBe('bounce: a delivery failure (X-Failed-Recipients)');
    expect(await reason('Subject: Hello', '\r\n> only a quote\r\n')).toBe('no-text: the message has no text of its own');
  });

  it('reads reference lines in their common forms', () => {
    const ref = (line: string) => parseReferenceLine(line);
    expect(ref('Section 3, paragraph 2')).toEqual({ reference: { section: { number: 3 }, paragraph: 2 }, whole: true });
    expect(ref('section 3 para. 12:')).toEqual({ reference: { section: { number: 3 }, paragraph: 12 }, whole: true });
    expect(ref('- Sección 4, párrafo 1')).toEqual({ reference: { section: { number: 4 }, paragraph: 1 }, whole: true });
    expect(ref('Seccion 4 parrafo 1')).toEqual({ reference: { section: { number: 4 }, paragraph: 1 }, whole: true });
    expect(ref('Section 2')).toEqual({ reference: { section: { number: 2 } }, whole: true });
    expect(ref('Section 2 is too vague about funding.')).toEqual({ reference: { section: { number: 2 } }, whole: false });
    expect(ref('Section: governance')).toEqual({ reference: { section: { name: 'governance' } }, whole: true });
    expect(ref('Sección: Gobernanza y coordinación; párrafo 2')).toEqual({ reference: { section: { name: 'Gobernanza y coordinación' }, paragraph: 2 }, whole: true });
    expect(ref('In section 3 we think')).toBeUndefined();
    expect(ref('The sections are fine')).toBeUndefined();
  });

  it('resolves a reference to a section of the version by number, id or title', () => {
    const sections = mailingContext().version.sections;
    expect(resolveSection(sections, { number: 3 })).toBe('critical-infrastructure');
    expect(resolveSection(sections, { number: 30 })).toBeUndefined();
    expect(resolveSection(sections, { name: 'governance' })).toBe('governance');
    expect(resolveSection(sections, { name: 'Incident response' })).toBe('incident-response');
    expect(resolveSection(sections, { name: 'Cybercrime and electronic evidence' })).toBe('cybercrime-legislation');
    expect(resolveSection(sections, { name: 'Nowhere' })).toBeUndefined();
  });

  it('tells English from Spanish', () => {
    expect(detectLanguage('The strategy should say who pays for the CSIRT.')).toBe('en');
    expect(detectLanguage('La estrategia debe decir quién paga el equipo de respuesta.')).toBe('es');
    expect(detectLanguage('OK', 'es-BZ')).toBe('es');
    expect(detectLanguage('OK')).toBe('en');
  });
});
