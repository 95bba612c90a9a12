declare module 'react-router' {
  interface AppLoadContext {
    /** The requesting address, for rate limits; null when unknown. */
    clientAddress: string | null
  }
}

export {}
