/**
 * The send log on SQLite and on a real PostgreSQL (tests/postgres/server.ts).
 *
 * `behavesLikeTheSendLog` is what every send log must do, whatever it is
 * stored in: it takes a way to make an empty store and open send logs on it,
 * and runs against both engines, so they are held to one behaviour. The rest
 * is what only a shared database is for: several processes sending at once,
 * starting at once, and sharing the database with the outbox.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresOutbox } from '../../../src/lib/comments/outbox-postgres.ts';
import type { OutgoingMessage } from '../../../src/lib/mail/compose.ts';
import { sendMailing, type PaceClock } from '../../../src/lib/mail/mailing.ts';
import { commentRecipient, openSendLog, type SendLog } from '../../../src/lib/mail/send-log.ts';
import { openPostgresSendLog } from '../../../src/lib/mail/send-log-postgres.ts';
import { openSendLogAt, sendLogExists, sendLogLocation } from '../../../src/lib/mail/send-log-store.ts';
import type { MailSender } from '../../../src/lib/mail/transport.ts';
import { startPostgres, type Postgres } from '../../postgres/server.ts';
import { stakeholder } from '../../unit/mail/fixtures.ts';
import { startSmtpServer } from './smtp-server.ts';

const root = new URL('../../../', import.meta.url).pathname;
const T0 = new Date('2026-12-01T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE_SECONDS = 10 * 60;

/** Opens a send log on one store; call it again for a second connection (another process) or a reopen. */
type OpenSendLog = (options?: { now?: () => Date }) => Promise<SendLog>;
/** Makes an empty store and gives the way to open send logs on it. */
type FreshStore = () => Promise<OpenSendLog>;

/** Message-IDs, counting how many were asked for. */
function messageIds(prefix = 'm') {
  const ids: { made: number; next: () => string } = { made: 0, next: () => `<${prefix}${++ids.made}@example.gov.bz>` };
  return ids;
}

