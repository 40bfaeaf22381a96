import { describe, expect, it } from 'vitest';
import { forecastBacklog } from '../../../src/lib/comments/forecast.ts';
import { describePlaceInLine, placeInLine, readPlaceInLine, type PlaceWords } from '../../../src/lib/comments/place-in-line.ts';
import type { Outbox } from '../../../src/lib/comments/outbox.ts';
import { translator, type Language } from '../../../src/lib/i18n/translate.ts';

// 15:00 UTC is 09:00 in Belize (UTC-6, no daylight saving).
const NOW = new Date('2026-12-01T15:00:00Z');
const MINUTE = 60_000;
const LABELS = { en: 'Belize time (UTC-6)', es: 'hora de Belice (UTC-6)' };
const words = (language: Language): PlaceWords => ({ t: translator(language), language, timeZone: 'America/Belize', timeZoneLabel: LABELS[language] });
const say = (ahead: number, filing: boolean, language: Language, filed: Date[] = []) => describePlaceInLine(placeInLine({ ahead, filed, now: NOW, filing }), words(language));

describe('a waiting comment\'s place in line', () => {
  it('is filed when the comment after the ones ahead of it would be: the backlog forecast for one more', () => {
    const filed = Array.from({ length: 300 }, (_, i) => new Date(NOW.getTime() - 50 * MINUTE + i * 1_500));
    const place = placeInLine({ ahead: 1239, filed, now: NOW, filing: true });
    expect(place.filedBy).toEqual(forecastBacklog({ waiting: 1240, filed, now: NOW }).drainedBy);
    expect(place).toMatchObject({ now: NOW, ahead: 1239, filing: true, pace: { perHour: 450, perMinute: 40 } });
    // Nobody filing: how long it takes once filing starts again, the last hour's creates long gone by then.
    expect(placeInLine({ ahead: 1239, filed, now: NOW, filing: false }).filedBy).toEqual(forecastBacklog({ waiting: 1240, filed: [], now: NOW }).drainedBy);
  });

  it('says a lone comment is next and will be on GitHub within a minute, in English and Spanish', () => {
    expect(say(0, true, 'en')).toBe('Your comment is safely stored and next in line to be published on GitHub. It should appear there within a minute.');
    expect(say(0, true, 'es')).toBe('Su comentario está guardado de forma segura y es el próximo en publicarse en GitHub. Debería aparecer allí en menos de un minuto.');
  });

  it('counts one comment ahead in the singular', () => {
    expect(say(1, true, 'en')).toMatch(/^Your comment is safely stored and waiting to be published on GitHub, with 1 other comment ahead of it\. It should appear there within a minute\.$/);
    expect(say(1, true, 'es')).toMatch(/, con 1 comentario por delante\. Debería aparecer allí en menos de un minuto\.$/);
  });

  it('says when a comment behind many will appear, at GitHub\'s pace, on the consultation\'s clock', () => {
    // 1,240 from a quiet hour: 450 in the first hour, 450 in the second, the 340th of the third 2 h 8 min 28.5 s from now.
    expect(placeInLine({ ahead: 1239, filed: [], now: NOW, filing: true }).filedBy).toEqual(new Date(NOW.getTime() + 2 * 3_600_000 + 8 * MINUTE + 28_500));
    expect(say(1239, true, 'en')).toBe(
      'Your comment is safely stored and waiting to be published on GitHub, with 1,239 others ahead of it. GitHub accepts about 450 new issues an hour from one account, so at that pace it will appear in about 2 hours, 8 minutes, by about 11:09 Belize time (UTC-6).',
    );
    expect(say(1239, true, 'es')).toBe(
      'Su comentario está guardado de forma segura y espera su turno para publicarse en GitHub, con 1239 comentarios por delante. GitHub acepta unas 450 incidencias nuevas por hora de una misma cuenta; a ese ritmo, aparecerá dentro de 2 horas y 8 minutos, aproximadamente: hacia las 11:09, hora de Belice (UTC-6).',
    );
  });

  it('counts the creates of the last hour against the pace, as the dispatcher does', () => {
    // 450 filed in the last half hour: the hour is full, so even the next comment waits for the first of them to leave it.
    const filed = Array.from({ length: 450 }, (_, i) => new Date(NOW.getTime() - 30 * MINUTE + i * 2_000));
    expect(say(0, true, 'en', filed)).toMatch(/^Your comment is safely stored and next in line to be published on GitHub\. GitHub accepts about 450 new issues an hour from one account, so at that pace it will appear in about 30 minutes, by about 09:30 Belize time \(UTC-6\)\.$/);
  });

  it('gives the day as well when that is not today where the consultation is', () => {
    expect(say(99_999, true, 'en')).toMatch(/, with 99,999 others ahead of it\. .* it will appear in about 9 days, 6 hours, by about \d\d:\d\d, 10 December 2026 Belize time \(UTC-6\)\.$/);
    expect(say(99_999, true, 'es')).toMatch(/, con 99\.999 comentarios por delante\. .* aparecerá dentro de 9 días y 6 horas, aproximadamente: hacia las \d\d:\d\d del 10 de diciembre de 2026, hora de Belice \(UTC-6\)\.$/);
  });

  it('says plainly when nobody is filing, with no time, and that nothing is lost', () => {
    expect(say(0, false, 'en')).toBe(
      "Your comment is safely stored and next in line to be published on GitHub. Comments are not being published at the moment: yours will be published when the consultation team's server files comments again. Nothing is lost.",
    );
    expect(say(0, false, 'es')).toBe(
      'Su comentario está guardado de forma segura y es el próximo en publicarse en GitHub. En este momento no se están publicando comentarios: el suyo se publicará cuando el servidor del equipo de la consulta vuelva a enviarlos. No se pierde nada.',
    );
  });

  it('says how long a comment behind many will take once filing starts again, never by what time', () => {
    const en = say(1239, false, 'en');
    expect(en).toMatch(/Nothing is lost\. Once it does, GitHub accepts about 450 new issues an hour from one account, so at that pace yours will appear about 2 hours, 8 minutes later\.$/);
    expect(en).not.toMatch(/by about|Belize time|\d\d:\d\d/);
    expect(say(1239, false, 'es')).toMatch(/No se pierde nada\. Cuando lo haga, .* el suyo aparecerá 2 horas y 8 minutos después, aproximadamente\.$/);
  });

  it('names the zone by its offset in the reader\'s words when the site has no label in their language', () => {
    const { timeZoneLabel: _, ...unlabelled } = words('es');
    expect(describePlaceInLine(placeInLine({ ahead: 1239, filed: [], now: NOW, filing: true }), unlabelled)).toMatch(/hacia las 11:09, hora UTC-6\.$/);
  });
});

