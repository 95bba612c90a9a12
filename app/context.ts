import type { ServerBuild } from 'react-router'

declare module 'react-router' {
  interface AppLoadContext {
    /** The requesting address, for rate limits; null when unknown. */
    clientAddress: string | null
    /** The built app's routes, so the root loader knows which words a page needs (server.ts). */
    serverRoutes?: ServerBuild['routes']
    /** This request's Content-Security-Policy nonce for inline scripts (app/lib/security-headers.server.ts). */
    cspNonce?: string
  }
}

export {}
