/**
 * The catalog the comment intake asks, built from real content: whether a
 * version takes comments at a moment, judged in its own time zone, and the
 * reason a person is shown when it does not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteContext } from '../../../src/lib/site/context.ts';
import { strategyCatalog } from '../../../src/server/comment-catalog.ts';
import { copyOfSample } from '../strategy/fixture-repo.ts';

/** The sample content with its real windows: v0.1 closed in September, v0.2 open 21 November to 19 December 2026, Belize time. */
function sampleWithFixedWindows() {
  const root = copyOfSample();
  const path = join(root, 'content/site.json');
  const settings = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  delete settings.sampleRollingWindow;
  writeFileSync(path, JSON.stringify(settings));
  return strategyCatalog(loadSiteContext(root));
}

describe('the comment catalog', () => {
  const catalog = sampleWithFixedWindows();

  it('opens v0.2 at midnight and closes it after 23:59 on 19 December, Belize time (UTC-6)', () => {
    expect(catalog.isOpen('v0.2', new Date('2026-11-21T05:59:59Z')).open).toBe(false);
    expect(catalog.isOpen('v0.2', new Date('2026-11-21T06:00:00Z')).open).toBe(true);
    expect(catalog.isOpen('v0.2', new Date('2026-12-20T05:59:00Z')).open).toBe(true);
    expect(catalog.isOpen('v0.2', new Date('2026-12-20T05:59:01Z')).open).toBe(false);
  });

  it('says when comments open, when they closed, and that a version is not for comment', () => {
    expect(catalog.isOpen('v0.2', new Date('2026-11-01T12:00:00Z')).reason).toMatch(/^Comments on version v0\.2 open at 00:00.*21 November 2026, Belize time \(UTC-6\)\.$/);
    expect(catalog.isOpen('v0.2', new Date('2027-01-01T12:00:00Z')).reason).toMatch(/^The consultation on version v0\.2 closed at 23:59.*19 December 2026, Belize time \(UTC-6\)\./);
    expect(catalog.isOpen('v0.1', new Date('2026-12-01T12:00:00Z')).reason).toMatch(/^The consultation on version v0\.1 closed at 23:59.*28 September 2026/);
    expect(catalog.isOpen('v9.9', new Date('2026-12-01T12:00:00Z'))).toEqual({ open: false, reason: 'Version v9.9 is not open for comment.' });
  });

  it('knows the sections of a version and how many paragraphs each has', () => {
    expect(catalog.sectionExists('v0.2', 'governance')).toBe(true);
    expect(catalog.sectionExists('v0.2', 'no-such-section')).toBe(false);
    expect(catalog.paragraphCount('v0.2', 'governance')).toBeGreaterThan(3);
    expect(catalog.paragraphCount('v0.2', 'no-such-section')).toBe(0);
  });
});
