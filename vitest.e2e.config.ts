import { defineConfig } from 'vitest/config';

/** End-to-end tests in Debian's Chromium against the built app; run after `npm run build`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One browser at a time: the machine has two cores and the server runs beside it.
    fileParallelism: false,
  },
});
