import { afterEach, beforeEach, vi } from 'vitest'
import { setClock } from '~/lib/clock'
import { TEST_NOW } from './clock'

// Every test file starts at the same instant on the portal's clock, whatever today's date is.
setClock(TEST_NOW)

// A test during which the app logs an error fails: errors are never silently expected.
let spy: ReturnType<typeof vi.spyOn> | null = null
beforeEach(() => {
  spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(' ')}`)
  })
})
afterEach(() => {
  spy?.mockRestore()
})

// Tests start from the demo's first versions; the demo story (Mamuju answered and revised) is
// seeded only where a test asks for it with `seedDemo(db, now, { story: true })`.
process.env.DEMO_STORY = '0'
