import { defineConfig } from 'vitest/config';

// Three tiers (STYLE §10): `engine` is pure and needs nothing; `integration`
// runs use cases, repositories and HTTP on real PostgreSQL (one database per
// test file, cloned from a migrated template); `browser` drives Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          include: [
            'packages/engine/test/**/*.test.ts',
            'packages/contract/test/**/*.test.ts',
            'apps/*/test/unit/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/db/test/**/*.test.ts', 'apps/server/test/integration/**/*.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'browser',
          include: [
            'apps/console/test/browser/**/*.test.ts',
            'apps/shop/test/browser/**/*.test.ts',
          ],
          globalSetup: ['./test/global-setup.ts', './test/build-web.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // one Chromium at a time: these machines have two cores
          fileParallelism: false,
        },
      },
    ],
  },
});
