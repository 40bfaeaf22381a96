/**
 * The reply mailbox against a real IMAP server (Dovecot, with a test
 * certificate: STARTTLS on the imap:// port, TLS on the imaps:// one):
 * messages appended by a mail client are read back unseen, stay unseen while
 * read, and are flagged or moved only when the caller says so.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInbox, InboxError } from '../../../src/lib/mail/inbox.ts';
import { readMessage } from '../../../src/lib/mail/reply.ts';
import { startDovecot, type Dovecot } from './dovecot.ts';
import { makeTestCertificate, type TestCertificate } from './smtp-server.ts';

const fixture = (name: string) => readFileSync(new URL(`../../unit/mail/fixtures/${name}.eml`, import.meta.url));

let dovecot: Dovecot;
let certificate: TestCertificate;
beforeAll(async () => {
  certificate = makeTestCertificate();
  dovecot = await startDovecot({ tls: certificate });
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
  certificate?.remove();
});

describe('the reply mailbox over IMAP', () => {
  it('reads unseen messages without marking them, and flags one only when told to', async () => {
    const gmail = await dovecot.append(fixture('gmail-reply'));
    const read = await dovecot.append(fixture('outlook-reply'), 'INBOX', ['\\Seen']);
    const spanish = await dovecot.append(fixture('spanish-reply'));

    const inbox = await openInbox(dovecot.url, { ca: certificate.cert });
    try {
      expect(inbox.folder).toBe('INBOX');
      expect(await inbox.unseen()).toEqual([gmail, spanish]);
      const message = await inbox.fetch(gmail);
      // The server stores lines with CRLF, as RFC 5322 has them.
      expect(message!.source.toString()).toBe(fixture('gmail-reply').toString().replace(/\r?\n/g, '\r\n'));
      const reply = await readMessage(message!.source, { versionOfMessage: () => 'v0.2', versions: ['v0.2'] });
      expect(reply.readable && reply.candidate.references).toEqual([{ section: { number: 3 }, paragraph: 2 }]);

      // Reading is not processing: still unseen, for a run that crashes before committing.
      expect(await inbox.unseen()).toEqual([gmail, spanish]);
      expect((await dovecot.inspect()).find((m) => m.uid === gmail)!.flags).toEqual([]);

      await inbox.markProcessed(gmail);
      expect(await inbox.unseen()).toEqual([spanish]);
      expect(await inbox.fetch(9999)).toBeNull();
    } finally {
      await inbox.close();
    }
    const flags = new Map((await dovecot.inspect()).map((m) => [m.uid, m.flags]));
    expect([flags.get(gmail), flags.get(read), flags.get(spanish)]).toEqual([['\\Seen'], ['\\Seen'], []]);
  });

  it('moves a processed message to a folder it creates, and to it again', async () => {
    const inbox = await openInbox(dovecot.url, { ca: certificate.cert });
    const uid = await dovecot.append(fixture('html-only'));
    const second = await dovecot.append(fixture('apple-mail-reply'));
    try {
      await inbox.moveTo(uid, 'Consulta/Processed');
      await inbox.moveTo(second, 'Consulta/Processed');
      await expect(inbox.moveTo(9999, 'Consulta/Processed')).rejects.toThrow('the server did not move message 9999 to Consulta/Processed');
      expect(await inbox.unseen()).not.toEqual(expect.arrayContaining([uid]));
      expect(await inbox.unseen()).not.toEqual(expect.arrayContaining([second]));
    } finally {
      await inbox.close();
    }
    expect((await dovecot.inspect('Consulta.Processed')).map((m) => m.messageId)).toEqual(['<3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d@example.org>', '<8E3F1A2B-4C5D-4E6F-9A0B-1C2D3E4F5A6B@example.org>']);
  });

  it('reads over TLS from an imaps:// URL', async () => {
    const uid = await dovecot.append(fixture('auto-reply'));
    const inbox = await openInbox(dovecot.imapsUrl!, { ca: certificate.cert });
    try {
      expect(await inbox.unseen()).toContain(uid);
      expect((await inbox.fetch(uid))!.source.toString()).toContain('Auto-Submitted: auto-replied');
    } finally {
      await inbox.close();
    }
    // The server's certificate is refused when nothing says to trust it, over imaps and after STARTTLS alike.
    await expect(openInbox(dovecot.imapsUrl!, { timeoutSeconds: 5 })).rejects.toThrow(/self-signed certificate/);
    await expect(openInbox(dovecot.url, { timeoutSeconds: 5 })).rejects.toThrow(/self-signed certificate/);
  });

  it('says so in one line when dovecot is not installed', async () => {
    await expect(startDovecot({ binary: '/nonexistent/dovecot' })).rejects.toThrow(/^dovecot is not installed: the IMAP tests need Debian's dovecot-imapd/);
  });

  it('refuses a wrong password without showing it', async () => {
    const wrong = dovecot.url.replace(dovecot.password, 'not-the-pa55word');
    const error = await openInbox(wrong, { timeoutSeconds: 5, ca: certificate.cert }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InboxError);
    expect(String((error as Error).message)).not.toContain('not-the-pa55word');
  });
});
