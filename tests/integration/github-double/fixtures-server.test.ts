/**
 * The same Octokit calls against GitHub's recorded answers
 * (@octokit/fixtures-server replaying @octokit/fixtures scenarios) and against
 * the double: the shapes must agree (same keys, same JSON types) and, where
 * the recording is deterministic, the same values.
 *
 * The fixtures server runs as a child process: it answers through nock, which
 * patches node:http globally and must not do so inside the test worker.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { GITHUB_DEFAULT_LABELS, type GitHubDouble, startGitHubDouble } from '../../github-double/index.ts';
import { type TestOctokit, isRequestError, octokitFor } from './clients.ts';

/** The token and organisation the scenarios were recorded with. */
const FIXTURE_TOKEN = '0000000000000000000000000000000000000001';
const owner = 'octokit-fixture-org';

let fixtures: ChildProcess | undefined;
let fixturesRoot = '';
const doubles: GitHubDouble[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('@octokit/fixtures-server/package.json')), 'bin', 'server.js');
  const port = await freePort();
  fixturesRoot = `http://localhost:${port}`;
  const child = spawn(process.execPath, [bin, '--port', String(port), '--log-level', 'error'], { stdio: ['ignore', 'ignore', 'pipe'] });
  fixtures = child;
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error('@octokit/fixtures-server exited');
      const ready = await fetch(`${fixturesRoot}/ping`).then((r) => r.ok, () => false);
      if (!ready) throw new Error('@octokit/fixtures-server did not start');
    },
    { timeout: 15_000, interval: 100 },
  );
}, 20_000);

afterAll(async () => {
  await Promise.all(doubles.map((double) => double.close()));
  if (fixtures && fixtures.exitCode === null) {
    const exited = new Promise((resolve) => fixtures!.once('exit', resolve));
    fixtures.kill();
    await exited;
  }
});

