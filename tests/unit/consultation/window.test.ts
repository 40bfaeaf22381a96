import { describe, expect, it } from 'vitest';
import { consultationWindow, formatLocal, formatOffset, rollingWindow, windowState } from '../../../src/lib/consultation/window.ts';

describe('consultation window', () => {
  const window = consultationWindow({ opens: '2026-11-21', closes: '2026-12-19T23:59', timeZone: 'America/Belize' });

  it('reads local times in the version time zone (Belize is UTC-6, no DST)', () => {
    expect(window.opens.toISOString()).toBe('2026-11-21T06:00:00.000Z');
    expect(window.closes.toISOString()).toBe('2026-12-20T05:59:00.000Z');
  });

  it('is open up to and including the closing minute, and closed after it', () => {
    expect(windowState(window, new Date('2026-12-20T05:59:00Z'))).toBe('open');
    expect(windowState(window, new Date('2026-12-20T05:59:01Z'))).toBe('closed');
    expect(windowState(window, new Date('2026-11-21T05:59:59Z'))).toBe('upcoming');
  });

  it('treats a bare closing date as the end of that day', () => {
    const w = consultationWindow({ opens: '2026-01-01', closes: '2026-01-31', timeZone: 'America/Belize' });
    expect(w.closes.toISOString()).toBe('2026-02-01T05:59:59.000Z');
  });

  it('rejects a window that closes before it opens', () => {
    expect(() => consultationWindow({ opens: '2026-02-01', closes: '2026-01-01', timeZone: 'UTC' })).toThrow(/closes .* before it opens/);
  });

  it('formats the deadline with its offset for readers', () => {
    expect(formatLocal(window.closes, 'America/Belize')).toBe('23:59, 19 December 2026');
    expect(formatOffset(window.closes, 'America/Belize')).toBe('UTC-6');
    expect(formatOffset(window.closes, 'Asia/Kolkata')).toBe('UTC+5:30');
  });

  it('places the sample rolling window around the build date', () => {
    const spec = rollingWindow(new Date('2026-11-28T12:00:00Z'), 'America/Belize', 7, 21);
    expect(spec).toEqual({ opens: '2026-11-21', closes: '2026-12-19T23:59', timeZone: 'America/Belize' });
  });
});
