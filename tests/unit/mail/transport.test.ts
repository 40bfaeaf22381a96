import { describe, expect, it } from 'vitest';
import { MailConfigError } from '../../../src/lib/mail/address.ts';
import { redactSecrets, redactUrl, smtpEndpoint } from '../../../src/lib/mail/transport.ts';

describe('SMTP settings', () => {
  it('reads where an SMTP URL points, with STARTTLS or TLS and the default ports', () => {
    expect(smtpEndpoint('smtp://user:pass@mail.example.gov.bz:587')).toEqual({ host: 'mail.example.gov.bz', port: 587, secure: false, user: 'user' });
    expect(smtpEndpoint('smtps://us%40er:p%2Fss@mail.example.gov.bz')).toEqual({ host: 'mail.example.gov.bz', port: 465, secure: true, user: 'us@er' });
    expect(smtpEndpoint('smtp://mail.example.gov.bz')).toEqual({ host: 'mail.example.gov.bz', port: 587, secure: false });
    expect(() => smtpEndpoint('mail.example.gov.bz')).toThrow(MailConfigError);
    expect(() => smtpEndpoint('https://u:secret@mail.example.gov.bz')).toThrow('CONSULTA_SMTP_URL must start with smtp:// or smtps://, not "https://u:***@mail.example.gov.bz/"');
  });

  it('never shows a password: in the URL, raw or encoded, in any text', () => {
    const url = 'smtp://consultation:s3cr%2Fet%20pw@mail.example.gov.bz:587';
    expect(redactUrl(url)).toBe('smtp://consultation:***@mail.example.gov.bz:587');
    expect(redactUrl('smtp://u:p@h?tls.rejectUnauthorized=false')).toBe('smtp://u:***@h?…');
    expect(redactUrl('not a url')).toBe('(a URL that cannot be read)');
    expect(redactSecrets(`connect to ${url} failed: login s3cr/et pw refused (s3cr%2Fet%20pw)`, url)).toBe(
      'connect to smtp://consultation:***@mail.example.gov.bz:587 failed: login *** refused (***)',
    );
    // A very short password is not hunted through ordinary words, but never shown in its URL.
    expect(redactSecrets('an error at smtp://u:ab@h', 'smtp://u:ab@h')).toBe('an error at smtp://u:***@h');
  });
});
