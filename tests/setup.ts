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