describe('reading a place in line from the outbox', () => {
  const filedAt = [new Date(NOW.getTime() - 10 * MINUTE)];
  const outbox = (holder: { id: string; label: string } | null, seen: string[]): Pick<Outbox, 'waitingBefore' | 'filedSince' | 'laneHolder'> => ({
    waitingBefore: async (reference) => {
      seen.push(reference);
      return 3;
    },
    filedSince: async (since) => {
      seen.push(`since ${since.toISOString()}`);
      return filedAt;
    },
    laneHolder: async () => (holder ? { ...holder, until: new Date(NOW.getTime() + 10 * MINUTE) } : null),
  });

  it('counts the comments ahead and the last hour\'s creates while someone files, and keeps who files to itself', async () => {
    const seen: string[] = [];
    const place = await readPlaceInLine(outbox({ id: 'x', label: 'the server (pid 4120 on web-1)' }, seen), 'BZ-2026-000004', NOW);
    expect(seen).toEqual(['BZ-2026-000004', 'since 2026-12-01T14:00:00.000Z']);
    expect(place).toEqual(placeInLine({ ahead: 3, filed: filedAt, now: NOW, filing: true }));
    expect(JSON.stringify(place)).not.toMatch(/pid|web-1/);
    expect(describePlaceInLine(place, words('en'))).not.toMatch(/pid|web-1/);
  });

  it('says nobody files when nobody holds the lane', async () => {
    const seen: string[] = [];
    const place = await readPlaceInLine(outbox(null, seen), 'BZ-2026-000004', NOW);
    // Three ahead, 1.5 s apart, once filing starts: the last hour's creates do not matter then.
    expect(place).toMatchObject({ ahead: 3, filing: false, filedBy: new Date(NOW.getTime() + 4_500) });
    expect(seen).toEqual(['BZ-2026-000004']);
  });
});
