/**
 * The send log's schema steps: a log written before acknowledgements and
 * notices existed keeps its rows and takes the new kinds, and a message
 * about a comment is keyed by the comment, never the commenter's address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commentRecipient, openSendLog } from '../../../src/lib/mail/send-log.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'consulta-send-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the send log schema', () => {
  it('brings a log from before acknowledgements up to date, keeping its rows', async () => {
    const path = join(dir, 'mail.sqlite');
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE sends (
      version TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')), address TEXT NOT NULL,
      message_id TEXT NOT NULL UNIQUE, status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, sent_at INTEGER, lease_until INTEGER, updated_at INTEGER NOT NULL,
      PRIMARY KEY (version, kind, address))`);
    old.prepare(`INSERT INTO sends VALUES ('v0.2', 'invitation', 'ana@example.org', '<a@example.gov.bz>', 'sent', 1, NULL, 5, NULL, 5)`).run();
    old.close();

    const log = openSendLog(path);
    try {
      expect(await log.findMessage('<a@example.gov.bz>')).toEqual({ version: 'v0.2', kind: 'invitation' });
      expect(await log.sentTo('v0.2', 'invitation')).toEqual(new Set(['ana@example.org']));
      const recipient = commentRecipient('0b6f3b8e-5f1c-4c8e-9a59-000000000001');
      expect(await log.claim('v0.2', 'acknowledgement', recipient, () => '<ack@example.gov.bz>')).toEqual({ send: true, messageId: '<ack@example.gov.bz>' });
      await log.markSent('v0.2', 'acknowledgement', recipient);
      expect(await log.claim('v0.2', 'acknowledgement', recipient, () => '<other@example.gov.bz>')).toEqual({ send: false, messageId: '<ack@example.gov.bz>', reason: 'sent' });
      expect((await log.claim('v0.2', 'notice', recipient, () => '<notice@example.gov.bz>')).send).toBe(true);
      expect((await log.list('v0.2')).map((e) => e.address)).toEqual(['comment:0b6f3b8e-5f1c-4c8e-9a59-000000000001', 'ana@example.org', 'comment:0b6f3b8e-5f1c-4c8e-9a59-000000000001']);
    } finally {
      await log.close();
    }
    const check = new DatabaseSync(path);
    expect((check.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(2);
    check.close();
  });

  it('refuses a log from a newer Consulta', () => {
    const path = join(dir, 'mail.sqlite');
    const newer = new DatabaseSync(path);
    newer.exec('PRAGMA user_version = 9');
    newer.close();
    expect(() => openSendLog(path)).toThrow(/newer Consulta \(schema 9/);
  });
});
