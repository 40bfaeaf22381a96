/**
 * Editors at work: real Decap CMS in Debian's Chromium, real decap-server,
 * `npm run dev` in a throw-away copy of the repository. What the admin saves
 * is read back from the copy's working tree byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Meeting } from '../../src/lib/site/schemas.ts';
import { launchBrowser } from './browser.ts';
import { startDevWorkspace, type DevWorkspace } from './dev-workspace.ts';

let workspace: DevWorkspace;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  workspace = await startDevWorkspace();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // "Leave without saving?" after a publish: yes.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${workspace.url}/admin/`);
  // With decap-server detected, "Login" goes straight in: no GitHub involved.
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByText('Draft strategy sections').first().waitFor();
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

/**
 * Opens an admin route with a fresh page load: Decap does not remount its
 * editor when only the hash changes from one entry to another.
 */
async function openAdmin(route: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${workspace.url}/admin/#${route}`);
}

/** Clicks Publish, then "Publish now" (decap-server in file-system mode publishes directly). */
async function publish(): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now', { exact: true }).click();
}

/** Waits until `probe` gives a value; on time out, says what it waited for and what the dev server printed. */
function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined) throw new Error(`timed out waiting for ${what}\n${workspace.output().slice(-2000)}`);
      return value;
    },
    { timeout: timeoutMs, interval: 200 },
  );
}

/**
 * The file's text once decap-server has finished writing it. It writes with a
 * plain fs.writeFile (truncate, then write), so a read in between sees an
 * empty or partial file: wait for text that differs from `previous`, is not
 * empty, and reads the same twice in a row.
 */
async function settledText(path: string, previous?: string): Promise<string> {
  let last: string | undefined;
  return waitFor(`${path} to be written`, () => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
    const settled = text !== '' && text !== previous && text === last;
    last = text;
    return settled ? text : undefined;
  });
}

describe('Decap CMS on npm run dev', () => {
  it('shows a section id read-only once the section exists', async () => {
    await openAdmin('/collections/sections/entries/10-vision-and-principles');
    const id = page.getByLabel('Section id');
    await expect.poll(() => id.inputValue(), { timeout: 15_000 }).toBe('vision-and-principles');
    expect(await id.getAttribute('readonly')).not.toBeNull();
  });

  it('saves a changed word in a draft section and nothing else', async () => {
    const file = 'content/strategy/draft/20-governance.mdx';
    const before = readFileSync(join(workspace.dir, file), 'utf8');
    await openAdmin('/collections/sections/entries/20-governance');
    const editor = page.locator('[data-slate-editor="true"]');
    await editor.getByText('three times a year').first().waitFor();
    // Select the word "three" in the rich-text editor, as a double-click would.
    await page.evaluate(() => {
      const root = document.querySelector('[data-slate-editor="true"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('three times a year');
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'three'.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
    });
    await page.waitForTimeout(200);
    await page.keyboard.type('four');
    await expect.poll(() => page.locator('iframe').first().contentFrame().getByText('four times a year').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await publish();
    const after = await settledText(join(workspace.dir, file), before);
    expect(after).toBe(before.replace('three times a year', 'four times a year'));
    // Every other section is untouched.
    for (const name of readdirSync(join(workspace.dir, 'content/strategy/draft'))) {
      if (name === '20-governance.mdx') continue;
      expect(readFileSync(join(workspace.dir, 'content/strategy/draft', name), 'utf8')).toBe(readFileSync(join('content/strategy/draft', name), 'utf8'));
    }
    // And the site shows it (the dev server reloads content/strategy on change).
    await expect.poll(async () => (await fetch(`${workspace.url}/strategy/draft/`)).text(), { timeout: 20_000 }).toContain('four times a year');
  });

  it('creates a meeting whose file has valid frontmatter and that the site accepts', async () => {
    const folder = join(workspace.dir, 'content/meetings');
    const existing = new Set(readdirSync(folder));
    await openAdmin('/collections/meetings/new');
    await page.getByLabel('Title', { exact: true }).fill('Task force meeting 8: budget for 2028');
    await page.locator('input[type="date"]').fill('2027-02-10');
    await page.getByLabel('Start time').fill('09:30');
    await page.getByLabel('Location', { exact: true }).fill('Online');
    await page.getByLabel('Kind', { exact: true }).click();
    await page.getByText('Task force meeting', { exact: true }).click();
    await page.getByLabel('Status', { exact: true }).click();
    await page.getByText('Planned', { exact: true }).click();
    await page.getByRole('button', { name: /Add agenda item/ }).click();
    await page.getByLabel('Item', { exact: true }).fill('Budget request for 2028');
    await page.locator('[data-slate-editor="true"]').click();
    await page.keyboard.type('A summary will be published here after the meeting.');
    await publish();

    const name = await waitFor('the meeting file', () => readdirSync(folder).find((n) => !existing.has(n)));
    expect(name).toBe('2027-02-10-task-force-meeting-8-budget-for-2028.md');
    const text = await settledText(join(folder, name));
    expect(text).toBe(
      [
        '---',
        'title: "Task force meeting 8: budget for 2028"',
        'date: "2027-02-10"',
        'startTime: "09:30"',
        'location: Online',
        'kind: task-force',
        'status: planned',
        'agenda:',
        '  - Budget request for 2028',
        '---',
        '',
        'A summary will be published here after the meeting.',
        '',
      ].join('\n'),
    );
    // Astro's frontmatter parser is YAML 1.1 (an unquoted date would be a Date); the schema must accept what it reads.
    const { frontmatter } = parseFrontmatter(text);
    expect(Meeting.safeParse(frontmatter).success).toBe(true);
    // The site shows it, then the content sync the build runs accepts the whole collection.
    await expect.poll(async () => (await fetch(`${workspace.url}/meetings/`)).text(), { timeout: 20_000 }).toContain('budget for 2028');
    const sync = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], { cwd: workspace.dir, encoding: 'utf8', timeout: 120_000 });
    expect(sync.status, sync.stdout + sync.stderr).toBe(0);
  });

  it('runs without errors in the page', async () => {
    expect(pageErrors).toEqual([]);
    expect(existsSync(join(workspace.dir, 'content/strategy/draft/20-governance.mdx'))).toBe(true);
  });
});
