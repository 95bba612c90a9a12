import type { Kysely, Transaction } from 'kysely'
import type { Database, Stage, SurveyAudience } from '~db/schema'
import { consultationState } from '~/domain/consultations.server'
import { EvaluationError } from '~/domain/evaluations/errors'
import { dayAfter, dayIn, periodAfter, periodContaining } from '~/domain/evaluations/periods'
import { DEFAULT_PERIOD_MONTHS, PERIOD_MONTHS, type PeriodMonths, SURVEY_LIMITS } from '~/domain/evaluations/skm'
import { clockNow, nowIso } from '~/lib/clock'
import { zonedLocalToUtc } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

/** A policy is evaluated once adopted and implemented; new periods open only then. */
export const EVALUATION_STAGES: Stage[] = ['implementasi', 'evaluasi']

export type SurveyState = 'upcoming' | 'open' | 'closed'

export function surveyState(p: { survey_opens_at: string; survey_closes_at: string }, now = clockNow()): SurveyState {
  return consultationState({ opens_at: p.survey_opens_at, closes_at: p.survey_closes_at }, now)
}

export async function getPlan(db: Db, policyId: number): Promise<{ periodMonths: PeriodMonths; saved: boolean }> {
  const row = await db.selectFrom('evaluation_plans').select('period_months').where('policy_id', '=', policyId).executeTakeFirst()
  const months = row?.period_months as PeriodMonths | undefined
  return { periodMonths: months && PERIOD_MONTHS.includes(months) ? months : DEFAULT_PERIOD_MONTHS, saved: Boolean(row) }
}

async function policyStage(db: Db, policyId: number) {
  return db
    .selectFrom('policies')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select(['policies.stage', 'organisations.time_zone', 'policies.organisation_id'])
    .where('policies.id', '=', policyId)
    .executeTakeFirstOrThrow()
}

/** Sets how long each evaluation period lasts; periods already opened keep their span. */
export async function setPlan(db: Kysely<Database>, input: { policyId: number; periodMonths: number; actorId: number | null }) {
  if (!PERIOD_MONTHS.includes(input.periodMonths as PeriodMonths)) throw new EvaluationError('required', 'periodMonths')
  const { stage } = await policyStage(db, input.policyId)
  if (!EVALUATION_STAGES.includes(stage)) throw new EvaluationError('wrong_stage', 'periodMonths')
  const at = nowIso()
  await db
    .insertInto('evaluation_plans')
    .values({ policy_id: input.policyId, period_months: input.periodMonths, updated_by: input.actorId, updated_at: at })
    .onConflict((oc) => oc.column('policy_id').doUpdateSet({ period_months: input.periodMonths, updated_by: input.actorId, updated_at: at }))
    .execute()
}

const periodColumns = [
  'evaluation_periods.id',
  'evaluation_periods.policy_id',
  'evaluation_periods.name',
  'evaluation_periods.slug',
  'evaluation_periods.starts_on',
  'evaluation_periods.ends_on',
  'evaluation_periods.service_name',
  'evaluation_periods.population',
  'evaluation_periods.audience',
  'evaluation_periods.survey_opens_at',
  'evaluation_periods.survey_closes_at',
  'evaluation_periods.require_receipt_code',
  'evaluation_periods.respondents',
  'evaluation_periods.analysis',
  'evaluation_periods.report_status',
  'evaluation_periods.report_published_at',
  'evaluation_periods.revision_version_id',
  'evaluation_periods.created_at',
] as const

/** Every period of a policy, earliest first. */
export async function listPeriods(db: Db, policyId: number) {
  return db
    .selectFrom('evaluation_periods')
    .select(periodColumns)
    .where('evaluation_periods.policy_id', '=', policyId)
    .orderBy('evaluation_periods.starts_on')
    .execute()
}

export type Period = Awaited<ReturnType<typeof listPeriods>>[number]

export async function getPeriodBySlug(db: Db, policyId: number, slug: string) {
  return db
    .selectFrom('evaluation_periods')
    .select(periodColumns)
    .where('evaluation_periods.policy_id', '=', policyId)
    .where('evaluation_periods.slug', '=', slug)
    .executeTakeFirst()
}

