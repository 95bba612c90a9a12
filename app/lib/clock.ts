/**
 * The portal's one clock. Every "now" in the app, the seed and the tests comes from here, so the
 * time a change is recorded never mixes two clocks, and a test or a test server can start the
 * clock at a chosen instant (`setClock`, or `REMBUK_CLOCK_START` for a whole process).
 *
 * Started at an instant, the clock runs on at real speed from there (measured on the monotonic
 * clock), so a page a test drives still sees time pass; without a start it is the system clock.
 */
interface Anchor {
  at: number
  since: number
}

// Safe to import in the browser too (no process there: the system clock).
let anchor: Anchor | null = anchorFrom(typeof process === 'undefined' ? undefined : process.env.REMBUK_CLOCK_START)

function anchorFrom(start: string | undefined): Anchor | null {
  if (!start) return null
  const at = Date.parse(start)
  if (Number.isNaN(at)) throw new Error(`REMBUK_CLOCK_START is not an ISO 8601 instant: ${start}`)
  return { at, since: performance.now() }
}

export function nowMs(): number {
  if (!anchor) return Date.now()
  return anchor.at + Math.floor(performance.now() - anchor.since)
}

export function clockNow(): Date {
  return new Date(nowMs())
}

export function nowIso(): string {
  return clockNow().toISOString()
}

/** Starts the clock at `instant` (it runs on from there); `null` goes back to the system clock. */
export function setClock(instant: Date | string | null): void {
  if (instant === null) {
    anchor = null
    return
  }
  const at = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  if (Number.isNaN(at)) throw new Error(`not an instant: ${String(instant)}`)
  anchor = { at, since: performance.now() }
}
