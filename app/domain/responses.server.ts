import { type Kysely, type Transaction, sql } from 'kysely'
import { recordAudit } from '~/domain/audit.server'
import type { Database, Decision } from '~db/schema'
import { type DeliveryReport, deliverOutbox, notifyInputAnswered } from '~/domain/notifications.server'
import { DECISIONS, RESPONSE_REASON_MAX, isDecision } from '~/domain/response-rules'
import { clockNow, nowIso } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

/**
 * Responses (tanggapan): a decision with a written reason, given to one input or to a whole theme.
 * An input follows its theme's response unless it has one of its own; a duplicate group is answered
 * as one, through its representative. The rule lives in `inputsWithResponse` below and nowhere else.
 */

export { DECISIONS, RESPONSE_REASON_MAX, isDecision } from '~/domain/response-rules'

export type ResponseErrorCode = 'decision_invalid' | 'reason_required' | 'reason_too_long' | 'not_found' | 'not_answerable'

export class ResponseError extends Error {
  constructor(
    public code: ResponseErrorCode,
    public field?: 'decision' | 'reason',
  ) {
    super(code)
  }
}

/** Checks a decision and its reason; the reason comes back trimmed. */
export function checkResponse(decision: unknown, reason: unknown): { decision: Decision; reason: string } {
  if (!isDecision(decision)) throw new ResponseError('decision_invalid', 'decision')
  // NUL cannot be stored in PostgreSQL text and never belongs in a reason.
  const text = typeof reason === 'string' ? reason.replaceAll('\u0000', '').trim() : ''
  if (!text) throw new ResponseError('reason_required', 'reason')
  if (text.length > RESPONSE_REASON_MAX) throw new ResponseError('reason_too_long', 'reason')
  return { decision, reason: text }
}

// ---------------------------------------------------------------------------------------------
// The rule

/**
 * Inputs joined with the response that applies to each: the response of the input that carries the
 * answer (the duplicate group's representative, or the input itself), else the response of that
 * input's theme, else none. Select the effective values with `responseColumns`.
 *
 * Aliases: `rep` (a published, non-complaint representative; null when the input is not grouped),
 * `own` (the answering input's response), `theme` and `theme_response`.
 */
export function inputsWithResponse(db: Db) {
  return db
    .selectFrom('inputs')
    .leftJoin('duplicate_groups as dg', 'dg.id', 'inputs.duplicate_group_id')
    .leftJoin('inputs as rep', (join) =>
      join.onRef('rep.id', '=', 'dg.representative_input_id').on('rep.status', '=', 'published').on('rep.is_complaint', '=', 0),
    )
    .leftJoin('responses as own', (join) => join.on((eb) => eb('own.input_id', '=', eb.fn.coalesce('rep.id', 'inputs.id'))))
    .leftJoin('themes as theme', (join) =>
      join.on((eb) =>
        eb('theme.id', '=', eb.case().when('rep.id', 'is', null).then(eb.ref('inputs.theme_id')).else(eb.ref('rep.theme_id')).end()),
      ),
    )
    .leftJoin('responses as theme_response', 'theme_response.theme_id', 'theme.id')
}

export const effectiveDecision = sql<Decision | null>`coalesce(own.decision, theme_response.decision)`

/** The effective response's columns, to pass to `.select()` on `inputsWithResponse`. */
export function responseColumns() {
  return [
    effectiveDecision.as('decision'),
    sql<string | null>`coalesce(own.reason, theme_response.reason)`.as('response_reason'),
    sql<'input' | 'theme' | null>`case when own.id is not null then 'input' when theme_response.id is not null then 'theme' else null end`.as(
      'response_source',
    ),
    sql<string | null>`coalesce(own.updated_at, theme_response.updated_at)`.as('responded_at'),
    sql<number | null>`theme.id`.as('theme_id'),
    sql<string | null>`theme.title`.as('theme_title'),
  ] as const
}

/** Rows that stand for themselves: not grouped, or the representative of their duplicate group. */
export const leadsOnly = sql<boolean>`(rep.id is null or rep.id = inputs.id)`

/** How many published inputs a row stands for: its duplicate group's size, or 1. */
export const rowCount = sql<number>`case when rep.id is null then 1 else (select count(*) from inputs as members where members.duplicate_group_id = inputs.duplicate_group_id and members.status = 'published' and members.is_complaint = 0) end`

