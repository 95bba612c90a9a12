import { type Kysely, type Transaction, sql } from 'kysely'
import type { Channel, Database, InputKind, InputStatus } from '~db/schema'
import { type AuditEntry, recordAudit, recordAudits } from '~/domain/audit.server'
import { normaliseTrackingNumber, setInputStatus } from '~/domain/inputs.server'
import {
  BULK_LIMIT,
  FLAG_THRESHOLD,
  type HeldReason,
  type HiddenReason,
  type ModerationAction,
  NOTE_MAX,
  QUEUE_PAGE_SIZE,
  SEARCH_MAX,
  isHiddenReason,
  isModerationAction,
} from '~/domain/moderation-rules'
import { clockNow } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

/**
 * Moderating a consultation's inputs, many at a time: the queue, bulk actions, flags from
 * readers and holds. Every change a moderator makes writes one audit row per input.
 * Abusive language is held at submission (inputs.server.ts, words in abusive-words.ts).
 */

export {
  BULK_LIMIT,
  FLAG_REASONS,
  FLAG_THRESHOLD,
  HELD_REASONS,
  HIDDEN_REASONS,
  MODERATION_ACTIONS,
  NOTE_MAX,
  QUEUE_PAGE_SIZE,
  SEARCH_MAX,
  isHiddenReason,
  type FlagReason,
  type HeldReason,
  type HiddenReason,
  type ModerationAction,
} from '~/domain/moderation-rules'

export type ModerationErrorCode =
  | 'no_inputs'
  | 'too_many'
  | 'unknown_action'
  | 'reason_required'
  | 'unknown_reason'
  | 'note_too_long'
  | 'not_in_consultation'
  | 'bad_threshold'
  | 'not_found'

export class ModerationError extends Error {
  constructor(public code: ModerationErrorCode) {
    super(code)
  }
}

export type FlagErrorCode = 'not_found' | 'not_published' | 'own_input' | 'already_flagged' | 'unknown_reason'

export class FlagError extends Error {
  constructor(public code: FlagErrorCode) {
    super(code)
  }
}

/** A consultation with what the team pages need of its policy and organisation. */
export async function getModerationScope(db: Db, consultationId: number) {
  if (!Number.isSafeInteger(consultationId) || consultationId < 1) return null
  const row = await db
    .selectFrom('consultations')
    .innerJoin('policies', 'policies.id', 'consultations.policy_id')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .innerJoin('policy_versions', 'policy_versions.id', 'consultations.version_id')
    .select([
      'consultations.id',
      'consultations.title',
      'consultations.version_id',
      'consultations.moderation',
      'consultations.topics',
      'consultations.flag_threshold',
      'policy_versions.number as version_number',
      'policies.id as policy_id',
      'policies.slug as policy_slug',
      'policies.title as policy_title',
      'organisations.id as organisation_id',
      'organisations.slug as organisation_slug',
      'organisations.name as organisation_name',
      'organisations.time_zone',
    ])
    .where('consultations.id', '=', consultationId)
    .executeTakeFirst()
  return row ? { ...row, topics: JSON.parse(row.topics) as string[], flag_threshold: Number(row.flag_threshold) } : null
}

export interface QueueFilter {
  status: InputStatus
  /** Only inputs held automatically: by readers' flags, for abusive words, or either. */
  held?: HeldReason | 'any'
  kind?: InputKind
  topic?: string
  /** '' = the whole draft. */
  sectionKey?: string
  channel?: Channel
  /** Only inputs flagged by at least one reader. */
  flagged?: boolean
  /** true: only complaints; false: no complaints. */
  complaint?: boolean
  /** Words in the proposed text, reason or shown name, or a tracking number. */
  q?: string
  /** Inputs older than this id. */
  cursor?: number
  limit?: number
}

