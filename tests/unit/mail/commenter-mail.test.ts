/**
 * Messages to commenters (the acknowledgement, the notice) and the two runs
 * that send them, with an in-memory mailbox and mail server: each comment
 * is acknowledged once and noticed once, in the commenter's language, and no
 * address is kept longer than it must be.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { loadFeedbackReport } from '../../../src/lib/feedback/report-file.ts';
import type { FeedbackReport } from '../../../src/lib/feedback/schema.ts';
import { parseMailbox } from '../../../src/lib/mail/address.ts';
import { composeAcknowledgement, composeNotice, type CommenterMailContext } from '../../../src/lib/mail/commenter-mail.ts';
import type { OutgoingMessage } from '../../../src/lib/mail/compose.ts';
import type { Inbox } from '../../../src/lib/mail/inbox.ts';
import { mailPlaces } from '../../../src/lib/mail/mail-comment.ts';
import { takeMailComments, type MailIntakeEvent, type MailIntakeOptions } from '../../../src/lib/mail/mail-intake.ts';
import type { PaceClock } from '../../../src/lib/mail/mailing.ts';
import { sendNotices } from '../../../src/lib/mail/notify.ts';
import { commentRecipient, openSendLog, type SendLog } from '../../../src/lib/mail/send-log.ts';
import { renderEml, type MailSender, type SendResult } from '../../../src/lib/mail/transport.ts';
import { loadSiteSettings } from '../../../src/lib/site/settings.ts';
import { loadCatalog } from '../../../src/lib/strategy/catalog.ts';
import { validSubmission } from '../comments/helpers.ts';
import { NOW } from './fixtures.ts';

const root = new URL('../../../', import.meta.url).pathname;
const settings = loadSiteSettings(root);
const catalog = loadCatalog(root, { ...settings, sampleRollingWindow: undefined }, NOW);
const from = parseMailbox('NCSS consultation <consultation@example.gov.bz>', 'CONSULTA_MAIL_FROM');
const mail: CommenterMailContext = { strategyTitle: settings.strategyTitle, owner: settings.owner, from, statusOrigin: 'https://consult.example.gov.bz' };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.eml`, import.meta.url));
let ids = 0;
const nextId = () => `<consulta.test-${++ids}@example.gov.bz>`;

/** A mail server in memory: keeps what it accepts, refuses what it is told to. */
function fakeSender(answer: (message: OutgoingMessage) => SendResult = () => ({ ok: true })): MailSender & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(message) {
      const result = answer(message);
      if (result.ok) sent.push(message);
      return result;
    },
    close() {},
  };
}

/** A mailbox in memory with the Inbox interface: unseen until flagged. */
function fakeInbox(sources: Buffer[]): Inbox & { seen: Set<number> } {
  const seen = new Set<number>();
  return {
    folder: 'INBOX',
    seen,
    async unseen() {
      return sources.map((_, i) => i + 1).filter((uid) => !seen.has(uid));
    },
    async fetch(uid) {
      const source = sources[uid - 1];
      return source ? { uid, source } : null;
    },
    async markProcessed(uid) {
      seen.add(uid);
    },
    async moveTo(uid) {
      seen.add(uid);
    },
    async close() {},
  };
}

