import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'
import { type IkmResult, type ScoreCounts, computeIkm, krejcieMorgan } from '~/domain/evaluations/ikm'
import { type IndicatorRow, indicatorsForPeriods } from '~/domain/evaluations/indicators.server'
import { type Period, listPeriods } from '~/domain/evaluations/periods.server'
import { PROFILE, PROFILE_FIELDS, type ProfileField, SKM_ELEMENTS, type SkmElement } from '~/domain/evaluations/skm'
import { getSurveyQuestions } from '~/domain/evaluations/survey.server'

type Db = Kysely<Database> | Transaction<Database>

// Results are read from the tallies kept with each response: a period with a hundred thousand
// responses costs the same few rows as one with ten.

export interface PeriodResults {
  ikm: IkmResult
  /** Per profile field: each band's count, and how many did not say. */
  profile: Record<ProfileField, { value: string; count: number }[]>
  channels: { online: number; paper: number }
  sample: { population: number | null; minimum: number | null; met: boolean | null }
  questions: { id: number; prompt: string; kind: string; options: { value: string; count: number }[]; answered: number }[]
}

export async function readTallies(db: Db, periodIds: number[]) {
  if (periodIds.length === 0) return new Map<number, Map<string, Map<string, number>>>()
  const rows = await db
    .selectFrom('survey_tallies')
    .select(['period_id', 'item', 'value', 'count'])
    .where('period_id', 'in', periodIds)
    .execute()
  const out = new Map<number, Map<string, Map<string, number>>>()
  for (const r of rows) {
    const period = out.get(r.period_id) ?? new Map<string, Map<string, number>>()
    out.set(r.period_id, period)
    const item = period.get(r.item) ?? new Map<string, number>()
    period.set(r.item, item)
    item.set(r.value, Number(r.count))
  }
  return out
}

export function ikmFromTallies(tallies: Map<string, Map<string, number>> | undefined): IkmResult {
  const total = tallies?.get('total')?.get('all') ?? 0
  const counts: Partial<Record<SkmElement, ScoreCounts>> = {}
  for (const element of SKM_ELEMENTS) {
    const item = tallies?.get(`u${element}`)
    counts[element] = [1, 2, 3, 4].map((s) => item?.get(String(s)) ?? 0) as unknown as ScoreCounts
  }
  return computeIkm(total, counts)
}

/** Everything the period page and the report show about the survey, from the tallies. */
export async function periodResults(db: Db, period: Pick<Period, 'id' | 'population'>): Promise<PeriodResults> {
  const tallies = (await readTallies(db, [period.id])).get(period.id)
  const ikm = ikmFromTallies(tallies)
  const profile = {} as PeriodResults['profile']
  for (const field of PROFILE_FIELDS) {
    const item = tallies?.get(field)
    profile[field] = [...PROFILE[field], ''].map((value) => ({ value, count: item?.get(value) ?? 0 }))
  }
  const minimum = period.population ? krejcieMorgan(period.population) : null
  const questions = await getSurveyQuestions(db, period.id)
  return {
    ikm,
    profile,
    channels: { online: tallies?.get('channel')?.get('online') ?? 0, paper: tallies?.get('channel')?.get('paper') ?? 0 },
    sample: { population: period.population, minimum, met: minimum === null ? null : ikm.respondents >= minimum },
    questions: questions.map((q) => {
      const item = tallies?.get(`q${q.id}`)
      const values =
        q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : q.kind === 'yesno' ? ['ya', 'tidak'] : q.kind === 'text' ? ['answered'] : q.options
      const options = values.map((value) => ({ value, count: item?.get(value) ?? 0 }))
      return {
        id: q.id,
        prompt: q.prompt,
        kind: q.kind,
        options,
        answered: q.kind === 'multiple' ? -1 : options.reduce((a, o) => a + o.count, 0),
      }
    }),
  }
}

export interface PeriodSummary {
  period: Period
  ikm: IkmResult | null
  indicators: IndicatorRow[]
}

/**
 * Each period of a policy with its IKM and indicators, earliest first. Results of a period are
 * public once its report is published (`publishedOnly`); the team sees them as they come in.
 */
export async function resultsOverTime(db: Db, policyId: number, options: { publishedOnly: boolean }): Promise<PeriodSummary[]> {
  const periods = await listPeriods(db, policyId)
  const shown = periods.filter((p) => !options.publishedOnly || p.report_status === 'published')
  const tallies = await readTallies(db, shown.map((p) => p.id))
  const indicators = await indicatorsForPeriods(db, policyId, shown)
  return periods.map((period) => {
    const visible = shown.includes(period)
    return {
      period,
      ikm: visible ? ikmFromTallies(tallies.get(period.id)) : null,
      indicators: visible ? (indicators.get(period.id) ?? []) : [],
    }
  })
}

export interface ResponseExportRow {
  id: number
  channel: string
  scores: (number | null)[]
  age: string
  sex: string
  education: string
  occupation: string
  answers: Record<number, unknown>
}

/**
 * A period's responses for open data, a page at a time (by id, one index range per page): scores,
 * profile bands, and answers to choice questions. Never the comment, free text, account, address,
 * receipt code or time: nothing that could point to a person.
 */
export async function* iterateResponses(db: Db, periodId: number, pageSize = 500): AsyncGenerator<ResponseExportRow[]> {
  const questions = (await getSurveyQuestions(db, periodId)).filter((q) => q.kind !== 'text')
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('survey_responses')
      .select(['id', 'channel', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9', 'age', 'sex', 'education', 'occupation'])
      .where('period_id', '=', periodId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return
    const answers = questions.length
      ? await db
          .selectFrom('survey_answers')
          .select(['response_id', 'question_id', 'value'])
          .where('response_id', 'in', rows.map((r) => r.id))
          .where('question_id', 'in', questions.map((q) => q.id))
          .execute()
      : []
    yield rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      scores: [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9],
      age: r.age,
      sex: r.sex,
      education: r.education,
      occupation: r.occupation,
      answers: Object.fromEntries(answers.filter((a) => a.response_id === r.id).map((a) => [a.question_id, JSON.parse(a.value) as unknown])),
    }))
    after = rows[rows.length - 1].id
    if (rows.length < pageSize) return
  }
}
