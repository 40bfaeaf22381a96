import { describe, expect, it } from 'vitest';
import { answerHeaders, answerIntake } from '../../../src/lib/comments/answer.ts';
import { translator } from '../../../src/lib/i18n/translate.ts';

// 15:00 UTC is 09:00 in Belize (UTC-6, no daylight saving).
const NOW = new Date('2026-12-01T15:00:00Z');
const LABELS = { en: 'Belize time (UTC-6)', es: 'hora de Belice (UTC-6)' };
const words = (language: 'en' | 'es') => ({ t: translator(language), language, timeZone: 'America/Belize', timeZoneLabel: LABELS[language], now: NOW });

describe('the answer to a comment refused at a limit', () => {
  it('says when to try again, in words and on the consultation\'s clock, and that the comment is not lost', () => {
    const answer = answerIntake({ kind: 'rate-limited', retryAfterSeconds: 25 * 60, scope: 'client' }, words('en'));
    expect(answer).toEqual({
      status: 429,
      message: 'You have sent several comments from this connection in a short time. You can send this one in 25 minutes, at 09:25 Belize time (UTC-6). Your comment is still in the form, so nothing is lost.',
      retryAfterSeconds: 1500,
      retryAt: '2026-12-01T15:25:00.000Z',
    });
    expect(answerHeaders(answer)).toEqual({ 'retry-after': '1500' });
  });

  it('tells a crowd apart from one busy connection', () => {
    const answer = answerIntake({ kind: 'rate-limited', retryAfterSeconds: 2 * 3600, scope: 'everyone' }, words('en'));
    expect(answer.status === 429 && answer.message).toMatch(/^Many people are commenting right now, .* in 2 hours, at 11:00 Belize time \(UTC-6\)\./);
  });

  it('speaks the reader\'s language', () => {
    const answer = answerIntake({ kind: 'rate-limited', retryAfterSeconds: 45, scope: 'client' }, words('es'));
    expect(answer.status === 429 && answer.message).toMatch(/^Ha enviado varios comentarios .* dentro de 45 segundos, a las 09:00, hora de Belice \(UTC-6\)\. /);
  });

  it('names the zone in the reader\'s language when the site has no label in it, never with the English label', () => {
    const { timeZoneLabel: _, ...unlabelled } = words('es');
    const answer = answerIntake({ kind: 'rate-limited', retryAfterSeconds: 25 * 60, scope: 'everyone' }, unlabelled);
    expect(answer.status === 429 && answer.message).toMatch(/ dentro de 25 minutos, a las 09:25, hora UTC-6\. /);
    expect(answer.status === 429 && answer.message).not.toMatch(/Belize time/);
  });

  it('names the zone by its offset when the label gives another one', () => {
    const answer = answerIntake({ kind: 'rate-limited', retryAfterSeconds: 60, scope: 'client' }, { ...words('en'), timeZoneLabel: 'Belize time (UTC-5)' });
    expect(answer.status === 429 && answer.message).toMatch(/ at 09:01 UTC-6\. /);
  });
});
