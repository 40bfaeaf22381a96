import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE, createPace } from '../../../src/lib/comments/pace.ts';

describe('pace', () => {
  it('spaces creates 1.5 seconds apart by default', () => {
    const pace = createPace();
    expect(DEFAULT_PACE).toEqual({ minIntervalMs: 1_500, perHour: 450, perMinute: 40 });
    expect(pace.nextSlot(0)).toBe(0);
    pace.record(0);
    expect(pace.nextSlot(100)).toBe(1_500);
  });

  it('lets at most perMinute creates into any minute', () => {
    const pace = createPace({ minIntervalMs: 0, perMinute: 3, perHour: 100 });
    for (const t of [0, 10, 20]) pace.record(t);
    expect(pace.nextSlot(30)).toBe(60_000);
    expect(pace.nextSlot(60_001)).toBe(60_001);
  });

  it('lets at most perHour creates into any hour, counting creates from before a restart', () => {
    const recent = Array.from({ length: 5 }, (_, i) => i * 1_000);
    const pace = createPace({ minIntervalMs: 0, perMinute: 100, perHour: 5 }, recent);
    expect(pace.nextSlot(10_000)).toBe(3_600_000);
    expect(pace.nextSlot(3_600_001)).toBe(3_600_001);
  });

  it('waits out a pause from a rate-limit answer', () => {
    const pace = createPace();
    pace.pauseUntil(90_000);
    pace.pauseUntil(30_000);
    expect(pace.nextSlot(0)).toBe(90_000);
  });
});
