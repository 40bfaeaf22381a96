/**
 * `npm run invite` end to end: messages written for review, a bad list, and
 * sending through a real SMTP server with the send log in a throw-away data
 * folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, outboxPath } from '../../../src/lib/comments/outbox.ts';
import { openSendLog, sendLogPath } from '../../../src/lib/mail/send-log.ts';
import { versionPdf } from '../../../src/lib/mail/version-pdf.ts';
import { validSubmission } from '../../unit/comments/helpers.ts';
import { startSmtpServer, type SmtpServerDouble } from './smtp-server.ts';

const root = new URL('../../../', import.meta.url).pathname;
const node = join(root, 'node_modules/.bin/node');
const SAMPLE = join(root, 'content/stakeholders.example.csv');

function invite(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const childEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, CONSULTA_SMTP_URL: undefined, CONSULTA_MAIL_FROM: undefined, ...env })) if (v !== undefined) childEnv[k] = v;
    const proc = spawn(node, [join(root, 'scripts/invite.ts'), ...args], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let server: SmtpServerDouble | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consulta-invite-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run invite', () => {
  it('writes one readable message per stakeholder to review, sends nothing and keeps no log', async () => {
    const out = join(dir, 'out');
    const result = await invite(['--version', 'v0.2', '--list', SAMPLE, '--out', out, '--data-dir', join(dir, 'data')]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`wrote 15 invitations to ${out} to review; nothing was sent (--send sends them)\n`);
    expect(result.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(15);
    expect(files[0]).toBe('001-invitation-marisol-chan.eml');
    const messages = await Promise.all(files.map((f) => PostalMime.parse(readFileSync(join(out, f)))));
    const list = readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    expect(messages.map((m) => m.to?.[0])).toEqual(list.map(([name, email]) => ({ name, address: email })));
    const spanish = messages.filter((m) => m.headers.find((h) => h.key === 'content-language')?.value === 'es');
    expect(spanish.map((m) => m.to?.[0] && 'address' in m.to[0] && m.to[0].address)).toEqual(list.filter((row) => row[4] === 'es').map((row) => row[1]));
    for (const m of messages) {
      expect(m.from).toEqual({ name: '', address: 'consultation@ncss.example.gov.bz' });
      expect(m.text).toContain('http://localhost:4321/strategy/v0.2/');
      expect(m.html).toContain('href="http://localhost:4321/strategy/v0.2/"');
    }
    expect(existsSync(join(dir, 'data'))).toBe(false);
  }, 60_000);

  it('lists every problem of a bad list by line and writes nothing, unless told to skip them', async () => {
    const list = join(dir, 'list.csv');
    writeFileSync(list, 'name,email,organisation,sector,language\nA,a@example.org,Org,government,en\nB,,Org,government,en\nC,A@example.org,Org,media,fr\n');
    const out = join(dir, 'out');
    const refused = await invite(['--version', 'v0.2', '--list', list, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      [
        `${list}, line 3: no e-mail address`,
        `${list}, line 4: A@example.org is already on line 2`,
        `${list}, line 4: unknown sector "media" (use one of government, private-sector, civil-society, academia, technical-community, international-partner, individual)`,
        `${list}, line 4: unknown language "fr" (use en or es)`,
        `invite: 4 problems in ${list}: nothing written (fix the list, or use --skip-invalid)`,
        '',
      ].join('\n'),
    );
    expect(existsSync(out)).toBe(false);
    const skipped = await invite(['--version', 'v0.2', '--list', list, '--out', out, '--skip-invalid']);
    expect(skipped.code).toBe(0);
    expect(readdirSync(out)).toEqual(['001-invitation-a.eml']);
  }, 60_000);

  it('refuses in one line what it cannot do', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--list', SAMPLE, '--out', dir], {}, 'invite: give the version to invite comments on, e.g. --version v0.2 (see --help)\n'],
      [['--version', 'v0.2', '--list', SAMPLE], {}, 'invite: give either --out <folder> (write the messages to review) or --send (send them)\n'],
      [['--version', 'v0.2', '--list', SAMPLE, '--send'], {}, 'invite: --send needs CONSULTA_SMTP_URL, e.g. smtp://user:password@mail.example.gov.bz:587\n'],
      [['--version', 'v0.2', '--list', SAMPLE, '--send'], { CONSULTA_SMTP_URL: 'http://user:hunter2@example.org' }, 'invite: CONSULTA_SMTP_URL: must start with smtp:// or smtps://, not "http://user:***@example.org/"\n'],
      [['--version', 'v0.1', '--list', SAMPLE, '--out', dir], {}, 'invite: v0.1 is not open for comment (its status is closed)\n'],
      [['--version', 'v0.2', '--list', SAMPLE, '--out', dir, '--pace', '0'], {}, 'invite: --pace must be a number of messages per minute above 0\n'],
      [['--version', 'v0.2', '--list', SAMPLE, '--out', dir, '--attach', 'pdf', '--chromium', '/nonexistent/chromium'], {}, 'invite: --attach pdf needs Chromium, and there is none at /nonexistent/chromium (apt-get install chromium)\n'],
      [['--version', 'v0.2', '--list', SAMPLE, '--out', dir], { CONSULTA_MAIL_FROM: 'nobody' }, 'invite: CONSULTA_MAIL_FROM: must be one e-mail address, e.g. "Consultation <consultation@example.gov.bz>", not "nobody"\n'],
    ];
    const results = await Promise.all(cases.map(([args, env]) => invite(args, env)));
    expect(results.map((r, i) => ({ args: cases[i]![0], stderr: r.stderr, code: r.code }))).toEqual(cases.map(([args, , stderr]) => ({ args, stderr, code: 1 })));
  }, 60_000);

  it('says so in one line when the site is not built for --attach pdf', async () => {
    await expect(versionPdf({ clientDir: join(dir, 'no-build'), version: 'v0.2', chromium: '/usr/bin/chromium' })).rejects.toThrow(
      `--attach pdf prints the built site, and ${join(dir, 'no-build', 'strategy', 'v0.2', 'index.html')} is missing (run npm run build first)`,
    );
  });

  it('sends at the pace, records the send log, retries a refused address on the next run and exits 1 listing it', async () => {
    server = await startSmtpServer({ auth: { user: 'consultation', pass: 'p@ss word' } });
    server.refuse('kevin.usher@example.org');
    const env = { CONSULTA_SMTP_URL: server.url, CONSULTA_MAIL_FROM: 'NCSS consultation <consultation@example.gov.bz>', CONSULTA_DATA_DIR: join(dir, 'data') };
    const args = ['--version', 'v0.2', '--list', SAMPLE, '--send', '--pace', '6000'];

    const first = await invite(args, env);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`sending 15 invitations through 127.0.0.1:${server.port} at 6000 a minute…\n[1/15] line 2 (Marisol Chan): sent\n`);
    expect(first.stdout).toMatch(/\[5\/15\] line 6 \(Kevin Usher\): failed: 550 /);
    expect(first.stdout).toContain('14 sent, 0 already sent, 1 failed\n');
    expect(first.stderr).toMatch(/^invite: 1 message not sent; run the command again to retry it:\n {2}line 6 \(Kevin Usher\): 550 .*mailbox unavailable.*\n$/);
    expect(`${first.stdout}${first.stderr}`).not.toContain('p@ss');
    expect(server.messages).toHaveLength(14);

    const log = openSendLog(sendLogPath(join(dir, 'data')));
    try {
      const entries = await log.list('v0.2');
      expect(entries).toHaveLength(15);
      expect(entries.filter((e) => e.status === 'sent')).toHaveLength(14);
      const sentIds = new Set(await Promise.all(server.messages.map(async (m) => (await PostalMime.parse(m.raw)).messageId)));
      expect(new Set(entries.filter((e) => e.status === 'sent').map((e) => e.messageId))).toEqual(sentIds);
    } finally {
      await log.close();
    }

    server.accept('kevin.usher@example.org');
    const second = await invite(args, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('[5/15] line 6 (Kevin Usher): sent (again, after a failure)\n');
    expect(second.stdout).toContain('1 sent, 14 already sent, 0 failed\n');
    expect(server.messages).toHaveLength(15);

    const third = await invite(args, env);
    expect(third.stdout).toContain('0 sent, 15 already sent, 0 failed\n');
    expect(server.messages).toHaveLength(15);

    // A reminder goes only to those invited: a list with one newcomer leaves the newcomer out.
    const list = join(dir, 'reminder.csv');
    writeFileSync(list, `${readFileSync(SAMPLE, 'utf8').trim()}\nNew Person,new.person@example.org,,individual,en\n`);
    const reminder = await invite(['--version', 'v0.2', '--list', list, '--send', '--reminder', '--pace', '6000'], env);
    expect(reminder.code).toBe(0);
    expect(reminder.stdout).toContain('line 17 (New Person): no reminder (the send log shows no invitation sent)\n');
    expect(reminder.stdout).toContain('15 sent, 0 already sent, 0 failed\n');
    const reminders = await Promise.all(server.messages.slice(15).map((m) => PostalMime.parse(m.raw)));
    expect(reminders.map((m) => m.subject)).toEqual(Array(15).fill(expect.stringMatching(/^(Reminder: comments on the draft|Recordatorio: los comentarios)/)));

    const forget = await invite(['--version', 'v0.2', '--forget'], env);
    expect(forget.stdout).toBe(`deleted 30 send-log rows of v0.2 from ${sendLogPath(join(dir, 'data'))}\n`);
  }, 120_000);

  it('leaves out of a reminder the stakeholders who commented from their address, by e-mail or asking to be told of the answer', async () => {
    server = await startSmtpServer();
    const data = join(dir, 'data');
    const env = { CONSULTA_SMTP_URL: server.url, CONSULTA_MAIL_FROM: 'NCSS consultation <consultation@example.gov.bz>', CONSULTA_DATA_DIR: data };
    expect((await invite(['--version', 'v0.2', '--list', SAMPLE, '--send', '--pace', '6000'], env)).code).toBe(0);
    // Delroy replied by e-mail (comments:mail kept a hash of his address); Kevin commented on the form and ticked "e-mail me".
    const outbox = openOutbox(outboxPath(data));
    await outbox.accept(validSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000001', channel: 'email' }), { contact: { address: 'PUC.Security@example.gov.bz' } });
    await outbox.accept(validSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000002' }), { contact: { address: 'kevin.usher@example.org', notify: { language: 'en' } } });
    // A comment on another version does not count for this one.
    await outbox.accept(validSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000003', version: 'v0.1' }), { contact: { address: 'ncsc.coordinator@example.gov.bz' } });
    await outbox.close();

    const reminder = await invite(['--version', 'v0.2', '--list', SAMPLE, '--send', '--reminder', '--pace', '6000'], env);
    expect(reminder.code).toBe(0);
    expect(reminder.stdout).toContain('line 3 (Delroy Flowers): no reminder (has commented already)\n');
    expect(reminder.stdout).toContain('line 6 (Kevin Usher): no reminder (has commented already)\n');
    expect(reminder.stdout).not.toContain('line 2 (Marisol Chan): no reminder');
    expect(reminder.stdout).toContain('13 sent, 0 already sent, 0 failed\n');
    expect(server.messages.slice(15).flatMap((m) => m.to)).not.toEqual(expect.arrayContaining(['puc.security@example.gov.bz']));
  }, 120_000);
});
