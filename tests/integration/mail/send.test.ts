/**
 * Invitations through a real SMTP server over TCP: what arrives, the pace,
 * re-runs, a refused recipient and a dropped connection.
 */
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it } from 'vitest';
import { newMessageId } from '../../../src/lib/mail/address.ts';
import { composeMessage } from '../../../src/lib/mail/compose.ts';
import { sendMailing, type MailingOptions, type PaceClock } from '../../../src/lib/mail/mailing.ts';
import { openSendLog, type SendLog } from '../../../src/lib/mail/send-log.ts';
import { smtpSender, type MailSender } from '../../../src/lib/mail/transport.ts';
import { mailingContext, stakeholder } from '../../unit/mail/fixtures.ts';
import { makeTestCertificate, startSmtpServer, type SmtpServerDouble, type TestCertificate } from './smtp-server.ts';

const AUTH = { user: 'consultation', pass: 's3cr/et pa:ss' };
const people = [1, 2, 3, 4].map((n) => stakeholder({ line: n + 1, name: `Person ${n}`, email: `person${n}@example.org`, language: n === 4 ? 'es' : 'en' }));

let server: SmtpServerDouble | undefined;
let sender: MailSender | undefined;
let log: SendLog | undefined;
let certificate: TestCertificate | undefined;
afterEach(async () => {
  sender?.close();
  await log?.close();
  await server?.close();
  certificate?.remove();
  server = sender = log = certificate = undefined;
});

function simulatedClock(): PaceClock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

function mailing(overrides: Partial<MailingOptions> = {}): MailingOptions {
  const context = mailingContext();
  return {
    version: 'v0.2',
    kind: 'invitation',
    compose: (s, id) => composeMessage(context, s, id),
    newMessageId: () => newMessageId(context.from),
    log: log!,
    sender: sender!,
    perMinute: 600,
    clock: simulatedClock(),
    ...overrides,
  };
}

const parse = (raw: Buffer) => PostalMime.parse(raw);

