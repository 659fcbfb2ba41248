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
            'apps/server/test/unit/**/*.test.ts',
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
    ],
  },
});
