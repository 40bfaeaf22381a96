/** npm run invite -- --version <v> --list <stakeholders.csv> [--send | --out <folder>]: invitations and reminders by e-mail. */
import type { Outbox } from '../src/lib/comments/outbox.ts';
import { openCommentStore, outboxExists, outboxLocation } from '../src/lib/comments/store.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main, parseOptions, UsageError } from './lib/main.ts';
import { parseConfig } from '../src/lib/config/settings.ts';
import { newMessageId, parseMailbox } from '../src/lib/mail/address.ts';
import { composeMessage, type MailAttachment, type MailingContext, type MailKind } from '../src/lib/mail/compose.ts';
import { chooseRecipients, failureText, sendMailing } from '../src/lib/mail/mailing.ts';
import { openSendLogAt, sendLogExists, sendLogLocation } from '../src/lib/mail/send-log-store.ts';
import { parseStakeholderList, type Stakeholder } from '../src/lib/mail/stakeholders.ts';
import { renderEml, smtpEndpoint, smtpSender } from '../src/lib/mail/transport.ts';
import { versionPdf } from '../src/lib/mail/version-pdf.ts';
import { loadSiteSettings } from '../src/lib/site/settings.ts';
import { commentState, loadCatalog } from '../src/lib/strategy/catalog.ts';

const DEFAULT_PACE = 20;

const usage = `
Usage: npm run invite -- --version <v> --list <stakeholders.csv> (--out <folder> | --send) [options]

Writes one personal e-mail per stakeholder on the list, inviting them to
comment on a version (or, with --reminder, reminding them): what is consulted
and why their view matters, the deadline in the version's time zone, a link to
the version, the three ways to respond and the reply address, in English or
Spanish as the list says.

The list is a CSV file whose first row names the columns, in any order:
  name, email, organisation, sector, language (en or es; en when left out)
Every problem (no address, a malformed or repeated address, an unknown sector
or language, an unknown column) is listed with its line number, and nothing
is written or sent until the list is clean, unless --skip-invalid.

  --out <folder>      Write the messages as .eml files to review; send nothing
  --send              Send them through CONSULTA_SMTP_URL, at --pace, recording
                      each in the send log (the database of
                      CONSULTA_DATABASE_URL when set, else
                      $CONSULTA_DATA_DIR/mail.sqlite): a re-run, here or on
                      another server, never sends a message twice and retries
                      the ones that failed; exits 1 listing what failed
  --reminder          A reminder instead, only to those the send log shows as
                      invited and not to those who have commented on the
                      version from their address (by e-mail, or on the form
                      asking to be told of the answer)
  --attach pdf        Attach a PDF of the version, printed from the built site
                      (npm run build first) by Chromium (optional)
  --skip-invalid      Go on with the clean rows of a list that has problems
  --pace <n>          Messages per minute when sending (default ${DEFAULT_PACE})
  --forget            Delete this version's rows (and addresses) from the send
                      log, once its consultation is over; sends nothing
  --site-url <url>    The public site (default: $CONSULTA_SITE_URL, else http://localhost:4321)
  --data-dir <dir>    Where the send log and outbox live when CONSULTA_DATABASE_URL
                      is not set (default: $CONSULTA_DATA_DIR, else var)
  --chromium <path>   Chromium for --attach pdf (default /usr/bin/chromium)
  --root <dir>        Repository root (default: current directory)
  -h, --help          Show this help

Settings (environment):
  CONSULTA_SMTP_URL   smtp://user:password@host:587 (STARTTLS when offered)
                      or smtps://user:password@host (TLS); needed for --send
  CONSULTA_MAIL_FROM  The consultation's address, e.g.
                      "NCSS consultation <consultation@example.gov.bz>"; replies
                      go there (default: contactEmail in content/site.json)
  CONSULTA_DATABASE_URL  postgres://…: the send log (table mail_sends) and the
                      outbox are kept there, shared by every server
`;

const who = (s: Stakeholder) => `line ${s.line}${s.name ? ` (${s.name})` : ''}`;

function fileName(index: number, kind: MailKind, s: Stakeholder): string {
  const slug =
    (s.name || s.email.split('@')[0]!)
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || `line-${s.line}`;
  return `${String(index + 1).padStart(3, '0')}-${kind}-${slug}.eml`;
}

