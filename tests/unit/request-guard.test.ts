import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { describe, expect, test } from 'vitest'
import { onlyFieldsOf, parseSubmission, readForm } from '~/lib/form-submission.server'
import { errorPage, guardRequest, limitsFor } from '~/lib/request-guard.server'

const root = path.resolve(import.meta.dirname, '..', '..')

const plain = { method: 'GET', host: 'localhost:3000', contentType: undefined, contentLength: undefined, transferEncoding: undefined }
const post = (target: string, contentType: string | undefined, contentLength: string | undefined, transferEncoding?: string) => ({
  ...plain,
  method: 'POST',
  target,
  contentType,
  contentLength,
  transferEncoding,
})

describe('guardRequest: before anything is read', () => {
  test.each([
    ['an absolute-form target', { ...plain, target: 'http://evil.example/' }, 400],
    ['an asterisk target', { ...plain, target: '*' }, 400],
    ['an undecodable byte', { ...plain, target: '/kebijakan/%ff/masukan' }, 400],
    ['an overlong encoding of "."', { ...plain, target: '/kebijakan/%c0%ae/masukan' }, 400],
    ['a non-hex escape', { ...plain, target: '/kebijakan/%zz' }, 400],
    ['a lone percent sign', { ...plain, target: '/kebijakan/%' }, 400],
    ['a NUL in the path', { ...plain, target: '/kebijakan/a%00b' }, 400],
    ['a Host that is not a host', { ...plain, target: '/', host: 'a b' }, 400],
    ['a 50 MB form to /masuk', post('/masuk', 'application/x-www-form-urlencoded', String(50 * 1024 * 1024)), 413],
    ['65 kB to /masuk', post('/masuk', 'application/x-www-form-urlencoded', String(65 * 1024)), 413],
    ['7 MB to the draft editor', post('/kelola/kebijakan/x/versi/2/sunting', 'multipart/form-data; boundary=x', String(7 * 1024 * 1024)), 413],
    ['JSON', post('/masuk', 'application/json', '20'), 415],
    ['text/plain', post('/masuk.data', 'text/plain', '20'), 415],
    ['a body without a type', post('/bahasa', undefined, '20'), 415],
    ['multipart where no file is taken', post('/masuk', 'multipart/form-data; boundary=x', '20'), 415],
    ['multipart without a boundary', post('/kelola/evaluasi/1/impor', 'multipart/form-data', '20'), 400],
    ['a chunked body of unknown length', post('/masuk', 'application/x-www-form-urlencoded', undefined, 'chunked'), 411],
    ['a length that is not a number', post('/masuk', 'application/x-www-form-urlencoded', 'many'), 400],
  ])('%s is refused', (_, input, status) => {
    expect(guardRequest(input)?.status).toBe(status)
  })

  test.each([
    ['a page', { ...plain, target: '/kebijakan/perbup-mamuju?versi=2#x' }],
    ['an escaped path', { ...plain, target: '/kebijakan/caf%C3%A9' }],
    ['a form to /masuk', post('/masuk', 'application/x-www-form-urlencoded', '40')],
    ['a data request', post('/masuk.data', 'application/x-www-form-urlencoded; charset=UTF-8', '40')],
    ['an empty POST', post('/keluar', undefined, '0')],
    ['a 5 MB draft upload', post('/kelola/kebijakan/x/versi/2/sunting', 'multipart/form-data; boundary=----x', String(5 * 1024 * 1024))],
    ['a 2 MB survey import', post('/kelola/evaluasi/3/impor', 'multipart/form-data; boundary=x', String(2_000_000))],
  ])('%s passes', (_, input) => {
    expect(guardRequest(input)).toBeNull()
  })

  test('limits: small by default, larger only where a route takes texts or files', () => {
    expect(limitsFor('/masuk').maxBytes).toBe(64 * 1024)
    expect(limitsFor('/kelola/kebijakan/x/versi/2/sunting/hapus/p1').maxBytes).toBe(256 * 1024)
    expect(limitsFor('/kelola/kebijakan/x/versi/2/sunting.data').multipart).toBe(true)
    expect(limitsFor('/kebijakan/x/masukan/baru').multipart).toBe(false)
  })

  test('the error page is Indonesian first, says it in English too, and links home', () => {
    const page = errorPage(413)
    expect(page).toMatch(/<html lang="id">/)
    expect(page.indexOf('Kiriman terlalu besar')).toBeLessThan(page.indexOf('Submission too large'))
    expect(page).toContain('<div lang="en">')
    expect(page).toContain('<a href="/">Kembali ke beranda</a>')
  })
})