function behavesLikeTheSendLog(fresh: FreshStore) {
  let open: OpenSendLog;
  let log: SendLog;
  let clock = T0;
  const options = () => ({ now: () => clock });

  beforeEach(async () => {
    clock = T0;
    open = await fresh();
    log = await open(options());
  });

  describe('claiming a message', () => {
    it('gives a first claim a new Message-ID, and a second claim during its lease none, until the lease runs out', async () => {
      const ids = messageIds();
      expect(await log.claim('v0.2', 'invitation', 'ana@example.org', ids.next)).toEqual({ send: true, messageId: '<m1@example.gov.bz>' });
      clock = at(LEASE_SECONDS - 1);
      expect(await log.claim('v0.2', 'invitation', 'ana@example.org', ids.next)).toEqual({ send: false, messageId: '<m1@example.gov.bz>', reason: 'in-progress' });
      // The run that claimed it stopped: after the lease the message goes again, with the same Message-ID.
      clock = at(LEASE_SECONDS);
      expect(await log.claim('v0.2', 'invitation', 'ana@example.org', ids.next)).toEqual({ send: true, messageId: '<m1@example.gov.bz>', previous: 'interrupted' });
      expect(ids.made).toBe(1);
      expect(await log.get('v0.2', 'invitation', 'ana@example.org')).toEqual({
        version: 'v0.2',
        kind: 'invitation',
        address: 'ana@example.org',
        messageId: '<m1@example.gov.bz>',
        status: 'sending',
        attempts: 2,
        updatedAt: at(LEASE_SECONDS),
      });
    });

    it('never sends a sent message again, and sends a failed one again with its Message-ID', async () => {
      const ids = messageIds();
      await log.claim('v0.2', 'invitation', 'ana@example.org', ids.next);
      await log.claim('v0.2', 'invitation', 'ben@example.org', ids.next);
      clock = at(5);
      await log.markSent('v0.2', 'invitation', 'ana@example.org');
      await log.markFailed('v0.2', 'invitation', 'ben@example.org', `550 mailbox unavailable ${'x'.repeat(600)}`);
      expect(await log.get('v0.2', 'invitation', 'ana@example.org')).toMatchObject({ status: 'sent', sentAt: at(5), attempts: 1 });
      const failed = (await log.get('v0.2', 'invitation', 'ben@example.org'))!;
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.lastError).toHaveLength(500);
      expect(failed.lastError).toMatch(/^550 mailbox unavailable x/);
      expect(failed.sentAt).toBeUndefined();

      clock = at(6);
      expect(await log.claim('v0.2', 'invitation', 'ana@example.org', ids.next)).toEqual({ send: false, messageId: '<m1@example.gov.bz>', reason: 'sent' });
      expect(await log.claim('v0.2', 'invitation', 'ben@example.org', ids.next)).toEqual({ send: true, messageId: '<m2@example.gov.bz>', previous: 'failed' });
      await log.markSent('v0.2', 'invitation', 'ben@example.org');
      // A late failure report does not undo a send.
      await log.markFailed('v0.2', 'invitation', 'ben@example.org', 'timeout');
      const sent = (await log.get('v0.2', 'invitation', 'ben@example.org'))!;
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, sentAt: at(6) });
      expect(sent.lastError).toBeUndefined();
      expect(ids.made).toBe(2);
    });

    it('knows an address however it is written, and keeps versions and kinds apart', async () => {
      const ids = messageIds();
      expect((await log.claim('v0.2', 'invitation', '  Ana@Example.ORG ', ids.next)).send).toBe(true);
      await log.markSent('v0.2', 'invitation', 'ANA@example.org');
      expect(await log.get('v0.2', 'invitation', 'ana@example.org')).toMatchObject({ address: 'ana@example.org', status: 'sent' });
      for (const [version, kind] of [['v0.2', 'reminder'], ['v0.1', 'invitation']] as const) {
        expect(await log.claim(version, kind, 'ana@example.org', ids.next)).toMatchObject({ send: true });
      }
      expect(await log.get('v0.2', 'notice', 'ana@example.org')).toBeNull();
      expect(ids.made).toBe(3);
    });

    it('takes every kind, keyed by the comment for messages about one', async () => {
      const ids = messageIds();
      const recipient = commentRecipient('0b6f3b8e-5f1c-4c8e-9a59-000000000001');
      for (const kind of ['invitation', 'reminder', 'acknowledgement', 'notice'] as const) {
        const address = kind === 'invitation' || kind === 'reminder' ? 'ana@example.org' : recipient;
        expect((await log.claim('v0.2', kind, address, ids.next)).send).toBe(true);
        await log.markSent('v0.2', kind, address);
      }
      expect((await log.list()).map((e) => [e.kind, e.address])).toEqual([
        ['acknowledgement', 'comment:0b6f3b8e-5f1c-4c8e-9a59-000000000001'],
        ['invitation', 'ana@example.org'],
        ['notice', 'comment:0b6f3b8e-5f1c-4c8e-9a59-000000000001'],
        ['reminder', 'ana@example.org'],
      ]);
    });

    it('gives one of two connections claiming the same message at once the send, the other none', async () => {
      const other = await open(options());
      const ids = messageIds();
      const claims = await Promise.all([log, other, log, other].map((l) => l.claim('v0.2', 'invitation', 'ana@example.org', ids.next)));
      expect(claims.filter((c) => c.send)).toHaveLength(1);
      expect(claims.filter((c) => !c.send)).toEqual(Array(3).fill({ send: false, messageId: claims.find((c) => c.send)!.messageId, reason: 'in-progress' }));
      expect((await other.get('v0.2', 'invitation', 'ana@example.org'))!.attempts).toBe(1);
    });
  });

  describe('reading it', () => {
    beforeEach(async () => {
      const ids = messageIds();
      for (const [n, address] of ['ana@example.org', 'ben@example.org', 'cy@example.org'].entries()) {
        clock = at(n);
        await log.claim('v0.2', 'invitation', address, ids.next);
      }
      clock = at(3);
      await log.markSent('v0.2', 'invitation', 'ben@example.org');
      clock = at(4);
      await log.markSent('v0.2', 'invitation', 'ana@example.org');
      clock = at(5);
      await log.markFailed('v0.2', 'invitation', 'cy@example.org', '550 no');
      clock = at(10);
      await log.claim('v0.2', 'reminder', 'ana@example.org', ids.next);
      await log.markSent('v0.2', 'reminder', 'ana@example.org');
      await log.claim('v0.1', 'invitation', 'ana@example.org', ids.next);
    });

    it('lists who was sent a kind of message of a version', async () => {
      expect(await log.sentTo('v0.2', 'invitation')).toEqual(new Set(['ana@example.org', 'ben@example.org']));
      expect(await log.sentTo('v0.2', 'reminder')).toEqual(new Set(['ana@example.org']));
      expect(await log.sentTo('v0.1', 'invitation')).toEqual(new Set());
    });

    it('finds the version of a sent Message-ID, with or without its angle brackets', async () => {
      expect(await log.findMessage('<m2@example.gov.bz>')).toEqual({ version: 'v0.2', kind: 'invitation' });
      expect(await log.findMessage(' m4@example.gov.bz ')).toEqual({ version: 'v0.2', kind: 'reminder' });
      expect(await log.findMessage('<m5@example.gov.bz>')).toEqual({ version: 'v0.1', kind: 'invitation' });
      expect(await log.findMessage('<other@example.org>')).toBeNull();
    });

    it('lists rows by version, kind and last change, and forgets a version', async () => {
      const rows = (entries: Awaited<ReturnType<SendLog['list']>>) => entries.map((e) => `${e.version} ${e.kind} ${e.address} ${e.status}`);
      expect(rows(await log.list())).toEqual([
        'v0.1 invitation ana@example.org sending',
        'v0.2 invitation ben@example.org sent',
        'v0.2 invitation ana@example.org sent',
        'v0.2 invitation cy@example.org failed',
        'v0.2 reminder ana@example.org sent',
      ]);
      expect(rows(await log.list('v0.1'))).toEqual(['v0.1 invitation ana@example.org sending']);
      expect(await log.forgetVersion('v0.2')).toBe(4);
      expect(await log.forgetVersion('v0.2')).toBe(0);
      expect(rows(await log.list())).toEqual(['v0.1 invitation ana@example.org sending']);
      expect(await log.findMessage('<m2@example.gov.bz>')).toBeNull();
    });

    it('keeps its rows across a close and reopen, and shows them to another connection', async () => {
      const before = await log.list();
      const other = await open();
      expect(await other.list()).toEqual(before);
      await log.close();
      // Closing twice is harmless.
      await log.close();
      log = await open(options());
      expect(await log.list()).toEqual(before);
      expect(before.find((e) => e.kind === 'reminder')).toMatchObject({ sentAt: at(10), updatedAt: at(10), attempts: 1 });
    });
  });
}

