/**
 * Every setting Consulta reads from its environment, in one schema, parsed
 * once at start-up by the entry point (the server, a script, the build) and
 * handed to the rest of the code as plain values. Nothing else reads
 * the environment: a wrong value stops the process at start with one line that
 * names the variable, instead of surfacing as a strange failure on the first
 * comment.
 *
 * `SETTINGS` documents each variable; `.env.example` and the README's table
 * are tested against it (tests/unit/config), so the three cannot drift apart.
 */
import { z } from 'zod';
import { DECAP_SERVER_PORT } from '../cms/config.ts';
import { DEFAULT_SCOPE, OAUTH_SCOPES, type OAuthConfig } from '../cms/oauth.ts';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits, type Rate, type WorkshopAllowance } from '../comments/limits.ts';
import { DEFAULT_PACE, type PaceOptions } from '../comments/pace.ts';
import { DEFAULT_GITHUB_API_URL, type GitHubConfig } from '../github/octokit.ts';
import { MailConfigError, parseMailbox, type Mailbox } from '../mail/address.ts';
import { imapEndpoint } from '../mail/inbox.ts';
import { smtpEndpoint } from '../mail/transport.ts';
import { parseAddressList } from '../security/client-address.ts';

/** An environment variable has a value that cannot be used; the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Who reads a setting: the running server, `npm run build`, the command-line scripts, or `npm run dev`. */
type SettingReader = 'server' | 'build' | 'scripts' | 'dev';

/** One environment variable, as a maintainer needs to know it. */
export interface SettingDefinition {
  name: string;
  /** One sentence: what it is for. */
  description: string;
  /** What applies when it is not set, in words. */
  default: string;
  /** A secret: never logged, never in the browser bundle, kept out of `.env.example` values. */
  secret?: boolean;
  /** An example value for `.env.example`. */
  example?: string;
  readBy: readonly SettingReader[];
}

/** The names CONSULTA_RATE_LIMITS takes. */
const LIMIT_NAMES = ['verified', 'unverified', 'unverifiedOverall', 'overall', 'workshop'] as const satisfies readonly (keyof IntakeLimits)[];

