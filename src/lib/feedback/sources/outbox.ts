/**
 * Comments in the local outbox: accepted by the site (or imported) and not
 * yet filed as issues, or filed while this machine cannot read GitHub. They
 * have no disposition yet; the report lists them as awaiting a response.
 */
import { existsSync } from 'node:fs';
import { openOutbox, type OutboxEntry } from '../../comments/outbox.ts';

/** Every outbox entry, oldest first; none when the outbox file does not exist (it is not created by reading). */
export async function readOutboxEntries(path: string): Promise<OutboxEntry[]> {
  if (!existsSync(path)) return [];
  const outbox = openOutbox(path);
  try {
    return await outbox.list();
  } finally {
    await outbox.close();
  }
}