/** Loads a recorded scenario; returns an Octokit pointed at its replay. */
async function recorded(scenario: string): Promise<{ octokit: TestOctokit; root: string }> {
  const response = await fetch(`${fixturesRoot}/fixtures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  const { url } = (await response.json()) as { url: string };
  return { octokit: octokitFor(url, FIXTURE_TOKEN), root: url };
}

async function double(repo: string, seed?: (d: GitHubDouble) => void): Promise<{ octokit: TestOctokit; root: string; double: GitHubDouble }> {
  const started = await startGitHubDouble({ owner, repo });
  doubles.push(started);
  seed?.(started);
  return { octokit: octokitFor(started.url, FIXTURE_TOKEN), root: started.url, double: started };
}

type Shape = string | Shape[] | { [key: string]: Shape };

/** The JSON type of every field, recursively (arrays by their first element). */
function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shapeOf(v)]));
  return typeof value;
}

/**
 * Differences between a recorded shape and the double's: fields the recording
 * has and the double lacks, and fields whose type differs. Fields only the
 * double has are allowed (GitHub added them after the recording; the contract
 * test checks them against the current schema).
 */
function shapeDifferences(recordedShape: Shape, doubleShape: Shape, path = ''): string[] {
  if (typeof recordedShape === 'string' || typeof doubleShape === 'string') {
    return recordedShape === doubleShape ? [] : [`${path || '(root)'}: recorded ${JSON.stringify(recordedShape)}, double ${JSON.stringify(doubleShape)}`];
  }
  if (Array.isArray(recordedShape) || Array.isArray(doubleShape)) {
    if (!Array.isArray(recordedShape) || !Array.isArray(doubleShape)) return [`${path}: array on one side only`];
    if (!recordedShape.length || !doubleShape.length) return [];
    return shapeDifferences(recordedShape[0]!, doubleShape[0]!, `${path}[]`);
  }
  const problems: string[] = [];
  for (const [key, shape] of Object.entries(recordedShape)) {
    if (!(key in doubleShape)) problems.push(`${path}.${key}: missing from the double`);
    else problems.push(...shapeDifferences(shape, doubleShape[key]!, `${path}.${key}`));
  }
  return problems;
}

/**
 * Rewrites the API root of each side to `{api}` so URLs compare by path. The
 * fixtures server also rewrites github.com links to itself
 * (`<root>/github.com/<id>/...`); those go back to https://github.com/.
 */
function relative(value: unknown, root: string): unknown {
  const apiRoot = root.replace(/\/$/, '');
  const text = JSON.stringify(value);
  const webRoot = apiRoot.includes('/api.github.com/') ? apiRoot.replace('/api.github.com/', '/github.com/') : undefined;
  return JSON.parse((webRoot ? text.replaceAll(`${webRoot}/`, 'https://github.com/') : text).replaceAll(apiRoot, '{api}'));
}

function linkRels(link: string | undefined): Array<[string, string]> {
  return (link ?? '')
    .split(', ')
    .filter(Boolean)
    .map((part) => {
      const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part) ?? [];
      return [rel ?? '?', new URL(url ?? 'http://x').searchParams.get('page') ?? '?'];
    });
}

describe('the double and GitHub\'s recordings agree', () => {
  it('paginate-issues: same issue shape, same pages, same Link rels', async () => {
    const repo = 'paginate-issues';
    const github = await recorded(repo);
    const ours = await double(repo, (d) => {
      for (let n = 1; n <= 13; n++) d.state.addIssue({ title: `Test issue ${n}`, created_at: Date.parse('2017-10-10T16:00:00Z') + n * 1000 });
    });
    const pagesOf = async (octokit: TestOctokit) => {
      const pages: Array<{ link: string | undefined; data: unknown[] }> = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner, repo, per_page: 3 })) {
        pages.push({ link: page.headers.link, data: page.data });
      }
      return pages;
    };
    const recordedPages = await pagesOf(github.octokit);
    const doublePages = await pagesOf(ours.octokit);

    expect(doublePages.map((page) => page.data.length)).toEqual(recordedPages.map((page) => page.data.length));
    expect(doublePages.map((page) => linkRels(page.link))).toEqual(recordedPages.map((page) => linkRels(page.link)));
    expect(shapeDifferences(shapeOf(recordedPages[0]!.data[0]), shapeOf(doublePages[0]!.data[0]))).toEqual([]);
    const fields = (issue: unknown) => {
      const { number, title, state, locked, labels, comments, body, state_reason, closed_at, url, html_url, comments_url } = issue as Record<string, unknown>;
      return { number, title, state, locked, labels, body, state_reason, closed_at, comments: typeof comments, url, html_url, comments_url };
    };
    const recordedIssues = recordedPages.flatMap((page) => page.data.map((issue) => fields(relative(issue, github.root))));
    const doubleIssues = doublePages.flatMap((page) => page.data.map((issue) => fields(relative(issue, ours.root))));
    expect(doubleIssues).toEqual(recordedIssues);
  });

  it('add-labels-to-issue: same created issue, same label objects', async () => {
    const repo = 'add-labels-to-issue';
    const github = await recorded(repo);
    const ours = await double(repo);
    const run = async (octokit: TestOctokit) => {
      const created = await octokit.rest.issues.create({ owner, repo, title: 'Issue without a label' });
      const labelled = await octokit.rest.issues.addLabels({ owner, repo, issue_number: created.data.number, labels: ['Foo', 'bAr', 'baZ'] });
      return { created, labelled };
    };
    const recordedRun = await run(github.octokit);
    const doubleRun = await run(ours.octokit);

    expect([doubleRun.created.status, doubleRun.labelled.status]).toEqual([recordedRun.created.status, recordedRun.labelled.status]);
    expect(shapeDifferences(shapeOf(recordedRun.created.data), shapeOf(doubleRun.created.data))).toEqual([]);
    expect(shapeDifferences(shapeOf(recordedRun.labelled.data), shapeOf(doubleRun.labelled.data))).toEqual([]);
    const labelFields = (labels: unknown, root: string) =>
      (relative(labels, root) as Array<Record<string, unknown>>).map(({ url, name, color, default: isDefault, description }) => ({ url, name, color, isDefault, description }));
    expect(labelFields(doubleRun.labelled.data, ours.root)).toEqual(labelFields(recordedRun.labelled.data, github.root));
    expect(doubleRun.created.data.number).toBe(recordedRun.created.data.number);
  });

  it('labels: same default labels, same created and fetched label', async () => {
    const repo = 'labels';
    const github = await recorded(repo);
    const ours = await double(repo);
    const run = async (octokit: TestOctokit) => ({
      list: await octokit.rest.issues.listLabelsForRepo({ owner, repo }),
      created: await octokit.rest.issues.createLabel({ owner, repo, name: 'test-label', color: '663399' }),
      fetched: await octokit.rest.issues.getLabel({ owner, repo, name: 'test-label' }),
    });
    const recordedRun = await run(github.octokit);
    const doubleRun = await run(ours.octokit);

    const summary = (labels: Array<{ name: string; color: string; description: string | null; default: boolean }>) =>
      labels.map(({ name, color, description, default: isDefault }) => [name, color, description, isDefault]);
    expect(summary(doubleRun.list.data)).toEqual(summary(recordedRun.list.data));
    expect(summary(recordedRun.list.data).map(([name]) => name)).toEqual(GITHUB_DEFAULT_LABELS.map(([name]) => name));
    for (const key of ['list', 'created', 'fetched'] as const) {
      expect(doubleRun[key].status).toBe(recordedRun[key].status);
      expect(shapeDifferences(shapeOf(recordedRun[key].data), shapeOf(doubleRun[key].data))).toEqual([]);
    }
    expect(relative(doubleRun.fetched.data, ours.root)).toMatchObject({
      ...(relative(recordedRun.fetched.data, github.root) as object),
      id: expect.any(Number),
      node_id: expect.any(String),
    });
  });

  it('errors: the same 422 for an invalid label color', async () => {
    const repo = 'errors';
    const github = await recorded(repo);
    const ours = await double(repo);
    const refusal = async (octokit: TestOctokit) => {
      try {
        await octokit.rest.issues.createLabel({ owner, repo, name: 'foo', color: 'invalid' });
      } catch (error) {
        if (isRequestError(error) && error.response) return { status: error.status, data: error.response.data as Record<string, unknown> };
      }
      throw new Error('expected a refusal');
    };
    const recordedError = await refusal(github.octokit);
    const doubleError = await refusal(ours.octokit);

    expect(doubleError.status).toBe(recordedError.status);
    expect(doubleError.data['message']).toBe(recordedError.data['message']);
    expect(doubleError.data['errors']).toEqual(recordedError.data['errors']);
    expect(shapeDifferences(shapeOf(recordedError.data), shapeOf(doubleError.data))).toEqual([]);
  });
});