export interface EffectiveResponse {
  decision: Decision
  reason: string
  source: 'input' | 'theme'
  themeTitle: string | null
  respondedAt: string
}

/** The response that applies to one input, or null (unanswered, unpublished or a complaint). */
export async function getEffectiveResponse(db: Db, inputId: number): Promise<EffectiveResponse | null> {
  const row = await inputsWithResponse(db)
    .select(['inputs.status', 'inputs.is_complaint', ...responseColumns()])
    .where('inputs.id', '=', inputId)
    .executeTakeFirst()
  if (!row || row.status !== 'published' || row.is_complaint || !row.decision) return null
  return {
    decision: row.decision,
    reason: row.response_reason ?? '',
    source: row.response_source === 'theme' ? 'theme' : 'input',
    themeTitle: row.response_source === 'theme' ? row.theme_title : null,
    respondedAt: row.responded_at ?? '',
  }
}

/** What the public page of an input says about its answer. */
export async function getInputAnswer(
  db: Db,
  inputId: number,
): Promise<{ state: 'complaint' } | { state: 'unanswered' } | { state: 'answered'; response: EffectiveResponse } | null> {
  const input = await db.selectFrom('inputs').select(['status', 'is_complaint']).where('id', '=', inputId).executeTakeFirst()
  if (!input || input.status !== 'published') return null
  if (input.is_complaint) return { state: 'complaint' }
  const response = await getEffectiveResponse(db, inputId)
  return response ? { state: 'answered', response } : { state: 'unanswered' }
}

// ---------------------------------------------------------------------------------------------
// Counting

export interface AnsweredCounts {
  /** Published inputs that are not complaints; each member of a duplicate group counts. */
  total: number
  answered: number
  unanswered: number
  byDecision: Record<Decision, number>
}

export async function answeredCounts(db: Db, consultationId: number): Promise<AnsweredCounts> {
  const rows = await inputsWithResponse(db)
    .select([effectiveDecision.as('decision'), sql<number | string>`count(*)`.as('n')])
    .where('inputs.consultation_id', '=', consultationId)
    .where('inputs.status', '=', 'published')
    .where('inputs.is_complaint', '=', 0)
    .groupBy(effectiveDecision)
    .execute()
  const byDecision = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>
  let total = 0
  let answered = 0
  for (const r of rows) {
    const n = Number(r.n)
    total += n
    if (r.decision && isDecision(r.decision)) {
      byDecision[r.decision] += n
      answered += n
    }
  }
  return { total, answered, unanswered: total - answered, byDecision }
}

// ---------------------------------------------------------------------------------------------
// Answering

export interface RespondResult {
  /** False when the same decision and reason were already given: nothing was written. */
  changed: boolean
  /** Submitters told about a new or changed decision. */
  notified: number
  outboxIds: number[]
  /** Resolves when the mails were tried (never rejects); see notify(). */
  delivery: Promise<DeliveryReport>
}

const NOTHING: Omit<RespondResult, 'changed'> = { notified: 0, outboxIds: [], delivery: Promise.resolve({ tried: 0, sent: 0, failed: 0 }) }

type Scope = { inputId: number } | { themeId: number } | { inputIds: number[] }

interface Snapshot {
  decision: Decision | null
  userId: number | null
  trackingNumber: string
  policyId: number
}

