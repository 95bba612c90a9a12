import { afterEach, beforeEach, vi } from 'vitest'

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
