import { type Locator, expect, test } from '@playwright/test'
import { MAMUJU, expectAccessible } from './helpers'

// Issue 8 item 18: Lighthouse found the contents and version links too small and too close on a
// phone. WCAG 2.5.8 asks for targets of at least 24 × 24 CSS px, apart from their neighbours.
test.use({ viewport: { width: 360, height: 740 } })

async function expectTargets(links: Locator, count: number) {
  await expect(links).toHaveCount(count)
  const boxes = []
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!
    const name = await link.textContent()
    expect(box.width, `width of "${name}"`).toBeGreaterThanOrEqual(24)
    expect(box.height, `height of "${name}"`).toBeGreaterThanOrEqual(24)
    boxes.push({ name, ...box })
  }
  for (let i = 1; i < boxes.length; i++) {
    const [above, below] = [boxes[i - 1]!, boxes[i]!]
    expect(below.y, `"${below.name}" overlaps "${above.name}"`).toBeGreaterThanOrEqual(above.y + above.height)
  }
}

for (const [name, path] of [
  ['policy page', MAMUJU],
  ['version page', `${MAMUJU}/versi/1`],
] as const) {
  test(`the contents and version links of a ${name} are big enough to touch on a 360 px screen`, async ({ page }) => {
    await page.goto(path)
    const contents = page.getByRole('navigation', { name: 'Daftar isi' })
    const sections = contents.getByRole('list').first().getByRole('link')
    await expectTargets(sections, await sections.count())
    expect(await sections.count()).toBeGreaterThan(3)
    await expectTargets(page.getByRole('list', { name: 'Semua versi' }).getByRole('link'), 2)
    await contents.screenshot({ path: `tests/.tmp/touch-targets-${name.replace(' ', '-')}.png` })
    await expectAccessible(page)
  })
}