/** The effective decision of every published input a response on this target applies to. */
async function snapshot(trx: Db, scope: Scope): Promise<Map<number, Snapshot>> {
  let query = inputsWithResponse(trx)
    .select([
      'inputs.id',
      'inputs.user_id',
      'inputs.tracking_number',
      'inputs.policy_id',
      'rep.id as rep_id',
      ...responseColumns(),
    ])
    .where('inputs.status', '=', 'published')
    .where('inputs.is_complaint', '=', 0)
  if ('inputIds' in scope) {
    // The inputs themselves and the members of the groups they are in.
    const out = new Map<number, Snapshot>()
    for (let i = 0; i < scope.inputIds.length; i += 400) {
      const part = scope.inputIds.slice(i, i + 400)
      const groups = trx.selectFrom('inputs').select('duplicate_group_id').where('id', 'in', part).where('duplicate_group_id', 'is not', null)
      const rows = await query.where((eb) => eb.or([eb('inputs.id', 'in', part), eb('inputs.duplicate_group_id', 'in', groups)])).execute()
      for (const r of rows) out.set(r.id, { decision: r.decision, userId: r.user_id, trackingNumber: r.tracking_number, policyId: r.policy_id })
    }
    return out
  }
  if ('inputId' in scope) {
    const group = trx.selectFrom('inputs').select('duplicate_group_id').where('id', '=', scope.inputId)
    query = query.where((eb) => eb.or([eb('inputs.id', '=', scope.inputId), eb('inputs.duplicate_group_id', '=', group)]))
  } else {
    const groups = trx
      .selectFrom('inputs')
      .select('duplicate_group_id')
      .where('theme_id', '=', scope.themeId)
      .where('duplicate_group_id', 'is not', null)
    query = query.where((eb) => eb.or([eb('inputs.theme_id', '=', scope.themeId), eb('inputs.duplicate_group_id', 'in', groups)]))
  }
  const rows = await query.execute()
  const out = new Map<number, Snapshot>()
  for (const r of rows) {
    const applies = 'inputId' in scope ? (r.rep_id ?? r.id) === scope.inputId : r.theme_id === scope.themeId
    if (!applies) continue
    out.set(r.id, { decision: r.decision, userId: r.user_id, trackingNumber: r.tracking_number, policyId: r.policy_id })
  }
  return out
}

/**
 * For changes made elsewhere that can change which response applies (an input put into an answered
 * theme, a duplicate group formed or split, an input published): runs `work` in a transaction and
 * tells each submitter among these inputs (and their groups) whose decision is new or different.
 */
export async function withResponseNotifications<T>(
  db: Kysely<Database>,
  inputIds: number[],
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<{ result: T } & Omit<RespondResult, 'changed'>> {
  const at = nowIso()
  const done = await db.transaction().execute(async (trx) => {
    const before = await snapshot(trx, { inputIds })
    const result = await work(trx)
    const after = await snapshot(trx, { inputIds })
    return { result, ...(await notifyChanges(trx, before, after, at)) }
  })
  const { delivery } = await finish(db, { changed: true, notified: done.notified, outboxIds: done.outboxIds })
  return { result: done.result, notified: done.notified, outboxIds: done.outboxIds, delivery }
}

/** Tells each submitter whose input now has a decision it did not have before (once per change). */
async function notifyChanges(trx: Db, before: Map<number, Snapshot>, after: Map<number, Snapshot>, at: string) {
  let notified = 0
  const outboxIds: number[] = []
  for (const [id, now] of after) {
    if (!now.decision || now.userId === null) continue
    if (before.get(id)?.decision === now.decision) continue
    const result = await notifyInputAnswered(trx, {
      userId: now.userId,
      trackingNumber: now.trackingNumber,
      decision: now.decision,
      link: `/masukan/${now.trackingNumber}`,
      policyId: now.policyId,
      at,
    })
    notified += result.notified
    outboxIds.push(...result.outboxIds)
  }
  return { notified, outboxIds }
}

async function audit(
  trx: Db,
  entry: { organisationId: number | null; actorId: number | null; action: string; targetType: string; targetId: number; reason: string; details: object; at: string },
) {
  await recordAudit(trx, { ...entry, details: entry.details as Record<string, unknown>, at: new Date(entry.at) })
}

async function organisationOfConsultation(trx: Db, consultationId: number) {
  const row = await trx
    .selectFrom('consultations')
    .innerJoin('policies', 'policies.id', 'consultations.policy_id')
    .select('policies.organisation_id')
    .where('consultations.id', '=', consultationId)
    .executeTakeFirst()
  return row?.organisation_id ?? null
}

/** The input that carries the answer for this one: its group's representative, or itself. */
async function answeringInput(trx: Db, inputId: number) {
  const row = await inputsWithResponse(trx)
    .select(['inputs.id', 'inputs.status', 'inputs.is_complaint', 'inputs.consultation_id', 'rep.id as rep_id'])
    .where('inputs.id', '=', inputId)
    .executeTakeFirst()
  if (!row) throw new ResponseError('not_found')
  if (row.status !== 'published' || row.is_complaint) throw new ResponseError('not_answerable')
  return { id: row.rep_id ?? row.id, consultationId: row.consultation_id }
}

async function finish(db: Db, result: { changed: boolean; notified: number; outboxIds: number[] }): Promise<RespondResult> {
  // Inside a caller's transaction nothing is sent; the caller delivers after its commit.
  const delivery =
    db.isTransaction || result.outboxIds.length === 0
      ? NOTHING.delivery
      : deliverOutbox(db as Kysely<Database>, result.outboxIds)
  return { ...result, delivery }
}

function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : (db as Kysely<Database>).transaction().execute(work)
}

