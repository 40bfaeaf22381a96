/**
 * Starting and stopping the server's long-lived parts (services.ts), in
 * order: everything is ready before the first request, and on stop the
 * dispatcher finishes (or gives back) the comment it holds before the
 * outbox closes.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, type Config } from '../lib/config/settings.ts';
import { filingOptions, startDispatcher, type DispatchEvent } from '../lib/comments/dispatcher.ts';
import { createIntakeGuard } from '../lib/comments/guard.ts';
import { openCommentStore, outboxLocation } from '../lib/comments/store.ts';
import { reportReader } from '../lib/feedback/report-file.ts';
import { createGitHubClient } from '../lib/github/octokit.ts';
import { createParagraphSearch, type SearchDocument } from '../lib/search/paragraph-search.ts';
import { proxyTrust } from '../lib/security/client-address.ts';
import { publicOrigins } from '../lib/security/origins.ts';
import { loadSiteContext, type SiteContext } from '../lib/site/context.ts';
import { adoptedVersions } from '../lib/strategy/catalog.ts';
import { sectionParagraphs } from '../lib/strategy/render-section.ts';
import { translatedSection } from '../lib/strategy/catalog.ts';
import { strategyCatalog } from './comment-catalog.ts';
import { registerServices, type Services } from './services.ts';

/** How often used challenges, old honeypot receipts and the addresses of adopted versions are cleared out. */
const PURGE_EVERY_MS = 60 * 60_000;

export interface StartedServices {
  services: Services;
  /** Stops the dispatcher (after the request in flight), then closes the outbox. */
  stop(): Promise<void>;
}

/** Opens the outbox, builds the guard and the search index, and starts the dispatcher when this process files comments. */
export async function startServices(config: Config, options: { onDispatch?: (event: DispatchEvent) => void } = {}): Promise<StartedServices> {
  const site = loadSiteContext(config.contentRoot);
  const location = outboxLocation({ databaseUrl: config.databaseUrl, dataDir: resolve(config.dataDir) });
  if (location.engine === 'postgresql' && !(config.secrets.altchaHmacKey && config.secrets.addressSalt)) {
    // Each server would sign challenges and hash addresses with a key of its own: a challenge from one
    // would fail on another, and a client would get a separate limit on each.
    throw new ConfigError('CONSULTA_DATABASE_URL: several servers share the comments, so set the same ALTCHA_HMAC_KEY and COMMENTS_ADDRESS_SALT on each');
  }
  const { outbox, limitStore } = await openCommentStore(location);
  const adopted = adoptedVersions(site.catalog);
  const clearOut = async () => {
    await outbox.purgeExpired(new Date());
    await outbox.forgetContacts(adopted);
  };
  await clearOut();
  const purge = setInterval(() => {
    clearOut().catch((error: unknown) => console.error(`[comments] could not clear out expired records: ${String(error)}`));
  }, PURGE_EVERY_MS);
  purge.unref();
  const secret = (value: string | null) => value ?? randomBytes(32).toString('hex');
  const guard = createIntakeGuard({
    altchaHmacKey: secret(config.secrets.altchaHmacKey),
    addressSalt: secret(config.secrets.addressSalt),
    limits: config.limits,
    workshop: config.workshop,
    usedChallenges: { markUsed: (nonce, expiresAt) => outbox.markChallengeUsed(nonce, expiresAt) },
    ...(limitStore ? { limitStore } : {}),
  });
  const dispatcher =
    config.github && config.dispatcher === 'server'
      ? startDispatcher({ outbox, github: createGitHubClient(config.github), label: `the server (pid ${process.pid} on ${hostname()})`, ...filingOptions(config), onEvent: options.onDispatch })
      : null;
  const services: Services = {
    config,
    site,
    outbox,
    guard,
    catalog: strategyCatalog(site),
    github: config.github ? { repository: `${config.github.owner}/${config.github.repo}` } : null,
    dispatcher,
    search: createParagraphSearch(publishedParagraphs(site)),
    feedbackReport: reportReader(site.root, (error) => console.error(`[feedback] ${error.message.split('\n')[0]}`)),
    publicOrigins: publicOrigins({ site: config.siteUrl, apiOrigin: config.apiOrigin, adminOrigin: config.adminOrigin, allowed: config.allowedOrigins }),
    proxyTrust: proxyTrust(config.trustedProxies),
  };
  registerServices(services);
  return {
    services,
    async stop() {
      clearInterval(purge);
      await dispatcher?.stop();
      registerServices(undefined);
      await outbox.close();
    },
  };
}

/** Every citable paragraph of every published version and of its Spanish translation, for the no-JavaScript search. */
function publishedParagraphs(site: SiteContext): SearchDocument[] {
  const documents: SearchDocument[] = [];
  for (const version of site.catalog.versions) {
    const versionId = version.manifest.id;
    version.sections.forEach((section, index) => {
      for (const paragraph of sectionParagraphs(section)) {
        documents.push({
          id: `${versionId}/${paragraph.anchor}`,
          version: versionId,
          sectionId: section.id,
          sectionTitle: section.title,
          sectionNumber: index + 1,
          n: paragraph.n,
          anchor: paragraph.anchor,
          text: paragraph.text,
        });
      }
      const spanish = translatedSection(version, 'es', section.id);
      for (const paragraph of spanish ? sectionParagraphs(spanish) : []) {
        documents.push({
          id: `${versionId}/es/${paragraph.anchor}`,
          version: versionId,
          sectionId: section.id,
          sectionTitle: spanish!.title,
          sectionNumber: index + 1,
          n: paragraph.n,
          anchor: paragraph.anchor,
          text: paragraph.text,
          language: 'es',
        });
      }
    });
  }
  return documents;
}
