/**
 * A state-changing request must come from our own pages. Browsers send Origin on every
 * non-GET request and Sec-Fetch-Site on modern ones; a request with neither is not from a
 * browser page (curl, the test suite) and carries no ambient cookie risk worth refusing.
 */
export function isCrossOriginWrite(input: {
  method: string
  host: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
}): boolean {
  const method = input.method.toUpperCase()
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false
  if (input.origin && input.origin !== 'null') {
    try {
      return new URL(input.origin).host !== input.host
    } catch {
      return true
    }
  }
  if (input.origin === 'null') return true
  if (input.secFetchSite) return input.secFetchSite !== 'same-origin' && input.secFetchSite !== 'none'
  return false
}
