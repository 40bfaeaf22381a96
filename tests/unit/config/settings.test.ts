import { describe, expect, it } from 'vitest';
import { ConfigError, describeLimits, parseConfig } from '../../../src/lib/config/settings.ts';
import { DEFAULT_INTAKE_LIMITS } from '../../../src/lib/comments/limits.ts';

const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const failure = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('parseConfig accepted the settings');
};

describe('the settings', () => {
  it('have working defaults: nothing to set for npm start', () => {
    const config = parseConfig({}, { cwd: '/srv/consulta' });
    expect(config).toMatchObject({
      server: { host: 'localhost', port: 4321, tls: null },
      dataDir: 'var',
      contentRoot: '/srv/consulta',
      siteUrl: null,
      apiOrigin: '',
      trustedProxies: [],
      limits: DEFAULT_INTAKE_LIMITS,
      workshop: null,
      github: null,
      oauth: null,
      dispatcher: 'server',
    });
  });

  it('treat a variable set to nothing as unset', () => {
    expect(parseConfig({ GITHUB_TOKEN: '  ', CONSULTA_TRUSTED_PROXIES: '', PORT: '' }).github).toBeNull();
  });

  it('read limits, keeping the defaults of names not given', () => {
    const { limits } = parseConfig({ CONSULTA_RATE_LIMITS: 'unverified=10/3600, workshop=500/7200' });
    expect(limits.unverified).toEqual({ points: 10, durationSeconds: 3600 });
    expect(limits.workshop).toEqual({ points: 500, durationSeconds: 7200 });
    expect(limits.verified).toEqual(DEFAULT_INTAKE_LIMITS.verified);
    expect(describeLimits(DEFAULT_INTAKE_LIMITS)).toBe('verified=20/600,unverified=5/3600,unverifiedOverall=100/3600,overall=300/3600,workshop=200/3600');
  });

  it('stop on a malformed value with one line naming the variable and what is wrong', () => {
    expect(failure({ CONSULTA_RATE_LIMITS: 'verified=20/600,unverfied=5/3600' })).toBe(
      'CONSULTA_RATE_LIMITS: "unverfied=5/3600" is not name=comments/seconds (names: verified, unverified, unverifiedOverall, overall, workshop; seconds above 0) (got "verified=20/600,unverfied=5/3600")',
    );
    expect(failure({ CONSULTA_TRUSTED_PROXIES: '127.0.0.1,proxy.local' })).toMatch(/^CONSULTA_TRUSTED_PROXIES: "proxy.local" is not an IP address or CIDR range/);
    expect(failure({ PORT: 'eighty' })).toMatch(/^PORT: must be a port number/);
    expect(failure({ CONSULTA_API_ORIGIN: 'https://comments.example.gov.bz/api' })).toMatch(/^CONSULTA_API_ORIGIN: must be an origin only/);
    expect(failure({ CONSULTA_ALLOWED_ORIGINS: 'https://a.example, nope' })).toMatch(/^CONSULTA_ALLOWED_ORIGINS: "nope"/);
    expect(failure({ CONSULTA_DISPATCHER: 'maybe' })).toMatch(/^CONSULTA_DISPATCHER: must be server or off/);
    expect(failure({ SERVER_CERT_PATH: '/etc/cert.pem' })).toMatch(/^SERVER_KEY_PATH: set both/);
  });

  it('read the filing pace as creates a minute and an hour, spaced evenly in the minute, github.com\'s by default', () => {
    expect(parseConfig({}).filingPace).toEqual({ perMinute: 40, perHour: 450, minIntervalMs: 1_500 });
    expect(parseConfig({ CONSULTA_FILING_PACE: '400, 4500' }).filingPace).toEqual({ perMinute: 400, perHour: 4_500, minIntervalMs: 150 });
    expect(parseConfig({ CONSULTA_FILING_PACE: '7,100' }).filingPace.minIntervalMs).toBe(8_572);
    for (const wrong of ['40', '40,450,5', '0,450', '40,0', '-1,450', 'forty,450']) {
      expect(failure({ CONSULTA_FILING_PACE: wrong }), wrong).toMatch(/^CONSULTA_FILING_PACE: must be "creates a minute,creates an hour"/);
    }
  });

  it('read the batch-filing bound in hours, off by default', () => {
    expect(parseConfig({}).batchFilingAfterMs).toBeNull();
    expect(parseConfig({ CONSULTA_BATCH_FILING_AFTER_HOURS: '24' }).batchFilingAfterMs).toBe(86_400_000);
    expect(parseConfig({ CONSULTA_BATCH_FILING_AFTER_HOURS: '0.5' }).batchFilingAfterMs).toBe(1_800_000);
    expect(failure({ CONSULTA_BATCH_FILING_AFTER_HOURS: '0' })).toBe('CONSULTA_BATCH_FILING_AFTER_HOURS: must be more than 0 hours (got "0")');
    expect(failure({ CONSULTA_BATCH_FILING_AFTER_HOURS: 'a day' })).toMatch(/^CONSULTA_BATCH_FILING_AFTER_HOURS: must be a number of hours/);
  });

  it('require an end to a workshop allowance', () => {
    expect(failure({ CONSULTA_WORKSHOP_ADDRESSES: '10.20.0.0/16' })).toMatch(/^CONSULTA_WORKSHOP_UNTIL: set it with CONSULTA_WORKSHOP_ADDRESSES/);
    expect(parseConfig({ CONSULTA_WORKSHOP_ADDRESSES: '10.20.0.0/16', CONSULTA_WORKSHOP_UNTIL: '2026-12-05T18:00-06:00' }).workshop).toEqual({
      addresses: ['10.20.0.0/16'],
      until: new Date('2026-12-06T00:00:00Z'),
    });
  });

  it('read GitHub credentials: a token, or a GitHub App with its escaped line breaks restored', () => {
    expect(parseConfig({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'belize-ncss/strategy', GITHUB_API_URL: 'http://127.0.0.1:9000/' }).github).toEqual({
      owner: 'belize-ncss',
      repo: 'strategy',
      baseUrl: 'http://127.0.0.1:9000',
      auth: { kind: 'token', token: TOKEN },
    });
    const app = parseConfig({
      GITHUB_APP_ID: '12345',
      GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----',
      GITHUB_APP_INSTALLATION_ID: '678',
      GITHUB_REPOSITORY: 'o/r',
    }).github;
    expect(app?.auth).toEqual({ kind: 'app', appId: '12345', privateKey: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----', installationId: '678' });
  });

  it('name what is missing from GitHub credentials, without echoing a secret', () => {
    expect(failure({ GITHUB_APP_ID: '1', GITHUB_REPOSITORY: 'o/r' })).toMatch(/^GITHUB_APP_PRIVATE_KEY: set GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID too/);
    expect(failure({ GITHUB_TOKEN: TOKEN })).toMatch(/^GITHUB_REPOSITORY: set it to owner\/name/);
    expect(failure({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: 'ftp://x' })).toMatch(/^GITHUB_API_URL: must be an http\(s\) URL/);
    expect(failure({ GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'just-a-name' })).not.toContain(TOKEN);
  });

  it('read the editors\' login: both halves or neither, and a known scope', () => {
    expect(parseConfig({ GITHUB_OAUTH_CLIENT_ID: 'a', GITHUB_OAUTH_CLIENT_SECRET: 'b' }).oauth).toEqual({ clientId: 'a', clientSecret: 'b', scope: 'public_repo', githubUrl: 'https://github.com' });
    expect(failure({ GITHUB_OAUTH_CLIENT_ID: 'a' })).toMatch(/^GITHUB_OAUTH_CLIENT_SECRET: set both/);
    expect(failure({ GITHUB_OAUTH_CLIENT_ID: 'a', GITHUB_OAUTH_CLIENT_SECRET: 'b', GITHUB_OAUTH_SCOPE: 'admin:org' })).toMatch(/^GITHUB_OAUTH_SCOPE: must be public_repo or repo/);
  });
});
