import crypto from 'node:crypto'
import { type Kysely, type Transaction, sql } from 'kysely'
import type { Database, InputStatus, QuestionKind, SurveyChannel } from '~db/schema'
import { type Consultation, type Question, consultationState, listConsultations, questionFromRow } from '~/domain/consultations.server'
import { indexNewInput } from '~/domain/duplicates.server'
import { EvaluationError } from '~/domain/evaluations/errors'
import { type Period, getPeriodWithPolicy, surveyState } from '~/domain/evaluations/periods.server'
import {
  COMMENT_KINDS,
  type CommentKind,
  PROFILE_FIELDS,
  type ProfileField,
  SKM_ELEMENTS,
  SURVEY_LIMITS,
  type SkmElement,
  isProfileValue,
} from '~/domain/evaluations/skm'
import { QUESTION_KINDS } from '~/domain/input-rules'
import { type InputRuleError, checkAnswers, insertSurveyComment } from '~/domain/inputs.server'
import type { Actor } from '~/domain/permissions.server'
import { hit, isLimited } from '~/domain/rate-limit.server'
import { clockNow, nowIso } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

// ---- Policy-specific questions ----

export async function getSurveyQuestions(db: Db, periodId: number): Promise<Question[]> {
  const rows = await db.selectFrom('survey_questions').selectAll().where('period_id', '=', periodId).orderBy('position').execute()
  return rows.map(questionFromRow)
}

/**
 * Adds a question of the team's own to a period's survey (e.g. for a personnel policy, one for the
 * organisation's own civil servants). Questions change only before the first response.
 */
