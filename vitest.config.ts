// Test projects: everything on embedded PGlite; the database-backed suites again on PostgreSQL when DATABASE_URL is set.
import { defineConfig } from 'vitest/config'

const dbSuites = ['test/**/*.test.ts', 'inbox-server/store/**/*.test.ts', 'inbox-server/app/**/*.test.ts']
const postgres = process.env.DATABASE_URL

if (!postgres) {
  console.log('[vitest] DATABASE_URL is not set: the PostgreSQL project is skipped; every suite runs on embedded PGlite.')
}

export default defineConfig({
  test: {
    testTimeout: 20_000,
    globalSetup: ['test/support/global-setup.ts'],
    // Test files share their workers' module cache (the hub keeps no module-level state): imports cost once per
    // worker instead of once per file, which halves the suite on this machine.
    isolate: false,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', 'console/.svelte-kit/**', 'test/browser/**', 'bench/**'],
          env: { TEST_DB: 'pglite' },
        },
      },
      ...(postgres
        ? [{ extends: true as const, test: { name: 'postgres', include: dbSuites, exclude: ['test/browser/**'], env: { TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
})
