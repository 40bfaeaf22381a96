/**
 * The server's long-lived parts: the outbox, the anti-abuse guard, the
 * dispatcher that files comments on GitHub and the no-JavaScript search
 * index. They are started before the first request, by `createServer()`
 * (scripts/serve.ts, `npm run serve`) or, under `npm run dev`, by the dev
 * integration, and stopped in order when the process is told to stop.
 * Routes and on-demand pages only use them; nothing starts as a side effect
 * of a request.
 *
 * The built server bundle and the code that starts it are two copies of the
 * same modules in one process, so the running parts are handed over through
 * one well-known global slot rather than a module variable.
 */
import type { Config } from '../lib/config/settings.ts';
import type { RunningDispatcher } from '../lib/comments/dispatcher.ts';
import type { IntakeGuard } from '../lib/comments/guard.ts';
import type { CommentCatalog } from '../lib/comments/intake.ts';
import type { Outbox } from '../lib/comments/outbox.ts';
import type { FeedbackReport } from '../lib/feedback/schema.ts';
import type { ParagraphSearch } from '../lib/search/paragraph-search.ts';
import type { ProxyTrust } from '../lib/security/client-address.ts';
import type { SiteContext } from '../lib/site/context.ts';

export interface Services {
  config: Config;
  site: SiteContext;
  outbox: Outbox;
  guard: IntakeGuard;
  catalog: CommentCatalog;
  /** The repository comments are filed in, when GitHub credentials are set. */
  github: { repository: string } | null;
  /** This process's dispatcher; null without credentials, or when another process files (CONSULTA_DISPATCHER=off). */
  dispatcher: RunningDispatcher | null;
  search: ParagraphSearch;
  /** The committed feedback report of a version (content/feedback/<v>.json), re-read when the file changes; null when there is none. */
  feedbackReport: (version: string) => FeedbackReport | null;
  /** Public origins trusted to post, besides a request's own. */
  publicOrigins: readonly string[];
  proxyTrust: ProxyTrust;
}

/** Asked for before the services were started: the server was started some other way than `npm run serve` or `npm run dev`. */
export class ServicesNotStartedError extends Error {
  override name = 'ServicesNotStartedError';
}

const SLOT = Symbol.for('consulta.services');
type Slot = { [SLOT]?: Services };

export function registerServices(services: Services | undefined): void {
  (globalThis as Slot)[SLOT] = services;
}

/** The running services of this process. */
export function services(): Services {
  const running = (globalThis as Slot)[SLOT];
  if (!running) throw new ServicesNotStartedError('the comment service is not running: start the server with npm run serve (or npm start)');
  return running;
}
