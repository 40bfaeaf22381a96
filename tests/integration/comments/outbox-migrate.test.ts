/**
 * npm run outbox:migrate: a SQLite outbox, built with the real openOutbox in
 * every state a comment can be in, copied into a real PostgreSQL; both then
 * answer every read the same way.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutbox, outboxPath, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { openPostgresOutbox } from '../../../src/lib/comments/outbox-postgres.ts';
import { commentRecipient, openSendLog, sendLogPath } from '../../../src/lib/mail/send-log.ts';
import { openPostgresSendLog } from '../../../src/lib/mail/send-log-postgres.ts';
import { startPostgres, type Postgres } from '../../postgres/server.ts';
import { validSubmission } from '../../unit/comments/helpers.ts';

const repo = resolve(import.meta.dirname, '../../..');
const T0 = new Date('2026-12-01T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const id = (n: number) => `4d2a9c1e-7b3f-4e8a-9c5d-${String(n).padStart(12, '0')}`;

function migrate(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, reject) => {
    const proc = spawn(join(repo, 'node_modules/.bin/node'), [join(repo, 'scripts/outbox-migrate.ts'), ...args], {
      cwd: repo,
      env: { ...process.env, CONSULTA_DATA_DIR: join(tmpdir(), 'consulta-migrate-test-unused'), CONSULTA_DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Everything an outbox answers, read through its interface. */
async function everything(outbox: Outbox, references: string[]) {
  const ids = Array.from({ length: 8 }, (_, n) => id(n + 1));
  return {
    list: await outbox.list(),
    failed: await outbox.list({ status: 'failed' }),
    stats: await outbox.stats(),
    nextDueAt: await outbox.nextDueAt(),
    filedSince: await outbox.filedSince(at(0)),
    entries: await Promise.all(ids.map((submissionId) => outbox.get(submissionId))),
    references: await Promise.all(references.map((reference) => outbox.findReference(reference))),
    decoy: await outbox.getDecoy(id(90)),
    resubmission: await outbox.findResubmission('form-key', at(-60)),
    notify: [await outbox.notifyRequests('v0.2'), await outbox.notifyRequests('v0.1')],
    commented: await Promise.all(
      ['ana@example.org', 'BEN@example.org', 'cy@example.org', 'nobody@example.org'].flatMap((address) => ['v0.1', 'v0.2'].map((version) => outbox.commentedFrom(address, version))),
    ),
    unreadable: await outbox.listUnreadable(),
    lane: await outbox.laneHolder(at(0)),
  };
}