/** Every setting, in the order `.env.example` and the README list them. */
export const SETTINGS: readonly SettingDefinition[] = [
  { name: 'GITHUB_TOKEN', description: 'A fine-grained token with "Issues: read and write" on the consultation repository (or use a GitHub App).', default: 'none: comments stay in the local outbox', secret: true, readBy: ['server', 'scripts'] },
  { name: 'GITHUB_APP_ID', description: 'GitHub App that files comments (preferred to a token); needs all three GITHUB_APP_* variables.', default: 'none', readBy: ['server', 'scripts'] },
  { name: 'GITHUB_APP_PRIVATE_KEY', description: 'The App’s private key (PEM; line breaks may be written as \\n).', default: 'none', secret: true, readBy: ['server', 'scripts'] },
  { name: 'GITHUB_APP_INSTALLATION_ID', description: 'The App’s installation on the consultation repository.', default: 'none', readBy: ['server', 'scripts'] },
  { name: 'GITHUB_REPOSITORY', description: 'owner/name of the repository that receives comment issues.', default: 'required when GitHub credentials are set', example: 'belize-ncss/strategy', readBy: ['server', 'scripts'] },
  { name: 'GITHUB_API_URL', description: 'GitHub REST API root: GitHub Enterprise Server or a test server.', default: DEFAULT_GITHUB_API_URL, example: DEFAULT_GITHUB_API_URL, readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_DISPATCHER', description: 'server: the web server files comments on GitHub itself (processes sharing an outbox take turns: one holds its filing lane); off: it never does, and npm run comments:sync -- --watch files them.', default: 'server', readBy: ['server'] },
  { name: 'ALTCHA_HMAC_KEY', description: 'Secret that signs proof-of-work challenges: a long random string, kept across restarts.', default: 'a random key per process (challenges issued before a restart then fail)', secret: true, readBy: ['server'] },
  { name: 'COMMENTS_ADDRESS_SALT', description: 'Secret mixed into the hash of a client address, so the hash cannot be reversed: a long random string.', default: 'a random salt per process', secret: true, readBy: ['server'] },
  { name: 'CONSULTA_FILING_LEASE_SECONDS', description: 'How long the filing lane stays a process’s without renewal (renewed every third of it): when the process filing comments dies, another takes over this long after. A comment it was filing waits five times as long, then is looked for on GitHub by its marker before it is filed again.', default: '60', readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_FILING_PACE', description: 'Most issues (and labels) the filing process creates a minute and an hour, as "a minute,an hour"; creates are spaced evenly within the minute. The default keeps under github.com\'s secondary limits (80 a minute, 500 an hour) with room for maintainers\' own work; change it only for a GitHub Enterprise Server whose administrators set other limits.', default: '40,450', example: '40,450', readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_BATCH_FILING_AFTER_HOURS', description: 'Batch filing: while filing every waiting comment as an issue of its own, at the pace, would take longer than this many hours, comments on the same section are filed together, up to 50 in one issue, each with its reference and all its fields (docs/architecture.md, "Batch filing"). Filing goes back to one issue per comment when the forecast falls under it.', default: 'none: always one issue per comment', example: '24', readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_DATA_DIR', description: 'Folder of the outbox database (SQLite) and other server data.', default: 'var', example: 'var', readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_DATABASE_URL', description: 'PostgreSQL database (postgres://user:password@host:5432/name) shared by several servers: the outbox, used proof-of-work challenges, rate-limit counters and the e-mail send log live there instead of the SQLite files in CONSULTA_DATA_DIR, so the mail scripts can run on any server. Every server then needs the same ALTCHA_HMAC_KEY and COMMENTS_ADDRESS_SALT. npm run outbox:migrate copies an existing SQLite outbox and send log into it (docs/deploy.md, "Several servers").', default: 'none: the outbox and send log are SQLite in CONSULTA_DATA_DIR', secret: true, readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_SITE_URL', description: 'Public address of the site: links in the build, and an origin trusted to post comments.', default: 'http://localhost:4321', example: 'https://consult.example.gov.bz', readBy: ['build', 'server', 'scripts'] },
  { name: 'CONSULTA_API_ORIGIN', description: 'This server’s public origin when the pages are elsewhere (GitHub Pages); set it for the Pages build too, so the forms post here.', default: 'the pages’ own origin', readBy: ['build', 'server'] },
  { name: 'CONSULTA_ADMIN_ORIGIN', description: 'Origin editors use for /admin and the OAuth callback, when it differs from the address the server sees.', default: 'the request’s origin', readBy: ['server'] },
  { name: 'CONSULTA_ALLOWED_ORIGINS', description: 'More origins whose pages may post comments, comma-separated.', default: 'none', readBy: ['server'] },
  { name: 'CONSULTA_TRUSTED_PROXIES', description: 'Addresses or CIDR ranges of the reverse proxies in front of this server, comma-separated (also loopback, linklocal, uniquelocal); only a request from one of them has its client taken from X-Forwarded-For.', default: 'none: the TCP peer is the client', example: '127.0.0.1', readBy: ['server'] },
  { name: 'CONSULTA_RATE_LIMITS', description: 'Comment limits as name=comments/seconds, comma-separated; names: verified, unverified (per client), unverifiedOverall, overall (all clients), workshop (per workshop address).', default: describeLimits(DEFAULT_INTAKE_LIMITS), example: describeLimits(DEFAULT_INTAKE_LIMITS), readBy: ['server'] },
  { name: 'CONSULTA_WORKSHOP_ADDRESSES', description: 'Addresses or CIDR ranges of a room commenting together (a workshop, a school), comma-separated: each gets the workshop limit until CONSULTA_WORKSHOP_UNTIL.', default: 'none', readBy: ['server'] },
  { name: 'CONSULTA_WORKSHOP_UNTIL', description: 'When the workshop allowance ends (ISO 8601 with offset); required with CONSULTA_WORKSHOP_ADDRESSES, so a forgotten setting expires.', default: 'none', readBy: ['server'] },
  { name: 'CONSULTA_SMTP_URL', description: 'Mail server that sends invitations, acknowledgements and notices: smtp://user:password@host:587 (STARTTLS when offered) or smtps://… (TLS from the start).', default: 'none: e-mail is only written to files for review', secret: true, readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_MAIL_FROM', description: 'The consultation\'s address, which invitations come from and replies go to, e.g. "NCSS consultation <consultation@example.gov.bz>".', default: 'contactEmail in content/site.json', readBy: ['server', 'scripts'] },
  { name: 'CONSULTA_IMAP_URL', description: 'The mailbox replies arrive in, read by npm run comments:mail: imaps://user:password@host/INBOX.', default: 'none: replies are not read', secret: true, readBy: ['scripts'] },
  { name: 'GITHUB_OAUTH_CLIENT_ID', description: 'OAuth app that lets editors log in to /admin with GitHub.', default: 'none: the login is off', readBy: ['server'] },
  { name: 'GITHUB_OAUTH_CLIENT_SECRET', description: 'The OAuth app’s client secret.', default: 'none', secret: true, readBy: ['server'] },
  { name: 'GITHUB_OAUTH_SCOPE', description: 'public_repo for a public repository, repo for a private one.', default: DEFAULT_SCOPE, readBy: ['server'] },
  { name: 'GITHUB_OAUTH_URL', description: 'GitHub’s web origin for the login (GitHub Enterprise, or a test stand-in).', default: 'https://github.com', readBy: ['server'] },
  { name: 'CONSULTA_CMS_REPOSITORY', description: 'Repository the content manager edits, owner/name.', default: 'repository in content/site.json', readBy: ['server'] },
  { name: 'CONSULTA_CMS_BRANCH', description: 'Branch the content manager edits.', default: 'main', readBy: ['server'] },
  { name: 'HOST', description: 'Address the server listens on.', default: 'localhost', readBy: ['server'] },
  { name: 'PORT', description: 'Port the server listens on.', default: '4321', readBy: ['server'] },
  { name: 'SERVER_CERT_PATH', description: 'TLS certificate, when the server itself speaks HTTPS (usually a proxy does); with SERVER_KEY_PATH.', default: 'none: plain HTTP', readBy: ['server'] },
  { name: 'SERVER_KEY_PATH', description: 'TLS private key for SERVER_CERT_PATH.', default: 'none', readBy: ['server'] },
  { name: 'CONSULTA_ROOT', description: 'Folder holding content/ (the repository).', default: 'the working directory', readBy: ['build', 'server', 'scripts'] },
  { name: 'DECAP_SERVER_PORT', description: 'Port of decap-server under npm run dev.', default: String(DECAP_SERVER_PORT), readBy: ['dev'] },
  { name: 'GITHUB_OUTPUT', description: 'Set by GitHub Actions: the file a step writes its outputs to (comments:label-closed writes closed=<versions>).', default: 'none', readBy: ['scripts'] },
  { name: 'CONSULTA_BENCH_NO_COMPARE', description: 'Benchmarks only: 1 builds the site without compare pages.', default: 'compare pages are built', readBy: ['build'] },
  { name: 'CONSULTA_TEST_KILL_AT', description: 'Tests only: comment-committed makes npm run comments:mail kill itself right after committing a comment, before flagging its message, to prove a crash there repeats nothing.', default: 'never', readBy: ['scripts'] },
];

/** The settings as the code uses them. */
export interface Config {
  /** Where the server listens. */
  server: { host: string; port: number; tls: { certPath: string; keyPath: string } | null };
  /** Folder of the outbox and other server data. */
  dataDir: string;
  /** A postgres:// URL for an outbox shared by several servers, or null. */
  databaseUrl: string | null;
  /** Folder holding `content/`. */
  contentRoot: string;
  /** The site's public address, when set. */
  siteUrl: string | null;
  /** The server part's public origin for pages built elsewhere, or '' for the pages' own origin. */
  apiOrigin: string;
  adminOrigin: string | null;
  allowedOrigins: string[];
  /** Addresses and ranges of trusted reverse proxies (validated). */
  trustedProxies: string[];
  limits: IntakeLimits;
  workshop: WorkshopAllowance | null;
  /** Anti-abuse secrets; null when unset (a random one is made per process). */
  secrets: { altchaHmacKey: string | null; addressSalt: string | null };
  /** Null without credentials: comments stay in the outbox. */
  github: GitHubConfig | null;
  /** How long the filing lane lasts without renewal; a claim on one comment lasts five times as long. */
  filingLeaseMs: number;
  /** How fast the filing process creates issues: at most `perMinute` a minute, `perHour` an hour, `minIntervalMs` apart. */
  filingPace: PaceOptions;
  /** CONSULTA_BATCH_FILING_AFTER_HOURS in milliseconds; null: batch filing off. */
  batchFilingAfterMs: number | null;
  /** Whether the web server runs the dispatcher (`server`) or leaves it to another process (`off`). */
  dispatcher: 'server' | 'off';
  /** Null when the editors' login is off. */
  oauth: OAuthConfig | null;
  cms: { repository: string | null; branch: string };
  /** E-mail: where to send from and through, and the mailbox replies arrive in (each checked, or null). */
  mail: { smtpUrl: string | null; from: Mailbox | null; imapUrl: string | null };
  decapServerPort: number;
  /** GitHub Actions' step output file, when running in a workflow. */
  githubOutput: string | null;
  bench: { noCompare: boolean };
  /** Tests only: where comments:mail kills itself. */
  testKillAt: 'comment-committed' | null;
}

type Env = Record<string, string | undefined>;

const KNOWN = new Set(SETTINGS.map((s) => s.name));

/**
 * Reads and checks every setting. Throws a ConfigError whose message starts
 * with the variable's name; never echoes a secret's value.
 */
export function parseConfig(env: Env, options: { cwd?: string } = {}): Config {
  const value = (name: string): string | undefined => {
    if (!KNOWN.has(name)) throw new Error(`setting ${name} is not in SETTINGS`);
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const fail = (name: string, message: string): never => {
    throw new ConfigError(`${name}: ${message}`);
  };
  const parse = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const result = schema.safeParse(raw);
    if (!result.success) {
      const secret = SETTINGS.find((s) => s.name === name)?.secret;
      return fail(name, `${result.error.issues[0]?.message ?? 'invalid'}${secret ? '' : ` (got "${clip(raw)}")`}`);
    }
    return result.data;
  };

  const port = (name: string, fallback: number) => parse(name, z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0 to 65535').max(65535, 'must be 0 to 65535'), fallback);
  const certPath = value('SERVER_CERT_PATH');
  const keyPath = value('SERVER_KEY_PATH');
  if (Boolean(certPath) !== Boolean(keyPath)) fail(certPath ? 'SERVER_KEY_PATH' : 'SERVER_CERT_PATH', 'set both SERVER_CERT_PATH and SERVER_KEY_PATH, or neither');

  const workshopAddresses = parse('CONSULTA_WORKSHOP_ADDRESSES', AddressList, []);
  const workshopUntil = parse('CONSULTA_WORKSHOP_UNTIL', Instant, undefined);
  if (workshopAddresses.length && !workshopUntil) fail('CONSULTA_WORKSHOP_UNTIL', 'set it with CONSULTA_WORKSHOP_ADDRESSES: when the workshop allowance ends');

  return {
    server: { host: value('HOST') ?? 'localhost', port: port('PORT', 4321), tls: certPath && keyPath ? { certPath, keyPath } : null },
    dataDir: value('CONSULTA_DATA_DIR') ?? 'var',
    databaseUrl: parse('CONSULTA_DATABASE_URL', PostgresUrl, null),
    contentRoot: value('CONSULTA_ROOT') ?? options.cwd ?? '.',
    siteUrl: parse('CONSULTA_SITE_URL', HttpUrl, null),
    apiOrigin: parse('CONSULTA_API_ORIGIN', Origin, ''),
    adminOrigin: parse('CONSULTA_ADMIN_ORIGIN', Origin, null),
    allowedOrigins: parse('CONSULTA_ALLOWED_ORIGINS', OriginList, []),
    trustedProxies: parse('CONSULTA_TRUSTED_PROXIES', AddressList, []),
    limits: { ...DEFAULT_INTAKE_LIMITS, ...parse('CONSULTA_RATE_LIMITS', RateLimits, {}) },
    workshop: workshopAddresses.length && workshopUntil ? { addresses: workshopAddresses, until: new Date(workshopUntil) } : null,
    secrets: { altchaHmacKey: value('ALTCHA_HMAC_KEY') ?? null, addressSalt: value('COMMENTS_ADDRESS_SALT') ?? null },
    github: githubConfig(value, fail),
    filingLeaseMs: 1000 * parse('CONSULTA_FILING_LEASE_SECONDS', z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number of seconds').min(1, 'must be at least 1 second').max(3600, 'must be at most 3600 seconds'), 60),
    filingPace: parse('CONSULTA_FILING_PACE', FilingPace, DEFAULT_PACE),
    batchFilingAfterMs: parse('CONSULTA_BATCH_FILING_AFTER_HOURS', Hours, null),
    dispatcher: parse('CONSULTA_DISPATCHER', z.enum(['server', 'off'], { error: 'must be server or off' }), 'server'),
    oauth: oauthConfig(value, fail),
    cms: { repository: parse('CONSULTA_CMS_REPOSITORY', Repository, null), branch: value('CONSULTA_CMS_BRANCH') ?? 'main' },
    mail: mailConfig(value, fail),
    decapServerPort: port('DECAP_SERVER_PORT', DECAP_SERVER_PORT),
    githubOutput: value('GITHUB_OUTPUT') ?? null,
    bench: { noCompare: value('CONSULTA_BENCH_NO_COMPARE') === '1' },
    testKillAt: parse('CONSULTA_TEST_KILL_AT', z.enum(['comment-committed'], { error: 'must be comment-committed' }), null),
  };
}

/** A moment, with its offset so it cannot be read in the wrong time zone: 2026-12-05T18:00-06:00. */
const Instant = z
  .string()
  .refine((s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date and time with an offset, e.g. 2026-12-05T18:00-06:00');

const Repository = z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'must be owner/name');

const PostgresUrl = z.string().refine((s) => /^postgres(ql)?:$/.test(URL.parse(s)?.protocol ?? ''), 'must be a postgres:// URL, e.g. postgres://consulta:password@db.example.gov.bz:5432/consulta');

const HttpUrl = z.string().refine((s) => /^https?:$/.test(URL.parse(s)?.protocol ?? ''), 'must be an http(s) URL');

/** An origin only: scheme, host and port, no path, query or credentials. */
const Origin = z.string().transform((s, ctx) => {
  const url = URL.parse(s);
  if (!url || !/^https?:$/.test(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: 'must be an http(s) origin such as https://consult.example.gov.bz' });
    return z.NEVER;
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'must be an origin only, without path, query or credentials' });
    return z.NEVER;
  }
  return url.origin;
});

const commaList = (s: string) =>
  s
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

const OriginList = z.string().transform((s, ctx) => {
  const out: string[] = [];
  for (const part of commaList(s)) {
    const parsed = Origin.safeParse(part.replace(/\/+$/, ''));
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `"${clip(part)}" ${parsed.error.issues[0]?.message ?? 'is not an origin'}` });
      return z.NEVER;
    }
    out.push(parsed.data);
  }
  return out;
});

