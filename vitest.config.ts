import { defineConfig } from 'vitest/config';

/**
 * Unit tests start no process and open no socket, and keep no state between
 * files, so they share workers (isolate: false saves a worker start per file,
 * about half their wall time on two cores). Integration tests start servers
 * and processes: each file gets a fresh worker.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
    ],
  },
});