describe('the acknowledgement', () => {
  it('gives the reference, where the comment was filed and the status page, says it was sent automatically, and threads with the message', async () => {
    const message = composeAcknowledgement(
      mail,
      {
        to: { name: 'Ana <Castillo>', address: 'ana@example.org' },
        language: 'en',
        reference: 'BZ-2026-000007',
        version: 'v0.2',
        section: { number: 3, title: 'Critical infrastructure' },
        paragraph: 2,
        sectionGuessed: false,
        attachments: ['annex.docx'],
        clipped: true,
        maxLength: 5000,
        inReplyTo: '<m1@example.org>',
      },
      '<consulta.ack@example.gov.bz>',
    );
    expect(message.subject).toBe('Comment received: BZ-2026-000007');
    expect(message.text).toContain('We have recorded it as a comment on section 3, “Critical infrastructure”, paragraph 2. Its reference is BZ-2026-000007.');
    expect(message.text).toContain('https://consult.example.gov.bz/comment/status/?ref=BZ-2026-000007');
    expect(message.text).toContain('Attachments are not published (annex.docx).');
    expect(message.text).toContain('longer than the 5,000 characters');
    expect(message.html).toContain('href="https://consult.example.gov.bz/comment/status/?ref=BZ-2026-000007"');
    expect(message.html).toContain('Dear Ana &#x3C;Castillo>,');
    const parsed = await PostalMime.parse(await renderEml(message, NOW));
    const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
    expect(header('auto-submitted')).toBe('auto-replied');
    expect(parsed.inReplyTo).toBe('<m1@example.org>');
    expect(parsed.messageId).toBe('<consulta.ack@example.gov.bz>');
  });

  it('in Spanish, when the section was guessed', async () => {
    const message = composeAcknowledgement(
      mail,
      { to: { name: '', address: 'l@example.org' }, language: 'es', reference: 'BZ-2026-000008', version: 'v0.2', section: { number: 1, title: 'Introduction' }, sectionGuessed: true, attachments: [], clipped: false, maxLength: 5000 },
      '<x@example.gov.bz>',
    );
    expect(message.subject).toBe('Comentario recibido: BZ-2026-000008');
    expect(message.text).toMatch(/^Estimado\/a colega:\n/);
    expect(message.text).toContain('Su mensaje no indicaba a qué sección se refiere');
    expect(message.language).toBe('es');
    // The status page it links to is the Spanish one.
    expect(message.text).toContain('https://consult.example.gov.bz/es/comment/status/?ref=BZ-2026-000008');
  });
});

describe('the notice', () => {
  it('gives the decision, the response as a quote, the change and the status page, and says the address is deleted', async () => {
    const message = composeNotice(
      mail,
      {
        address: 'ana@example.org',
        language: 'en',
        reference: 'BZ-2026-000007',
        version: 'v0.2',
        disposition: 'accepted',
        response: { text: 'Accepted: <b>see</b> the new paragraph.\nThanks.', respondedAt: '2026-12-10T12:00:00Z' },
        addressedIn: [{ pull: 31, title: 'Name community radio', url: 'https://github.com/belize-ncss/strategy/pull/31', mergedAt: '2026-12-11T12:00:00Z', version: 'v0.3' }],
      },
      '<n@example.gov.bz>',
    );
    expect(message.subject).toBe('Your comment BZ-2026-000007 has been answered');
    expect(message.autoSubmitted).toBe('auto-generated');
    expect(message.text).toContain('Decision: Accepted.');
    expect(message.text).toContain('> Accepted: <b>see</b> the new paragraph.\n> Thanks.');
    expect(message.text).toContain('Name community radio (pull request #31), in version v0.3 https://github.com/belize-ncss/strategy/pull/31');
    expect(message.text).toContain('We have now deleted your e-mail address');
    expect(message.html).not.toContain('<b>see</b>');
    expect(message.to).toEqual({ name: '', address: 'ana@example.org' });
  });
});

