import crypto from 'node:crypto'
import { type Insertable, type Kysely, type Transaction, sql } from 'kysely'
import type { Channel, Database, DisplayMode, GroupType, InputKind, InputStatus, InputTable } from '~db/schema'
import { type Consultation, type Question, consultationState, getConsultation, getQuestions } from '~/domain/consultations.server'
import { indexNewInput } from '~/domain/duplicates.server'
import type { Actor } from '~/domain/permissions.server'
import { hit, isLimited } from '~/domain/rate-limit.server'
import { containsAbusiveLanguage } from '~/domain/abusive-words'
import { imitatesVerifiedRole } from '~/domain/pseudonyms'
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  GROUP_TYPES,
  INPUT_KINDS,
  KINDS_NEEDING_TEXT,
  LIMITS,
  OFFLINE_CHANNELS,
} from '~/domain/input-rules'
import { clockNow } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

export {
  CONSENT_PURPOSES,
  GROUP_TYPES,
  INPUT_KINDS,
  KINDS_NEEDING_TEXT,
  LIMITS,
  OFFLINE_CHANNELS,
  type ConsentPurpose,
} from '~/domain/input-rules'

/** Per account and per address, per hour. */
export const SUBMISSION_LIMITS = { account: 20, address: 60, windowMs: 60 * 60_000 }

// Tracking numbers: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), read out
// in two groups of four: "K7QM-4TXD". 31^8 ≈ 8.5·10^11 possibilities, drawn at random.
const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export function generateTrackingNumber(): string {
  let out = ''
  for (let i = 0; i < 8; i++) out += TRACKING_ALPHABET[crypto.randomInt(TRACKING_ALPHABET.length)]
  return `${out.slice(0, 4)}-${out.slice(4)}`
}

/** Accepts what a person types or reads out: any case, with or without spaces and the dash. */
export function normaliseTrackingNumber(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, '')
  if (compact.length !== 8 || [...compact].some((c) => !TRACKING_ALPHABET.includes(c))) return null
  return `${compact.slice(0, 4)}-${compact.slice(4)}`
}

export type InputRuleError =
  | { code: 'not_open'; state: 'upcoming' | 'closed' }
  | { code: 'not_in_audience' }
  | { code: 'not_signed_in' }
  | { code: 'rate_limited'; retryAfterMs: number }
  | { code: 'consent_missing'; field: string }
  | { code: 'answer_required'; field: string }
  | { code: 'answer_invalid'; field: string }
  | { code: 'too_long'; field: string; max: number }
  | { code: 'required'; field: string }
  | { code: 'unknown_section'; field: 'sectionKey' }
  | { code: 'unknown_topic'; field: 'topic' }
  | { code: 'unknown_kind'; field: 'kind' }
  | { code: 'verified_role_unavailable'; field: 'displayMode' }
  | { code: 'pseudonym_imitates_role'; field: 'pseudonym' }
  | { code: 'received_outside_window'; field: 'receivedAt' }
  | { code: 'token_used' }

export type SubmitResult =
  | { ok: true; trackingNumber: string; duplicate: boolean; status: InputStatus }
  | { ok: false; errors: InputRuleError[] }

export interface InputContent {
  sectionKey: string
  kind: InputKind
  proposedText: string
  reason: string
  topic: string
  groupName: string
  groupType: GroupType | ''
}

export interface OnlineInput extends InputContent {
  consultationId: number
  answers: Record<string, unknown>
  displayMode: DisplayMode
  pseudonym: string
  consents: { purpose: ConsentPurpose; statement: string }[]
  clientToken: string | null
}

