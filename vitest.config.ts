import { defineConfig } from 'vitest/config';

// Projects: the pure core; the server's integration suite on PGlite, and again on a PostgreSQL
// server when TEST_DATABASE_URL is set; the browser journeys in Debian's Chromium.
const server = (engine: 'pglite' | 'postgres') => ({
  test: {
    name: `server-${engine}`,
    include: ['packages/server/test/**/*.test.ts'],
    env: { QF_TEST_ENGINE: engine, TZ: 'Asia/Shanghai' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
    // The seeded demo district that every test app copies.
    globalSetup: ['packages/server/test/global-setup.ts'],
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['packages/core/test/**/*.test.ts'], env: { TZ: 'Asia/Shanghai' } } },
      server('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [server('postgres')] : []),
      {
        test: {
          name: 'browser',
          include: ['packages/web/e2e/**/*.test.ts'],
          env: { TZ: 'Asia/Shanghai' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A journey waits for the page to show what the server did; 1 s (the default) is far too short
          // on a loaded two-core machine (CI saw a re-rendered handler arrive after it).
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
