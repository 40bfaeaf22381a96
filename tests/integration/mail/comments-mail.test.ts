/**
 * `npm run comments:mail` as a real process against a real IMAP server
 * (Debian's Dovecot) and a real SMTP server (smtp-server): replies become
 * one comment each, acknowledged once, flagged only after; a crash between
 * the commit and the flag repeats nothing; unreadable messages stay in the
 * mailbox and are listed; --watch stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOutbox, outboxPath, type OutboxEntry } from '../../../src/lib/comments/outbox.ts';
import { openSendLog, sendLogPath } from '../../../src/lib/mail/send-log.ts';
import { startDovecot, type Dovecot } from './dovecot.ts';
import { startSmtpServer, type SmtpServerDouble } from './smtp-server.ts';

const root = new URL('../../../', import.meta.url).pathname;
const node = join(root, 'node_modules/.bin/node');
const fixture = (name: string) => readFileSync(new URL(`../../unit/mail/fixtures/${name}.eml`, import.meta.url));
const INVITATION = '<consulta.5b1f0c2e-9a7d-4c31-8e55-0f6c2d1a9b01@example.gov.bz>';

let dovecot: Dovecot;
let smtp: SmtpServerDouble;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consulta-comments-mail-'));
  dovecot = await startDovecot();
  smtp = await startSmtpServer();
}, 30_000);
afterEach(async () => {
  await smtp?.close();
  await dovecot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function environment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('CONSULTA_') && !k.startsWith('GITHUB_')) env[k] = v;
  return {
    ...env,
    CONSULTA_IMAP_URL: dovecot.url,
    CONSULTA_SMTP_URL: smtp.url,
    CONSULTA_MAIL_FROM: 'NCSS consultation <consultation@example.gov.bz>',
    CONSULTA_DATA_DIR: dir,
    CONSULTA_SITE_URL: 'https://consult.example.gov.bz',
    ...extra,
  };
}

function start(script: string, args: string[], env: Record<string, string> = {}): { proc: ChildProcess; output: () => string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const proc = spawn(node, [join(root, 'scripts', script), ...args], { cwd: root, env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { proc, output: () => stdout + stderr, done };
}

const run = (script: string, args: string[] = [], env: Record<string, string> = {}) => start(script, args, env).done;

async function comments(): Promise<OutboxEntry[]> {
  const outbox = openOutbox(outboxPath(dir));
  try {
    return await outbox.list();
  } finally {
    await outbox.close();
  }
}

async function acknowledgements() {
  return Promise.all(smtp.messages.map(async (m) => ({ to: m.to, parsed: await PostalMime.parse(m.raw) })));
}

/** The invitation Ana's Gmail reply answers, as `npm run invite -- --send` recorded it. */
async function recordInvitation(): Promise<void> {
  const log = openSendLog(sendLogPath(dir));
  await log.claim('v0.2', 'invitation', 'ana.castillo@example.org', () => INVITATION);
  await log.markSent('v0.2', 'invitation', 'ana.castillo@example.org');
  await log.close();
}

