/**
 * The one instant every test starts from. Vitest sets the portal's clock to it before each file
 * (tests/setup.ts); the browser tests' server and the Playwright processes start their clocks at it
 * (REMBUK_CLOCK_START, set in playwright.config.ts). No test reads the system clock, so the suite
 * passes whatever the date (`.ci/run` proves it with the system clock a year ahead).
 */
export const TEST_NOW = '2026-11-25T03:00:00.000Z'

/** `TEST_NOW` moved by `ms` (negative: earlier), as an ISO string. */
export function testTime(ms = 0): string {
  return new Date(Date.parse(TEST_NOW) + ms).toISOString()
}
