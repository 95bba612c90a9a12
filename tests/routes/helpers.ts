import type { AppLoadContext } from 'react-router'

export const BASE = 'http://localhost:3000'

export function context(clientAddress = '203.0.113.7'): AppLoadContext {
  return { clientAddress }
}

/** Calls a route module's loader or action the way React Router does, with our load context. */
export async function call<T>(
  fn: (args: any) => Promise<T> | T,
  request: Request,
  params: Record<string, string> = {},
  clientAddress?: string,
): Promise<T | Response> {
  try {
    return await fn({ request, params, context: context(clientAddress), unstable_pattern: '' })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

export function form(path: string, fields: Record<string, string>, cookie?: string): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (cookie) headers.Cookie = cookie
  return new Request(BASE + path, { method: 'POST', body: new URLSearchParams(fields), headers })
}

export function get(path: string, cookie?: string): Request {
  return new Request(BASE + path, cookie ? { headers: { Cookie: cookie } } : {})
}

/** The name=value part of a Set-Cookie header, ready to send back. */
export function cookieFrom(response: Response): string {
  const set = response.headers.get('Set-Cookie')
  if (!set) throw new Error('no Set-Cookie header')
  return set.split(';')[0]
}
