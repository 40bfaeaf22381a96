/**
 * Where accepted comments are kept, chosen once from the settings: the SQLite
 * outbox file in the data folder (one server, the default: nothing to
 * install), or PostgreSQL shared by several servers (CONSULTA_DATABASE_URL).
 * The server, every script that reads or writes comments, and the rate
 * limits go through here, so they all agree on the place.
 *
 * With PostgreSQL, the rate-limit counters live there too (the table
 * `consulta_rate_limits`, made by the outbox's first migration): a client
 * gets one allowance for the whole deployment, not one per server. If the
 * database stops answering a limiter call, each server falls back to its own
 * memory for that call rather than refusing or failing the comment.
 */
import { existsSync } from 'node:fs';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import type { LimitStore } from './guard.ts';
import { openOutbox, outboxPath, type Outbox, type OutboxOptions } from './outbox.ts';
import { openPostgresOutbox, redactDatabaseUrl } from './outbox-postgres.ts';

/** The SQLite file, or the PostgreSQL database. */
export type OutboxLocation = { engine: 'sqlite'; path: string } | { engine: 'postgresql'; url: string };

/**
 * Where the outbox is: `file` when a script was given one (`--db`), else the
 * PostgreSQL database when CONSULTA_DATABASE_URL is set, else the SQLite file
 * in the data folder.
 */
export function outboxLocation(settings: { databaseUrl: string | null; dataDir: string }, file?: string): OutboxLocation {
  if (file !== undefined) return { engine: 'sqlite', path: file };
  if (settings.databaseUrl) return { engine: 'postgresql', url: settings.databaseUrl };
  return { engine: 'sqlite', path: outboxPath(settings.dataDir) };
}

/** The place, for messages and logs: a path, or the URL with its password hidden. */
export function describeLocation(location: OutboxLocation): string {
  return location.engine === 'sqlite' ? location.path : redactDatabaseUrl(location.url);
}

/**
 * Whether there is an outbox to read. A SQLite file appears with the first
 * comment, so a script that only reads says so instead of creating one; a
 * PostgreSQL database is always there (its schema is made on open).
 */
export function outboxExists(location: OutboxLocation): boolean {
  return location.engine === 'postgresql' || existsSync(location.path);
}

export interface CommentStore {
  outbox: Outbox;
  /** Where the rate limits count: PostgreSQL when shared, else undefined (this process's memory). */
  limitStore?: LimitStore;
}

/** Opens the outbox at `location`, creating or migrating its schema. */
export async function openCommentStore(location: OutboxLocation, options: OutboxOptions = {}): Promise<CommentStore> {
  if (location.engine === 'sqlite') return { outbox: openOutbox(location.path, options) };
  const outbox = await openPostgresOutbox(location.url, options);
  const limitStore: LimitStore = (rate, keyPrefix) => {
    const shape = { points: rate.points, duration: rate.durationSeconds, keyPrefix };
    return new RateLimiterPostgres({
      ...shape,
      storeClient: outbox.pool,
      tableName: 'consulta_rate_limits',
      tableCreated: true,
      // Expired counters are deleted by the outbox's hourly purge, not by a timer of the library's own.
      clearExpiredByTimeout: false,
      insuranceLimiter: new RateLimiterMemory(shape),
    });
  };
  return { outbox, limitStore };
}
