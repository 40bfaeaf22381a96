/**
 * The documented deployment behind a real reverse proxy (docs/deploy.md,
 * "Reverse proxy"): nginx and Caddy from Debian terminate TLS in front of
 * `npm run serve`, which trusts only 127.0.0.1, the address the proxy
 * connects from. Clients are told apart by the loopback address they
 * connect from (127.0.0.2, 127.0.0.3, …), as different machines would be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startProxy, type ProxyKind, type RunningProxy } from './reverse-proxy.ts';
import { startServer, type RunningServer } from './server.ts';

let n = 0;
const comment = () => JSON.stringify({ version: 'v0.2', section: 'governance', type: 'general', comment: `Sent through the proxy, number ${++n}.`, sector: 'individual', submissionId: crypto.randomUUID() });

describe.each<ProxyKind>(['nginx', 'caddy'])('behind %s, as docs/deploy.md configures it', (kind) => {
  let dataDir: string;
  let server: RunningServer;
  let proxy: RunningProxy;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `consulta-behind-${kind}-`));
    server = await startServer({
      dataDir,
      env: { CONSULTA_TRUSTED_PROXIES: '127.0.0.1', CONSULTA_RATE_LIMITS: 'unverified=2/3600,unverifiedOverall=100/3600,overall=100/3600' },
    });
    proxy = await startProxy(kind, new URL(server.url));
  });
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const viaProxy = (localAddress: string, headers: Record<string, string> = {}) =>
    send(`${proxy.origin}/api/comments`, { localAddress, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: comment() });

  it('gives each client behind the proxy its own limit, and still holds each one to it', async () => {
    const clients = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    for (const client of clients) {
      for (let i = 0; i < 2; i++) expect((await viaProxy(client)).status, `${client}, comment ${i + 1}\n${proxy.output()}`).toBe(202);
    }
    // The third from one client is refused however it dresses up its own X-Forwarded-For.
    const refused = await viaProxy('127.0.0.2', { 'x-forwarded-for': '198.51.100.77' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(refused.body).error).toMatch(/from this connection .* at \d\d:\d\d Belize time/);
    // The others are not affected.
    expect((await viaProxy('127.0.0.5')).status).toBe(202);
  });

  it('does not let a client connecting directly escape its limit by writing X-Forwarded-For', async () => {
    const direct = (forwardedFor: string) =>
      send(`${server.url}/api/comments`, { localAddress: '127.0.0.50', method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: comment() });
    expect((await direct('203.0.113.1')).status).toBe(202);
    expect((await direct('203.0.113.2')).status).toBe(202);
    expect((await direct('203.0.113.3')).status).toBe(429);
  });

  it('accepts a comment posted from the proxy’s public https origin, with and without JavaScript, and refuses another site', async () => {
    const json = await viaProxy('127.0.0.6', { origin: proxy.origin });
    expect(json.status, json.body).toBe(202);
    const form = new URLSearchParams({ version: 'v0.2', section: 'governance', type: 'general', comment: 'Posted without JavaScript, through the proxy.', sector: 'academia' });
    const posted = await send(`${proxy.origin}/comment/`, {
      localAddress: '127.0.0.7',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: proxy.origin },
      body: form.toString(),
    });
    expect(posted.status, posted.body).toBe(303);
    expect(posted.headers.location).toMatch(/^\/comment\/receipt\/\?id=[0-9a-f-]{36}$/);
    const foreign = await send(`${proxy.origin}/comment/`, {
      localAddress: '127.0.0.8',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://elsewhere.example' },
      body: form.toString(),
    });
    expect(foreign.status).toBe(403);
  });
});
