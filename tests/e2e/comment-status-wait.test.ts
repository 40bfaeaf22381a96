/**
 * "When will my comment be on GitHub?", end to end: a server with no GitHub
 * credentials over an outbox where 1,240 comments wait. Its status page says
 * where a waiting comment stands, in English and Spanish: that nobody is
 * filing and nothing is lost, then, once a process holds the filing lane
 * (held here through the same SQLite outbox the server reads), by what time
 * at GitHub's pace, never who files. Axe-clean in both languages.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutbox, outboxPath } from '../../src/lib/comments/outbox.ts';
import { placeInLine } from '../../src/lib/comments/place-in-line.ts';
import { validSubmission } from '../unit/comments/helpers.ts';
import { openPage, useBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WAITING = 1240;
const browser = useBrowser();
const id = (n: number) => `0b6f3b8e-5f1c-4c8e-9a59-${String(n).padStart(12, '0')}`;
/** What filing the outbox's comments would print, were it in a log: never on the public page. */
const LANE = { id: 'e2e-lane', label: 'comments:sync (pid 4120 on web-secret-host)' };

let dir: string;
let server: RunningServer;
let first: string;
let last: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consulta-e2e-wait-'));
  const outbox = openOutbox(outboxPath(dir));
  try {
    const accepted = await Promise.all(Array.from({ length: WAITING }, (_, n) => outbox.acceptSoon(validSubmission({ submissionId: id(n + 1) }))));
    first = accepted[0]!.reference;
    last = accepted[WAITING - 1]!.reference;
  } finally {
    await outbox.close();
  }
  // No GITHUB_* variable: the server files nothing and holds no lane.
  const env = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('GITHUB_')).map((k) => [k, '']));
  server = await startServer({ dataDir: dir, env });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const violations = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);

/** The status page of `reference`, the sentence on where it stands, and its axe violations. */
async function statusPage(page: Page, path: string, reference: string): Promise<{ waiting: string; violations: string[] }> {
  const response = await page.goto(`${path}?ref=${reference}`);
  expect(response!.status()).toBe(200);
  await expect(page.locator('[data-comment-status="received"]').count()).resolves.toBe(1);
  return { waiting: (await page.locator('[data-waiting]').textContent())!.trim(), violations: await violations(page) };
}

describe('the status page of a comment waiting to be filed', () => {
  it('says that nobody is filing and nothing is lost, with no time, in English and Spanish', async () => {
    const { page } = await openPage(browser(), server.url);
    const en = await statusPage(page, '/comment/status/', last);
    expect(en.waiting).toMatch(/^Your comment is safely stored and waiting to be published on GitHub, with 1,239 others ahead of it\. Comments are not being published at the moment: yours will be published when the consultation team's server files comments again\. Nothing is lost\. Once it does, GitHub accepts about 450 new issues an hour from one account, so at that pace yours will appear about 2 hours, 8 minutes later\.$/);
    expect(en.violations).toEqual([]);
    const es = await statusPage(page, '/es/comment/status/', last);
    expect(es.waiting).toMatch(/^Su comentario está guardado de forma segura y espera su turno para publicarse en GitHub, con 1239 comentarios por delante\. En este momento no se están publicando comentarios: .* No se pierde nada\. /);
    expect(es.violations).toEqual([]);
    const next = await statusPage(page, '/comment/status/', first);
    expect(next.waiting).toBe("Your comment is safely stored and next in line to be published on GitHub. Comments are not being published at the moment: yours will be published when the consultation team's server files comments again. Nothing is lost.");
    await page.context().close();
  });

  it('says by what time it will be on GitHub once a process files, and never which process', async () => {
    const outbox = openOutbox(outboxPath(dir));
    try {
      expect(await outbox.holdLane(LANE, new Date(), 600_000)).toEqual({ held: true });
      const { page } = await openPage(browser(), server.url);
      // Between these two instants the server read the clock: the forecast it gives lies between theirs.
      const before = new Date();
      const en = await statusPage(page, '/comment/status/', last);
      const after = new Date();
      const match = /^Your comment is safely stored and waiting to be published on GitHub, with 1,239 others ahead of it\. GitHub accepts about 450 new issues an hour from one account, so at that pace it will appear in about 2 hours, 8 minutes, by about (\d\d):(\d\d) Belize time \(UTC-6\)\.$/.exec(en.waiting);
      expect(match, en.waiting).not.toBeNull();
      expect(en.violations).toEqual([]);
      const shown = Number(match![1]) * 60 + Number(match![2]);
      // Nothing was filed in the last hour, so the comment is the 1,240th create from the moment the page was asked for, rounded up to the minute, in Belize (UTC-6).
      const minuteOfDay = (at: Date) => {
        const byMs = placeInLine({ ahead: WAITING - 1, filed: [], now: at, filing: true }).filedBy.getTime();
        const belize = new Date(Math.ceil(byMs / 60_000) * 60_000 - 6 * 3_600_000);
        return belize.getUTCHours() * 60 + belize.getUTCMinutes();
      };
      expect([minuteOfDay(before), minuteOfDay(after)]).toContain(shown);

      const es = await statusPage(page, '/es/comment/status/', last);
      expect(es.waiting).toMatch(/, con 1239 comentarios por delante\. GitHub acepta unas 450 incidencias nuevas por hora de una misma cuenta; a ese ritmo, aparecerá dentro de 2 horas y 8 minutos, aproximadamente: hacia las \d\d:\d\d, hora de Belice \(UTC-6\)\.$/);
      expect(es.violations).toEqual([]);

      const next = await statusPage(page, '/comment/status/', first);
      expect(next.waiting).toBe('Your comment is safely stored and next in line to be published on GitHub. It should appear there within a minute.');
      const html = await page.content();
      expect(html).not.toMatch(/web-secret-host|pid 4120|e2e-lane/);
      await page.context().close();
    } finally {
      await outbox.releaseLane(LANE.id);
      await outbox.close();
    }
  });
});