const AddressList = z.string().transform((s, ctx) => {
  try {
    return parseAddressList(commaList(s));
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/** `verified=20/600,unverified=5/3600`: comments per seconds. Unset names keep their defaults. */
const RateLimits = z.string().transform((s, ctx) => {
  const out: Partial<Record<keyof IntakeLimits, Rate>> = {};
  for (const part of commaList(s)) {
    const match = /^([A-Za-z]+)=(\d{1,9})\/(\d{1,9})$/.exec(part);
    const name = match?.[1] as (typeof LIMIT_NAMES)[number] | undefined;
    if (!match || !name || !LIMIT_NAMES.includes(name) || Number(match[3]) === 0) {
      ctx.addIssue({ code: 'custom', message: `"${clip(part)}" is not name=comments/seconds (names: ${LIMIT_NAMES.join(', ')}; seconds above 0)` });
      return z.NEVER;
    }
    out[name] = { points: Number(match[2]), durationSeconds: Number(match[3]) };
  }
  return out;
});

/** "40,450": creates a minute, creates an hour; spaced evenly within the minute (40 a minute: 1,500 ms apart). */
/** A number of hours, fractions allowed (0.5 is half an hour), in milliseconds. */
const Hours = z.coerce
  .number({ error: 'must be a number of hours, e.g. 24' })
  .gt(0, 'must be more than 0 hours')
  .max(24 * 365, 'must be at most a year (8760 hours)')
  .transform((hours) => Math.round(hours * 3_600_000));

const FilingPace = z.string().transform((s, ctx): PaceOptions => {
  const match = /^(\d{1,6})\s*,\s*(\d{1,7})$/.exec(s);
  const perMinute = Number(match?.[1]);
  const perHour = Number(match?.[2]);
  if (!match || perMinute < 1 || perHour < 1) {
    ctx.addIssue({ code: 'custom', message: 'must be "creates a minute,creates an hour", both above 0, e.g. 40,450' });
    return z.NEVER;
  }
  return { perMinute, perHour, minIntervalMs: Math.ceil(60_000 / perMinute) };
});

function githubConfig(value: (name: string) => string | undefined, fail: (name: string, message: string) => never): GitHubConfig | null {
  const token = value('GITHUB_TOKEN');
  const appVars = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID'] as const;
  const setAppVars = appVars.filter((name) => value(name));
  if (!token && setAppVars.length === 0) return null;
  let auth: GitHubConfig['auth'];
  if (setAppVars.length > 0) {
    const missing = appVars.filter((name) => !value(name));
    if (missing.length) fail(missing[0]!, `set ${missing.join(' and ')} too (a GitHub App needs all three GITHUB_APP_* variables)`);
    // A key pasted into a .env file often has its line breaks written as \n.
    auth = { kind: 'app', appId: value('GITHUB_APP_ID')!, privateKey: value('GITHUB_APP_PRIVATE_KEY')!.replace(/\\n/g, '\n'), installationId: value('GITHUB_APP_INSTALLATION_ID')! };
  } else {
    auth = { kind: 'token', token: token! };
  }
  const repository = value('GITHUB_REPOSITORY');
  const match = repository ? /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(repository) : null;
  if (!match) fail('GITHUB_REPOSITORY', 'set it to owner/name, the repository that receives comment issues');
  const apiUrl = value('GITHUB_API_URL') ?? DEFAULT_GITHUB_API_URL;
  if (!/^https?:$/.test(URL.parse(apiUrl)?.protocol ?? '')) fail('GITHUB_API_URL', `must be an http(s) URL (got "${clip(apiUrl)}")`);
  return { owner: match[1]!, repo: match[2]!, baseUrl: apiUrl.replace(/\/+$/, ''), auth };
}

function oauthConfig(value: (name: string) => string | undefined, fail: (name: string, message: string) => never): OAuthConfig | null {
  const clientId = value('GITHUB_OAUTH_CLIENT_ID');
  const clientSecret = value('GITHUB_OAUTH_CLIENT_SECRET');
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret) fail(clientId ? 'GITHUB_OAUTH_CLIENT_SECRET' : 'GITHUB_OAUTH_CLIENT_ID', 'set both GITHUB_OAUTH_CLIENT_ID and GITHUB_OAUTH_CLIENT_SECRET');
  const scope = value('GITHUB_OAUTH_SCOPE') ?? DEFAULT_SCOPE;
  if (!(OAUTH_SCOPES as readonly string[]).includes(scope)) fail('GITHUB_OAUTH_SCOPE', `must be ${OAUTH_SCOPES.join(' or ')}`);
  const githubUrl = (value('GITHUB_OAUTH_URL') ?? 'https://github.com').replace(/\/+$/, '');
  if (!/^https?:$/.test(URL.parse(githubUrl)?.protocol ?? '')) fail('GITHUB_OAUTH_URL', 'must be an http(s) URL');
  return { clientId: clientId, clientSecret: clientSecret, scope, githubUrl };
}

function mailConfig(value: (name: string) => string | undefined, fail: (name: string, message: string) => never): Config['mail'] {
  const checked = <T>(name: string, check: (raw: string) => T): T | null => {
    const raw = value(name);
    if (raw === undefined) return null;
    try {
      return check(raw);
    } catch (error) {
      if (error instanceof MailConfigError) return fail(name, error.message.replace(new RegExp(`^${name}:? `), ''));
      throw error;
    }
  };
  return {
    smtpUrl: checked('CONSULTA_SMTP_URL', (raw) => (smtpEndpoint(raw), raw)),
    from: checked('CONSULTA_MAIL_FROM', (raw) => parseMailbox(raw, 'CONSULTA_MAIL_FROM')),
    imapUrl: checked('CONSULTA_IMAP_URL', (raw) => (imapEndpoint(raw), raw)),
  };
}

/** `verified=20/600,…`: the limits as CONSULTA_RATE_LIMITS writes them. */
export function describeLimits(limits: IntakeLimits): string {
  return LIMIT_NAMES.map((name) => `${name}=${limits[name].points}/${limits[name].durationSeconds}`).join(',');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
