import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../src/translations/en.json' with { type: 'json' };
import { translator } from '../../../src/lib/i18n/translate.ts';
import { splitFrontmatter } from '../../../src/lib/strategy/section-file.ts';
import { ConsultationEvent, Meeting, Page, TaskForceMember, TranslatedPage } from '../../../src/lib/site/schemas.ts';
import { loadSiteSettings, localSettings, timeZoneLabelIn } from '../../../src/lib/site/settings.ts';

const collections = [
  ['taskforce', TaskForceMember],
  ['meetings', Meeting],
  ['events', ConsultationEvent],
  ['pages', Page],
  ['pages/es', TranslatedPage],
] as const;

describe('editor-managed sample content', () => {
  it('validates the site settings', () => {
    expect(loadSiteSettings(process.cwd()).country).toBe('Belize');
  });

  it('gives the Spanish pages the Spanish texts of the settings, and the English ones where there is no translation', () => {
    const settings = loadSiteSettings(process.cwd());
    expect(localSettings(settings, 'en')).toMatchObject({ country: 'Belize', timeZoneLabel: settings.timeZoneLabel, languageOf: { country: 'en', purpose: 'en' } });
    expect(localSettings(settings, 'es')).toMatchObject({ country: 'Belice', timeZoneLabel: 'hora de Belice (UTC-6)', languageOf: { country: 'es', purpose: 'es' } });
    const { translations: _, ...untranslated } = settings;
    expect(localSettings(untranslated, 'es')).toMatchObject({ country: 'Belize', purpose: settings.purpose, languageOf: { country: 'en', purpose: 'en' } });
    expect(settings.languages).toEqual(['en', 'es']);
  });

  it('gives the time-zone label in a language only where the settings have it in that language', () => {
    const settings = loadSiteSettings(process.cwd());
    expect(timeZoneLabelIn(settings, 'en')).toBe('Belize time (UTC-6)');
    expect(timeZoneLabelIn(settings, 'es')).toBe('hora de Belice (UTC-6)');
    const { translations: _, ...untranslated } = settings;
    expect(timeZoneLabelIn(untranslated, 'es')).toBeUndefined();
  });

  it('translates only pages that exist in English', () => {
    const english = new Set(readdirSync('content/pages').filter((f) => f.endsWith('.md')));
    for (const file of readdirSync('content/pages/es')) expect(english.has(file), file).toBe(true);
  });

  for (const [folder, schema] of collections) {
    it(`validates every file in content/${folder}`, () => {
      const files = readdirSync(join('content', folder)).filter((f) => /\.mdx?$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const path = join('content', folder, file);
        const { data } = splitFrontmatter(readFileSync(path, 'utf8'), path);
        const result = schema.safeParse(data);
        expect(result.success, `${path}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      }
    });
  }

  it('has a task force of 15 entities across government, private sector, civil society and academia', () => {
    const sectors = readdirSync('content/taskforce').map((f) => {
      const { data } = splitFrontmatter(readFileSync(join('content/taskforce', f), 'utf8'), f);
      return TaskForceMember.parse(data).sector;
    });
    expect(sectors).toHaveLength(15);
    expect(new Set(sectors)).toEqual(new Set(['government', 'private-sector', 'civil-society', 'academia']));
  });
});

describe('translations', () => {
  const t = translator('en');

  it('fills placeholders and refuses a missing value', () => {
    expect(t('banner.superseded', { version: 'v0.2' })).toBe('This version has been superseded by v0.2.');
    expect(() => t('banner.superseded')).toThrow(/needs a value for \{version\}/);
  });

  it('uses flat dotted keys only', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[a-zA-Z]+(\.[a-zA-Z0-9-]+)+$/);
  });
});
