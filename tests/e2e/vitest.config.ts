import { defineConfig } from 'vitest/config';

/**
 * Browser tests: one production build, one server, Debian's Chromium. They
 * run one file at a time because this machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
