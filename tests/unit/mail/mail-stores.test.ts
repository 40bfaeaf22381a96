/**
 * The outbox and send log a mail script opens together (src/lib/mail/mail-stores.ts),
 * on the default engine: SQLite files in the data folder.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, outboxPath } from '../../../src/lib/comments/outbox.ts';
import { describeForgotten, openMailStores } from '../../../src/lib/mail/mail-stores.ts';
import { commentRecipient, sendLogPath } from '../../../src/lib/mail/send-log.ts';
import { validSubmission } from '../comments/helpers.ts';

const id = (n: number) => `5d0c1a2e-7b3f-4e61-8a9d-${String(n).padStart(12, '0')}`;
let dataDir: string;
const settings = () => ({ databaseUrl: null, dataDir });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'consulta-mail-stores-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function commentsWithAddresses(): Promise<void> {
  const outbox = openOutbox(outboxPath(dataDir));
  await outbox.accept(validSubmission({ submissionId: id(1), version: 'v0.1' }), { contact: { address: 'ana@example.org', notify: { language: 'en' } } });
  await outbox.accept(validSubmission({ submissionId: id(2), version: 'v0.2' }), { contact: { address: 'ben@example.org', notify: { language: 'es' } } });
  await outbox.close();
}

describe('openMailStores', () => {
  it('opens the outbox and the send log in the data folder, deleting the addresses kept for adopted versions', async () => {
    await commentsWithAddresses();
    const stores = await openMailStores(settings(), ['v0.1']);
    try {
      // v0.1's notice address and address hash are gone; v0.2's are kept.
      expect(stores.forgotten).toBe(2);
      expect(await stores.outbox.notifyRequests('v0.1')).toEqual([]);
      expect(await stores.outbox.commentedFrom('ana@example.org', 'v0.1')).toBe(false);
      expect((await stores.outbox.notifyRequests('v0.2')).map((r) => r.address)).toEqual(['ben@example.org']);
      expect(await stores.log.claim('v0.2', 'notice', commentRecipient(id(2)), () => '<n1@example.gov.bz>')).toEqual({ send: true, messageId: '<n1@example.gov.bz>' });
    } finally {
      await stores.close();
    }
    expect(existsSync(sendLogPath(dataDir))).toBe(true);
    // Closed: the last connection to a WAL database removes its -wal file.
    expect(existsSync(`${outboxPath(dataDir)}-wal`)).toBe(false);
    expect(existsSync(`${sendLogPath(dataDir)}-wal`)).toBe(false);
  });

  it('passes on a send log that cannot be opened, with the outbox closed again', async () => {
    await commentsWithAddresses();
    mkdirSync(sendLogPath(dataDir)); // a folder where the file should be
    await expect(openMailStores(settings(), ['v0.1'])).rejects.toThrow();
    expect(existsSync(`${outboxPath(dataDir)}-wal`)).toBe(false);
    // Nothing was deleted: the failure came before the addresses were touched.
    const outbox = openOutbox(outboxPath(dataDir));
    try {
      expect((await outbox.notifyRequests('v0.1')).map((r) => r.address)).toEqual(['ana@example.org']);
    } finally {
      await outbox.close();
    }
  });
});

describe('describeForgotten', () => {
  it('says nothing when nothing was deleted, and counts in the singular and plural', () => {
    expect(describeForgotten(0)).toBeNull();
    expect(describeForgotten(1)).toBe('deleted 1 address and address hash of adopted versions');
    expect(describeForgotten(3)).toBe('deleted 3 addresses and address hashes of adopted versions');
  });
});
