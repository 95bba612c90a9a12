import { parseWithZod } from '@conform-to/zod/v4'
import type { z } from 'zod'
import { type BodyLimits, DEFAULT_LIMITS, type GuardStatus, limitsFor, mediaType, refuseContentType } from './request-guard.server'

/**
 * The one way an action reads its form. The body is bounded, typed and its field names checked
 * before anything parses it; a refusal is thrown as the portal's error page (400, 413 or 415)
 * and changes nothing. Then `parseSubmission` hands Conform only the fields the form's schema
 * knows, so `submission.reply()` never echoes anything else (docs/decisions/017-request-limits.md).
 */

function refuse(status: GuardStatus, reason: string): never {
  // A thrown Response: React Router shows the root error page with this status.
  throw new Response(reason, { status, headers: status === 413 ? { Connection: 'close' } : {} })
}

// "a[12]" is a list slot; Conform builds the list up to it, so the index is bounded by the field count.
const INDEX = /\[(\d*)\]/g

function checkName(name: string, limits: BodyLimits) {
  if (name.length > limits.maxNameLength) refuse(413, 'field name too long')
  for (const [, digits] of name.matchAll(INDEX)) {
    if (digits.length > 6 || Number(digits) >= limits.maxFields) refuse(400, 'list index out of range')
  }
}

// PostgreSQL refuses NUL in text and no field has a use for it: it is dropped, the rest kept.
const withoutNul = (value: string) => value.replaceAll('\u0000', '')

async function readBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('Content-Length')
  if (declared !== null && Number(declared) > maxBytes) refuse(413, 'body too large')
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    // Stop reading; the server discards the rest after answering.
    if (total > maxBytes) refuse(413, 'body too large')
    chunks.push(value)
  }
  const body = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.byteLength
  }
  return body
}

/** Reads a form body within the route's limits (request-guard.server.ts), or throws a 400/413/415. */
export async function readForm(request: Request, overrides: Partial<BodyLimits> = {}): Promise<FormData> {
  const limits = { ...limitsFor(new URL(request.url).pathname), ...overrides }
  const contentType = request.headers.get('Content-Type')
  const refused = refuseContentType(contentType, limits)
  if (refused) refuse(refused.status as GuardStatus, refused.reason)
  const body = await readBody(request, limits.maxBytes)
  const form = new FormData()
  if (mediaType(contentType) === 'application/x-www-form-urlencoded') {
    const text = new TextDecoder().decode(body)
    // Count and check names on the raw text, before URLSearchParams builds anything.
    let fields = 0
    for (const pair of text.split('&')) {
      if (!pair) continue
      if (++fields > limits.maxFields) refuse(413, 'too many fields')
      const rawName = pair.split('=', 1)[0]
      if (rawName.length > limits.maxNameLength * 3) refuse(413, 'field name too long')
    }
    for (const [name, value] of new URLSearchParams(text)) {
      checkName(name, limits)
      form.append(name, withoutNul(value))
    }
  } else {
    let parsed: FormData
    try {
      parsed = await new Response(body, { headers: { 'Content-Type': contentType ?? '' } }).formData()
    } catch {
      refuse(400, 'multipart body does not parse')
    }
    let fields = 0
    for (const [name, value] of parsed.entries()) {
      if (++fields > limits.maxFields) refuse(413, 'too many fields')
      checkName(name, limits)
      if (typeof value === 'string') form.append(name, withoutNul(value))
      else form.append(name, value)
    }
  }
  return form
}

type Schema = z.ZodType

/** The field names a schema reads, list slots written "[]": "email", "answers.q3", "ids[]". */
function fieldNames(schema: Schema, prefix: string, out: Set<string>) {
  const def = (schema as any)._zod?.def
  if (!def) {
    if (prefix) out.add(prefix)
    return
  }
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, Schema>)) fieldNames(child, prefix ? `${prefix}.${key}` : key, out)
      return
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'success':
      return fieldNames(def.innerType, prefix, out)
    case 'pipe':
      fieldNames(def.in, prefix, out)
      fieldNames(def.out, prefix, out)
      return
    case 'union':
      for (const option of def.options as Schema[]) fieldNames(option, prefix, out)
      return
    case 'intersection':
      fieldNames(def.left, prefix, out)
      fieldNames(def.right, prefix, out)
      return
    case 'array':
      if (prefix) out.add(prefix)
      fieldNames(def.element, `${prefix}[]`, out)
      return
    case 'lazy':
      return fieldNames(def.getter(), prefix, out)
    default:
      if (prefix) out.add(prefix)
  }
}

const namesBySchema = new WeakMap<object, Set<string>>()

function knownNames(schema: Schema): Set<string> {
  let names = namesBySchema.get(schema)
  if (!names) {
    names = new Set()
    fieldNames(schema, '', names)
    namesBySchema.set(schema, names)
  }
  return names
}

/** Only the entries of `formData` that `schema` reads; Conform's own intent and state fields are dropped (no form here uses them). */
export function onlyFieldsOf(formData: FormData | URLSearchParams, schema: Schema): FormData {
  const names = knownNames(schema)
  const kept = new FormData()
  for (const [name, value] of formData.entries()) {
    // Query strings reach here unchecked (a loader's form); a far list slot is dropped, not built.
    const farSlot = [...name.matchAll(INDEX)].some(([, digits]) => digits.length > 6 || Number(digits) >= DEFAULT_LIMITS.maxFields)
    if (!farSlot && names.has(name.replace(INDEX, '[]'))) kept.append(name, value)
  }
  return kept
}

/** `parseWithZod` over only the form's own fields: its `reply()` echoes nothing else. */
export const parseSubmission = ((payload: FormData | URLSearchParams, options: { schema: Schema | ((intent: unknown) => Schema) }) => {
  const schema = typeof options.schema === 'function' ? (options.schema as (intent: unknown) => Schema)(null) : options.schema
  return parseWithZod(onlyFieldsOf(payload, schema), options as any)
}) as typeof parseWithZod

/** Reads the request's form within its limits and parses its own fields with the schema. */
export async function parseForm<S extends Schema>(request: Request, schema: S, limits: Partial<BodyLimits> = {}) {
  return parseSubmission(await readForm(request, limits), { schema })
}