export async function addSurveyQuestion(
  db: Kysely<Database>,
  input: { periodId: number; kind: QuestionKind; prompt: string; options: string[]; required: boolean },
) {
  const prompt = input.prompt.trim()
  if (!QUESTION_KINDS.includes(input.kind)) throw new EvaluationError('bad_question', 'kind')
  if (!prompt) throw new EvaluationError('required', 'prompt')
  if (prompt.length > SURVEY_LIMITS.questionPrompt) throw new EvaluationError('too_long', 'prompt', String(SURVEY_LIMITS.questionPrompt))
  const options = [...new Set(input.options.map((o) => o.trim()).filter(Boolean))]
  const choice = input.kind === 'single' || input.kind === 'multiple'
  if (choice && options.length < 2) throw new EvaluationError('bad_question', 'options')
  return db.transaction().execute(async (trx) => {
    const period = await trx
      .updateTable('evaluation_periods')
      .set((eb) => ({ respondents: eb.ref('respondents') }))
      .where('id', '=', input.periodId)
      .returning(['respondents'])
      .executeTakeFirst()
    if (!period) throw new EvaluationError('not_found')
    if (period.respondents > 0) throw new EvaluationError('has_responses', 'prompt')
    const existing = await getSurveyQuestions(trx, input.periodId)
    if (existing.length >= SURVEY_LIMITS.questions) throw new EvaluationError('too_many_questions', 'prompt', String(SURVEY_LIMITS.questions))
    return trx
      .insertInto('survey_questions')
      .values({
        period_id: input.periodId,
        position: (existing.at(-1)?.position ?? 0) + 1,
        kind: input.kind,
        prompt,
        options: JSON.stringify(choice ? options : []),
        required: input.required ? 1 : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  })
}

export async function removeSurveyQuestion(db: Kysely<Database>, input: { periodId: number; questionId: number }) {
  const period = await db.selectFrom('evaluation_periods').select('respondents').where('id', '=', input.periodId).executeTakeFirst()
  if (!period) throw new EvaluationError('not_found')
  if (period.respondents > 0) throw new EvaluationError('has_responses')
  await db.deleteFrom('survey_questions').where('id', '=', input.questionId).where('period_id', '=', input.periodId).execute()
}

// ---- Responses ----

export interface ResponseInput {
  /** 1–4 per element; null or missing where left blank. */
  scores: Partial<Record<SkmElement, number | null>>
  profile: Partial<Record<ProfileField, string>>
  /** Answers to the period's own questions, by `q<id>`. */
  answers: Record<string, unknown>
  comment: string
  commentKind?: CommentKind | ''
  /** The respondent agrees the comment goes, without a name, to the open consultation. */
  shareComment: boolean
}

export interface ResponseFieldError {
  field: string
  code: EvaluationError['code']
  detail?: string
}

export interface CheckedResponse {
  scores: Record<SkmElement, number | null>
  profile: Record<ProfileField, string>
  answers: { questionId: number; value: unknown }[]
  comment: string
  commentKind: CommentKind
  shareComment: boolean
}

const answerErrorCode: Record<string, EvaluationError['code']> = {
  answer_required: 'answer_required',
  answer_invalid: 'answer_invalid',
  too_long: 'too_long',
}

/** Checks one questionnaire against the survey's rules; every problem is reported, by field. */
export function checkResponse(input: ResponseInput, questions: Question[]): { value: CheckedResponse; errors: ResponseFieldError[] } {
  const errors: ResponseFieldError[] = []
  const scores = {} as Record<SkmElement, number | null>
  for (const element of SKM_ELEMENTS) {
    const raw = input.scores[element]
    if (raw === null || raw === undefined) {
      scores[element] = null
      continue
    }
    if (!Number.isInteger(raw) || raw < 1 || raw > 4) {
      errors.push({ field: `u${element}`, code: 'answer_invalid' })
      scores[element] = null
    } else scores[element] = raw
  }
  if (errors.length === 0 && SKM_ELEMENTS.every((e) => scores[e] === null)) errors.push({ field: 'u1', code: 'nothing_answered' })
  const profile = {} as Record<ProfileField, string>
  for (const field of PROFILE_FIELDS) {
    const value = (input.profile[field] ?? '').trim()
    if (value && !isProfileValue(field, value)) errors.push({ field, code: 'profile_invalid' })
    profile[field] = value && isProfileValue(field, value) ? value : ''
  }
  const answerErrors: InputRuleError[] = []
  const answers = checkAnswers(questions, input.answers, answerErrors)
  for (const e of answerErrors) {
    if ('field' in e) errors.push({ field: e.field, code: answerErrorCode[e.code] ?? 'answer_invalid', detail: 'max' in e ? String(e.max) : undefined })
  }
  const comment = input.comment.trim()
  if (comment.length > SURVEY_LIMITS.comment) errors.push({ field: 'comment', code: 'too_long', detail: String(SURVEY_LIMITS.comment) })
  const kind = input.commentKind || 'question'
  if (!COMMENT_KINDS.includes(kind)) errors.push({ field: 'commentKind', code: 'answer_invalid' })
  return {
    value: { scores, profile, answers, comment, commentKind: COMMENT_KINDS.includes(kind) ? kind : 'question', shareComment: input.shareComment && comment !== '' },
    errors,
  }
}

/** The tally rows one response adds to: one per element answered, profile field, answer, and the total. */
function tallyItems(r: CheckedResponse, questions: Question[], channel: SurveyChannel): [string, string][] {
  const items: [string, string][] = [
    ['total', 'all'],
    ['channel', channel],
  ]
  for (const element of SKM_ELEMENTS) {
    const score = r.scores[element]
    if (score !== null) items.push([`u${element}`, String(score)])
  }
  for (const field of PROFILE_FIELDS) items.push([field, r.profile[field]])
  for (const a of r.answers) {
    const q = questions.find((x) => x.id === a.questionId)
    if (!q) continue
    const item = `q${q.id}`
    if (q.kind === 'text') items.push([item, 'answered'])
    else if (q.kind === 'multiple') for (const v of a.value as string[]) items.push([item, v])
    else if (q.kind === 'yesno') items.push([item, a.value ? 'ya' : 'tidak'])
    else items.push([item, String(a.value)])
  }
  return items
}

async function bumpTallies(trx: Transaction<Database>, periodId: number, items: [string, string][], delta = 1) {
  if (items.length === 0) return
  await trx
    .insertInto('survey_tallies')
    .values(items.map(([item, value]) => ({ period_id: periodId, item, value, count: delta })))
    .onConflict((oc) => oc.columns(['period_id', 'item', 'value']).doUpdateSet({ count: sql<number>`survey_tallies.count + ${delta}` }))
    .execute()
}

/** The stored row of one checked response. */
function responseRow(
  periodId: number,
  r: CheckedResponse,
  meta: {
    channel: SurveyChannel
    userId: number | null
    enteredBy: number | null
    importId: number | null
    receiptCodeId: number | null
    clientToken: string | null
    commentInputId: number | null
    at: string
  },
) {
  return {
    period_id: periodId,
    channel: meta.channel,
    user_id: meta.userId,
    entered_by: meta.enteredBy,
    import_id: meta.importId,
    receipt_code_id: meta.receiptCodeId,
    u1: r.scores[1],
    u2: r.scores[2],
    u3: r.scores[3],
    u4: r.scores[4],
    u5: r.scores[5],
    u6: r.scores[6],
    u7: r.scores[7],
    u8: r.scores[8],
    u9: r.scores[9],
    age: r.profile.age,
    sex: r.profile.sex,
    education: r.profile.education,
    occupation: r.profile.occupation,
    comment: r.comment,
    comment_input_id: meta.commentInputId,
    client_token: meta.clientToken,
    created_at: meta.at,
  }
}

/**
 * Writes one checked response, its answers and its tallies (and the period's respondent count),
 * in the caller's transaction: the counts never drift from the responses.
 */
export async function insertResponse(
  trx: Transaction<Database>,
  periodId: number,
  r: CheckedResponse,
  questions: Question[],
  meta: {
    channel: SurveyChannel
    userId: number | null
    enteredBy: number | null
    importId: number | null
    receiptCodeId: number | null
    clientToken: string | null
    commentInputId: number | null
    at: string
  },
) {
  const row = await trx
    .insertInto('survey_responses')
    .values(responseRow(periodId, r, meta))
    .returning('id')
    .executeTakeFirstOrThrow()
  if (r.answers.length) {
    await trx
      .insertInto('survey_answers')
      .values(r.answers.map((a) => ({ response_id: row.id, question_id: a.questionId, value: JSON.stringify(a.value) })))
      .execute()
  }
  await bumpTallies(trx, periodId, tallyItems(r, questions, meta.channel))
  await trx
    .updateTable('evaluation_periods')
    .set((eb) => ({ respondents: eb('respondents', '+', 1) }))
    .where('id', '=', periodId)
    .execute()
  return row.id
}

/**
 * Writes many checked paper responses at once (a CSV import), in the caller's transaction: rows
 * and answers in slices, the tallies added up first and written once.
 */
export async function insertPaperResponses(
  trx: Transaction<Database>,
  periodId: number,
  rows: CheckedResponse[],
  questions: Question[],
  meta: { enteredBy: number | null; importId: number; at: string },
) {
  const tallies = new Map<string, number>()
  for (let i = 0; i < rows.length; i += 100) {
    const slice = rows.slice(i, i + 100)
    const ids = await trx
      .insertInto('survey_responses')
      .values(
        slice.map((r) =>
          responseRow(periodId, r, {
            channel: 'paper',
            userId: null,
            enteredBy: meta.enteredBy,
            importId: meta.importId,
            receiptCodeId: null,
            clientToken: null,
            commentInputId: null,
            at: meta.at,
          }),
        ),
      )
      .returning('id')
      .execute()
    const answers = slice.flatMap((r, j) => r.answers.map((a) => ({ response_id: ids[j].id, question_id: a.questionId, value: JSON.stringify(a.value) })))
    for (let k = 0; k < answers.length; k += 200) await trx.insertInto('survey_answers').values(answers.slice(k, k + 200)).execute()
    for (const r of slice) {
      for (const [item, value] of tallyItems(r, questions, 'paper')) {
        const key = `${item}\u0000${value}`
        tallies.set(key, (tallies.get(key) ?? 0) + 1)
      }
    }
  }
  for (const [key, count] of tallies) {
    const [item, value] = key.split('\u0000')
    await bumpTallies(trx, periodId, [[item, value]], count)
  }
  await trx
    .updateTable('evaluation_periods')
    .set((eb) => ({ respondents: eb('respondents', '+', rows.length) }))
    .where('id', '=', periodId)
    .execute()
}

/** The open consultation a survey comment can go to: public (or the respondent's own organisation's). */
async function openConsultationFor(db: Db, policyId: number, employee: boolean, now: Date): Promise<Consultation | null> {
  const all = await listConsultations(db, policyId)
  return all.find((c) => consultationState(c, now) === 'open' && (c.audience !== 'employees' || employee)) ?? null
}

export type SurveyResult =
  | { ok: true; duplicate: boolean; trackingNumber: string | null; inputStatus: InputStatus | null }
  | { ok: false; errors: ResponseFieldError[] }

export function normaliseReceiptCode(raw: string): string {
  return raw.toUpperCase().replace(/[^0-9A-Z]/g, '')
}

/**
 * A person answers a period's survey online, with or without an account. Ballot stuffing is held
 * back: one response per account, a limit per address and hour, and — when the period asks for it
 * — a receipt code printed on the proof of service, good for one response.
 */
export async function submitSurveyResponse(
  db: Kysely<Database>,
  input: ResponseInput & { periodId: number; receiptCode: string; clientToken: string | null },
  ctx: { actor: Actor | null; address: string | null; now?: Date },
): Promise<SurveyResult> {
  const now = ctx.now ?? clockNow()
  if (input.clientToken) {
    const existing = await db
      .selectFrom('survey_responses')
      .leftJoin('inputs', 'inputs.id', 'survey_responses.comment_input_id')
      .select(['survey_responses.period_id', 'inputs.tracking_number', 'inputs.status'])
      .where('survey_responses.client_token', '=', input.clientToken)
      .executeTakeFirst()
    if (existing && existing.period_id === input.periodId) {
      return { ok: true, duplicate: true, trackingNumber: existing.tracking_number, inputStatus: existing.status }
    }
    // The token of another period's form (a forged one): refuse rather than break the unique index.
    if (existing) return { ok: false, errors: [{ field: '', code: 'token_used' }] }
  }
  const period = await getPeriodWithPolicy(db, input.periodId)
  if (!period) return { ok: false, errors: [{ field: '', code: 'not_found' }] }
  if (surveyState(period, now) !== 'open') return { ok: false, errors: [{ field: '', code: 'survey_not_open' }] }
  const employee = Boolean(ctx.actor?.memberships.some((m) => m.organisationId === period.organisation_id))
  if (period.audience === 'employees' && !employee) return { ok: false, errors: [{ field: '', code: 'employees_only' }] }

  const questions = await getSurveyQuestions(db, period.id)
  const { value, errors } = checkResponse(input, questions)
  const code = normaliseReceiptCode(input.receiptCode)
  if (period.require_receipt_code && !code) errors.push({ field: 'receiptCode', code: 'receipt_required' })
  if (code.length > SURVEY_LIMITS.receiptCode) errors.push({ field: 'receiptCode', code: 'receipt_unknown' })
  if (errors.length) return { ok: false, errors }

  if (ctx.actor) {
    const answered = await db
      .selectFrom('survey_responses')
      .select('id')
      .where('period_id', '=', period.id)
      .where('user_id', '=', ctx.actor.id)
      .executeTakeFirst()
    if (answered) return { ok: false, errors: [{ field: '', code: 'already_answered' }] }
  }
  const limitKey = ctx.address ? `survey:address:${period.id}:${ctx.address}` : null
  if (limitKey && (await isLimited(db, limitKey, SURVEY_LIMITS.perAddressPerHour, 60 * 60_000, now)) > 0) {
    return { ok: false, errors: [{ field: '', code: 'rate_limited' }] }
  }

  const at = now.toISOString()
  let outcome: { trackingNumber: string | null; inputStatus: InputStatus | null; inputId: number | null }
  try {
    outcome = await db.transaction().execute(async (trx) => {
      let receiptCodeId: number | null = null
      if (period.require_receipt_code) {
        // Compare-and-set: of two people typing the same code at once, one gets it.
        const used = await trx
          .updateTable('survey_receipt_codes')
          .set({ used_at: at })
          .where('period_id', '=', period.id)
          .where('code', '=', code)
          .where('used_at', 'is', null)
          .returning('id')
          .executeTakeFirst()
        if (!used) {
          const known = await trx.selectFrom('survey_receipt_codes').select('id').where('period_id', '=', period.id).where('code', '=', code).executeTakeFirst()
          throw new EvaluationError(known ? 'receipt_used' : 'receipt_unknown', 'receiptCode')
        }
        receiptCodeId = used.id
      }
      let comment: { id: number; trackingNumber: string; status: InputStatus } | null = null
      if (value.shareComment) {
        const consultation = await openConsultationFor(trx, period.policy_id, employee, now)
        if (consultation) {
          comment = await insertSurveyComment(trx, {
            consultation,
            kind: value.commentKind,
            text: value.comment,
            userId: ctx.actor?.id ?? null,
            submitterName: ctx.actor?.displayName ?? '',
            submitterContact: ctx.actor?.email ?? '',
            at,
          })
        }
      }
      await insertResponse(trx, period.id, value, questions, {
        channel: 'online',
        userId: ctx.actor?.id ?? null,
        enteredBy: null,
        importId: null,
        receiptCodeId,
        clientToken: input.clientToken,
        commentInputId: comment?.id ?? null,
        at,
      })
      return { trackingNumber: comment?.trackingNumber ?? null, inputStatus: comment?.status ?? null, inputId: comment?.id ?? null }
    })
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, errors: [{ field: error.field, code: error.code }] }
    // The one-per-account index: a second tab sent the same person's answers at the same moment.
    if (ctx.actor) {
      const answered = await db
        .selectFrom('survey_responses')
        .select(['client_token'])
        .where('period_id', '=', period.id)
        .where('user_id', '=', ctx.actor.id)
        .executeTakeFirst()
      if (answered) return { ok: false, errors: [{ field: '', code: 'already_answered' }] }
    }
    if (input.clientToken) {
      const taken = await db.selectFrom('survey_responses').select('id').where('client_token', '=', input.clientToken).executeTakeFirst()
      if (taken) return { ok: false, errors: [{ field: '', code: 'token_used' }] }
    }
    throw error
  }
  if (limitKey) await hit(db, limitKey, SURVEY_LIMITS.perAddressPerHour, 60 * 60_000, now)
  if (outcome.inputId !== null) await indexNewInput(db, outcome.inputId)
  return { ok: true, duplicate: false, trackingNumber: outcome.trackingNumber, inputStatus: outcome.inputStatus }
}

/** Staff key in one paper questionnaire. Paper comments stay with the response for the team. */
export async function recordPaperResponse(
  db: Kysely<Database>,
  input: ResponseInput & { periodId: number; clientToken: string | null },
  ctx: { staffId: number; now?: Date },
): Promise<SurveyResult> {
  const at = (ctx.now ?? clockNow()).toISOString()
  if (input.clientToken) {
    const existing = await db.selectFrom('survey_responses').select('id').where('client_token', '=', input.clientToken).executeTakeFirst()
    if (existing) return { ok: true, duplicate: true, trackingNumber: null, inputStatus: null }
  }
  const period = await db.selectFrom('evaluation_periods').select(['id', 'report_status']).where('id', '=', input.periodId).executeTakeFirst()
  if (!period) return { ok: false, errors: [{ field: '', code: 'not_found' }] }
  if (period.report_status === 'published') return { ok: false, errors: [{ field: '', code: 'report_published' }] }
  const questions = await getSurveyQuestions(db, period.id)
  const { value, errors } = checkResponse({ ...input, shareComment: false }, questions)
  if (errors.length) return { ok: false, errors }
  await db.transaction().execute((trx) =>
    insertResponse(trx, period.id, value, questions, {
      channel: 'paper',
      userId: null,
      enteredBy: ctx.staffId,
      importId: null,
      receiptCodeId: null,
      clientToken: input.clientToken,
      commentInputId: null,
      at,
    }),
  )
  return { ok: true, duplicate: false, trackingNumber: null, inputStatus: null }
}

// ---- Receipt codes ----

// Eight characters without look-alikes, like tracking numbers: "7KQ2-MX4D" on a receipt.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

function newCode(): string {
  let out = ''
  for (let i = 0; i < 8; i++) out += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]
  return out
}

