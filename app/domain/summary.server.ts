import { type Kysely, type Transaction, sql } from 'kysely'
import type { Database, InputKind, QuestionKind } from '~db/schema'
import { getQuestions } from '~/domain/consultations.server'
import { INPUT_KINDS } from '~/domain/input-rules'

type Db = Kysely<Database> | Transaction<Database>

/** What the summary charts show: questionnaire answers and kinds of input, from published inputs. */

export interface QuestionSummary {
  id: number
  prompt: string
  kind: QuestionKind
  /** People who answered this question. */
  respondents: number
  /** Count per option, in the question's order (scale 1–5, yes then no, the choices). */
  options: { value: string; count: number }[]
  /** Scale questions: the mean answer, else null. */
  mean: number | null
}

export async function questionnaireSummary(db: Db, consultationId: number): Promise<QuestionSummary[]> {
  const questions = await getQuestions(db, consultationId)
  if (questions.length === 0) return []
  // Grouped by stored value: a handful of rows per question (free text is only counted).
  const rows = await db
    .selectFrom('input_answers')
    .innerJoin('inputs', 'inputs.id', 'input_answers.input_id')
    .innerJoin('questions', 'questions.id', 'input_answers.question_id')
    .select([
      'input_answers.question_id',
      sql<string>`case when questions.kind = 'text' then '' else input_answers.value end`.as('value'),
      sql<number | string>`count(*)`.as('n'),
    ])
    .where('inputs.consultation_id', '=', consultationId)
    .where('inputs.status', '=', 'published')
    .groupBy(['input_answers.question_id', sql`case when questions.kind = 'text' then '' else input_answers.value end`])
    .execute()

  return questions.map((q) => {
    const mine = rows.filter((r) => r.question_id === q.id)
    const respondents = mine.reduce((a, r) => a + Number(r.n), 0)
    const counts = new Map<string, number>()
    const add = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n)
    let sum = 0
    for (const r of mine) {
      if (q.kind === 'text') continue
      const value = JSON.parse(r.value) as unknown
      const n = Number(r.n)
      if (q.kind === 'multiple' && Array.isArray(value)) for (const v of value) add(String(v), n)
      else if (q.kind === 'yesno') add(value ? 'ya' : 'tidak', n)
      else add(String(value), n)
      if (q.kind === 'scale') sum += Number(value) * n
    }
    const order =
      q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : q.kind === 'yesno' ? ['ya', 'tidak'] : q.kind === 'text' ? [] : q.options
    return {
      id: q.id,
      prompt: q.prompt,
      kind: q.kind,
      respondents,
      options: order.map((value) => ({ value, count: counts.get(value) ?? 0 })),
      mean: q.kind === 'scale' && respondents > 0 ? sum / respondents : null,
    }
  })
}

export interface SectionKinds {
  sectionKey: string
  heading: string
  total: number
  kinds: Record<InputKind, number>
}

/** Published inputs (not complaints) per section and kind, in the draft's order; sections without input left out. */
export async function kindsBySection(db: Db, consultationId: number): Promise<SectionKinds[]> {
  const consultation = await db.selectFrom('consultations').select('version_id').where('id', '=', consultationId).executeTakeFirst()
  if (!consultation) return []
  const rows = await db
    .selectFrom('inputs')
    .select(['section_key', 'kind', sql<number | string>`count(*)`.as('n')])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'published')
    .where('is_complaint', '=', 0)
    .groupBy(['section_key', 'kind'])
    .execute()
  const sections = await db
    .selectFrom('sections')
    .select(['key', 'heading'])
    .where('version_id', '=', consultation.version_id)
    .orderBy('position')
    .execute()
  const empty = () => Object.fromEntries(INPUT_KINDS.map((k) => [k, 0])) as Record<InputKind, number>
  const out = [{ key: '', heading: '' }, ...sections].map((s) => ({ sectionKey: s.key, heading: s.heading, total: 0, kinds: empty() }))
  const byKey = new Map(out.map((s) => [s.sectionKey, s]))
  for (const r of rows) {
    const section = byKey.get(r.section_key)
    if (!section) continue
    section.kinds[r.kind] += Number(r.n)
    section.total += Number(r.n)
  }
  return out.filter((s) => s.total > 0)
}
