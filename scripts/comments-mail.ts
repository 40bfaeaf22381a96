/** npm run comments:mail -- [--watch]: comments sent by e-mail, from the reply mailbox into the outbox. */
import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { newMessageId, parseMailbox } from '../src/lib/mail/address.ts';
import { imapEndpoint, openInbox, type Inbox } from '../src/lib/mail/inbox.ts';
import { mailPlaces } from '../src/lib/mail/mail-comment.ts';
import { takeMailComments, type MailIntakeEvent } from '../src/lib/mail/mail-intake.ts';
import { failureText } from '../src/lib/mail/mailing.ts';
import { describeForgotten, openMailStores } from '../src/lib/mail/mail-stores.ts';
import { smtpSender } from '../src/lib/mail/transport.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { adoptedVersions, loadCatalog } from '../src/lib/strategy/catalog.ts';

const DEFAULT_INTERVAL = 60;

const usage = `
Usage: npm run comments:mail -- [options]

Reads the new messages of the reply mailbox (CONSULTA_IMAP_URL) and makes each
one a comment in the outbox (channel e-mail), which the dispatcher files as an
issue like any other: the version from the invitation it answers (or a version
it names), the section and paragraph from a line such as "Section 3, paragraph
2" or "Section: governance", without the quoted original, the signature or the
sender's address. Its sender gets an acknowledgement with the comment's
reference and status page, in the language they wrote in (needs
CONSULTA_SMTP_URL; sent once, recorded in the send log: in the database of
CONSULTA_DATABASE_URL when set, else $CONSULTA_DATA_DIR/mail.sqlite, so with
PostgreSQL this can run on any server). Only then is the
message flagged as read (or moved, --folder), so a run that stops half way
makes no comment twice: a comment's id comes from the message's Message-ID.

Messages that cannot be a comment (a bounce, an automatic reply, no text, only
an attachment) are left unread in the mailbox, never acknowledged, and listed
by npm run comments:list -- --unreadable.

Options:
  --watch             Keep reading, every --interval seconds, until stopped (SIGTERM)
  --interval <s>      Seconds between two reads with --watch (default ${DEFAULT_INTERVAL})
  --folder <name>     Move processed messages to this folder (created when missing,
                      e.g. Consulta/Processed) instead of flagging them as read
  --site-url <url>    Where the status page is, for acknowledgements (default:
                      $CONSULTA_API_ORIGIN, else $CONSULTA_SITE_URL, else http://localhost:4321)
  --data-dir <dir>    Outbox and send log folder when CONSULTA_DATABASE_URL is not
                      set (default: $CONSULTA_DATA_DIR, else var)
  --root <dir>        Repository root (default: current directory)
  -h, --help          Show this help

Settings (environment):
  CONSULTA_IMAP_URL   imaps://user:password@host/INBOX: the mailbox replies arrive in
  CONSULTA_SMTP_URL   smtp://user:password@host:587: acknowledgements go through it
  CONSULTA_MAIL_FROM  The consultation's address (default: contactEmail in content/site.json)
  CONSULTA_DATABASE_URL  postgres://…: the outbox and the send log (table
                      mail_sends) are there, shared by every server
`;

