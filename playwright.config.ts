import fs from 'node:fs'
import { chromium, defineConfig } from '@playwright/test'
// @ts-expect-error plain ESM helper shared with the test script
import { CHROMIUM_HELP, findChromium } from './scripts/find-chromium.mjs'
import { TEST_NOW } from './tests/clock'

const PORT = Number(process.env.E2E_PORT ?? 3100)

// The test server, and the test processes that call the portal's domain code, start their clocks
// at the same instant (tests/clock.ts), so no browser test depends on today's date.
process.env.REMBUK_CLOCK_START = TEST_NOW

function chromiumPath(): string | undefined {
  const found = findChromium() as string | null
  if (found) return found
  // Playwright's own browser, if someone installed it with `npx playwright install chromium`.
  const own = chromium.executablePath()
  if (own && fs.existsSync(own)) return undefined
  throw new Error(CHROMIUM_HELP)
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]]
    : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'id-ID',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://localhost:${PORT}/`,
    env: { PORT: String(PORT), REMBUK_CLOCK_START: TEST_NOW },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