describe('npm run comments:mail', () => {
  it('makes each reply one comment, acknowledges it once, flags it, and leaves and lists the unreadable ones', async () => {
    await recordInvitation();
    const uids = {
      gmail: await dovecot.append(fixture('gmail-reply')),
      spanish: await dovecot.append(fixture('spanish-reply')),
      auto: await dovecot.append(fixture('auto-reply')),
      bounce: await dovecot.append(fixture('bounce')),
      attachment: await dovecot.append(fixture('attachment-only')),
    };
    const first = await run('comments-mail.ts');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`message ${uids.gmail}: BZ-`);
    expect(first.stdout).toContain(`message ${uids.auto}: left in the mailbox, auto-reply: Auto-Submitted: auto-replied`);
    expect(first.stdout).toMatch(/comments:mail: 2 new comments, 2 acknowledged, 3 left in the mailbox as unreadable\n$/);
    // No address is printed.
    expect(first.stdout).not.toMatch(/castillo@|perez@|andres\.cal@|kevin\.usher@/i);

    const stored = await comments();
    expect(stored.map((c) => [c.submission.channel, c.submission.version, c.submission.section, c.submission.paragraph])).toEqual([
      ['email', 'v0.2', 'critical-infrastructure', 'p2'],
      ['email', 'v0.2', expect.any(String), 'p3'],
    ]);
    expect(stored[0]!.submission.comment).toContain('community radio');
    expect(stored[0]!.submission.comment).toContain('[Attachments, not published: WiT-BZ annex.docx.]');
    // The sender's address and name are in no comment record, nor anywhere in the comments table.
    const db = new DatabaseSync(outboxPath(dir));
    expect(JSON.stringify(db.prepare('SELECT * FROM comments').all())).not.toMatch(/castillo|perez|example\.org/i);
    db.close();

    const acks = await acknowledgements();
    expect(acks.map((a) => a.to)).toEqual([['ana.castillo@example.org'], ['lucia.perez@example.org']]);
    expect(acks[0]!.parsed.subject).toBe(`Comment received: ${stored[0]!.reference}`);
    expect(acks[0]!.parsed.text).toContain(`https://consult.example.gov.bz/comment/status/?ref=${stored[0]!.reference}`);
    expect(acks[0]!.parsed.inReplyTo).toBe('<CAGm3qLwz8x7Yh1pQ0kT2b5vRkD9eF4nM6sJ8aX3cV1bN0uHt2Q@mail.gmail.com>');
    expect(acks[0]!.parsed.headers.find((h) => h.key === 'auto-submitted')?.value).toBe('auto-replied');
    expect(acks[1]!.parsed.subject).toBe(`Comentario recibido: ${stored[1]!.reference}`);

    const flags = new Map((await dovecot.inspect()).map((m) => [m.uid, m.flags]));
    expect([uids.gmail, uids.spanish].map((uid) => flags.get(uid))).toEqual([['\\Seen'], ['\\Seen']]);
    expect([uids.auto, uids.bounce, uids.attachment].map((uid) => flags.get(uid))).toEqual([[], [], []]);

    const listed = await run('comments-list.ts', ['--unreadable']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('3 unreadable messages left in the mailbox');
    expect(lines.slice(0, -1).map((line) => line.split(/\s{2,}/)[1])).toEqual(['auto-reply', 'bounce', 'attachment-only']);
    expect(listed.stdout).not.toMatch(/andres\.cal@|kevin\.usher@|MAILER-DAEMON@/i);

    // Again: nothing new, nothing sent twice.
    const second = await run('comments-mail.ts');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/comments:mail: 0 new comments, 0 acknowledged, 3 left in the mailbox as unreadable\n$/);
    expect(await comments()).toHaveLength(2);
    expect(smtp.messages).toHaveLength(2);
  }, 60_000);

  it('makes one comment of a message however the run is killed between committing it and flagging it', async () => {
    const uid = await dovecot.append(fixture('gmail-reply'));
    const killed = await run('comments-mail.ts', [], { CONSULTA_TEST_KILL_AT: 'comment-committed' });
    expect(killed.signal).toBe('SIGKILL');
    expect(await comments()).toHaveLength(1);
    expect(smtp.messages).toHaveLength(0);
    expect((await dovecot.inspect()).find((m) => m.uid === uid)!.flags).toEqual([]);

    const again = await run('comments-mail.ts');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`message ${uid}: ${(await comments())[0]!.reference} (taken before), a comment on v0.2 § critical-infrastructure; acknowledged`);
    expect(await comments()).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect((await dovecot.inspect()).find((m) => m.uid === uid)!.flags).toEqual(['\\Seen']);

    await run('comments-mail.ts');
    expect(await comments()).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
  }, 60_000);

  it('--watch takes messages as they arrive and stops cleanly on SIGTERM', async () => {
    const watching = start('comments-mail.ts', ['--watch', '--interval', '0.2']);
    await vi.waitFor(() => expect(watching.output()).toContain('reading INBOX on 127.0.0.1'), { timeout: 20_000, interval: 50 });
    const uid = await dovecot.append(fixture('html-only'));
    await vi.waitFor(() => expect(smtp.messages).toHaveLength(1), { timeout: 20_000, interval: 100 });
    await vi.waitFor(async () => expect((await dovecot.inspect()).find((m) => m.uid === uid)!.flags).toEqual(['\\Seen']), { timeout: 20_000, interval: 100 });
    expect((await comments()).map((c) => c.submission.section)).toEqual(['incident-response']);
    watching.proc.kill('SIGTERM');
    const ended = await watching.done;
    expect(ended.code).toBe(0);
    expect(ended.stdout.trimEnd().split('\n').at(-1)).toBe('comments:mail: stopped');
  }, 60_000);

  it('moves processed messages to a folder when asked, and refuses to run without a mailbox in one line', async () => {
    const uid = await dovecot.append(fixture('outlook-reply'));
    expect((await run('comments-mail.ts', ['--folder', 'Consulta/Processed'])).code).toBe(0);
    expect((await dovecot.inspect()).map((m) => m.uid)).not.toContain(uid);
    expect((await dovecot.inspect('Consulta.Processed')).map((m) => m.messageId)).toEqual(['<SJ0PR11MB5678A1B2C3D4E5F6A7B8C9D0A1B2C@SJ0PR11MB5678.namprd11.prod.outlook.com>']);

    const refused = await run('comments-mail.ts', [], { CONSULTA_IMAP_URL: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('comments:mail: CONSULTA_IMAP_URL is not set: give the mailbox replies arrive in, e.g. imaps://user:password@mail.example.gov.bz/INBOX\n');
  }, 60_000);
});