await main('comments:mail', usage, async (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      watch: { type: 'boolean', default: false },
      interval: { type: 'string' },
      folder: { type: 'string' },
      'site-url': { type: 'string' },
      'data-dir': { type: 'string' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  const interval = values.interval === undefined ? DEFAULT_INTERVAL : Number(values.interval);
  if (!Number.isFinite(interval) || interval <= 0) throw new UsageError('--interval must be a number of seconds above 0');
  if (values.folder !== undefined && !values.folder.split('/').some(Boolean)) throw new UsageError('--folder must name a folder, e.g. Consulta/Processed');
  const config = parseConfig(process.env, { cwd: process.cwd() });
  const imapUrl = config.mail.imapUrl;
  if (!imapUrl) throw new UsageError('CONSULTA_IMAP_URL is not set: give the mailbox replies arrive in, e.g. imaps://user:password@mail.example.gov.bz/INBOX');
  const statusOrigin = values['site-url'] ?? (config.apiOrigin || config.siteUrl || 'http://localhost:4321');
  if (!/^https?:\/\/[^/]+/.test(statusOrigin)) throw new UsageError(`--site-url must be an http(s) address, not "${statusOrigin}"`);

  const root = resolve(values.root);
  const dataDir = resolve(root, values['data-dir'] ?? config.dataDir);
  const settings = loadSiteSettings(root);
  const catalog = loadCatalog(root, settings, new Date());
  const from = config.mail.from ?? parseMailbox(settings.contactEmail, 'contactEmail in content/site.json');
  const endpoint = imapEndpoint(imapUrl);
  const sender = config.mail.smtpUrl ? smtpSender(config.mail.smtpUrl) : null;
  if (!sender) console.log('no CONSULTA_SMTP_URL: comments are taken, but nobody is sent an acknowledgement');

  const stores = await openMailStores({ databaseUrl: config.databaseUrl, dataDir }, adoptedVersions(catalog));
  const { outbox, log } = stores;
  const forgotten = describeForgotten(stores.forgotten);
  if (forgotten) console.log(forgotten);

  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const setAside = new Set<number>();
  let inbox: Inbox | undefined;
  let failed = false;
  try {
    for (;;) {
      try {
        if (!inbox) {
          inbox = await openInbox(imapUrl);
          console.log(`reading ${endpoint.folder} on ${endpoint.host}:${endpoint.port}${values.watch ? ` every ${interval} s until stopped` : ''}…`);
        }
        const summary = await takeMailComments({
          inbox,
          outbox,
          log,
          sender,
          mail: { strategyTitle: settings.strategyTitle, owner: settings.owner, from, statusOrigin },
          places: mailPlaces(catalog, new Date()),
          versions: catalog.versions.map((v) => v.manifest.id),
          newMessageId: () => newMessageId(from),
          ...(values.folder ? { processedFolder: values.folder } : {}),
          setAside,
          onEvent: (event) => console.log(describe(event)),
          shouldStop: () => stop.signal.aborted,
          ...(config.testKillAt === 'comment-committed' ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') } : {}),
        });
        const total = summary.comments + summary.duplicates;
        if (total || summary.unreadable || summary.retry || !values.watch) {
          console.log(
            `comments:mail: ${summary.comments} new comment${summary.comments === 1 ? '' : 's'}` +
              (summary.duplicates ? ` (and ${summary.duplicates} taken before)` : '') +
              `, ${summary.acknowledged} acknowledged, ${summary.unreadable} left in the mailbox as unreadable` +
              (summary.retry ? `, ${summary.retry} to try again` : ''),
          );
        }
      } catch (error) {
        // In a --watch loop a dropped connection is met by reconnecting on the next round.
        if (!values.watch || (error as Error).name !== 'InboxError') throw error;
        console.error(`comments:mail: ${(error as Error).message}; trying again in ${interval} s`);
        failed = true;
        await inbox?.close().catch(() => {});
        inbox = undefined;
      }
      if (!values.watch || stop.signal.aborted) break;
      try {
        await sleep(interval * 1000, undefined, { signal: stop.signal });
      } catch {
        break;
      }
    }
    if (values.watch) console.log(`comments:mail: stopped${failed ? ' (the mailbox failed at least once; see above)' : ''}`);
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await inbox?.close();
    sender?.close();
    await stores.close();
  }
});

function describe(event: MailIntakeEvent): string {
  switch (event.type) {
    case 'comment': {
      const ack = event.acknowledged === 'sent' ? 'acknowledged' : event.acknowledged === 'already' ? 'acknowledged before' : 'not acknowledged';
      return `message ${event.uid}: ${event.reference}${event.duplicate ? ' (taken before)' : ''}, a comment on ${event.version} § ${event.section}; ${ack}`;
    }
    case 'unreadable':
      return `message ${event.uid}: left in the mailbox, ${event.reason}: ${event.detail}${event.first ? '' : ' (seen before)'}`;
    case 'ack-failed':
      return `message ${event.uid}: ${event.reference} taken, but its acknowledgement failed: ${failureText(event.failure)}${event.retry ? '; left unread to try again' : ''}`;
    case 'ack-busy':
      return `message ${event.uid}: ${event.reference} taken; its acknowledgement is being sent by another run, so the message is left unread for now`;
  }
}