function checkContent(
  content: InputContent,
  consultation: Consultation,
  sectionKeys: Set<string>,
  errors: InputRuleError[],
) {
  if (!INPUT_KINDS.includes(content.kind)) errors.push({ code: 'unknown_kind', field: 'kind' })
  if (content.sectionKey !== '' && !sectionKeys.has(content.sectionKey)) {
    errors.push({ code: 'unknown_section', field: 'sectionKey' })
  }
  if (!consultation.topics.includes(content.topic)) errors.push({ code: 'unknown_topic', field: 'topic' })
  if (KINDS_NEEDING_TEXT.includes(content.kind) && !content.proposedText.trim()) {
    errors.push({ code: 'required', field: 'proposedText' })
  }
  if (content.proposedText.length > LIMITS.proposedText) {
    errors.push({ code: 'too_long', field: 'proposedText', max: LIMITS.proposedText })
  }
  if (!content.reason.trim()) errors.push({ code: 'required', field: 'reason' })
  if (content.reason.length > LIMITS.reason) errors.push({ code: 'too_long', field: 'reason', max: LIMITS.reason })
  if (content.groupName.length > LIMITS.groupName) errors.push({ code: 'too_long', field: 'groupName', max: LIMITS.groupName })
  if (content.groupName.trim() && !GROUP_TYPES.includes(content.groupType as GroupType)) {
    errors.push({ code: 'required', field: 'groupType' })
  }
}

/** Turns the form's raw answers into stored values, reporting missing and malformed ones. */
export function checkAnswers(
  questions: Question[],
  raw: Record<string, unknown>,
  errors: InputRuleError[],
): { questionId: number; value: unknown }[] {
  const out: { questionId: number; value: unknown }[] = []
  for (const q of questions) {
    const field = `answers.q${q.id}`
    const given = raw[`q${q.id}`]
    const values = (Array.isArray(given) ? given : given === undefined || given === null ? [] : [given])
      .map((v) => String(v).trim())
      .filter(Boolean)
    if (values.length === 0) {
      if (q.required) errors.push({ code: 'answer_required', field })
      continue
    }
    switch (q.kind) {
      case 'scale': {
        const n = Number(values[0])
        if (values.length !== 1 || !Number.isInteger(n) || n < 1 || n > 5) errors.push({ code: 'answer_invalid', field })
        else out.push({ questionId: q.id, value: n })
        break
      }
      case 'yesno':
        if (values.length !== 1 || !['ya', 'tidak'].includes(values[0])) errors.push({ code: 'answer_invalid', field })
        else out.push({ questionId: q.id, value: values[0] === 'ya' })
        break
      case 'single':
        if (values.length !== 1 || !q.options.includes(values[0])) errors.push({ code: 'answer_invalid', field })
        else out.push({ questionId: q.id, value: values[0] })
        break
      case 'multiple':
        if (values.some((v) => !q.options.includes(v))) errors.push({ code: 'answer_invalid', field })
        else out.push({ questionId: q.id, value: [...new Set(values)] })
        break
      case 'text':
        if (values[0].length > LIMITS.answerText) errors.push({ code: 'too_long', field, max: LIMITS.answerText })
        else out.push({ questionId: q.id, value: values[0] })
        break
    }
  }
  return out
}

async function sectionKeysOf(db: Db, versionId: number) {
  const rows = await db.selectFrom('sections').select('key').where('version_id', '=', versionId).execute()
  return new Set(rows.map((r) => r.key))
}

/** Whether this person belongs to the consultation's audience. */
export function inAudience(consultation: Pick<Consultation, 'audience'>, actor: Actor | null, organisationId: number) {
  if (!actor) return false
  if (consultation.audience === 'employees') {
    return actor.memberships.some((m) => m.organisationId === organisationId)
  }
  return true
}

async function bumpSectionCount(trx: Db, versionId: number, sectionKey: string, delta: number) {
  if (delta === 0) return
  await trx
    .insertInto('section_input_counts')
    .values({ version_id: versionId, section_key: sectionKey, published: Math.max(delta, 0) })
    .onConflict((oc) =>
      oc.columns(['version_id', 'section_key']).doUpdateSet({
        published: sql<number>`section_input_counts.published + ${delta}`,
      }),
    )
    .execute()
}