/** A period with its policy and organisation, for the team's pages. */
export async function getPeriodWithPolicy(db: Db, periodId: number) {
  return db
    .selectFrom('evaluation_periods')
    .innerJoin('policies', 'policies.id', 'evaluation_periods.policy_id')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select([
      ...periodColumns,
      'policies.slug as policy_slug',
      'policies.title as policy_title',
      'policies.stage as policy_stage',
      'policies.organisation_id',
      'organisations.name as organisation_name',
      'organisations.time_zone',
    ])
    .where('evaluation_periods.id', '=', periodId)
    .executeTakeFirst()
}

export type PeriodWithPolicy = NonNullable<Awaited<ReturnType<typeof getPeriodWithPolicy>>>

/**
 * Opens the next evaluation period: the one after the latest, or (for the first) the one holding
 * today in the organisation's zone. Its survey is open for the whole period unless the team says
 * otherwise.
 */
export async function openNextPeriod(db: Kysely<Database>, input: { policyId: number; actorId: number | null; now?: Date }) {
  const now = input.now ?? clockNow()
  return db.transaction().execute(async (trx) => {
    // Locks the policy row (changing nothing) so two people opening a period wait for each other.
    await trx.updateTable('policies').set((eb) => ({ stage: eb.ref('stage') })).where('id', '=', input.policyId).execute()
    const { stage, time_zone } = await policyStage(trx, input.policyId)
    if (!EVALUATION_STAGES.includes(stage)) throw new EvaluationError('wrong_stage')
    const { periodMonths } = await getPlan(trx, input.policyId)
    const last = await trx
      .selectFrom('evaluation_periods')
      .select(['ends_on'])
      .where('policy_id', '=', input.policyId)
      .orderBy('ends_on', 'desc')
      .executeTakeFirst()
    const span = last ? periodAfter({ endsOn: last.ends_on }, periodMonths) : periodContaining(dayIn(now, time_zone), periodMonths)
    const taken = await trx
      .selectFrom('evaluation_periods')
      .select('id')
      .where('policy_id', '=', input.policyId)
      .where('slug', '=', span.slug)
      .executeTakeFirst()
    if (taken) throw new EvaluationError('period_exists')
    const at = now.toISOString()
    return trx
      .insertInto('evaluation_periods')
      .values({
        policy_id: input.policyId,
        name: span.name,
        slug: span.slug,
        starts_on: span.startsOn,
        ends_on: span.endsOn,
        survey_opens_at: zonedLocalToUtc(`${span.startsOn}T00:00`, time_zone)!,
        survey_closes_at: zonedLocalToUtc(`${dayAfter(span.endsOn)}T00:00`, time_zone)!,
        created_by: input.actorId,
        created_at: at,
        updated_at: at,
      })
      .returning(['id', 'slug', 'name'])
      .executeTakeFirstOrThrow()
  })
}

export interface SurveySettings {
  periodId: number
  serviceName: string
  population: number | null
  audience: SurveyAudience
  requireReceiptCode: boolean
  surveyOpensAt: string
  surveyClosesAt: string
}

/** The survey's window, service, stated population, audience and receipt-code rule. */
export async function updateSurveySettings(db: Kysely<Database>, input: SurveySettings) {
  if (input.surveyClosesAt <= input.surveyOpensAt) throw new EvaluationError('closes_before_opens', 'surveyClosesAt')
  if (input.serviceName.length > SURVEY_LIMITS.serviceName) throw new EvaluationError('too_long', 'serviceName', String(SURVEY_LIMITS.serviceName))
  await db
    .updateTable('evaluation_periods')
    .set({
      service_name: input.serviceName.trim(),
      population: input.population,
      audience: input.audience,
      require_receipt_code: input.requireReceiptCode ? 1 : 0,
      survey_opens_at: input.surveyOpensAt,
      survey_closes_at: input.surveyClosesAt,
      updated_at: nowIso(),
    })
    .where('id', '=', input.periodId)
    .execute()
}

/** Ends the survey now (the report can then be written from what came in). */
export async function closeSurveyNow(db: Kysely<Database>, periodId: number, now = clockNow()) {
  const at = now.toISOString()
  await db
    .updateTable('evaluation_periods')
    .set({ survey_closes_at: at, updated_at: at })
    .where('id', '=', periodId)
    .where('survey_closes_at', '>', at)
    .execute()
}
