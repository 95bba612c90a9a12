import fs from 'node:fs'

/** A Chromium for Playwright: $CHROMIUM_PATH, Debian's, or Playwright's own download. */
export function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter(Boolean)
  return candidates.find((p) => fs.existsSync(p)) ?? null
}

export const CHROMIUM_HELP =
  'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
  'elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.'
