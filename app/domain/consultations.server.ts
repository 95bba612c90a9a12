import type { Kysely, Transaction } from 'kysely'
import type { Audience, Database, ModerationMode, QuestionKind } from '~db/schema'
import { QUESTION_KINDS } from '~/domain/input-rules'
import { clockNow, nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

export { AUDIENCES, DEFAULT_TOPICS, MODERATION_MODES, QUESTION_KINDS } from '~/domain/input-rules'

export type ConsultationState = 'upcoming' | 'open' | 'closed'

export function consultationState(c: { opens_at: string; closes_at: string }, now = clockNow()): ConsultationState {
  const t = now.toISOString()
  if (t < c.opens_at) return 'upcoming'
  if (t >= c.closes_at) return 'closed'
  return 'open'
}

export class ConsultationError extends Error {
  constructor(
    public code:
      | 'version_not_published'
      | 'closes_before_opens'
      | 'no_topics'
      | 'has_inputs'
      | 'bad_question'
      | 'not_found',
    public field?: string,
  ) {
    super(code)
  }
}

export interface QuestionInput {
  kind: QuestionKind
  prompt: string
  options?: string[]
  required: boolean
}

function cleanTopics(topics: string[]): string[] {
  return [...new Set(topics.map((t) => t.trim().toLowerCase()).filter(Boolean))]
}

function checkQuestion(q: QuestionInput) {
  if (!QUESTION_KINDS.includes(q.kind) || !q.prompt.trim()) throw new ConsultationError('bad_question', 'prompt')
  const options = (q.options ?? []).map((o) => o.trim()).filter(Boolean)
  if ((q.kind === 'single' || q.kind === 'multiple') && new Set(options).size < 2) {
    throw new ConsultationError('bad_question', 'options')
  }
  return q.kind === 'single' || q.kind === 'multiple' ? [...new Set(options)] : []
}

export async function createConsultation(
  db: Kysely<Database>,
  input: {
    policyId: number
    versionId: number
    title: string
    description: string
    opensAt: string
    closesAt: string
    audience: Audience
    moderation: ModerationMode
    topics: string[]
    questions?: QuestionInput[]
    actorId: number | null
  },
) {
  const version = await db
    .selectFrom('policy_versions')
    .select(['id', 'status'])
    .where('id', '=', input.versionId)
    .where('policy_id', '=', input.policyId)
    .executeTakeFirst()
  if (!version || version.status !== 'published') throw new ConsultationError('version_not_published', 'versionId')
  if (input.closesAt <= input.opensAt) throw new ConsultationError('closes_before_opens', 'closesAt')
  const topics = cleanTopics(input.topics)
  if (topics.length === 0) throw new ConsultationError('no_topics', 'topics')
  const questions = (input.questions ?? []).map((q) => ({ ...q, options: checkQuestion(q) }))

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('consultations')
      .values({
        policy_id: input.policyId,
        version_id: input.versionId,
        title: input.title.trim(),
        description: input.description.trim(),
        opens_at: input.opensAt,
        closes_at: input.closesAt,
        audience: input.audience,
        moderation: input.moderation,
        topics: JSON.stringify(topics),
        created_by: input.actorId,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [i, q] of questions.entries()) {
      await trx
        .insertInto('questions')
        .values({
          consultation_id: row.id,
          position: i + 1,
          kind: q.kind,
          prompt: q.prompt.trim(),
          options: JSON.stringify(q.options),
          required: q.required ? 1 : 0,
        })
        .execute()
    }
    return row
  })
}

export async function updateConsultationSchedule(
  db: Kysely<Database>,
  input: { consultationId: number; opensAt: string; closesAt: string; title: string; description: string },
) {
  if (input.closesAt <= input.opensAt) throw new ConsultationError('closes_before_opens', 'closesAt')
  await db
    .updateTable('consultations')
    .set({ opens_at: input.opensAt, closes_at: input.closesAt, title: input.title.trim(), description: input.description.trim() })
    .where('id', '=', input.consultationId)
    .execute()
}

/** Ends the comment window now (a consultation that has not opened yet opens and closes at once). */
export async function closeConsultationNow(db: Kysely<Database>, consultationId: number, now = clockNow()) {
  const c = await db.selectFrom('consultations').select(['opens_at', 'closes_at']).where('id', '=', consultationId).executeTakeFirst()
  if (!c) throw new ConsultationError('not_found')
  if (consultationState(c, now) === 'closed') return false
  const at = now.toISOString()
  await db
    .updateTable('consultations')
    .set({ closes_at: at, opens_at: c.opens_at > at ? at : c.opens_at })
    .where('id', '=', consultationId)
    .execute()
  return true
}