describe('sending invitations over SMTP', () => {
  it('delivers one personal message per stakeholder with both parts, the link, the deadline and a recorded Message-ID', async () => {
    server = await startSmtpServer({ auth: AUTH });
    sender = smtpSender(server.url);
    log = openSendLog(':memory:');
    const report = await sendMailing(people, mailing());
    expect(report.failed).toEqual([]);
    expect(server.messages.map((m) => [m.to, m.user, m.from])).toEqual(people.map((p) => [[p.email], 'consultation', 'consultation@example.gov.bz']));

    const first = await parse(server.messages[0]!.raw);
    expect(first.from).toEqual({ name: 'NCSS consultation', address: 'consultation@example.gov.bz' });
    expect(first.to).toEqual([{ name: 'Person 1', address: 'person1@example.org' }]);
    expect(first.replyTo).toEqual([{ name: 'NCSS consultation', address: 'consultation@example.gov.bz' }]);
    expect(first.subject).toBe('Your views on the draft National Cyber Security Strategy 2027–2031 (v0.2)');
    expect(first.messageId).toBe((await log.get('v0.2', 'invitation', 'person1@example.org'))!.messageId);
    expect(first.date).toBeTruthy();
    expect(first.headers.find((h) => h.key === 'content-language')?.value).toBe('en');
    for (const part of [first.text!, first.html!]) {
      expect(part).toContain('https://consultation.example.gov.bz/strategy/v0.2/');
      expect(part).toContain('23:59, 19 December 2026, Belize time (UTC-6)');
      expect(part).toContain('https://github.com/belize-ncss/strategy/issues/new?template=comment.yml');
    }
    const spanish = await parse(server.messages[3]!.raw);
    expect(spanish.subject).toMatch(/^Su opinión sobre el borrador/);
    expect(spanish.text).toContain('23:59 del 19 de diciembre de 2026');
    expect(new Set(server.messages.map((m) => m.raw.toString().match(/^Message-ID: (.*)$/im)?.[1])).size).toBe(4);
  });

  it('keeps the pace over the wire: no more than the pace in any simulated minute', async () => {
    server = await startSmtpServer();
    log = openSendLog(':memory:');
    const clock = simulatedClock();
    const real = smtpSender(server.url);
    const sentAt: number[] = [];
    sender = { send: (m) => (sentAt.push(clock.now()), real.send(m)), close: () => real.close() };
    const many = Array.from({ length: 7 }, (_, n) => stakeholder({ email: `p${n}@example.org` }));
    await sendMailing(many, mailing({ perMinute: 3, clock }));
    expect(server.messages).toHaveLength(7);
    for (const t of sentAt) expect(sentAt.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(3);
    expect(sentAt.at(-1)! - sentAt[0]!).toBeGreaterThanOrEqual(6 * 20_000);
  });

  it('sends nothing twice when run again', async () => {
    server = await startSmtpServer();
    sender = smtpSender(server.url);
    log = openSendLog(':memory:');
    await sendMailing(people, mailing());
    const again = await sendMailing(people, mailing());
    expect(again.sent).toEqual([]);
    expect(again.skipped).toHaveLength(4);
    expect(server.messages).toHaveLength(4);
  });

  it('reports a recipient refused with 550 and sends to it on the next run, with the same Message-ID', async () => {
    server = await startSmtpServer();
    sender = smtpSender(server.url);
    log = openSendLog(':memory:');
    server.refuse('PERSON2@example.org');
    const first = await sendMailing(people, mailing());
    expect(first.sent).toHaveLength(3);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0]!.stakeholder.email).toBe('person2@example.org');
    expect(first.failed[0]!.failure).toMatchObject({ responseCode: 550, code: 'EENVELOPE' });
    expect(first.failed[0]!.failure.message).toContain('mailbox unavailable');
    const refusedId = (await log.get('v0.2', 'invitation', 'person2@example.org'))!.messageId;
    expect(await log.get('v0.2', 'invitation', 'person2@example.org')).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^550 .*mailbox unavailable/) });

    server.accept('person2@example.org');
    const second = await sendMailing(people, mailing());
    expect(second.sent.map((s) => s.email)).toEqual(['person2@example.org']);
    expect(server.messages.map((m) => m.to[0])).toEqual(['person1@example.org', 'person3@example.org', 'person4@example.org', 'person2@example.org']);
    expect((await parse(server.messages[3]!.raw)).messageId).toBe(refusedId);
  });

  it('survives a dropped connection: that message fails, the rest go, and the next run sends it', async () => {
    server = await startSmtpServer();
    sender = smtpSender(server.url);
    log = openSendLog(':memory:');
    server.dropNextConnections(1);
    const first = await sendMailing(people, mailing());
    expect(server.dropped).toBe(1);
    expect(first.failed.map((f) => f.stakeholder.email)).toEqual(['person1@example.org']);
    expect(first.failed[0]!.failure.code).toMatch(/^E(CONNECTION|SOCKET|PROTOCOL)$/);
    expect(first.sent).toHaveLength(3);
    const second = await sendMailing(people, mailing());
    expect(second.sent.map((s) => s.email)).toEqual(['person1@example.org']);
    expect(server.messages).toHaveLength(4);
  });

  it('never shows the password, even when the login fails', async () => {
    server = await startSmtpServer({ auth: AUTH });
    const wrong = server.url.replace(encodeURIComponent(AUTH.pass), encodeURIComponent('wr0ng/pa ss'));
    sender = smtpSender(wrong);
    log = openSendLog(':memory:');
    const report = await sendMailing(people.slice(0, 1), mailing());
    expect(report.failed[0]!.failure.code).toBe('EAUTH');
    const shown = JSON.stringify([report, await log.list()]);
    expect(shown).not.toContain('wr0ng');
    expect(shown).not.toContain(encodeURIComponent('wr0ng/pa ss'));
  });

  it('upgrades with STARTTLS when the server offers it, and speaks TLS from the start with smtps://', async () => {
    certificate = makeTestCertificate();
    for (const mode of ['starttls', 'implicit'] as const) {
      server = await startSmtpServer({ auth: AUTH, tls: { mode, certificate } });
      expect(server.url.startsWith(mode === 'implicit' ? 'smtps://' : 'smtp://')).toBe(true);
      sender = smtpSender(server.url, { ca: certificate.cert });
      log = openSendLog(':memory:');
      const report = await sendMailing(people.slice(0, 1), mailing());
      expect(report.failed).toEqual([]);
      expect(server.messages.map((m) => [m.secure, m.user])).toEqual([[true, 'consultation']]);
      sender.close();
      await log.close();
      await server.close();
      server = sender = log = undefined;
    }
  });
});
