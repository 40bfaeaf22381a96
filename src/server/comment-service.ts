/**
 * The running comment service: one outbox, one guard, one catalog view of
 * the strategy and, when GitHub credentials are set, one dispatcher draining
 * the outbox. API routes and on-demand pages share this process-wide instance;
 * the logic itself lives in src/lib/comments.
 */
import { startDispatcher, type RunningDispatcher } from '../lib/comments/dispatcher.ts';
import { intakeGuardFromEnv, type CommentCatalog, type IntakeGuard, type IntakeLimits } from '../lib/comments/intake.ts';
import { defaultOutboxPath, openOutbox, type Outbox } from '../lib/comments/outbox.ts';
import { createGitHubClient, githubConfigFromEnv } from '../lib/github/octokit.ts';
import { t } from '../lib/i18n/translate.ts';
import { siteContext } from '../lib/site/context.ts';
import { commentState } from '../lib/strategy/catalog.ts';
import { sectionParagraphs } from '../lib/strategy/render-section.ts';
import { windowParts } from '../lib/strategy/status.ts';

export interface CommentService {
  outbox: Outbox;
  guard: IntakeGuard;
  catalog: CommentCatalog;
  /** Whether comments are being filed on GitHub by this process. */
  github: { repository: string } | null;
  dispatcher: RunningDispatcher | null;
}

let service: CommentService | undefined;

export function commentService(): CommentService {
  if (service) return service;
  // openOutbox makes the folder; CONSULTA_DATA_DIR (default var/) says where.
  const outbox = openOutbox(defaultOutboxPath());
  const config = githubConfigFromEnv(process.env);
  const dispatcher = config
    ? startDispatcher({
        outbox,
        github: createGitHubClient(config),
        onEvent: (event) => {
          if (event.type === 'failed' || event.type === 'retry') console.warn(`[comments] ${event.type}: ${JSON.stringify(event)}`);
        },
      })
    : null;
  service = {
    outbox,
    guard: intakeGuardFromEnv(process.env, { limits: rateLimitsFromEnv(process.env.CONSULTA_RATE_LIMITS) }),
    catalog: strategyCatalog(),
    github: config ? { repository: `${config.owner}/${config.repo}` } : null,
    dispatcher,
  };
  return service;
}

/**
 * `CONSULTA_RATE_LIMITS="verified=20/600,unverified=5/3600,unverifiedOverall=100/3600"`:
 * comments per seconds, per client (overall: all clients together). Unset
 * keys keep their defaults; a malformed value stops the server at start.
 */
export function rateLimitsFromEnv(value: string | undefined): Partial<IntakeLimits> {
  const out: Partial<IntakeLimits> = {};
  for (const part of (value ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(verified|unverified|unverifiedOverall)=(\d+)\/(\d+)$/.exec(part);
    if (!match) throw new Error(`CONSULTA_RATE_LIMITS: "${part}" is not name=points/seconds (names: verified, unverified, unverifiedOverall)`);
    out[match[1] as keyof IntakeLimits] = { points: Number(match[2]), durationSeconds: Number(match[3]) };
  }
  return out;
}

/** The strategy as intake sees it: which versions are open now, which sections and paragraphs exist. */
function strategyCatalog(): CommentCatalog {
  const { catalog, settings } = siteContext();
  const paragraphCounts = new Map<string, number>();
  const section = (version: string, id: string) => catalog.byId.get(version)?.sections.find((s) => s.id === id);
  return {
    isOpen(versionId, now) {
      const version = catalog.byId.get(versionId);
      if (!version) return { open: false, reason: t('comment.notOpen.notForComment', { version: versionId }) };
      const state = commentState(version, now);
      if (state === 'open') return { open: true, reason: '' };
      const parts = windowParts(version, settings.timeZoneLabel);
      if (state === 'upcoming' && parts) return { open: false, reason: t('comment.notOpen.upcoming', { version: versionId, ...parts }) };
      // A version whose consultation ended (closed, adopted, superseded) says when it closed.
      const ended = state === 'closed' || (state === 'not-for-comment' && version.manifest.status !== 'draft' && version.manifest.status !== 'consultation');
      if (ended && parts) return { open: false, reason: t('comment.notOpen.closed', { version: versionId, ...parts }) };
      return { open: false, reason: t('comment.notOpen.notForComment', { version: versionId }) };
    },
    sectionExists: (version, id) => section(version, id) !== undefined,
    paragraphCount(version, id) {
      const key = `${version}/${id}`;
      let count = paragraphCounts.get(key);
      if (count === undefined) {
        const found = section(version, id);
        count = found ? sectionParagraphs(found).length : 0;
        paragraphCounts.set(key, count);
      }
      return count;
    },
  };
}
