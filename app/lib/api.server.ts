/** JSON answers for the public API: data as is, errors as { error: { status, message } }. */

export function json(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  headers.set('Content-Type', 'application/json; charset=utf-8')
  headers.set('Access-Control-Allow-Origin', '*')
  return new Response(JSON.stringify(data), { ...init, headers })
}

export function apiError(status: number, message: string): Response {
  return json({ error: { status, message } }, { status })
}

export function notFound(message = 'Not found'): Response {
  return apiError(404, message)
}
