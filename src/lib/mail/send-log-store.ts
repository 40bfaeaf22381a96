/**
 * Where the send log is kept, chosen once from the settings, as the outbox's
 * place is (comments/store.ts): PostgreSQL when CONSULTA_DATABASE_URL is set,
 * beside the outbox, so the mail scripts can run on any of several servers;
 * else `<dataDir>/mail.sqlite`. invite, notify and comments:mail all go
 * through here, so they agree on the place.
 */
import { existsSync } from 'node:fs';
import { openSendLog, sendLogPath, type SendLog } from './send-log.ts';
import { openPostgresSendLog } from './send-log-postgres.ts';

/** The SQLite file, or the PostgreSQL database. */
type SendLogLocation = { engine: 'sqlite'; path: string } | { engine: 'postgresql'; url: string };

/** The PostgreSQL database when CONSULTA_DATABASE_URL is set, else the SQLite file in the data folder. */
export function sendLogLocation(settings: { databaseUrl: string | null; dataDir: string }): SendLogLocation {
  if (settings.databaseUrl) return { engine: 'postgresql', url: settings.databaseUrl };
  return { engine: 'sqlite', path: sendLogPath(settings.dataDir) };
}

/**
 * Whether there is a send log to read. The SQLite file appears with the
 * first message sent, so a run that only reads (a reminder written for
 * review) need not create one; a PostgreSQL database is always there (its
 * schema is made on open).
 */
export function sendLogExists(location: SendLogLocation): boolean {
  return location.engine === 'postgresql' || existsSync(location.path);
}

/** Opens the send log at `location`, creating or migrating its schema. */
export async function openSendLogAt(location: SendLogLocation): Promise<SendLog> {
  return location.engine === 'sqlite' ? openSendLog(location.path) : openPostgresSendLog(location.url);
}