async function insertInput(
  trx: Transaction<Database>,
  values: Omit<Insertable<InputTable>, 'tracking_number' | 'id'> & { version_id: number; section_key: string; created_at: string },
  answers: { questionId: number; value: unknown }[],
  consents: { purpose: string; statement: string }[],
) {
  // A clash of random tracking numbers is astronomically rare; try again if it happens.
  for (let attempt = 0; ; attempt++) {
    const trackingNumber = generateTrackingNumber()
    const taken = await trx.selectFrom('inputs').select('id').where('tracking_number', '=', trackingNumber).executeTakeFirst()
    if (taken && attempt < 5) continue
    const row = await trx
      .insertInto('inputs')
      .values({ ...values, tracking_number: trackingNumber })
      .returning(['id', 'tracking_number'])
      .executeTakeFirstOrThrow()
    if (answers.length) {
      await trx
        .insertInto('input_answers')
        .values(answers.map((a) => ({ input_id: row.id, question_id: a.questionId, value: JSON.stringify(a.value) })))
        .execute()
    }
    if (consents.length) {
      await trx
        .insertInto('input_consents')
        .values(consents.map((c) => ({ input_id: row.id, purpose: c.purpose, statement: c.statement, given_at: values.created_at })))
        .execute()
    }
    if (values.status === 'published') await bumpSectionCount(trx, values.version_id, values.section_key, 1)
    return row
  }
}

/** Every organisation's name: a pseudonym may not pose as one of their verified roles. */
async function organisationNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('organisations').select('name').execute()).map((r) => r.name)
}

async function findByClientToken(db: Db, token: string) {
  return db.selectFrom('inputs').select(['tracking_number', 'status', 'user_id']).where('client_token', '=', token).executeTakeFirst()
}

/**
 * Gives input online. Every rule of the consultation is enforced here, whatever the caller;
 * a refused input stores nothing.
 */
