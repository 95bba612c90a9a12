/**
 * What a request may be before anything parses it: a path target that decodes, a body within
 * its route's size, of a type a form sends. Used twice: by the Express front (server.ts), which
 * answers with `errorPage` before React Router sees the request, and by `readForm`
 * (form-submission.server.ts), which applies the same limits to the body it reads
 * (docs/decisions/017-request-limits.md).
 */

export interface BodyLimits {
  /** Largest body, in bytes. */
  maxBytes: number
  /** Most form fields (name=value pairs or multipart parts). */
  maxFields: number
  /** Longest field name, in characters. */
  maxNameLength: number
  /** Whether multipart/form-data (file upload) is accepted; urlencoded always is. */
  multipart: boolean
}

const KB = 1024
const MB = 1024 * KB

export const DEFAULT_LIMITS: BodyLimits = { maxBytes: 64 * KB, maxFields: 1000, maxNameLength: 100, multipart: false }

// Routes that take more than a short form; the first match wins. Paths as the browser sends them
// (React Router's data requests end in ".data", stripped before matching).
const ROUTE_LIMITS: { pattern: RegExp; limits: Partial<BodyLimits> }[] = [
  // The draft editor: section texts up to 50,000 characters, pasted or uploaded drafts (1 MB file, 500,000 characters pasted).
  { pattern: /^\/kelola\/kebijakan\/[^/]+\/versi\/[^/]+\/sunting\/?$/, limits: { maxBytes: 6 * MB, multipart: true } },
  // The survey CSV import: a 2 MB file and the form around it.
  { pattern: /^\/kelola\/evaluasi\/[^/]+\/impor\/?$/, limits: { maxBytes: 2 * MB + 64 * KB, multipart: true } },
  // Team pages write longer texts (summaries, answers, analyses, offline letters).
  { pattern: /^\/kelola(\/|$)/, limits: { maxBytes: 256 * KB } },
  // An input: proposed wording and reason of 5,000 characters each, and a questionnaire.
  { pattern: /^\/kebijakan\/[^/]+\/masukan\/baru\/?$/, limits: { maxBytes: 256 * KB } },
]

export function limitsFor(pathname: string): BodyLimits {
  const path = pathname.replace(/\.data$/, '')
  const match = ROUTE_LIMITS.find((r) => r.pattern.test(path))
  return { ...DEFAULT_LIMITS, ...match?.limits }
}

export type GuardStatus = 400 | 404 | 411 | 413 | 415

export interface Refusal {
  status: GuardStatus
  /** Why, in a few words, for logs and tests; the page says it to people. */
  reason: string
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase()
}

/** Whether a body of this type is one the route's forms send; null when it is. */
export function refuseContentType(contentType: string | null | undefined, limits: BodyLimits): Refusal | null {
  const type = mediaType(contentType)
  if (type === FORM_TYPES[0]) return null
  if (type === FORM_TYPES[1]) {
    if (!limits.multipart) return { status: 415, reason: 'multipart body where no file is taken' }
    if (!/;\s*boundary=/i.test(contentType ?? '')) return { status: 400, reason: 'multipart body without a boundary' }
    return null
  }
  return { status: 415, reason: type ? `body of type ${type}` : 'body without a type' }
}

