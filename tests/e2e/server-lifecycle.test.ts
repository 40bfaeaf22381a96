/**
 * The production server's start and stop (scripts/serve.ts): on SIGTERM, as
 * systemd sends on a restart, it stops taking connections but finishes the
 * requests in flight, so a comment being sent is still accepted and answered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startServer } from './server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'consulta-lifecycle-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the production server', () => {
  it('finishes a comment in flight on SIGTERM, then refuses new connections and exits 0', async () => {
    const server = await startServer({ dataDir });
    const { port } = new URL(server.url);
    const body = JSON.stringify({ version: 'v0.2', section: 'governance', type: 'general', comment: 'Sent across a restart.', sector: 'individual', submissionId: crypto.randomUUID() });
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Headers now, and the server's "100 Continue" says it has read them: the request is in flight.
    socket.write(`POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`);
    await vi.waitFor(() => expect(answer).toMatch(/^HTTP\/1\.1 100 Continue/), { timeout: 10_000, interval: 20 });
    socket.write(body.slice(0, 40));
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    // SIGTERM; once the server says it is stopping, it takes no new connection; then the rest of the body.
    server.process.kill('SIGTERM');
    await vi.waitFor(() => expect(server.output()).toContain('SIGTERM: finishing requests in flight, then stopping'), { timeout: 10_000, interval: 20 });
    await vi.waitFor(() => expect(fetch(`${server.url}/api/health`)).rejects.toThrow(), { timeout: 10_000, interval: 50 });
    socket.end(body.slice(40));
    await closed;
    // The interim "100 Continue", then the final answer on the same connection.
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 202 /);
    expect(answer).toMatch(/"reference":"BZ-\d{4}-\d{6}"/);
    await expect(exited).resolves.toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight, then stopping');
  });
});