describe('runs', () => {
  let dir: string;
  let outbox: Outbox;
  let log: SendLog;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consulta-commenter-mail-'));
    outbox = openOutbox(join(dir, 'outbox.sqlite'), { now: () => NOW });
    log = openSendLog(join(dir, 'mail.sqlite'));
  });
  afterEach(async () => {
    await log.close();
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const intake = (inbox: Inbox, sender: MailSender | null, events: MailIntakeEvent[] = [], overrides: Partial<MailIntakeOptions> = {}) =>
    takeMailComments({
      inbox,
      outbox,
      log,
      sender,
      mail,
      places: mailPlaces(catalog, NOW),
      versions: catalog.versions.map((v) => v.manifest.id),
      newMessageId: nextId,
      now: () => NOW,
      onEvent: (e) => events.push(e),
      ...overrides,
    });

  it('makes each reply one comment, acknowledges it once, flags it only then, and leaves the unreadable ones', async () => {
    const inbox = fakeInbox(['gmail-reply', 'auto-reply', 'spanish-reply', 'bounce', 'attachment-only'].map(fixture));
    const sender = fakeSender();
    const events: MailIntakeEvent[] = [];
    expect(await intake(inbox, sender, events)).toEqual({ comments: 2, duplicates: 0, acknowledged: 2, unreadable: 3, retry: 0 });
    expect([...inbox.seen].sort()).toEqual([1, 3]);
    expect(sender.sent.map((m) => [m.to.address, m.language, m.kind])).toEqual([
      ['ana.castillo@example.org', 'en', 'acknowledgement'],
      ['lucia.perez@example.org', 'es', 'acknowledgement'],
    ]);
    const entries = await outbox.list();
    expect(entries.map((e) => [e.submission.channel, e.submission.version, e.submission.section])).toEqual([
      ['email', 'v0.2', 'critical-infrastructure'],
      ['email', 'v0.2', catalog.byId.get('v0.2')!.sections[4]!.id],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/castillo@|perez@/);
    expect((await outbox.listUnreadable()).map((m) => m.reason).sort()).toEqual(['attachment-only', 'auto-reply', 'bounce']);
    expect(JSON.stringify(await outbox.listUnreadable())).not.toMatch(/andres\.cal@|kevin\.usher@|MAILER-DAEMON@/i);
    // Reminders now skip both senders.
    expect(await outbox.commentedFrom('Ana.Castillo@example.org', 'v0.2')).toBe(true);

    // A second pass over the same mailbox: nothing new, the unreadable ones counted as seen again.
    const again = await intake(inbox, sender);
    expect(again).toEqual({ comments: 0, duplicates: 0, acknowledged: 0, unreadable: 3, retry: 0 });
    expect((await outbox.listUnreadable()).map((m) => m.timesSeen)).toEqual([2, 2, 2]);
    expect(sender.sent).toHaveLength(2);
  });

  it('after a crash between the commit and the flag, the next pass finds the comment, acknowledges it once and flags it', async () => {
    const inbox = fakeInbox([fixture('gmail-reply')]);
    const sender = fakeSender();
    await expect(intake(inbox, sender, [], { afterCommit: () => { throw new Error('killed'); } })).rejects.toThrow('killed');
    expect(inbox.seen.size).toBe(0);
    expect(sender.sent).toHaveLength(0);
    const events: MailIntakeEvent[] = [];
    expect(await intake(inbox, sender, events)).toMatchObject({ comments: 0, duplicates: 1, acknowledged: 1 });
    expect((await outbox.stats()).total).toBe(1);
    expect(sender.sent).toHaveLength(1);
    expect(events).toEqual([expect.objectContaining({ type: 'comment', duplicate: true, acknowledged: 'sent', reference: 'BZ-2026-000001' })]);
    expect(inbox.seen).toEqual(new Set([1]));
  });

  it('leaves a message unread while its acknowledgement cannot go, and sends it with the same Message-ID later', async () => {
    const inbox = fakeInbox([fixture('gmail-reply')]);
    let up = false;
    const sender = fakeSender(() => (up ? { ok: true } : { ok: false, failure: { code: 'ECONNECTION', message: 'connection refused' } }));
    const events: MailIntakeEvent[] = [];
    expect(await intake(inbox, sender, events)).toMatchObject({ comments: 1, acknowledged: 0, retry: 1 });
    expect(events).toEqual([expect.objectContaining({ type: 'ack-failed', retry: true })]);
    expect(inbox.seen.size).toBe(0);
    const first = (await log.list('v0.2'))[0]!;
    expect(first).toMatchObject({ kind: 'acknowledgement', status: 'failed', address: commentRecipient((await outbox.list())[0]!.submissionId) });
    up = true;
    expect(await intake(inbox, sender)).toMatchObject({ duplicates: 1, acknowledged: 1, retry: 0 });
    expect(sender.sent.map((m) => m.messageId)).toEqual([first.messageId]);
    expect(inbox.seen.size).toBe(1);
    expect(JSON.stringify(await log.list())).not.toContain('castillo');
  });

  it('gives up on an acknowledgement the server refuses for good, and flags the message', async () => {
    const inbox = fakeInbox([fixture('gmail-reply')]);
    const sender = fakeSender(() => ({ ok: false, failure: { responseCode: 550, message: 'no such user' } }));
    const events: MailIntakeEvent[] = [];
    expect(await intake(inbox, sender, events)).toMatchObject({ comments: 1, acknowledged: 0, retry: 0 });
    expect(events.map((e) => e.type)).toEqual(['ack-failed', 'comment']);
    expect(inbox.seen.size).toBe(1);
  });

  it('acknowledges nobody without a mail server, nor a message from the consultation itself', async () => {
    const own = Buffer.from('From: consultation@example.gov.bz\r\nTo: consultation@example.gov.bz\r\nMessage-ID: <own@example.gov.bz>\r\nSubject: v0.2\r\n\r\nSection 2\r\nA note to self.\r\n');
    const sender = fakeSender();
    expect(await intake(fakeInbox([own]), sender)).toMatchObject({ comments: 1, acknowledged: 0 });
    expect(await intake(fakeInbox([fixture('gmail-reply')]), null)).toMatchObject({ comments: 1, acknowledged: 0 });
    expect(sender.sent).toHaveLength(0);
  });

  it('stops between messages when told to', async () => {
    const inbox = fakeInbox([fixture('gmail-reply'), fixture('spanish-reply')]);
    let asked = 0;
    expect(await intake(inbox, fakeSender(), [], { shouldStop: () => ++asked > 1 })).toMatchObject({ comments: 1 });
  });

  describe('notices', () => {
    const report = loadFeedbackReport(root, 'v0.1')!;
    const clock: PaceClock = { now: () => 0, sleep: async () => {} };
    const answered = report.comments.find((c) => c.response && c.addressedIn.length)!;
    const run = (sender: MailSender, r: FeedbackReport | null = report) => sendNotices({ version: 'v0.1', outbox, report: r, log, sender, mail, newMessageId: nextId, perMinute: 60, clock });

    beforeEach(async () => {
      // Ana's comment was filed as the answered issue; Ben's waits in the outbox with no response.
      await outbox.accept(validSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000001', version: 'v0.1' }), { contact: { address: 'ana@example.org', notify: { language: 'es' } } });
      await outbox.markFiled('0b6f3b8e-5f1c-4c8e-9a59-000000000001', answered.issue!, NOW);
      await outbox.accept(validSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000002', version: 'v0.1' }), { contact: { address: 'ben@example.org', notify: { language: 'en' } } });
    });

    it('tells a commenter once, in their language, then deletes their address; keeps waiting ones', async () => {
      const sender = fakeSender();
      expect(await run(sender)).toEqual({ sent: 1, alreadySent: 0, waiting: 1, failed: 0 });
      expect(sender.sent).toHaveLength(1);
      expect(sender.sent[0]).toMatchObject({ kind: 'notice', language: 'es', to: { address: 'ana@example.org' }, subject: 'Su comentario BZ-2026-000001 ha recibido respuesta' });
      expect(sender.sent[0]!.text).toContain(answered.response!.text.split('\n')[0]);
      expect((await outbox.notifyRequests('v0.1')).map((r) => r.address)).toEqual(['ben@example.org']);
      expect(await run(sender)).toEqual({ sent: 0, alreadySent: 0, waiting: 1, failed: 0 });
      expect(sender.sent).toHaveLength(1);
      expect(JSON.stringify(await log.list())).not.toContain('@example.org');
    });

    it('sends nothing without a report, keeps the address of a refused notice, and only deletes it after a run that stopped half way', async () => {
      expect(await run(fakeSender(), null)).toEqual({ sent: 0, alreadySent: 0, waiting: 2, failed: 0 });
      const refused = await run(fakeSender(() => ({ ok: false, failure: { responseCode: 451, message: 'try later' } })));
      expect(refused).toMatchObject({ sent: 0, failed: 1 });
      expect(await outbox.notifyRequests('v0.1')).toHaveLength(2);
      // As if the notice had gone and the run had stopped before deleting the address.
      const id = '0b6f3b8e-5f1c-4c8e-9a59-000000000001';
      await log.claim('v0.1', 'notice', commentRecipient(id), nextId);
      await log.markSent('v0.1', 'notice', commentRecipient(id));
      const sender = fakeSender();
      expect(await run(sender)).toEqual({ sent: 0, alreadySent: 1, waiting: 1, failed: 0 });
      expect(sender.sent).toHaveLength(0);
      expect((await outbox.notifyRequests('v0.1')).map((r) => r.address)).toEqual(['ben@example.org']);
    });
  });
});
