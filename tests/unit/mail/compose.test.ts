import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { MailConfigError, newMessageId, parseMailbox } from '../../../src/lib/mail/address.ts';
import { composeMessage, issueFormUrl, versionUrl } from '../../../src/lib/mail/compose.ts';
import { renderEml } from '../../../src/lib/mail/transport.ts';
import { NOW, mailingContext, stakeholder } from './fixtures.ts';

const ID = '<consulta.test-1@example.gov.bz>';

describe('invitation and reminder messages', () => {
  it('says what is consulted, why this stakeholder matters, the deadline, the link and the three ways to respond', async () => {
    const message = composeMessage(mailingContext(), stakeholder(), ID);
    expect(message).toMatchObject({
      kind: 'invitation',
      version: 'v0.2',
      language: 'en',
      to: { name: 'Ana Castillo', address: 'ana.castillo@example.org' },
      from: { name: 'NCSS consultation', address: 'consultation@example.gov.bz' },
      replyTo: { address: 'consultation@example.gov.bz' },
      messageId: ID,
      subject: 'Your views on the draft National Cyber Security Strategy 2027–2031 (v0.2)',
    });
    const text = message.text;
    expect(text).toMatch(/^Dear Ana Castillo,\n\n/);
    expect(text).toContain('invites you, on behalf of Women in Tech BZ, to comment on the draft National Cyber Security Strategy 2027–2031, version v0.2: “Revised draft for public consultation”.');
    expect(text).toContain("Belize's homes, businesses and public services");
    expect(text).toContain('Civil society speaks for the people');
    expect(text).toContain('The consultation closes at 23:59, 19 December 2026, Belize time (UTC-6).');
    expect(text).toContain('Read the draft: https://consultation.example.gov.bz/strategy/v0.2/');
    expect(text).toContain(' 3. Protecting critical information infrastructure');
    expect(text).toContain(`On GitHub, if you use it, with the comment form in belize-ncss/strategy: ${issueFormUrl('belize-ncss/strategy')}`);
    expect(text).toContain('“Section 3, paragraph 2”');
    expect(text).toContain('Replies go to consultation@example.gov.bz.');
    // Both parts say the same things.
    const htmlText = toText(fromHtml(message.html)).replace(/\s+/g, ' ');
    for (const line of text.split('\n').filter((l) => l.trim())) expect(htmlText).toContain(line.replace(/^ ?\d+\. /, '').replace(/\s+/g, ' ').trim());
    expect(message.html).toContain(`<a href="${versionUrl('https://consultation.example.gov.bz', 'v0.2')}">`);
    expect(message.html).toContain('<html lang="en">');
  });

  it('writes in Spanish for a Spanish-speaking stakeholder, with the deadline in Spanish', async () => {
    const message = composeMessage(mailingContext(), stakeholder({ language: 'es', name: 'Lucía Pérez', organisation: '', sector: 'private-sector' }), ID);
    expect(message.subject).toBe('Su opinión sobre el borrador de National Cyber Security Strategy 2027–2031 (v0.2)');
    expect(message.text).toMatch(/^Estimado\/a Lucía Pérez:\n\n.* le invita a comentar el borrador/);
    expect(message.text).toContain('La consulta cierra a las 23:59 del 19 de diciembre de 2026, America/Belize (UTC-6).');
    expect(message.text).toContain('«Sección 3, párrafo 2»');
    expect(message.text).not.toContain("Belize's homes");
    expect(message.html).toContain('<html lang="es">');
  });

  it('reminds with the closing day in the subject, and greets a stakeholder without a name', async () => {
    const message = composeMessage(mailingContext('reminder'), stakeholder({ name: '', sector: undefined }), ID);
    expect(message.subject).toBe('Reminder: comments on the draft National Cyber Security Strategy 2027–2031 close on 19 December');
    expect(message.text).toMatch(/^Dear colleague,\n\nA reminder: the consultation on the draft/);
    expect(message.text).toContain('Your experience helps the task force');
  });

  it('says when the consultation opens when invited before it does', async () => {
    const message = composeMessage(mailingContext('invitation', { now: new Date('2026-11-01T00:00:00Z') }), stakeholder(), ID);
    expect(message.text).toContain('The consultation opens at 00:00, 21 November 2026 and closes at 23:59, 19 December 2026, Belize time (UTC-6).');
  });

  it('escapes names and organisations in the HTML and keeps them out of the headers', async () => {
    const hostile = stakeholder({ name: 'Eve <script>alert(1)</script> "x"', organisation: '<img src=x onerror=alert(1)> & Co' });
    const message = composeMessage(mailingContext(), hostile, ID);
    expect(message.html).not.toMatch(/<script|<img/);
    expect(message.html).toContain('Eve &#x3C;script>alert(1)&#x3C;/script> "x"');
    const raw = await renderEml(message, NOW);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.to).toEqual([{ name: 'Eve <script>alert(1)</script> "x"', address: 'ana.castillo@example.org' }]);
    expect(parsed.headers.filter((h) => h.key === 'to')).toHaveLength(1);
    expect(parsed.headers.map((h) => h.key)).not.toContain('bcc');
    const lf = (s: string | undefined) => s?.replace(/\r\n/g, '\n').trimEnd();
    expect(lf(parsed.html)).toBe(lf(message.html));
    expect(lf(parsed.text)).toBe(lf(message.text));
    expect(parsed.messageId).toBe(ID);
    expect(parsed.headers.find((h) => h.key === 'content-language')?.value).toBe('en');
  });

  it('reads the sender setting and makes Message-IDs in its domain', async () => {
    expect(parseMailbox('consultation@example.gov.bz', 'CONSULTA_MAIL_FROM')).toEqual({ name: '', address: 'consultation@example.gov.bz' });
    expect(() => parseMailbox('a@example.org, b@example.org', 'CONSULTA_MAIL_FROM')).toThrow(MailConfigError);
    expect(() => parseMailbox('not an address', 'CONSULTA_MAIL_FROM')).toThrow('CONSULTA_MAIL_FROM must be one e-mail address');
    const id = newMessageId({ name: '', address: 'x@Example.GOV.bz' });
    expect(id).toMatch(/^<consulta\.[0-9a-f-]{36}@example\.gov\.bz>$/);
    expect(newMessageId({ name: '', address: 'x@example.gov.bz' })).not.toBe(id);
  });
});