/** A sender that records what it was given, answering after a turn of the event loop as a server would. */
function recordingSender(): MailSender & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(message) {
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(message);
      return { ok: true };
    },
    close() {},
  };
}

/** A clock that moves only when the run sleeps. */
function simulatedClock(): PaceClock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

describe('on SQLite', () => {
  const dirs: string[] = [];
  const opened: SendLog[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((log) => log.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  behavesLikeTheSendLog(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'consulta-send-log-contract-'));
    dirs.push(dir);
    return async (options) => {
      const log = openSendLog(join(dir, 'mail.sqlite'), options);
      opened.push(log);
      return log;
    };
  });
});

describe('on PostgreSQL', () => {
  let server: Postgres;
  let databases = 0;
  const opened: SendLog[] = [];

  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((log) => log.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const database = () => server.createDatabase(`send_log_${++databases}`);
  async function openOn(url: string, options: Parameters<typeof openPostgresSendLog>[1] = {}): Promise<SendLog> {
    const log = await openPostgresSendLog(url, options);
    opened.push(log);
    return log;
  }
  /** One query on a connection of its own, as someone looking into the database would. */
  async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  behavesLikeTheSendLog(async () => {
    const url = await database();
    return (options) => openOn(url, options);
  });

  describe('shared by several processes', () => {
    it('sends each invitation once when three runs of the same mailing go at the same time', async () => {
      const url = await database();
      const logs = await Promise.all([1, 2, 3].map(() => openOn(url)));
      const people = Array.from({ length: 40 }, (_, n) => stakeholder({ line: n + 2, email: `person${n}@example.org` }));
      const ids = messageIds();
      const senders = logs.map(() => recordingSender());
      const reports = await Promise.all(
        logs.map((log, n) =>
          sendMailing(people, {
            version: 'v0.2',
            kind: 'invitation',
            compose: (s, messageId) => ({ to: { name: s.name, address: s.email }, messageId }) as OutgoingMessage,
            newMessageId: ids.next,
            log,
            sender: senders[n]!,
            perMinute: 60_000,
            clock: simulatedClock(),
          }),
        ),
      );
      const delivered = senders.flatMap((s) => s.sent.map((m) => m.to.address)).sort();
      expect(delivered).toEqual(people.map((p) => p.email).sort());
      expect(reports.reduce((n, r) => n + r.sent.length, 0)).toBe(40);
      expect(reports.flatMap((r) => r.failed)).toEqual([]);
      expect(await logs[0]!.sentTo('v0.2', 'invitation')).toEqual(new Set(people.map((p) => p.email)));
      // A Message-ID made for a claim that lost the race is never stored.
      const stored = new Set((await logs[1]!.list()).map((e) => e.messageId));
      expect(new Set(senders.flatMap((s) => s.sent.map((m) => m.messageId)))).toEqual(stored);
    });

    it('gives a failed or stopped message to one of three processes retrying it at once', async () => {
      const url = await database();
      const logs = await Promise.all([1, 2, 3].map(() => openOn(url, { now: () => at(LEASE_SECONDS) })));
      const first = await openOn(url, { now: () => T0 });
      const addresses = Array.from({ length: 30 }, (_, n) => `person${n}@example.org`);
      for (const [n, address] of addresses.entries()) {
        await first.claim('v0.2', 'invitation', address, () => `<m${n}@example.gov.bz>`);
        // Half were refused; the other half were left mid-send by a run that stopped.
        if (n % 2 === 0) await first.markFailed('v0.2', 'invitation', address, '451 try later');
      }
      const claims = await Promise.all(addresses.flatMap((address) => logs.map((log) => log.claim('v0.2', 'invitation', address, () => '<new@example.gov.bz>'))));
      for (const [n] of addresses.entries()) {
        const mine = claims.slice(3 * n, 3 * n + 3);
        expect(mine.filter((c) => c.send)).toEqual([{ send: true, messageId: `<m${n}@example.gov.bz>`, previous: n % 2 === 0 ? 'failed' : 'interrupted' }]);
      }
      expect((await first.list()).map((e) => e.attempts)).toEqual(Array(30).fill(2));
    });

    it('is migrated once when three processes open a fresh database at the same moment', async () => {
      const url = await database();
      const [a, b] = await Promise.all([openOn(url), openOn(url), openOn(url)]);
      expect(await query(url, 'SELECT step FROM consulta_mail_migrations ORDER BY step')).toEqual([{ step: 1 }]);
      await a.claim('v0.2', 'invitation', 'ana@example.org', () => '<a@example.gov.bz>');
      expect(await b.findMessage('<a@example.gov.bz>')).toEqual({ version: 'v0.2', kind: 'invitation' });
      // A fourth, later, finds it done.
      await openOn(url);
      expect(await query(url, 'SELECT count(*)::int AS n FROM consulta_mail_migrations')).toEqual([{ n: 1 }]);
    });

    it('shares a database with the outbox, each counting its own schema steps', async () => {
      const url = await database();
      const [outbox] = await Promise.all([openPostgresOutbox(url), openOn(url)]);
      try {
        expect(await query(url, 'SELECT step FROM consulta_schema_migrations ORDER BY step')).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }]);
        expect(await query(url, 'SELECT step FROM consulta_mail_migrations ORDER BY step')).toEqual([{ step: 1 }]);
        const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE '%mail%' ORDER BY 1`);
        expect(tables.map((t) => t.table_name)).toEqual(['consulta_mail_migrations', 'mail_sends']);
      } finally {
        await outbox.close();
      }
    });

    it('refuses a database set up by a newer Consulta, in one line', async () => {
      const url = await database();
      await openOn(url);
      await query(url, 'INSERT INTO consulta_mail_migrations (step) VALUES (99)');
      const refusal = await openPostgresSendLog(url).then(
        () => undefined,
        (error: Error) => error.message,
      );
      expect(refusal).toMatch(/^cannot open the send log at postgres:\/\/postgres@127\.0\.0\.1:\d+\/send_log_\d+: the send log was set up by a newer Consulta \(schema step 99; this one knows steps 1 to 1\)$/);
    });

    it('never shows the password, in its path or when the database cannot be reached', async () => {
      const url = await database();
      const log = await openOn(url.replace('postgres@', 'postgres:s3cret-pa55@'));
      expect(log.path).toBe(url.replace('postgres@', 'postgres:***@'));
      await expect(openPostgresSendLog('postgres://postgres:s3cret-pa55@127.0.0.1:1/none')).rejects.toThrow(
        /^cannot open the send log at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
      );
      const error = await openPostgresSendLog('postgres://postgres:s3cret-pa55@127.0.0.1:1/none').catch((e: Error) => e);
      expect(`${String(error)} ${(error as Error).stack}`).not.toContain('s3cret');
    });
  });

  describe('chosen from the settings', () => {
    it('is the PostgreSQL database when CONSULTA_DATABASE_URL is set, else mail.sqlite in the data folder', async () => {
      const url = await database();
      const dir = mkdtempSync(join(tmpdir(), 'consulta-send-log-place-'));
      try {
        const file = sendLogLocation({ databaseUrl: null, dataDir: dir });
        expect(file).toEqual({ engine: 'sqlite', path: join(dir, 'mail.sqlite') });
        expect(sendLogExists(file)).toBe(false);
        const shared = sendLogLocation({ databaseUrl: url, dataDir: dir });
        expect(shared).toEqual({ engine: 'postgresql', url });
        expect(sendLogExists(shared)).toBe(true);

        const log = await openSendLogAt(shared);
        opened.push(log);
        expect(log.path).toBe(url);
        await log.claim('v0.2', 'invitation', 'ana@example.org', () => '<a@example.gov.bz>');
        expect(await query(url, 'SELECT address FROM mail_sends')).toEqual([{ address: 'ana@example.org' }]);
        expect(sendLogExists(file)).toBe(false);
        const local = await openSendLogAt(file);
        expect(local.path).toBe(join(dir, 'mail.sqlite'));
        await local.close();
        expect(sendLogExists(file)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('is where npm run invite records and forgets, whichever machine runs it', async () => {
      const url = await database();
      const smtp = await startSmtpServer();
      const dir = mkdtempSync(join(tmpdir(), 'consulta-send-log-invite-'));
      const invite = (args: string[], dataDir: string) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
          const env = { ...process.env, CONSULTA_SMTP_URL: smtp.url, CONSULTA_MAIL_FROM: 'NCSS consultation <consultation@example.gov.bz>', CONSULTA_DATA_DIR: dataDir, CONSULTA_DATABASE_URL: url };
          const proc = spawn(join(root, 'node_modules/.bin/node'), [join(root, 'scripts/invite.ts'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          proc.stdout.on('data', (d) => (stdout += d));
          proc.stderr.on('data', (d) => (stderr += d));
          proc.on('error', reject);
          proc.on('close', (code) => resolve({ code, stdout, stderr }));
        });
      try {
        const args = ['--version', 'v0.2', '--list', join(root, 'content/stakeholders.example.csv'), '--send', '--pace', '6000'];
        const first = await invite(args, join(dir, 'web-1'));
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain('15 sent, 0 already sent, 0 failed\n');
        // Another machine, another data folder: the same log.
        const second = await invite(args, join(dir, 'web-2'));
        expect(second.stdout).toContain('0 sent, 15 already sent, 0 failed\n');
        expect(smtp.messages).toHaveLength(15);
        expect(existsSync(join(dir, 'web-1', 'mail.sqlite'))).toBe(false);
        expect(await query(url, 'SELECT count(*)::int AS n FROM mail_sends')).toEqual([{ n: 15 }]);

        const forget = await invite(['--version', 'v0.2', '--forget'], join(dir, 'web-2'));
        expect(forget.stdout).toBe(`deleted 15 send-log rows of v0.2 from ${url}\n`);
        expect(await query(url, 'SELECT count(*)::int AS n FROM mail_sends')).toEqual([{ n: 0 }]);
      } finally {
        await smtp.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