/**
 * Answers one published input (a duplicate group is answered as a whole, through its representative).
 * Giving the same decision and reason again changes nothing; any change is audited, and each
 * submitter whose decision is new or different is told once.
 */
export async function respondToInput(
  db: Db,
  input: { inputId: number; decision: unknown; reason: unknown; actorId: number | null; now?: Date },
): Promise<RespondResult> {
  const { decision, reason } = checkResponse(input.decision, input.reason)
  const at = (input.now ?? clockNow()).toISOString()
  const result = await inTransaction(db, async (trx) => {
    const target = await answeringInput(trx, input.inputId)
    const existing = await trx.selectFrom('responses').selectAll().where('input_id', '=', target.id).executeTakeFirst()
    if (existing && existing.decision === decision && existing.reason === reason) return { changed: false, ...NOTHING }
    const before = await snapshot(trx, { inputId: target.id })
    await trx
      .insertInto('responses')
      .values({ input_id: target.id, theme_id: null, decision, reason, responder_id: input.actorId, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('input_id').doUpdateSet({ decision, reason, responder_id: input.actorId, updated_at: at }))
      .execute()
    await audit(trx, {
      organisationId: await organisationOfConsultation(trx, target.consultationId),
      actorId: input.actorId,
      action: existing ? 'response.update' : 'response.create',
      targetType: 'input',
      targetId: target.id,
      reason,
      details: { decision, previousDecision: existing?.decision ?? null, previousReason: existing?.reason ?? null },
      at,
    })
    const after = await snapshot(trx, { inputId: target.id })
    return { changed: true, ...(await notifyChanges(trx, before, after, at)) }
  })
  return finish(db, result)
}

/**
 * Answers a theme: its inputs without a response of their own follow it. Same rules as
 * respondToInput for audit and notifications.
 */
export async function respondToTheme(
  db: Db,
  input: { themeId: number; decision: unknown; reason: unknown; actorId: number | null; now?: Date },
): Promise<RespondResult> {
  const { decision, reason } = checkResponse(input.decision, input.reason)
  const at = (input.now ?? clockNow()).toISOString()
  const result = await inTransaction(db, async (trx) => {
    const theme = await trx.selectFrom('themes').select(['id', 'consultation_id']).where('id', '=', input.themeId).executeTakeFirst()
    if (!theme) throw new ResponseError('not_found')
    const existing = await trx.selectFrom('responses').selectAll().where('theme_id', '=', theme.id).executeTakeFirst()
    if (existing && existing.decision === decision && existing.reason === reason) return { changed: false, ...NOTHING }
    const before = await snapshot(trx, { themeId: theme.id })
    await trx
      .insertInto('responses')
      .values({ input_id: null, theme_id: theme.id, decision, reason, responder_id: input.actorId, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('theme_id').doUpdateSet({ decision, reason, responder_id: input.actorId, updated_at: at }))
      .execute()
    await audit(trx, {
      organisationId: await organisationOfConsultation(trx, theme.consultation_id),
      actorId: input.actorId,
      action: existing ? 'response.update' : 'response.create',
      targetType: 'theme',
      targetId: theme.id,
      reason,
      details: { decision, previousDecision: existing?.decision ?? null, previousReason: existing?.reason ?? null },
      at,
    })
    const after = await snapshot(trx, { themeId: theme.id })
    return { changed: true, ...(await notifyChanges(trx, before, after, at)) }
  })
  return finish(db, result)
}

/**
 * Removes an input's own response, so it follows its theme's response again (or is unanswered).
 * Submitters are told when that gives them a different decision.
 */
export async function clearInputResponse(
  db: Db,
  input: { inputId: number; actorId: number | null; now?: Date },
): Promise<RespondResult> {
  const at = (input.now ?? clockNow()).toISOString()
  const result = await inTransaction(db, async (trx) => {
    const target = await answeringInput(trx, input.inputId)
    const existing = await trx.selectFrom('responses').selectAll().where('input_id', '=', target.id).executeTakeFirst()
    if (!existing) return { changed: false, ...NOTHING }
    const before = await snapshot(trx, { inputId: target.id })
    await trx.deleteFrom('responses').where('id', '=', existing.id).execute()
    await audit(trx, {
      organisationId: await organisationOfConsultation(trx, target.consultationId),
      actorId: input.actorId,
      action: 'response.clear',
      targetType: 'input',
      targetId: target.id,
      reason: '',
      details: { previousDecision: existing.decision, previousReason: existing.reason },
      at,
    })
    const after = await snapshot(trx, { inputId: target.id })
    return { changed: true, ...(await notifyChanges(trx, before, after, at)) }
  })
  return finish(db, result)
}

// ---------------------------------------------------------------------------------------------
// The team's answering list

export const ANSWER_PAGE_SIZE = 20

export interface AnswerFilter {
  answered?: boolean
  /** A theme id, or 'none' for inputs without a theme. */
  theme?: number | 'none'
  sectionKey?: string
  kind?: string
  /** Rows after this input id (the cursor). */
  after?: number
  limit?: number
}

/** Published inputs of a consultation to answer, oldest first; a duplicate group is one row. */
export async function listInputsToAnswer(db: Db, consultationId: number, filter: AnswerFilter = {}) {
  const limit = Math.min(Math.max(filter.limit ?? ANSWER_PAGE_SIZE, 1), 100)
  let query = inputsWithResponse(db)
    .leftJoin('sections', (join) =>
      join.onRef('sections.version_id', '=', 'inputs.version_id').onRef('sections.key', '=', 'inputs.section_key'),
    )
    .select([
      'inputs.id',
      'inputs.tracking_number',
      'inputs.section_key',
      'sections.heading as section_heading',
      'inputs.kind',
      'inputs.proposed_text',
      'inputs.reason',
      'inputs.topic',
      'inputs.display_mode',
      'inputs.display_label',
      'inputs.group_name',
      'inputs.channel',
      'inputs.received_at',
      'own.decision as own_decision',
      'own.reason as own_reason',
      'theme_response.decision as theme_decision',
      'theme_response.reason as theme_reason',
      rowCount.as('count'),
      ...responseColumns(),
    ])
    .where('inputs.consultation_id', '=', consultationId)
    .where('inputs.status', '=', 'published')
    .where('inputs.is_complaint', '=', 0)
    .where(leadsOnly)
  if (filter.answered === true) query = query.where(effectiveDecision, 'is not', null)
  if (filter.answered === false) query = query.where(effectiveDecision, 'is', null)
  if (filter.theme === 'none') query = query.where('theme.id', 'is', null)
  else if (filter.theme !== undefined) query = query.where('theme.id', '=', filter.theme)
  if (filter.sectionKey !== undefined) query = query.where('inputs.section_key', '=', filter.sectionKey)
  if (filter.kind) query = query.where('inputs.kind', '=', filter.kind as never)
  if (filter.after !== undefined) query = query.where('inputs.id', '>', filter.after)
  const rows = await query.orderBy('inputs.id').limit(limit + 1).execute()
  const items = rows.slice(0, limit).map((r) => ({ ...r, count: Number(r.count) }))
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

/** A consultation's themes with how many published inputs follow each, and each theme's response. */
export async function listThemesToAnswer(db: Db, consultationId: number) {
  const themes = await db
    .selectFrom('themes')
    .leftJoin('responses', 'responses.theme_id', 'themes.id')
    .select(['themes.id', 'themes.title', 'themes.summary', 'responses.decision', 'responses.reason', 'responses.updated_at'])
    .where('themes.consultation_id', '=', consultationId)
    .orderBy('themes.title')
    .orderBy('themes.id')
    .execute()
  const counts = await inputsWithResponse(db)
    .select(['theme.id as theme_id', sql<number | string>`count(*)`.as('n'), sql<number | string>`count(own.id)`.as('own')])
    .where('inputs.consultation_id', '=', consultationId)
    .where('inputs.status', '=', 'published')
    .where('inputs.is_complaint', '=', 0)
    .where('theme.id', 'is not', null)
    .groupBy('theme.id')
    .execute()
  const byTheme = new Map(counts.map((c) => [c.theme_id, { inputs: Number(c.n), ownResponses: Number(c.own) }]))
  return themes.map((theme) => ({ ...theme, ...(byTheme.get(theme.id) ?? { inputs: 0, ownResponses: 0 }) }))
}
