/** npm run notify -- --version <v>: tell commenters who asked that their comment has been answered. */
import { outboxExists, outboxLocation } from '../src/lib/comments/store.ts';
import { resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { listFeedbackReports, loadFeedbackReport } from '../src/lib/feedback/report-file.ts';
import { newMessageId, parseMailbox } from '../src/lib/mail/address.ts';
import { failureText } from '../src/lib/mail/mailing.ts';
import { sendNotices } from '../src/lib/mail/notify.ts';
import { describeForgotten, openMailStores } from '../src/lib/mail/mail-stores.ts';
import { smtpEndpoint, smtpSender } from '../src/lib/mail/transport.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { adoptedVersions, loadCatalog } from '../src/lib/strategy/catalog.ts';

const DEFAULT_PACE = 20;

const usage = `
Usage: npm run notify -- (--version <v> | --all) [options]

E-mails each commenter who ticked "E-mail me when my comment is answered" and
whose comment now has the maintainers' response in the committed feedback
report (content/feedback/<v>.json), in the language of the page they wrote on:
the decision, the response, the change that addressed it and the comment's
status page. Each notice is sent once (recorded in the send log by the
comment, never by the address), and the address is deleted as soon as it has
gone. A re-run sends nothing twice; a notice the mail server refused is tried
again on the next run. Addresses of adopted versions are deleted first.

Options:
  --version <v>       The version whose report to read; repeat for several
  --all               Every version with a committed report
  --pace <n>          Messages per minute (default ${DEFAULT_PACE})
  --site-url <url>    Where the status page is (default: $CONSULTA_API_ORIGIN,
                      else $CONSULTA_SITE_URL, else http://localhost:4321)
  --data-dir <dir>    Outbox and send log folder when CONSULTA_DATABASE_URL is not
                      set (default: $CONSULTA_DATA_DIR, else var)
  --root <dir>        Repository root (default: current directory)
  -h, --help          Show this help

Settings (environment):
  CONSULTA_SMTP_URL   smtp://user:password@host:587 (STARTTLS when offered) or smtps://…
  CONSULTA_MAIL_FROM  The consultation's address (default: contactEmail in content/site.json)
  CONSULTA_DATABASE_URL  postgres://…: the outbox and the send log (table
                      mail_sends) are there, shared by every server
`;

await main('notify', usage, async (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      version: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      pace: { type: 'string' },
      'site-url': { type: 'string' },
      'data-dir': { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const root = resolve(values.root);
  if (!values.all && !values.version?.length) throw new UsageError('give the version whose answers to tell, e.g. --version v0.2, or --all (see --help)');
  const pace = values.pace === undefined ? DEFAULT_PACE : Number(values.pace);
  if (!Number.isFinite(pace) || pace <= 0) throw new UsageError('--pace must be a number of messages per minute above 0');
  const config = parseConfig(process.env, { cwd: process.cwd() });
  const statusOrigin = values['site-url'] ?? (config.apiOrigin || config.siteUrl || 'http://localhost:4321');
  if (!/^https?:\/\/[^/]+/.test(statusOrigin)) throw new UsageError(`--site-url must be an http(s) address, not "${statusOrigin}"`);
  const smtpUrl = config.mail.smtpUrl;
  if (!smtpUrl) throw new UsageError('CONSULTA_SMTP_URL is not set: notices need a mail server, e.g. smtp://user:password@mail.example.gov.bz:587');

  const settings = loadSiteSettings(root);
  const catalog = loadCatalog(root, settings, new Date());
  const versions = values.all ? listFeedbackReports(root) : values.version!;
  for (const version of versions) {
    if (!catalog.byId.has(version)) throw new UsageError(`unknown version "${version}" (published: ${catalog.versions.map((v) => v.manifest.id).join(', ') || 'none'})`);
  }
  const dataDir = resolve(root, values['data-dir'] ?? config.dataDir);
  const location = outboxLocation({ databaseUrl: config.databaseUrl, dataDir });
  if (!outboxExists(location)) {
    console.log(`no outbox in ${dataDir}: nobody has asked to be told of an answer`);
    return 0;
  }
  const from = config.mail.from ?? parseMailbox(settings.contactEmail, 'contactEmail in content/site.json');
  const endpoint = smtpEndpoint(smtpUrl);
  const sender = smtpSender(smtpUrl);
  const stores = await openMailStores({ databaseUrl: config.databaseUrl, dataDir }, adoptedVersions(catalog), location).catch((error: unknown) => {
    sender.close();
    throw error;
  });
  const { outbox, log } = stores;
  let failed = 0;
  try {
    const forgotten = describeForgotten(stores.forgotten);
    if (forgotten) console.log(forgotten);
    for (const version of versions) {
      const report = loadFeedbackReport(root, version);
      const waiting = (await outbox.notifyRequests(version)).length;
      if (!report) {
        console.log(`${version}: no committed report yet; ${waiting} commenter${waiting === 1 ? '' : 's'} waiting for an answer`);
        continue;
      }
      if (waiting) console.log(`${version}: ${waiting} commenter${waiting === 1 ? '' : 's'} asked to be told; sending through ${endpoint.host}:${endpoint.port} at ${pace} a minute…`);
      const summary = await sendNotices({
        version,
        outbox,
        report,
        log,
        sender,
        mail: { strategyTitle: settings.strategyTitle, owner: settings.owner, from, statusOrigin },
        newMessageId: () => newMessageId(from),
        perMinute: pace,
        onEvent(event) {
          if (event.type === 'sent') console.log(`  ${event.reference}: notice sent, address deleted`);
          else if (event.type === 'already-sent') console.log(`  ${event.reference}: notice sent by an earlier run, address deleted`);
          else if (event.type === 'in-progress') console.log(`  ${event.reference}: being sent by another run`);
          else if (event.type === 'failed') console.log(`  ${event.reference}: not sent: ${failureText(event.failure)}`);
        },
      });
      failed += summary.failed;
      console.log(`${version}: ${summary.sent} sent, ${summary.alreadySent} sent before, ${summary.waiting} still without a response, ${summary.failed} failed`);
    }
  } finally {
    sender.close();
    await stores.close();
  }
  if (failed) {
    console.error(`notify: ${failed} notice${failed === 1 ? '' : 's'} not sent; run the command again to retry`);
    return 1;
  }
  return 0;
});
