/**
 * Polls `check` until it stops throwing, like vitest's `vi.waitFor`, for
 * harness pieces that run outside a test as well: the benchmarks start
 * PostgreSQL and Caddy with them, and `vi.waitFor` needs vitest's runner.
 */
import { setTimeout as delay } from 'node:timers/promises';

export async function waitUntil(check: () => unknown, options: { timeout: number; interval: number }): Promise<void> {
  const deadline = Date.now() + options.timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() + options.interval > deadline) throw error;
    }
    await delay(options.interval);
  }
}
