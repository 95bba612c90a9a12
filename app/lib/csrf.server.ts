/**
 * A state-changing request must come from our own pages. Browsers send Origin on every
 * non-GET request and Sec-Fetch-Site on modern ones; a request with neither is not from a
 * browser page (curl, the test suite) and carries no ambient cookie risk worth refusing.
 *
 * The whole origin counts, scheme and port included (docs/decisions/019-accounts-hardening.md):
 * it must equal PUBLIC_URL's origin when PUBLIC_URL is set, else the request's own origin, whose
 * scheme Express takes from X-Forwarded-Proto only when TRUST_PROXY is set. `https://` posting to
 * a plain-http portal (or the reverse) is another origin and is refused.
 */
export function isCrossOriginWrite(input: {
  method: string
  /** The scheme the request arrived with ("http" or "https"; Express's req.protocol). */
  protocol?: string
  host: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
  /** PUBLIC_URL; defaults to the environment's. */
  publicUrl?: string | undefined
}): boolean {
  const method = input.method.toUpperCase()
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false
  if (input.origin && input.origin !== 'null') {
    const expected = expectedOrigin(input)
    try {
      return expected === null || new URL(input.origin).origin !== expected
    } catch {
      return true
    }
  }
  if (input.origin === 'null') return true
  if (input.secFetchSite) return input.secFetchSite !== 'same-origin' && input.secFetchSite !== 'none'
  return false
}

/** The one origin our pages post from: PUBLIC_URL's when set, else this request's own. */
export function expectedOrigin(input: { protocol?: string; host: string | undefined; publicUrl?: string | undefined }): string | null {
  const configured = ('publicUrl' in input ? input.publicUrl : process.env.PUBLIC_URL)?.trim()
  try {
    if (configured) return new URL(configured).origin
    if (!input.host) return null
    return new URL(`${input.protocol ?? 'http'}://${input.host}`).origin
  } catch {
    return null
  }
}

/**
 * One line for the start-up log when the configuration cannot work behind an HTTPS proxy:
 * PUBLIC_URL says https, yet this server speaks plain http and, without TRUST_PROXY, believes
 * every request is http (no Secure cookie, wrong client addresses for throttling).
 */
export function proxyConfigurationWarning(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.PUBLIC_URL?.trim()
  if (!url || env.TRUST_PROXY) return null
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    return `Rembuk warning: PUBLIC_URL "${url}" is not a URL; links in mail and the cross-site check will not work.`
  }
  if (protocol !== 'https:') return null
  return (
    `Rembuk warning: PUBLIC_URL is https but TRUST_PROXY is unset, so requests from the HTTPS proxy look like plain http: ` +
    `session cookies lose Secure and every client seems to be the proxy. Set TRUST_PROXY=1 (or the proxy's address) behind a reverse proxy.`
  )
}