export async function submitInput(
  db: Kysely<Database>,
  input: OnlineInput,
  ctx: {
    actor: Actor | null
    address: string | null
    verifiedRole: (organisationId: number) => Promise<string | null>
    now?: Date
  },
): Promise<SubmitResult> {
  const now = ctx.now ?? clockNow()
  const actor = ctx.actor
  if (!actor) return { ok: false, errors: [{ code: 'not_signed_in' }] }

  // A retry of a form already stored answers with the first receipt.
  if (input.clientToken) {
    const existing = await findByClientToken(db, input.clientToken)
    if (existing && existing.user_id === actor.id) {
      return { ok: true, trackingNumber: existing.tracking_number, duplicate: true, status: existing.status }
    }
    // Another account's form token (a copied page, or a forged one): refuse, store nothing, tell nothing of the other input.
    if (existing) return { ok: false, errors: [{ code: 'token_used' }] }
  }

  const consultation = await getConsultation(db, input.consultationId)
  if (!consultation) return { ok: false, errors: [{ code: 'not_open', state: 'closed' }] }
  const policy = await db
    .selectFrom('policies')
    .select(['organisation_id'])
    .where('id', '=', consultation.policy_id)
    .executeTakeFirstOrThrow()

  const state = consultationState(consultation, now)
  if (state !== 'open') return { ok: false, errors: [{ code: 'not_open', state }] }
  if (!inAudience(consultation, actor, policy.organisation_id)) return { ok: false, errors: [{ code: 'not_in_audience' }] }

  const errors: InputRuleError[] = []
  checkContent(input, consultation, await sectionKeysOf(db, consultation.version_id), errors)
  const answers = checkAnswers(await getQuestions(db, consultation.id), input.answers, errors)
  for (const { purpose, required } of CONSENT_PURPOSES) {
    if (required && !input.consents.some((c) => c.purpose === purpose)) {
      errors.push({ code: 'consent_missing', field: `consent.${purpose}` })
    }
  }

  let displayLabel = actor.displayName
  if (input.displayMode === 'pseudonym') {
    if (!input.pseudonym.trim()) errors.push({ code: 'required', field: 'pseudonym' })
    else if (input.pseudonym.length > LIMITS.pseudonym) errors.push({ code: 'too_long', field: 'pseudonym', max: LIMITS.pseudonym })
    else if (imitatesVerifiedRole(input.pseudonym, await organisationNames(db))) {
      errors.push({ code: 'pseudonym_imitates_role', field: 'pseudonym' })
    }
    displayLabel = input.pseudonym.trim()
  } else if (input.displayMode === 'verified_role') {
    const role = await ctx.verifiedRole(policy.organisation_id)
    if (!role) errors.push({ code: 'verified_role_unavailable', field: 'displayMode' })
    displayLabel = role ?? ''
  } else if (input.displayMode !== 'name') {
    errors.push({ code: 'required', field: 'displayMode' })
  }
  if (errors.length) return { ok: false, errors }

  const limits: [string, number][] = [[`input:account:${actor.id}`, SUBMISSION_LIMITS.account]]
  if (ctx.address) limits.push([`input:address:${ctx.address}`, SUBMISSION_LIMITS.address])
  for (const [key, limit] of limits) {
    const wait = await isLimited(db, key, limit, SUBMISSION_LIMITS.windowMs, now)
    if (wait > 0) return { ok: false, errors: [{ code: 'rate_limited', retryAfterMs: wait }] }
  }

  const at = now.toISOString()
  // Abusive language waits for a moderator even where input is published at once (moderation.server.ts).
  const held = containsAbusiveLanguage(
    input.proposedText,
    input.reason,
    displayLabel,
    input.groupName,
    ...answers.map((a) => (typeof a.value === 'string' ? a.value : '')),
  )
  const status: InputStatus = consultation.moderation === 'post' && !held ? 'published' : 'pending'
  try {
    const row = await db.transaction().execute((trx) =>
      insertInput(
        trx,
        {
          consultation_id: consultation.id,
          policy_id: consultation.policy_id,
          version_id: consultation.version_id,
          section_key: input.sectionKey,
          kind: input.kind,
          proposed_text: input.proposedText.trim(),
          reason: input.reason.trim(),
          topic: input.topic,
          display_mode: input.displayMode,
          display_label: displayLabel,
          user_id: actor.id,
          channel: 'online',
          submitter_name: actor.displayName,
          submitter_contact: actor.email,
          group_name: input.groupName.trim(),
          group_type: input.groupName.trim() ? input.groupType : '',
          status,
          held_reason: held ? 'abusive' : '',
          client_token: input.clientToken,
          entered_by: null,
          received_at: at,
          created_at: at,
          published_at: status === 'published' ? at : null,
        },
        answers,
        input.consents,
      ),
    )
    for (const [key, limit] of limits) await hit(db, key, limit, SUBMISSION_LIMITS.windowMs, now)
    // Duplicate grouping runs after the insert has committed, never waiting (duplicates.server.ts).
    await indexNewInput(db, row.id)
    return { ok: true, trackingNumber: row.tracking_number, duplicate: false, status }
  } catch (error) {
    // Two copies of one form racing: the unique token lets one through; answer the other with it.
    if (input.clientToken) {
      const existing = await findByClientToken(db, input.clientToken)
      if (existing && existing.user_id === actor.id) {
        return { ok: true, trackingNumber: existing.tracking_number, duplicate: true, status: existing.status }
      }
      if (existing) return { ok: false, errors: [{ code: 'token_used' }] }
    }
    throw error
  }
}

export interface OfflineInput extends InputContent {
  consultationId: number
  channel: Channel
  receivedAt: string
  submitterName: string
  submitterContact: string
  showName: boolean
  consentRecorded: boolean
  clientToken: string | null
}