/** `like` pattern for a literal piece of text, any case. */
function containsPattern(text: string) {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * A consultation's inputs of one status, newest first, a page at a time. Every filter narrows one
 * index range (consultation, status, id) walked from the cursor, so a page costs the same on the
 * first input as on the hundred-thousandth.
 */
export async function listQueue(db: Db, consultationId: number, filter: QueueFilter) {
  const limit = Math.min(Math.max(filter.limit ?? QUEUE_PAGE_SIZE, 1), 100)
  let query = db
    .selectFrom('inputs')
    .select([
      'inputs.id',
      'inputs.tracking_number',
      'inputs.section_key',
      'inputs.kind',
      'inputs.proposed_text',
      'inputs.reason',
      'inputs.topic',
      'inputs.display_mode',
      'inputs.display_label',
      'inputs.group_name',
      'inputs.channel',
      'inputs.status',
      'inputs.hidden_reason',
      'inputs.held_reason',
      'inputs.is_complaint',
      'inputs.received_at',
    ])
    .where('inputs.consultation_id', '=', consultationId)
    .where('inputs.status', '=', filter.status)
  if (filter.held === 'any') query = query.where('inputs.held_reason', '!=', '')
  else if (filter.held) query = query.where('inputs.held_reason', '=', filter.held)
  if (filter.kind) query = query.where('inputs.kind', '=', filter.kind)
  if (filter.topic) query = query.where('inputs.topic', '=', filter.topic)
  if (filter.sectionKey !== undefined) query = query.where('inputs.section_key', '=', filter.sectionKey)
  if (filter.channel) query = query.where('inputs.channel', '=', filter.channel)
  if (filter.complaint !== undefined) query = query.where('inputs.is_complaint', '=', filter.complaint ? 1 : 0)
  if (filter.flagged) {
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('input_flags').select('input_flags.id').whereRef('input_flags.input_id', '=', 'inputs.id')),
    )
  }
  const q = filter.q?.trim().slice(0, SEARCH_MAX)
  if (q) {
    const tracking = normaliseTrackingNumber(q)
    const pattern = containsPattern(q)
    query = query.where((eb) =>
      eb.or([
        ...(tracking ? [eb('inputs.tracking_number', '=', tracking)] : []),
        eb(sql`lower(inputs.proposed_text)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(inputs.reason)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(inputs.display_label)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(inputs.group_name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(inputs.tracking_number)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    )
  }
  if (filter.cursor !== undefined) query = query.where('inputs.id', '<', filter.cursor)
  const rows = await query.orderBy('inputs.id', 'desc').limit(limit + 1).execute()
  const page = rows.slice(0, limit)
  const flags = await flagCounts(db, page.map((r) => r.id))
  return {
    items: page.map((r) => ({ ...r, is_complaint: Boolean(r.is_complaint), flags: flags.get(r.id) ?? 0 })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  }
}

export type QueueItem = Awaited<ReturnType<typeof listQueue>>['items'][number]

async function flagCounts(db: Db, inputIds: number[]) {
  if (inputIds.length === 0) return new Map<number, number>()
  const rows = await db
    .selectFrom('input_flags')
    .select(['input_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('input_id', 'in', inputIds)
    .groupBy('input_id')
    .execute()
  return new Map(rows.map((r) => [r.input_id, Number(r.n)]))
}

/** A consultation's inputs by status, and how many of the pending ones were held automatically. */
export async function countQueue(db: Db, consultationId: number) {
  const rows = await db
    .selectFrom('inputs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy('status')
    .execute()
  const counts: Record<InputStatus, number> = { pending: 0, published: 0, hidden: 0 }
  for (const r of rows) counts[r.status] = Number(r.n)
  return counts
}

export interface ModerationRequest {
  consultationId: number
  inputIds: number[]
  action: ModerationAction
  /** Required to hide. */
  reasonCategory?: string | null
  note?: string | null
  actorId: number
  now?: Date
}

/** Checks a bulk request before anything is read or written; throws ModerationError. */
export function checkModerationRequest(request: Pick<ModerationRequest, 'inputIds' | 'action' | 'reasonCategory' | 'note'>) {
  const ids = [...new Set(request.inputIds)]
  if (!isModerationAction(request.action)) throw new ModerationError('unknown_action')
  if (ids.length === 0 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) throw new ModerationError('no_inputs')
  if (ids.length > BULK_LIMIT) throw new ModerationError('too_many')
  if (request.action === 'hide') {
    if (!request.reasonCategory) throw new ModerationError('reason_required')
    if (!isHiddenReason(request.reasonCategory)) throw new ModerationError('unknown_reason')
  }
  const note = (request.note ?? '').trim()
  if (note.length > NOTE_MAX) throw new ModerationError('note_too_long')
  return { ids, note, category: request.action === 'hide' ? (request.reasonCategory as HiddenReason) : null }
}

/**
 * Publishes, hides, restores or marks as complaints many inputs of one consultation at once.
 * All or nothing: an input from elsewhere refuses the whole request. Inputs already in the asked
 * state are left alone (and not audited); each changed input gets one audit row.
 */
export async function moderateInputs(db: Kysely<Database>, request: ModerationRequest) {
  const { ids, note, category } = checkModerationRequest(request)
  const now = request.now ?? clockNow()
  const at = now.toISOString()
  const scope = await getModerationScope(db, request.consultationId)
  if (!scope) throw new ModerationError('not_found')
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('inputs')
      .select(['id', 'tracking_number', 'status', 'hidden_reason', 'held_reason', 'is_complaint'])
      .where('consultation_id', '=', request.consultationId)
      .where('id', 'in', ids)
      .execute()
    if (rows.length !== ids.length) throw new ModerationError('not_in_consultation')

    const changing = rows.filter((r) => {
      switch (request.action) {
        case 'publish':
          return r.status !== 'published'
        case 'hide':
          return r.status !== 'hidden' || r.hidden_reason !== category
        case 'unhide':
          return r.status === 'hidden'
        case 'markComplaint':
          return !r.is_complaint
        case 'unmarkComplaint':
          return Boolean(r.is_complaint)
      }
    })
    const changingIds = changing.map((r) => r.id)
    if (changingIds.length > 0) {
      switch (request.action) {
        case 'publish':
        case 'unhide':
          await setInputStatus(trx, changingIds, 'published', now)
          // A moderator has weighed the flags so far: only later flags hold it again.
          await trx
            .updateTable('inputs')
            .set({ hidden_reason: '', held_reason: '', flags_reviewed_at: at })
            .where('id', 'in', changingIds)
            .execute()
          break
        case 'hide':
          await setInputStatus(trx, changingIds, 'hidden', now)
          await trx.updateTable('inputs').set({ hidden_reason: category!, held_reason: '' }).where('id', 'in', changingIds).execute()
          break
        case 'markComplaint':
        case 'unmarkComplaint':
          await trx
            .updateTable('inputs')
            .set({ is_complaint: request.action === 'markComplaint' ? 1 : 0 })
            .where('id', 'in', changingIds)
            .execute()
          break
      }
      const to = request.action === 'hide' ? 'hidden' : request.action === 'publish' || request.action === 'unhide' ? 'published' : null
      await recordAudits(
        trx,
        changing.map(
          (r): AuditEntry => ({
            organisationId: scope.organisation_id,
            actorId: request.actorId,
            action: `input.${request.action}`,
            targetType: 'input',
            targetId: r.id,
            reason: note,
            details: {
              trackingNumber: r.tracking_number,
              consultationId: request.consultationId,
              ...(to ? { from: r.status, to } : {}),
              ...(category ? { category } : {}),
              ...(r.held_reason && to ? { wasHeld: r.held_reason } : {}),
            },
            at: now,
          }),
        ),
      )
    }
    return { changed: changingIds.length, unchanged: rows.length - changingIds.length }
  })
}

/** The flag threshold of a consultation: this many different readers' flags hold an input. */
export async function setFlagThreshold(
  db: Kysely<Database>,
  input: { consultationId: number; threshold: number; actorId: number; now?: Date },
) {
  const { threshold } = input
  if (!Number.isSafeInteger(threshold) || threshold < FLAG_THRESHOLD.min || threshold > FLAG_THRESHOLD.max) {
    throw new ModerationError('bad_threshold')
  }
  const now = input.now ?? clockNow()
  const scope = await getModerationScope(db, input.consultationId)
  if (!scope) throw new ModerationError('not_found')
  return db.transaction().execute(async (trx) => {
    if (scope.flag_threshold === threshold) return { changed: false, held: 0 }
    await trx.updateTable('consultations').set({ flag_threshold: threshold }).where('id', '=', input.consultationId).execute()
    await recordAudit(trx, {
      organisationId: scope.organisation_id,
      actorId: input.actorId,
      action: 'consultation.flagThreshold',
      targetType: 'consultation',
      targetId: input.consultationId,
      details: { from: scope.flag_threshold, to: threshold, consultation: scope.title },
      at: now,
    })
    // A lower threshold applies to what readers flagged already.
    const over = await trx
      .selectFrom('inputs')
      .innerJoin('input_flags', 'input_flags.input_id', 'inputs.id')
      .select(['inputs.id', 'inputs.tracking_number', (eb) => eb.fn.countAll<number>().as('n')])
      .where('inputs.consultation_id', '=', input.consultationId)
      .where('inputs.status', '=', 'published')
      .where(sql<boolean>`input_flags.created_at > coalesce(inputs.flags_reviewed_at, '')`)
      .groupBy(['inputs.id', 'inputs.tracking_number'])
      .having((eb) => eb.fn.countAll(), '>=', threshold)
      .execute()
    for (const row of over) await holdForFlags(trx, scope.organisation_id, row, Number(row.n), threshold, now)
    return { changed: true, held: over.length }
  })
}

async function holdForFlags(
  trx: Transaction<Database>,
  organisationId: number,
  input: { id: number; tracking_number: string },
  flags: number,
  threshold: number,
  now: Date,
) {
  await setInputStatus(trx, [input.id], 'pending', now)
  await trx.updateTable('inputs').set({ held_reason: 'flags' }).where('id', '=', input.id).execute()
  await recordAudit(trx, {
    organisationId,
    actorId: null,
    action: 'input.hold',
    targetType: 'input',
    targetId: input.id,
    details: { trackingNumber: input.tracking_number, category: 'flags', flags, threshold, from: 'published', to: 'pending' },
    at: now,
  })
}

/**
 * A signed-in reader flags a published input (once; never their own). When the flags given since
 * a moderator last looked reach the consultation's threshold, the input is held for review.
 */
export async function flagInput(db: Kysely<Database>, input: { inputId: number; userId: number; reason: string; now?: Date }) {
  if (!isHiddenReason(input.reason)) throw new FlagError('unknown_reason')
  const now = input.now ?? clockNow()
  const at = now.toISOString()
  try {
    return await db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('inputs')
        .innerJoin('consultations', 'consultations.id', 'inputs.consultation_id')
        .innerJoin('policies', 'policies.id', 'inputs.policy_id')
        .select([
          'inputs.id',
          'inputs.tracking_number',
          'inputs.status',
          'inputs.user_id',
          'inputs.flags_reviewed_at',
          'consultations.flag_threshold',
          'policies.organisation_id',
        ])
        .where('inputs.id', '=', input.inputId)
        .executeTakeFirst()
      if (!target) throw new FlagError('not_found')
      if (target.user_id === input.userId) throw new FlagError('own_input')
      const already = await trx
        .selectFrom('input_flags')
        .select('id')
        .where('input_id', '=', target.id)
        .where('user_id', '=', input.userId)
        .executeTakeFirst()
      if (already) throw new FlagError('already_flagged')
      if (target.status !== 'published') throw new FlagError('not_published')
      await trx.insertInto('input_flags').values({ input_id: target.id, user_id: input.userId, reason: input.reason, created_at: at }).execute()
      const { n } = await trx
        .selectFrom('input_flags')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('input_id', '=', target.id)
        .where('created_at', '>', target.flags_reviewed_at ?? '')
        .executeTakeFirstOrThrow()
      const threshold = Number(target.flag_threshold)
      const held = Number(n) >= threshold
      if (held) await holdForFlags(trx, target.organisation_id, target, Number(n), threshold, now)
      return { held, trackingNumber: target.tracking_number }
    })
  } catch (error) {
    if (error instanceof FlagError) throw error
    // Two flags from one person racing: the unique constraint lets one through.
    const again = await db
      .selectFrom('input_flags')
      .select('id')
      .where('input_id', '=', input.inputId)
      .where('user_id', '=', input.userId)
      .executeTakeFirst()
    if (again) throw new FlagError('already_flagged')
    throw error
  }
}

/** For a reader looking at a page of inputs: which they flagged already and which are their own. */
export async function flagStateFor(db: Db, userId: number | null, inputIds: number[]) {
  if (userId === null || inputIds.length === 0) return { flagged: [] as number[], own: [] as number[] }
  const [flagged, own] = await Promise.all([
    db.selectFrom('input_flags').select('input_id').where('user_id', '=', userId).where('input_id', 'in', inputIds).execute(),
    db.selectFrom('inputs').select('id').where('user_id', '=', userId).where('id', 'in', inputIds).execute(),
  ])
  return { flagged: flagged.map((r) => r.input_id), own: own.map((r) => r.id) }
}