await main('invite', usage, async (argv) => {
  const { values } = parseOptions(argv, {
    options: {
      version: { type: 'string' },
      list: { type: 'string' },
      out: { type: 'string' },
      send: { type: 'boolean', default: false },
      reminder: { type: 'boolean', default: false },
      attach: { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false },
      pace: { type: 'string' },
      forget: { type: 'boolean', default: false },
      'site-url': { type: 'string' },
      'data-dir': { type: 'string' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      root: { type: 'string', default: process.cwd() },
    },
  });
  if (!values.version) throw new UsageError('give the version to invite comments on, e.g. --version v0.2 (see --help)');
  const root = resolve(values.root);
  const config = parseConfig(process.env, { cwd: process.cwd() });
  const dataDir = resolve(root, values['data-dir'] ?? config.dataDir);

  if (values.forget) {
    const log = await openSendLogAt(sendLogLocation({ databaseUrl: config.databaseUrl, dataDir }));
    try {
      const n = await log.forgetVersion(values.version);
      console.log(`deleted ${n} send-log row${n === 1 ? '' : 's'} of ${values.version} from ${log.path}`);
    } finally {
      await log.close();
    }
    return;
  }

  if (!values.list) throw new UsageError('give the stakeholder list, e.g. --list content/stakeholders.example.csv (see --help)');
  if (values.send === (values.out !== undefined)) throw new UsageError('give either --out <folder> (write the messages to review) or --send (send them)');
  if (values.attach !== undefined && values.attach !== 'pdf') throw new UsageError(`--attach takes pdf, not "${values.attach}"`);
  const pace = values.pace === undefined ? DEFAULT_PACE : Number(values.pace);
  if (!Number.isFinite(pace) || pace <= 0) throw new UsageError('--pace must be a number of messages per minute above 0');
  const siteUrl = values['site-url'] ?? config.siteUrl ?? 'http://localhost:4321';
  if (!/^https?:\/\/[^/]+/.test(siteUrl)) throw new UsageError(`--site-url must be an http(s) address, not "${siteUrl}"`);
  const smtpUrl = config.mail.smtpUrl;
  if (values.send && !smtpUrl) throw new UsageError('--send needs CONSULTA_SMTP_URL, e.g. smtp://user:password@mail.example.gov.bz:587');

  const settings = loadSiteSettings(root);
  const now = new Date();
  const catalog = loadCatalog(root, settings, now);
  const version = catalog.byId.get(values.version);
  if (!version) throw new UsageError(`unknown version "${values.version}" (published: ${catalog.versions.map((v) => v.manifest.id).join(', ') || 'none'})`);
  const state = commentState(version, now);
  if (state !== 'open' && state !== 'upcoming') {
    throw new UsageError(`${values.version} is not open for comment (${state === 'closed' ? 'its consultation has closed' : `its status is ${version.manifest.status}`})`);
  }
  const kind: MailKind = values.reminder ? 'reminder' : 'invitation';
  const from = config.mail.from ?? parseMailbox(settings.contactEmail, 'contactEmail in content/site.json');

  let listText: string;
  try {
    listText = readFileSync(resolve(values.list), 'utf8');
  } catch {
    throw new UsageError(`cannot read the list ${values.list}`);
  }
  const list = parseStakeholderList(listText);
  for (const problem of list.problems) console.error(`${values.list}, line ${problem.line}: ${problem.message}`);
  if (list.problems.length && !values['skip-invalid']) {
    throw new UsageError(`${list.problems.length} problem${list.problems.length === 1 ? '' : 's'} in ${values.list}: nothing ${values.send ? 'sent' : 'written'} (fix the list, or use --skip-invalid)`);
  }
  if (list.stakeholders.length === 0) throw new UsageError(`no stakeholder on ${values.list} can be written to`);

  // Messages written for review touch no send log; only a reminder reads one, if there is one.
  const logLocation = sendLogLocation({ databaseUrl: config.databaseUrl, dataDir });
  const log = values.send || (kind === 'reminder' && sendLogExists(logLocation)) ? await openSendLogAt(logLocation) : undefined;
  // Whether a stakeholder has commented through a channel that carries their address: the outbox keeps a keyed hash of it.
  const location = outboxLocation({ databaseUrl: config.databaseUrl, dataDir });
  let outbox: Outbox | undefined;
  try {
    outbox = kind === 'reminder' && outboxExists(location) ? (await openCommentStore(location)).outbox : undefined;
  } catch (error) {
    await log?.close();
    throw error;
  }
  try {
    const invited = (await log?.sentTo(values.version, 'invitation')) ?? new Set<string>();
    const commented = new Set<string>();
    for (const { email } of outbox ? list.stakeholders : []) {
      if (await outbox!.commentedFrom(email.toLowerCase(), values.version)) commented.add(email.toLowerCase());
    }
    const { recipients, excluded } = chooseRecipients(list.stakeholders, kind, invited, (address) => commented.has(address));
    for (const { stakeholder, reason } of excluded) {
      console.log(`${who(stakeholder)}: no reminder (${reason === 'not-invited' ? 'the send log shows no invitation sent' : 'has commented already'})`);
    }
    if (recipients.length === 0) {
      console.log(`nobody to write to: ${kind === 'reminder' ? 'no one on the list was sent an invitation to this version' : 'the list is empty'}`);
      return 0;
    }

    let attachment: MailAttachment | undefined;
    if (values.attach === 'pdf') {
      console.log(`printing ${values.version} to PDF with Chromium…`);
      const content = await versionPdf({ clientDir: join(root, 'dist/client'), version: values.version, chromium: values.chromium });
      attachment = { filename: `${settings.strategyTitle.replace(/[^\p{L}\p{N}]+/gu, '-')}-${values.version}.pdf`, contentType: 'application/pdf', content };
    }
    const context: MailingContext = {
      kind,
      version,
      strategyTitle: settings.strategyTitle,
      owner: settings.owner,
      purpose: settings.purpose,
      country: settings.country,
      repository: settings.repository,
      timeZoneLabel: settings.timeZoneLabel,
      siteUrl: siteUrl.replace(/\/+$/, ''),
      from,
      now,
      ...(attachment ? { attachment } : {}),
    };

    if (!values.send) {
      const out = resolve(values.out!);
      mkdirSync(out, { recursive: true });
      for (const [index, stakeholder] of recipients.entries()) {
        const message = composeMessage(context, stakeholder, newMessageId(from));
        writeFileSync(join(out, fileName(index, kind, stakeholder)), await renderEml(message, now));
      }
      console.log(`wrote ${recipients.length} ${kind}${recipients.length === 1 ? '' : 's'} to ${values.out} to review; nothing was sent (--send sends them)`);
      return 0;
    }

    const endpoint = smtpEndpoint(smtpUrl!);
    console.log(`sending ${recipients.length} ${kind}${recipients.length === 1 ? '' : 's'} through ${endpoint.host}:${endpoint.port} at ${pace} a minute…`);
    const sender = smtpSender(smtpUrl!);
    try {
      const report = await sendMailing(recipients, {
        version: values.version,
        kind,
        compose: (stakeholder, messageId) => composeMessage(context, stakeholder, messageId),
        newMessageId: () => newMessageId(from),
        log: log!,
        sender,
        perMinute: pace,
        onEvent(event, index, total) {
          const step = `[${index + 1}/${total}] ${who(event.stakeholder)}`;
          if (event.type === 'sent') console.log(`${step}: sent${event.retry ? ` (again, after ${event.retry === 'failed' ? 'a failure' : 'an interrupted run'})` : ''}`);
          else if (event.type === 'skipped') console.log(`${step}: ${event.reason === 'sent' ? 'already sent' : 'being sent by another run'}`);
          else console.log(`${step}: failed: ${failureText(event.failure)}`);
        },
      });
      console.log(`${report.sent.length} sent, ${report.skipped.length} already sent, ${report.failed.length} failed`);
      if (report.failed.length) {
        console.error(`invite: ${report.failed.length} message${report.failed.length === 1 ? '' : 's'} not sent; run the command again to retry ${report.failed.length === 1 ? 'it' : 'them'}:`);
        for (const { stakeholder, failure } of report.failed) console.error(`  ${who(stakeholder)}: ${failureText(failure)}`);
        return 1;
      }
      return 0;
    } finally {
      sender.close();
    }
  } finally {
    await log?.close();
    await outbox?.close();
  }
});