// Control characters never belong in a path (NUL is refused by PostgreSQL and breaks lookups).
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * Checks a request as it arrives, before its body is read. `target` is the request line's
 * target exactly as sent (Node's `req.url`).
 */
export function guardRequest(input: {
  method: string
  target: string
  host: string | undefined
  contentType: string | undefined
  contentLength: string | undefined
  transferEncoding: string | undefined
}): Refusal | null {
  // Only origin-form targets ("/path?query"): an absolute-form target ("http://evil/") is for proxies.
  if (!input.target.startsWith('/')) return { status: 400, reason: 'request target is not a path' }
  if (input.host !== undefined) {
    try {
      new URL(`http://${input.host}/`)
    } catch {
      return { status: 400, reason: 'Host header is not a host' }
    }
  }
  const [pathname] = input.target.split('?', 1)
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return { status: 400, reason: 'path does not decode' }
  }
  if (CONTROL.test(decoded)) return { status: 400, reason: 'control character in path' }

  const hasBody = input.transferEncoding !== undefined || (input.contentLength !== undefined && input.contentLength !== '0')
  if (!hasBody) return null
  const method = input.method.toUpperCase()
  const limits = limitsFor(pathname)
  // Browsers send every form with its length; a body of unknown length would have to be read to be judged.
  if (input.contentLength === undefined) return { status: 411, reason: 'body without Content-Length' }
  const length = Number(input.contentLength)
  if (!Number.isSafeInteger(length) || length < 0) return { status: 400, reason: 'Content-Length is not a length' }
  if (length > limits.maxBytes) return { status: 413, reason: `body of ${length} bytes over ${limits.maxBytes}` }
  if (method === 'GET' || method === 'HEAD') return null
  return refuseContentType(input.contentType, limits)
}

const PAGES: Record<GuardStatus, { id: [string, string]; en: [string, string] }> = {
  400: {
    id: ['Permintaan tidak dapat dibaca', 'Alamat atau isi permintaan ini tidak valid. Periksa alamatnya, atau kembali ke beranda.'],
    en: ['Bad request', 'The address or content of this request is not valid. Check the address, or go back home.'],
  },
  404: {
    id: ['Halaman tidak ditemukan', 'Alamat yang Anda buka tidak ada atau sudah dipindahkan.'],
    en: ['Page not found', 'The address you opened does not exist or has moved.'],
  },
  411: {
    id: ['Panjang permintaan tidak diketahui', 'Formulir harus dikirim dengan panjangnya. Kirim ulang dari halaman formulir.'],
    en: ['Length required', 'A form must be sent with its length. Send it again from the form page.'],
  },
  413: {
    id: ['Kiriman terlalu besar', 'Isian atau berkas yang Anda kirim melebihi batas halaman ini. Perkecil lalu kirim ulang.'],
    en: ['Submission too large', 'What you sent is over this page’s limit. Make it smaller and send it again.'],
  },
  415: {
    id: ['Jenis kiriman tidak diterima', 'Halaman ini hanya menerima formulir dari portal.'],
    en: ['Unsupported content type', 'This page only accepts the portal’s own forms.'],
  },
}

/** The portal's error page for answers given before React Router: Indonesian first, then English; plain HTML (the CSP allows no inline style). */
export function errorPage(status: GuardStatus): string {
  const { id, en } = PAGES[status]
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${id[0]} · ${en[0]} · Rembuk</title>
<link rel="stylesheet" href="/error.css">
</head>
<body>
<header><p>Rembuk</p></header>
<main>
<h1>${id[0]}</h1>
<p>${id[1]}</p>
<p><a href="/">Kembali ke beranda</a></p>
<div lang="en">
<h2>${en[0]}</h2>
<p>${en[1]}</p>
<p><a href="/">Back to home</a></p>
</div>
</main>
</body>
</html>
`
}

/** The Express front's first middleware: a refused request gets the error page and goes no further. */
export function refuseBadRequests(
  req: { method: string; url: string; headers: Record<string, string | string[] | undefined> },
  res: { statusCode: number; setHeader(name: string, value: string): unknown; end(body: string): unknown },
  next: () => void,
) {
  const header = (name: string) => {
    const value = req.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
  const refused = guardRequest({
    method: req.method,
    target: req.url,
    host: header('host'),
    contentType: header('content-type'),
    contentLength: header('content-length'),
    transferEncoding: header('transfer-encoding'),
  })
  if (!refused) return next()
  res.statusCode = refused.status
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  // The body was not read: close the connection rather than read what is left of it.
  if (header('content-length') !== undefined || header('transfer-encoding') !== undefined) res.setHeader('Connection', 'close')
  res.end(req.method === 'HEAD' ? '' : errorPage(refused.status))
}