function formRequest(body: string | FormData, contentType?: string, pathname = '/masuk') {
  const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {}
  return new Request(`http://localhost:3000${pathname}`, { method: 'POST', body, headers })
}

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
  throw new Error('not refused')
}

const urlencoded = 'application/x-www-form-urlencoded'

describe('readForm: the body is checked before it is parsed', () => {
  test.each([
    ['a list index of 999999999 (the issue’s crash)', 'email=x&password=y&a%5B999999999%5D=1', 400],
    ['a list index of 1000000', 'email=x&password=y&a[1000000]=1', 400],
    ['a nested list index', 'a[0][5000]=1', 400],
    ['too many fields', Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&'), 413],
    ['a field name of 101 characters', `${'n'.repeat(101)}=1`, 413],
    ['an escaped field name of 400 bytes', `${'%41'.repeat(140)}=1`, 413],
    ['65 kB', `email=${'x'.repeat(65 * 1024)}`, 413],
  ])('%s is refused', async (_, body, status) => {
    expect(await refusal(readForm(formRequest(body, urlencoded)))).toBe(status)
  })

  test.each([
    ['JSON', '{"email":"x"}', 'application/json', 415],
    ['text/plain', 'email=x', 'text/plain', 415],
    ['no type', 'email=x', undefined, 415],
    ['multipart on a form without files', '--x\r\n', 'multipart/form-data; boundary=x', 415],
  ])('%s is refused', async (_, body, type, status) => {
    expect(await refusal(readForm(formRequest(body, type)))).toBe(status)
  })

  test('a broken multipart body where files are taken is a 400', async () => {
    const request = formRequest('--x\r\nnonsense', 'multipart/form-data; boundary=x', '/kelola/evaluasi/1/impor')
    expect(await refusal(readForm(request))).toBe(400)
  })

  test('a body over the limit with no declared length is refused while it is read', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++
        controller.enqueue(chunk)
      },
    })
    const request = new Request('http://localhost:3000/masuk', { method: 'POST', body, headers: { 'Content-Type': urlencoded }, duplex: 'half' } as RequestInit)
    expect(await refusal(readForm(request))).toBe(413)
    expect(sent).toBeLessThan(10)
  })

  test('an ordinary form, repeated names and small list slots pass; a NUL is dropped', async () => {
    const form = await readForm(formRequest('email=a%40b.id%00&ids=1&ids=2&a[3]=x', urlencoded))
    expect(form.getAll('ids')).toEqual(['1', '2'])
    expect(form.get('email')).toBe('a@b.id')
  })

  test('a multipart upload passes where files are taken', async () => {
    const body = new FormData()
    body.append('file', new File(['Pasal 1'], 'draf.txt', { type: 'text/plain' }))
    const form = await readForm(new Request('http://localhost:3000/kelola/kebijakan/x/versi/2/sunting', { method: 'POST', body }))
    expect(form.get('file')).toBeInstanceOf(File)
  })
})

describe('parseSubmission: a reply echoes only the form’s own fields', () => {
  const schema = z.object({
    email: z.string(),
    ids: z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(z.string())),
    answers: z.object({ q1: z.string().optional() }).prefault({} as never),
    note: z.string().min(5),
  })

  test('unknown names, Conform’s intent and state, and far list slots are dropped', () => {
    const payload = new URLSearchParams(
      'email=x&ids=1&ids=2&answers.q1=ya&answers.evil=1&evil=1&evil[2]=1&__intent__=x&__state__=%7B&ids[999999999]=1&note=a',
    )
    expect([...onlyFieldsOf(payload, schema).keys()]).toEqual(['email', 'ids', 'ids', 'answers.q1', 'note'])
    const submission = parseSubmission(payload, { schema })
    expect(submission.status).toBe('error')
    expect(submission.reply().initialValue).toEqual({ email: 'x', ids: ['1', '2'], answers: { q1: 'ya' }, note: 'a' })
  })
})

describe('every action reads its form through the one helper', () => {
  test('no route module calls request.formData() or parses with Conform directly on the server', () => {
    const dir = path.join(root, 'app', 'routes')
    const offenders = fs
      .readdirSync(dir)
      .flatMap((name) =>
        fs
          .readFileSync(path.join(dir, name), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${name}:${i + 1}` })),
      )
      .filter(({ line }) => /request\.formData\(\)|\.formData\(\)/.test(line) || (/parseWithZod\(/.test(line) && !/onValidate/.test(line)))
      .map(({ at }) => at)
    expect(offenders).toEqual([])
  })
})