/** Staff key in input received by letter, at a hearing or at a forum, as the submitter gave it. */
export async function recordOfflineInput(
  db: Kysely<Database>,
  input: OfflineInput,
  ctx: { staffId: number; now?: Date },
): Promise<SubmitResult> {
  const now = ctx.now ?? clockNow()
  if (input.clientToken) {
    const existing = await findByClientToken(db, input.clientToken)
    if (existing) return { ok: true, trackingNumber: existing.tracking_number, duplicate: true, status: existing.status }
  }
  const consultation = await getConsultation(db, input.consultationId)
  if (!consultation) return { ok: false, errors: [{ code: 'not_open', state: 'closed' }] }
  const errors: InputRuleError[] = []
  if (!OFFLINE_CHANNELS.includes(input.channel)) errors.push({ code: 'required', field: 'channel' })
  checkContent(input, consultation, await sectionKeysOf(db, consultation.version_id), errors)
  if (!input.submitterName.trim()) errors.push({ code: 'required', field: 'submitterName' })
  if (input.submitterName.length > LIMITS.submitterName) errors.push({ code: 'too_long', field: 'submitterName', max: LIMITS.submitterName })
  if (input.submitterContact.length > LIMITS.submitterContact) {
    errors.push({ code: 'too_long', field: 'submitterContact', max: LIMITS.submitterContact })
  }
  if (!input.consentRecorded) errors.push({ code: 'consent_missing', field: 'consentRecorded' })
  const received = Date.parse(input.receivedAt)
  if (
    Number.isNaN(received) ||
    input.receivedAt < consultation.opens_at ||
    input.receivedAt >= consultation.closes_at ||
    received > now.getTime()
  ) {
    errors.push({ code: 'received_outside_window', field: 'receivedAt' })
  }
  if (errors.length) return { ok: false, errors }

  const at = now.toISOString()
  // Abusive language waits for a moderator even where input is published at once (moderation.server.ts).
  const held = containsAbusiveLanguage(input.proposedText, input.reason, input.showName ? input.submitterName : '', input.groupName)
  const status: InputStatus = consultation.moderation === 'post' && !held ? 'published' : 'pending'
  const row = await db.transaction().execute((trx) =>
    insertInput(
      trx,
      {
        consultation_id: consultation.id,
        policy_id: consultation.policy_id,
        version_id: consultation.version_id,
        section_key: input.sectionKey,
        kind: input.kind,
        proposed_text: input.proposedText.trim(),
        reason: input.reason.trim(),
        topic: input.topic,
        display_mode: 'as_given',
        display_label: input.showName ? input.submitterName.trim() : '',
        user_id: null,
        channel: input.channel,
        submitter_name: input.submitterName.trim(),
        submitter_contact: input.submitterContact.trim(),
        group_name: input.groupName.trim(),
        group_type: input.groupName.trim() ? input.groupType : '',
        status,
        held_reason: held ? 'abusive' : '',
        client_token: input.clientToken,
        entered_by: ctx.staffId,
        received_at: new Date(received).toISOString(),
        created_at: at,
        published_at: status === 'published' ? at : null,
      },
      [],
      [{ purpose: 'processing', statement: 'Persetujuan tercatat pada dokumen yang diterima petugas.' }],
    ),
  )
  // Duplicate grouping runs after the insert has committed, never waiting (duplicates.server.ts).
  await indexNewInput(db, row.id)
  return { ok: true, trackingNumber: row.tracking_number, duplicate: false, status }
}

/**
 * Moves inputs between pending, published and hidden, keeping the per-section counts right.
 * Moderation calls this; nothing else changes an input's status.
 */
export async function setInputStatus(db: Db, inputIds: number[], status: InputStatus, now = clockNow()) {
  if (inputIds.length === 0) return 0
  // Inside a caller's transaction (bulk moderation) the change joins it; otherwise it is its own.
  if (db.isTransaction) return changeInputStatus(db as Transaction<Database>, inputIds, status, now)
  return (db as Kysely<Database>).transaction().execute((trx) => changeInputStatus(trx, inputIds, status, now))
}