async function hasInputs(db: Db, consultationId: number) {
  return Boolean(await db.selectFrom('inputs').select('id').where('consultation_id', '=', consultationId).limit(1).executeTakeFirst())
}

/** The questionnaire is fixed once the first input arrives, so every answer answers the same question. */
export async function addQuestion(db: Kysely<Database>, consultationId: number, q: QuestionInput) {
  if (await hasInputs(db, consultationId)) throw new ConsultationError('has_inputs')
  const options = checkQuestion(q)
  const last = await db
    .selectFrom('questions')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst()
  await db
    .insertInto('questions')
    .values({
      consultation_id: consultationId,
      position: Number(last?.max ?? 0) + 1,
      kind: q.kind,
      prompt: q.prompt.trim(),
      options: JSON.stringify(options),
      required: q.required ? 1 : 0,
    })
    .execute()
}

export async function removeQuestion(db: Kysely<Database>, consultationId: number, questionId: number) {
  if (await hasInputs(db, consultationId)) throw new ConsultationError('has_inputs')
  await db.deleteFrom('questions').where('id', '=', questionId).where('consultation_id', '=', consultationId).execute()
}

export interface Question {
  id: number
  position: number
  kind: QuestionKind
  prompt: string
  options: string[]
  required: boolean
}

export async function getQuestions(db: Db, consultationId: number): Promise<Question[]> {
  const rows = await db
    .selectFrom('questions')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .execute()
  return rows.map(questionFromRow)
}

/** A stored question (options as JSON, required as 0/1) as forms and rules use it; evaluation surveys share it. */
export function questionFromRow(r: { id: number; position: number; kind: QuestionKind; prompt: string; options: string; required: number }): Question {
  return { id: r.id, position: r.position, kind: r.kind, prompt: r.prompt, options: JSON.parse(r.options) as string[], required: Boolean(r.required) }
}

const consultationColumns = [
  'consultations.id',
  'consultations.policy_id',
  'consultations.version_id',
  'consultations.title',
  'consultations.description',
  'consultations.opens_at',
  'consultations.closes_at',
  'consultations.audience',
  'consultations.moderation',
  'consultations.topics',
  'consultations.created_at',
] as const

function withTopics<T extends { topics: string }>(row: T) {
  return { ...row, topics: JSON.parse(row.topics) as string[] }
}

export type Consultation = ReturnType<typeof withTopics<{
  id: number
  policy_id: number
  version_id: number
  title: string
  description: string
  opens_at: string
  closes_at: string
  audience: Audience
  moderation: ModerationMode
  topics: string
  created_at: string
}>>

export async function getConsultation(db: Db, id: number) {
  const row = await db
    .selectFrom('consultations')
    .innerJoin('policy_versions', 'policy_versions.id', 'consultations.version_id')
    .select([...consultationColumns, 'policy_versions.number as version_number'])
    .where('consultations.id', '=', id)
    .executeTakeFirst()
  return row ? withTopics(row) : null
}

export async function listConsultations(db: Db, policyId: number) {
  const rows = await db
    .selectFrom('consultations')
    .innerJoin('policy_versions', 'policy_versions.id', 'consultations.version_id')
    .select([...consultationColumns, 'policy_versions.number as version_number'])
    .where('consultations.policy_id', '=', policyId)
    .orderBy('consultations.opens_at', 'desc')
    .execute()
  return rows.map(withTopics)
}

/**
 * The consultation a visitor of a version should see: the open one, else the next to open,
 * else the one that closed last.
 */
export async function getCurrentConsultation(db: Db, versionId: number, now = clockNow()) {
  const rows = await db
    .selectFrom('consultations')
    .innerJoin('policy_versions', 'policy_versions.id', 'consultations.version_id')
    .select([...consultationColumns, 'policy_versions.number as version_number'])
    .where('consultations.version_id', '=', versionId)
    .orderBy('consultations.opens_at', 'desc')
    .execute()
  const all = rows.map(withTopics)
  const by = (state: ConsultationState) => all.filter((c) => consultationState(c, now) === state)
  return by('open')[0] ?? by('upcoming').at(-1) ?? by('closed')[0] ?? null
}

export async function countInputsByStatus(db: Db, consultationId: number) {
  const rows = await db
    .selectFrom('inputs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .groupBy('status')
    .execute()
  const counts = { pending: 0, published: 0, hidden: 0, total: 0 }
  for (const r of rows) {
    counts[r.status] = Number(r.n)
    counts.total += Number(r.n)
  }
  return counts
}
