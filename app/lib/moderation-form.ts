import { z } from 'zod'
import { INPUT_KINDS } from '~/domain/input-rules'
import {
  BULK_LIMIT,
  CHANNELS,
  FLAG_THRESHOLD,
  type HeldReason,
  NOTE_MAX,
  SEARCH_MAX,
  isHiddenReason,
  isModerationAction,
} from '~/domain/moderation-rules'
import type { Channel, InputKind, InputStatus } from '~db/schema'

const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/**
 * The queue's one bulk form. Every field is read leniently and checked as a whole, so a person
 * who forgot two things hears about both at once.
 */
export const BulkSchema = z
  .object({
    ids: z.preprocess(asArray, z.array(z.string())),
    action: z.string().default(''),
    reasonCategory: z.string().default(''),
    note: z.string().default(''),
  })
  .superRefine((v, ctx) => {
    const ids = v.ids.map(Number)
    if (!isModerationAction(v.action)) ctx.addIssue({ code: 'custom', path: ['action'], message: 'moderation.error.unknown_action' })
    if (ids.length === 0 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'moderation.error.no_inputs' })
    } else if (new Set(ids).size > BULK_LIMIT) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: `moderation.error.too_many|max=${BULK_LIMIT}` })
    }
    if (v.action === 'hide' && !v.reasonCategory) {
      ctx.addIssue({ code: 'custom', path: ['reasonCategory'], message: 'moderation.error.reason_required' })
    } else if (v.reasonCategory && !isHiddenReason(v.reasonCategory)) {
      ctx.addIssue({ code: 'custom', path: ['reasonCategory'], message: 'moderation.error.unknown_reason' })
    }
    if (v.note.trim().length > NOTE_MAX) ctx.addIssue({ code: 'custom', path: ['note'], message: `validation.tooLong|${NOTE_MAX}` })
  })

export const ThresholdSchema = z.object({
  intent: z.literal('flagThreshold'),
  flagThreshold: z.coerce
    .number({ error: 'moderation.threshold.error' })
    .int('moderation.threshold.error')
    .min(FLAG_THRESHOLD.min, 'moderation.threshold.error')
    .max(FLAG_THRESHOLD.max, 'moderation.threshold.error'),
})

export const FlagSchema = z.object({
  reason: z.string({ error: 'flag.error.unknown_reason' }).refine(isHiddenReason, 'flag.error.unknown_reason'),
  redirectTo: z.string().optional(),
})

// ---- The queue's address: tab, filters and page, in Indonesian words ----

export const STATUS_PARAM: Record<InputStatus, string> = { pending: 'menunggu', published: 'terbit', hidden: 'disembunyikan' }
const HELD_PARAM: Record<HeldReason | 'any', string> = { any: 'semua', flags: 'laporan', abusive: 'kata-kasar' }

export interface QueueParams {
  status: InputStatus
  q?: string
  sectionKey?: string
  kind?: InputKind
  topic?: string
  channel?: Channel
  held?: HeldReason | 'any'
  complaint?: boolean
  flagged?: boolean
  cursor?: number
}

/** Reads the queue's filters from its address; anything unknown is ignored rather than an error. */
export function readQueueParams(params: URLSearchParams): QueueParams {
  const status = (Object.keys(STATUS_PARAM) as InputStatus[]).find((s) => STATUS_PARAM[s] === params.get('status')) ?? 'pending'
  const section = params.get('bagian')
  const kind = params.get('jenis') as InputKind
  const channel = params.get('saluran') as Channel
  const held = (Object.keys(HELD_PARAM) as (HeldReason | 'any')[]).find((h) => HELD_PARAM[h] === params.get('ditahan'))
  const complaint = params.get('pengaduan')
  const cursor = Number(params.get('setelah'))
  const q = params.get('cari')?.trim().slice(0, SEARCH_MAX)
  return {
    status,
    q: q || undefined,
    sectionKey: section === null || section === '' || section === 'semua' ? undefined : section === 'seluruh' ? '' : section,
    kind: INPUT_KINDS.includes(kind) ? kind : undefined,
    topic: params.get('topik') || undefined,
    channel: CHANNELS.includes(channel) ? channel : undefined,
    held,
    complaint: complaint === 'ya' ? true : complaint === 'tidak' ? false : undefined,
    flagged: params.get('dilaporkan') === '1' || undefined,
    cursor: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined,
  }
}

/** The address of the queue for these filters (the inverse of readQueueParams). */
export function queueSearch(p: QueueParams): URLSearchParams {
  const out = new URLSearchParams()
  out.set('status', STATUS_PARAM[p.status])
  if (p.q) out.set('cari', p.q)
  if (p.sectionKey !== undefined) out.set('bagian', p.sectionKey === '' ? 'seluruh' : p.sectionKey)
  if (p.kind) out.set('jenis', p.kind)
  if (p.topic) out.set('topik', p.topic)
  if (p.channel) out.set('saluran', p.channel)
  if (p.held) out.set('ditahan', HELD_PARAM[p.held])
  if (p.complaint !== undefined) out.set('pengaduan', p.complaint ? 'ya' : 'tidak')
  if (p.flagged) out.set('dilaporkan', '1')
  if (p.cursor) out.set('setelah', String(p.cursor))
  return out
}

export { HELD_PARAM }
