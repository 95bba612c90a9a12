import { defineConfig } from 'vitest/config'

// Kept apart from vite.config.ts so the React Router plugin is not loaded for tests.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['tests/{unit,integration,routes}/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