async function changeInputStatus(trx: Transaction<Database>, inputIds: number[], status: InputStatus, now: Date) {
  const rows = await trx
    .selectFrom('inputs')
    .select(['id', 'status', 'version_id', 'section_key', 'published_at'])
    .where('id', 'in', inputIds)
    .execute()
  const changing = rows.filter((r) => r.status !== status)
  if (changing.length === 0) return 0
  await trx
    .updateTable('inputs')
    .set(
      status === 'published'
        ? { status, published_at: sql<string>`coalesce(published_at, ${now.toISOString()})` }
        : { status },
    )
    .where('id', 'in', changing.map((r) => r.id))
    .execute()
  const deltas = new Map<string, { versionId: number; sectionKey: string; delta: number }>()
  for (const r of changing) {
    const delta = (status === 'published' ? 1 : 0) - (r.status === 'published' ? 1 : 0)
    const key = `${r.version_id}\u0000${r.section_key}`
    const d = deltas.get(key) ?? { versionId: r.version_id, sectionKey: r.section_key, delta: 0 }
    d.delta += delta
    deltas.set(key, d)
  }
  for (const d of deltas.values()) await bumpSectionCount(trx, d.versionId, d.sectionKey, d.delta)
  return changing.length
}

/** Published inputs per section key of a version ('' = the whole draft). */
export async function sectionInputCounts(db: Db, versionId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('section_input_counts')
    .select(['section_key', 'published'])
    .where('version_id', '=', versionId)
    .execute()
  return Object.fromEntries(rows.map((r) => [r.section_key, Number(r.published)]))
}

export const PAGE_SIZE = 20

export interface InputFilter {
  policyId: number
  versionId?: number
  /** undefined = every section; '' = the whole draft only. */
  sectionKey?: string
  kind?: InputKind
  topic?: string
  /** Show inputs older than this id (the cursor). */
  before?: number
  limit?: number
  /** Hidden inputs too, in their place, as a placeholder: their text and author are never returned. */
  includeHidden?: boolean
}

/**
 * Published inputs, newest first, a page at a time. The cursor is the last id seen, so every
 * page is one index range, however many inputs come before it.
 */
export async function listPublishedInputs(db: Db, filter: InputFilter) {
  const limit = Math.min(Math.max(filter.limit ?? PAGE_SIZE, 1), 100)
  if (!filter.includeHidden) return pageOf(await publicInputRows(db, filter, 'published', limit), limit)
  // One index range per status, merged: as fast as one list, however many inputs there are.
  const [published, hidden] = await Promise.all([
    publicInputRows(db, filter, 'published', limit),
    publicInputRows(db, filter, 'hidden', limit),
  ])
  const merged = [...published, ...hidden.map(withoutHiddenText)].sort((a, b) => b.id - a.id)
  return pageOf(merged, limit)
}

function pageOf<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

function withoutHiddenText<
  T extends { proposed_text: string; reason: string; display_mode: DisplayMode; display_label: string; group_name: string; group_type: string },
>(row: T): T {
  return { ...row, proposed_text: '', reason: '', display_mode: 'as_given', display_label: '', group_name: '', group_type: '' }
}

async function publicInputRows(db: Db, filter: InputFilter, status: 'published' | 'hidden', limit: number) {
  let query = db
    .selectFrom('inputs')
    .select([
      'inputs.id',
      'inputs.tracking_number',
      'inputs.version_id',
      'inputs.section_key',
      'inputs.kind',
      'inputs.proposed_text',
      'inputs.reason',
      'inputs.topic',
      'inputs.display_mode',
      'inputs.display_label',
      'inputs.group_name',
      'inputs.group_type',
      'inputs.channel',
      'inputs.received_at',
      'inputs.published_at',
      'inputs.status',
      'inputs.hidden_reason',
      'inputs.is_complaint',
    ])
    .where('inputs.policy_id', '=', filter.policyId)
    .where('inputs.status', '=', status)
  if (filter.versionId !== undefined) query = query.where('inputs.version_id', '=', filter.versionId)
  if (filter.sectionKey !== undefined) query = query.where('inputs.section_key', '=', filter.sectionKey)
  if (filter.kind) query = query.where('inputs.kind', '=', filter.kind)
  if (filter.topic) query = query.where('inputs.topic', '=', filter.topic)
  if (filter.before !== undefined) query = query.where('inputs.id', '<', filter.before)
  return query.orderBy('inputs.id', 'desc').limit(limit + 1).execute()
}