/** Makes `count` fresh receipt codes for a period's service counter to print on proofs of service. */
export async function createReceiptCodes(db: Kysely<Database>, input: { periodId: number; count: number }) {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > SURVEY_LIMITS.codesPerBatch) {
    throw new EvaluationError('bad_number', 'count', String(SURVEY_LIMITS.codesPerBatch))
  }
  const at = nowIso()
  return db.transaction().execute(async (trx) => {
    const codes = new Set<string>()
    while (codes.size < input.count) codes.add(newCode())
    const rows = [...codes].map((code) => ({ period_id: input.periodId, code, created_at: at }))
    for (let i = 0; i < rows.length; i += 200) {
      await trx.insertInto('survey_receipt_codes').values(rows.slice(i, i + 200)).onConflict((oc) => oc.doNothing()).execute()
    }
    return [...codes]
  })
}

export async function receiptCodeCounts(db: Db, periodId: number) {
  const row = await db
    .selectFrom('survey_receipt_codes')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('used_at').as('used')])
    .where('period_id', '=', periodId)
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), used: Number(row.used) }
}

/** Unused codes, for printing (a page at a time). */
export async function* iterateReceiptCodes(db: Db, periodId: number, pageSize = 500) {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('survey_receipt_codes')
      .select(['id', 'code', 'used_at'])
      .where('period_id', '=', periodId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return
    yield rows
    after = rows[rows.length - 1].id
    if (rows.length < pageSize) return
  }
}

export type { Period }