describe('npm run outbox:migrate', () => {
  let server: Postgres;
  let dir: string;
  let sqlitePath: string;
  let references: string[];

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'consulta-outbox-migrate-'));
    sqlitePath = join(dir, 'outbox.sqlite');
    const outbox = openOutbox(sqlitePath, { now: () => T0 });
    const accepted = [];
    accepted.push(await outbox.accept(validSubmission({ submissionId: id(1) }), { contact: { address: 'ana@example.org', notify: { language: 'es' } } }));
    accepted.push(await outbox.accept(validSubmission({ submissionId: id(2), channel: 'email', version: 'v0.1' }), { contact: { address: 'ben@example.org' } }));
    await outbox.recordDecoy({ submissionId: id(90), version: 'v0.2', section: 'funding', unverified: true });
    accepted.push(await outbox.accept(validSubmission({ submissionId: id(3) }), { unverified: true, resubmission: { key: 'form-key', since: at(-60) } }));
    accepted.push(await outbox.accept(validSubmission({ submissionId: id(4), section: 'funding' }), { contact: { address: 'cy@example.org', notify: { language: 'en' } } }));
    for (const n of [5, 6, 7, 8]) accepted.push(await outbox.accept(validSubmission({ submissionId: id(n) })));
    // filed, failed, dispatching, ambiguous (pending, to be looked for), retried, pending.
    for (let n = 0; n < 5; n++) await outbox.claimNext(at(n), 60_000);
    await outbox.markFiled(id(1), { number: 11, url: 'https://github.com/o/r/issues/11' }, at(10));
    await outbox.markFailed(id(2), 'HTTP 422: Validation Failed');
    await outbox.markAmbiguous(id(4), at(100), 'no response: socket hang up');
    await outbox.markRetry(id(5), at(200), 'HTTP 502');
    // id(3) stays dispatching, its lease running out at 62 s.
    await outbox.markChallengeUsed('nonce-1', at(1200));
    // More than a thousand rows in one table: the copy tells its progress.
    await Promise.all(Array.from({ length: 1_200 }, (_, n) => outbox.markChallengeUsed(`bulk-${n}`, at(600))));
    await outbox.recordUnreadable({ key: '<auto@example.org>', reason: 'auto-reply', detail: 'Auto-Submitted: auto-replied', subject: 'Out of office', receivedAt: T0, attachments: [] }, T0);
    await outbox.recordUnreadable({ key: '<auto@example.org>', reason: 'auto-reply', detail: 'Auto-Submitted: auto-replied', attachments: [] }, at(60));
    await outbox.recordUnreadable({ key: 'sha256:ab', reason: 'attachment-only', detail: 'no text besides 1 attachment: a.pdf', attachments: ['a.pdf'] }, at(30));
    await outbox.close();
    references = [...accepted.map((a) => a.reference), 'BZ-2026-000003', 'BZ-2026-999999'];
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('copies every comment, decoy, challenge, contact and unreadable message, so both outboxes answer alike', async () => {
    const url = await server.createDatabase('copy');
    // A server started too early made its own contact key: the copy takes the source's.
    await (await openPostgresOutbox(url)).close();

    const run = await migrate(['--from', sqlitePath, '--to', url]);
    expect(run.stderr).toBe('outbox:migrate: used_challenges: 1000 of 1201\noutbox:migrate: used_challenges: 1201 of 1201\n');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'comments                   8 in SQLite,       8 of them in PostgreSQL',
      'contact_hashes             3 in SQLite,       3 of them in PostgreSQL',
      'notify_addresses           2 in SQLite,       2 of them in PostgreSQL',
      'used_challenges         1201 in SQLite,    1201 of them in PostgreSQL',
      'decoys                     1 in SQLite,       1 of them in PostgreSQL',
      'unreadable_messages        2 in SQLite,       2 of them in PostgreSQL',
      'copied; the next reference number is 10',
    ]);

    const sqlite = openOutbox(sqlitePath, { now: () => T0 });
    const postgres = await openPostgresOutbox(url, { now: () => T0 });
    try {
      const before = await everything(sqlite, references);
      expect(before.stats).toEqual({ pending: 5, dispatching: 1, filed: 1, failed: 1, total: 8, oldestUnfiledAt: T0 });
      expect(before.commented.filter(Boolean)).toHaveLength(3);
      expect(await everything(postgres, references)).toEqual(before);

      // Run again: the same comments are there, so nothing is written.
      const again = await migrate(['--from', sqlitePath, '--to', url]);
      expect(again.code).toBe(0);
      expect(again.stdout.trim().split('\n').at(-1)).toBe('already copied: the target holds exactly these comments; nothing written');
      expect(await everything(postgres, references)).toEqual(before);

      // A used challenge stays used; the dead claim comes back to be looked for.
      expect(await postgres.markChallengeUsed('nonce-1', at(1200))).toBe(false);
      expect(await postgres.claimNext(at(61), 60_000)).toMatchObject({ submissionId: id(6), attempts: 1, needsLookup: false });
      expect(await postgres.claimNext(at(62), 60_000)).toMatchObject({ submissionId: id(3), attempts: 2, needsLookup: true });
    } finally {
      await sqlite.close();
    }
    try {
      // New comments continue the numbering, after the decoy's number too.
      expect((await postgres.accept(validSubmission({ submissionId: id(9) }))).reference).toBe('BZ-2026-000010');
      // Now the target holds a comment the source does not: a third run refuses, in one line.
      const third = await migrate(['--from', sqlitePath, '--to', url]);
      expect(third.code).toBe(1);
      expect(third.stdout).toBe('');
      expect(third.stderr).toBe("outbox:migrate: the target already holds comments that are not exactly this outbox's (first difference: BZ-2026-000004): refusing to mix two outboxes\n");
      expect((await postgres.stats()).total).toBe(9);
    } finally {
      await postgres.close();
    }
  });

  it('with --dry-run, counts and checks the target from CONSULTA_DATABASE_URL without writing to it', async () => {
    const url = await server.createDatabase('dry');
    const run = await migrate(['--from', sqlitePath, '--dry-run'], { CONSULTA_DATABASE_URL: url });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'comments                   8 in SQLite',
      'contact_hashes             3 in SQLite',
      'notify_addresses           2 in SQLite',
      'used_challenges         1201 in SQLite',
      'decoys                     1 in SQLite',
      'unreadable_messages        2 in SQLite',
      'dry run: nothing written; the target can take the copy, and the next reference number would be 10',
    ]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('refuses to copy a different outbox into a database that holds comments', async () => {
    const url = await server.createDatabase('other');
    const other = await openPostgresOutbox(url, { now: () => T0 });
    await other.accept(validSubmission({ submissionId: id(50) }));
    await other.close();
    for (const run of await Promise.all([[], ['--dry-run']].map((args) => migrate(['--from', sqlitePath, '--to', url, ...args])))) {
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('outbox:migrate: the target already holds 1 comment under another contact key: it is another outbox, not a copy of this one\n');
    }
  });

  it('refuses while a process is filing from the SQLite outbox', async () => {
    const outbox = openOutbox(sqlitePath);
    await outbox.holdLane({ id: 'server-1', label: 'the server (pid 4120 on web-1)' }, new Date(), 10 * 60_000);
    try {
      const run = await migrate(['--from', sqlitePath, '--to', await server.createDatabase('busy')]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^outbox:migrate: the server \(pid 4120 on web-1\) holds the filing lane of .*outbox\.sqlite until \S+: stop the servers and comments:sync --watch before copying the outbox\n$/);
    } finally {
      await outbox.releaseLane('server-1');
      await outbox.close();
    }
  });

  it('copies the send log beside the outbox too, once, and refuses while a mail run is sending from it', async () => {
    const data = join(dir, 'with-mail');
    const outbox = openOutbox(outboxPath(data), { now: () => T0 });
    await outbox.accept(validSubmission({ submissionId: id(1) }));
    await outbox.close();
    // Times well in the past: the lease of the run that stopped mid-send has run out.
    let clock = new Date('2026-01-15T10:00:00Z');
    const log = openSendLog(sendLogPath(data), { now: () => clock });
    const ids = ['<i1@example.gov.bz>', '<i2@example.gov.bz>', '<i3@example.gov.bz>', '<a1@example.gov.bz>'];
    const next = () => ids.shift()!;
    for (const address of ['ana@example.org', 'ben@example.org', 'cy@example.org']) await log.claim('v0.2', 'invitation', address, next);
    clock = new Date('2026-01-15T10:01:00Z');
    await log.markSent('v0.2', 'invitation', 'ana@example.org');
    await log.markFailed('v0.2', 'invitation', 'ben@example.org', '550 mailbox unavailable');
    await log.claim('v0.2', 'acknowledgement', commentRecipient(id(1)), next);
    await log.markSent('v0.2', 'acknowledgement', commentRecipient(id(1)));
    const rows = await log.list();
    await log.close();

    const url = await server.createDatabase('with_mail');
    const dry = await migrate(['--from', outboxPath(data), '--to', url, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter(Boolean).slice(-2)).toEqual(['mail_sends                 4 in SQLite', 'dry run: nothing written; the target can take the send log']);

    const run = await migrate(['--from', outboxPath(data), '--to', url]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).slice(-3)).toEqual([
      'copied; the next reference number is 2',
      'mail_sends                 4 in SQLite,       4 of them in PostgreSQL',
      'send log copied',
    ]);
    const shared = await openPostgresSendLog(url);
    try {
      expect(await shared.list()).toEqual(rows);
      // The run that stopped mid-send left cy's invitation: it goes again, with its Message-ID, from any server.
      expect(await shared.claim('v0.2', 'invitation', 'cy@example.org', () => '<new@example.gov.bz>')).toEqual({ send: true, messageId: '<i3@example.gov.bz>', previous: 'interrupted' });
      expect(await shared.findMessage('<i1@example.gov.bz>')).toEqual({ version: 'v0.2', kind: 'invitation' });

      const again = await migrate(['--from', outboxPath(data), '--to', url]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout.split('\n').filter(Boolean).slice(-3)).toEqual([
        'already copied: the target holds exactly these comments; nothing written',
        'mail_sends                 4 in SQLite,       4 of them in PostgreSQL',
        'send log already copied: the target holds these rows; nothing written',
      ]);
      // What the shared log did since is kept.
      expect(await shared.get('v0.2', 'invitation', 'cy@example.org')).toMatchObject({ status: 'sending', attempts: 2 });
    } finally {
      await shared.close();
    }

    // A run sending now from the SQLite log: nothing of it is copied.
    const busy = openSendLog(sendLogPath(data));
    await busy.claim('v0.2', 'reminder', 'ana@example.org', () => '<r1@example.gov.bz>');
    await busy.close();
    const refused = await migrate(['--from', outboxPath(data), '--to', await server.createDatabase('mail_busy')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^outbox:migrate: a mail run is sending from .*mail\.sqlite \(v0\.2 reminder, held until \S+\): stop invite, notify and comments:mail before copying the send log\n$/);
  });

  it('answers --help, and a bad or unreachable database or a missing outbox in one line', async () => {
    const help = await migrate(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run outbox:migrate[\s\S]*Stop every server/);
    const cases: [string[], RegExp][] = [
      [['--from', sqlitePath], /^outbox:migrate: no target database: give --to postgres:\/\/… or set CONSULTA_DATABASE_URL$/],
      [['--from', sqlitePath, '--to', 'https://db.example.org/x'], /^outbox:migrate: --to must be a postgres:\/\/ URL/],
      [['--from', join(dir, 'missing.sqlite'), '--to', server.url], /^outbox:migrate: no outbox at .*missing\.sqlite \(see --from\)$/],
      [['--from', sqlitePath, '--send-log', join(dir, 'missing-mail.sqlite'), '--to', server.url], /^outbox:migrate: no send log at .*missing-mail\.sqlite \(see --send-log\)$/],
      [['--from', sqlitePath, '--to', 'postgres://postgres:s3cret@127.0.0.1:1/none'], /^outbox:migrate: cannot open the outbox at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/],
      [['--from', sqlitePath, '--to', 'postgres://postgres:s3cret@127.0.0.1:1/none', '--dry-run'], /^outbox:migrate: cannot reach postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/],
    ];
    const runs = await Promise.all(cases.map(([args]) => migrate(args)));
    for (const [i, [, message]] of cases.entries()) {
      const run = runs[i]!;
      expect(run.code, run.stderr).toBe(1);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(run.stderr).not.toContain('s3cret');
    }
  });
});
