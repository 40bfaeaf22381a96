import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type DispatchEvent } from '../../../src/lib/comments/dispatcher.ts';
import { openOutbox, type Outbox } from '../../../src/lib/comments/outbox.ts';
import { createGitHubClient } from '../../../src/lib/github/octokit.ts';
import { validSubmission } from './helpers.ts';

/**
 * A scripted GitHub for answers the test double does not give: a 422 on an
 * issue create, a 403 on a label create (a token without push access).
 * Real Response objects, real status codes; everything else answers as GitHub would.
 */
function scriptedGitHub(script: { createIssue?: () => Response; createLabel?: () => Response }) {
  const requests: { method: string; path: string; body?: unknown }[] = [];
  let next = 1;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, body });
    const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname.endsWith('/labels') && init?.method === 'GET') return json(200, []);
    if (url.pathname.endsWith('/labels')) return script.createLabel?.() ?? json(201, body);
    if (url.pathname.endsWith('/issues') && init?.method === 'POST') {
      if (script.createIssue) return script.createIssue();
      const number = next++;
      return json(201, { number, html_url: `https://github.com/o/r/issues/${number}` });
    }
    return json(404, { message: 'Not Found' });
  };
  return { fetch, requests };
}

describe('dispatcher decisions', () => {
  let outbox: Outbox;
  let clock: number;
  let events: DispatchEvent[];

  beforeEach(async () => {
    clock = Date.parse('2026-12-01T15:00:00Z');
    outbox = openOutbox(':memory:', { now: () => new Date(clock) });
    events = [];
  });
  afterEach(async () => await outbox.close());

  function dispatcherWith(fetch: typeof globalThis.fetch) {
    const github = createGitHubClient({ owner: 'o', repo: 'r', baseUrl: 'https://api.test', auth: { kind: 'token', token: 'secret-token' } }, { fetch, throttling: false });
    return createDispatcher({ outbox, github, now: () => new Date(clock), sleep: async (ms) => void (clock += ms), onEvent: (e) => events.push(e) });
  }

  it('keeps a comment GitHub refuses (422) as failed, with the reason, and goes on', async () => {
    await outbox.accept(validSubmission());
    await outbox.accept(validSubmission({ submissionId: '0b6f3b8e-5f1c-4c8e-9a59-000000000002' }));
    let first = true;
    const { fetch } = scriptedGitHub({
      createIssue: () => {
        if (first) {
          first = false;
          return new Response(JSON.stringify({ message: 'Validation Failed' }), { status: 422, headers: { 'content-type': 'application/json' } });
        }
        return new Response(JSON.stringify({ number: 7, html_url: 'https://github.com/o/r/issues/7' }), { status: 201, headers: { 'content-type': 'application/json' } });
      },
    });
    const summary = await dispatcherWith(fetch).dispatchOnce();
    expect(summary).toMatchObject({ created: 1, failed: 1 });
    expect((await outbox.list({ status: 'failed' }))[0]!.lastError).toMatch(/^HTTP 422: Validation Failed/);
    expect(events).toContainEqual(expect.objectContaining({ type: 'failed', reference: 'BZ-2026-000001' }));
  });

  it('files issues without labels when the token may not create labels', async () => {
    await outbox.accept(validSubmission());
    const { fetch, requests } = scriptedGitHub({
      createLabel: () => new Response(JSON.stringify({ message: 'Resource not accessible by integration' }), { status: 403, headers: { 'content-type': 'application/json' } }),
    });
    const summary = await dispatcherWith(fetch).dispatchOnce();
    expect(summary.created).toBe(1);
    expect(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/labels'))).toHaveLength(1);
    expect(events).toContainEqual({ type: 'labels-unavailable', reason: expect.stringMatching(/HTTP 403/) });
  });

  it('fails a record it cannot render instead of retrying it forever', async () => {
    await outbox.accept({ ...validSubmission(), comment: undefined as unknown as string });
    const { fetch, requests } = scriptedGitHub({});
    const summary = await dispatcherWith(fetch).dispatchOnce();
    expect(summary.failed).toBe(1);
    expect((await outbox.list())[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^cannot render the issue/) });
    expect(requests).toHaveLength(0);
  });

  it('returns with nothing to do when the outbox is empty', async () => {
    const { fetch, requests } = scriptedGitHub({});
    expect(await dispatcherWith(fetch).dispatchOnce()).toEqual({ created: 0, batches: 0, batched: 0, foundByLookup: 0, retrying: 0, failed: 0 });
    expect(requests).toHaveLength(0);
  });
});
