/**
 * `npm run invite -- --attach pdf`: the version printed by Debian's Chromium
 * from the built site, attached to every message, with its paragraph numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from './browser.ts';

const dir = mkdtempSync(join(tmpdir(), 'consulta-invite-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('invitations with the version attached as a PDF', () => {
  it('attaches the same PDF of the version to every message, paragraph numbers included', async () => {
    const list = join(dir, 'list.csv');
    const out = join(dir, 'out');
    writeFileSync(list, 'name,email,organisation,sector,language\nAna,ana@example.org,,academia,en\nLuis,luis@example.org,,government,es\n');
    const result = spawnSync('node_modules/.bin/node', ['scripts/invite.ts', '--version', 'v0.2', '--list', list, '--out', out, '--attach', 'pdf', '--chromium', CHROMIUM], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const messages = await Promise.all(readdirSync(out).sort().map((f) => PostalMime.parse(readFileSync(join(out, f)))));
    expect(messages).toHaveLength(2);
    const [english, spanish] = messages;
    expect(english!.text).toContain('The draft is attached as a PDF, with the same paragraph numbers.');
    expect(spanish!.text).toContain('El borrador se adjunta en PDF');
    const attachments = messages.map((m) => m.attachments);
    expect(attachments.map((a) => a.map((x) => [x.filename, x.mimeType]))).toEqual(Array(2).fill([['National-Cyber-Security-Strategy-2027-2031-v0.2.pdf', 'application/pdf']]));

    const bytes = new Uint8Array(attachments[0]![0]!.content as ArrayBuffer);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { totalPages, text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(totalPages).toBeGreaterThan(5);
    expect(text).toContain('Revised draft for public consultation');
    expect(text).toContain('2. Governance and coordination');
    expect(text).toMatch(/¶1 Belize is becoming a digital society/);
    expect(text).not.toMatch(/Skip to main content/);
  });
});