/** One input as the public sees it (and its submitter), by tracking number. */
export async function getInputByTrackingNumber(db: Db, trackingNumber: string) {
  const row = await db
    .selectFrom('inputs')
    .innerJoin('policies', 'policies.id', 'inputs.policy_id')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .innerJoin('policy_versions', 'policy_versions.id', 'inputs.version_id')
    .innerJoin('consultations', 'consultations.id', 'inputs.consultation_id')
    .leftJoin('sections', (join) =>
      join.onRef('sections.version_id', '=', 'inputs.version_id').onRef('sections.key', '=', 'inputs.section_key'),
    )
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
      'inputs.group_type',
      'inputs.channel',
      'inputs.status',
      'inputs.hidden_reason',
      'inputs.held_reason',
      'inputs.is_complaint',
      'inputs.user_id',
      'inputs.theme_id',
      'inputs.received_at',
      'inputs.published_at',
      'policies.id as policy_id',
      'policies.slug as policy_slug',
      'policies.title as policy_title',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'organisations.time_zone',
      'policy_versions.number as version_number',
      'consultations.title as consultation_title',
      'sections.heading as section_heading',
    ])
    .where('inputs.tracking_number', '=', trackingNumber)
    .executeTakeFirst()
  if (!row) return null
  const answers = await db
    .selectFrom('input_answers')
    .innerJoin('questions', 'questions.id', 'input_answers.question_id')
    .select(['questions.id', 'questions.prompt', 'questions.kind', 'input_answers.value'])
    .where('input_answers.input_id', '=', row.id)
    .orderBy('questions.position')
    .execute()
  return { ...row, answers: answers.map((a) => ({ ...a, value: JSON.parse(a.value) as unknown })) }
}

/** Everyone who gave input on a policy online, for notifications. */
export async function listInputGiverIds(db: Db, policyId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inputs')
    .select('user_id')
    .distinct()
    .where('policy_id', '=', policyId)
    .where('user_id', 'is not', null)
    .execute()
  return rows.map((r) => r.user_id!)
}

/**
 * A comment left in an evaluation survey becomes an input of the policy's open consultation, so
 * the team can answer it like any other: channel online, on the whole draft, without a name
 * (a survey is anonymous), published or held as the consultation's moderation says. Runs in the
 * caller's transaction (the survey response's); the caller indexes duplicates after the commit.
 */
export async function insertSurveyComment(
  trx: Transaction<Database>,
  input: {
    consultation: Pick<Consultation, 'id' | 'policy_id' | 'version_id' | 'moderation' | 'topics'>
    kind: 'question' | 'support' | 'objection'
    text: string
    userId: number | null
    submitterName: string
    submitterContact: string
    at: string
  },
) {
  const held = containsAbusiveLanguage(input.text)
  const status: InputStatus = input.consultation.moderation === 'post' && !held ? 'published' : 'pending'
  // The consultation's own topic for performance and service where it has one, else its first.
  const topic = input.consultation.topics.find((t) => /kinerja|layanan|pelayanan/.test(t)) ?? input.consultation.topics[0] ?? ''
  const row = await insertInput(
    trx,
    {
      consultation_id: input.consultation.id,
      policy_id: input.consultation.policy_id,
      version_id: input.consultation.version_id,
      section_key: '',
      kind: input.kind,
      proposed_text: '',
      reason: input.text.trim(),
      topic,
      display_mode: 'as_given',
      display_label: '',
      user_id: input.userId,
      channel: 'online',
      submitter_name: input.submitterName,
      submitter_contact: input.submitterContact,
      group_name: '',
      group_type: '',
      status,
      held_reason: held ? 'abusive' : '',
      client_token: null,
      entered_by: null,
      received_at: input.at,
      created_at: input.at,
      published_at: status === 'published' ? input.at : null,
    },
    [],
    [{ purpose: 'publication', statement: 'Persetujuan diberikan pada formulir survei kepuasan: komentar diteruskan tanpa nama sebagai masukan.' }],
  )
  return { id: row.id, trackingNumber: row.tracking_number, status }
}
