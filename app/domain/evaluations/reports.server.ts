import type { Kysely, Transaction } from 'kysely'
import type { Database, FollowUpStatus } from '~db/schema'
import { recordAudit } from '~/domain/audit.server'
import { DraftExistsError, startNextVersion } from '~/domain/drafting.server'
import { EvaluationError } from '~/domain/evaluations/errors'
import { type IndicatorRow, indicatorsForPeriods } from '~/domain/evaluations/indicators.server'
import { type PeriodResults, periodResults } from '~/domain/evaluations/results.server'
import { EVALUATION_STAGES, type PeriodWithPolicy, surveyState } from '~/domain/evaluations/periods.server'
import { FOLLOW_UP_STATUSES, isSkmElement } from '~/domain/evaluations/skm'
import { changeStage, nextPolicyEventTime, recordPolicyEvent } from '~/domain/policies.server'
import { clockNow, nowIso } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

export const REPORT_LIMITS = { analysis: 20_000, finding: 1000, action: 1000, owner: 200, followUps: 50 }
export { FOLLOW_UP_STATUSES } from '~/domain/evaluations/skm'

async function draftPeriod(db: Db, periodId: number) {
  const period = await db
    .selectFrom('evaluation_periods')
    .innerJoin('policies', 'policies.id', 'evaluation_periods.policy_id')
    .select([
      'evaluation_periods.id',
      'evaluation_periods.policy_id',
      'evaluation_periods.name',
      'evaluation_periods.report_status',
      'evaluation_periods.respondents',
      'evaluation_periods.analysis',
      'evaluation_periods.survey_opens_at',
      'evaluation_periods.survey_closes_at',
      'evaluation_periods.revision_version_id',
      'policies.organisation_id',
      'policies.stage',
    ])
    .where('evaluation_periods.id', '=', periodId)
    .executeTakeFirst()
  if (!period) throw new EvaluationError('not_found')
  return period
}

/** The report's analysis (what the results mean, in the team's words), while it is a draft. */
export async function saveAnalysis(db: Kysely<Database>, input: { periodId: number; analysis: string }) {
  const period = await draftPeriod(db, input.periodId)
  if (period.report_status === 'published') throw new EvaluationError('report_published', 'analysis')
  const analysis = input.analysis.trim().replace(/\r\n/g, '\n')
  if (analysis.length > REPORT_LIMITS.analysis) throw new EvaluationError('too_long', 'analysis', String(REPORT_LIMITS.analysis))
  await db.updateTable('evaluation_periods').set({ analysis, updated_at: nowIso() }).where('id', '=', period.id).execute()
}

export interface FollowUpInput {
  periodId: number
  finding: string
  action: string
  owner: string
  dueOn: string
  element: number | null
  indicatorId: number | null
}

/** One line of the follow-up plan: what was found, what will be done, by whom, by when. */
export async function addFollowUp(db: Kysely<Database>, input: FollowUpInput) {
  const period = await draftPeriod(db, input.periodId)
  if (period.report_status === 'published') throw new EvaluationError('report_published', 'finding')
  const finding = input.finding.trim()
  const action = input.action.trim()
  const owner = input.owner.trim()
  if (!finding) throw new EvaluationError('required', 'finding')
  if (finding.length > REPORT_LIMITS.finding) throw new EvaluationError('too_long', 'finding', String(REPORT_LIMITS.finding))
  if (!action) throw new EvaluationError('required', 'action')
  if (action.length > REPORT_LIMITS.action) throw new EvaluationError('too_long', 'action', String(REPORT_LIMITS.action))
  if (!owner) throw new EvaluationError('required', 'owner')
  if (owner.length > REPORT_LIMITS.owner) throw new EvaluationError('too_long', 'owner', String(REPORT_LIMITS.owner))
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn) || Number.isNaN(Date.parse(`${input.dueOn}T00:00:00Z`)) || new Date(`${input.dueOn}T00:00:00Z`).toISOString().slice(0, 10) !== input.dueOn) {
    throw new EvaluationError('bad_date', 'dueOn')
  }
  if (input.element !== null && !isSkmElement(input.element)) throw new EvaluationError('answer_invalid', 'element')
  if (input.indicatorId !== null) {
    const found = await db
      .selectFrom('evaluation_indicators')
      .select('id')
      .where('id', '=', input.indicatorId)
      .where('policy_id', '=', period.policy_id)
      .executeTakeFirst()
    if (!found) throw new EvaluationError('not_found', 'indicatorId')
  }
  const count = await db
    .selectFrom('evaluation_follow_ups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('period_id', '=', period.id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= REPORT_LIMITS.followUps) throw new EvaluationError('too_many_questions', 'finding', String(REPORT_LIMITS.followUps))
  const at = nowIso()
  return db
    .insertInto('evaluation_follow_ups')
    .values({
      period_id: period.id,
      finding,
      action,
      owner,
      due_on: input.dueOn,
      element: input.element,
      indicator_id: input.indicatorId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function removeFollowUp(db: Kysely<Database>, input: { periodId: number; followUpId: number }) {
  const period = await draftPeriod(db, input.periodId)
  if (period.report_status === 'published') throw new EvaluationError('report_published')
  await db.deleteFrom('evaluation_follow_ups').where('id', '=', input.followUpId).where('period_id', '=', period.id).execute()
}

/** How far a follow-up has come; kept up to date after the report is published too. */
export async function setFollowUpStatus(db: Kysely<Database>, input: { periodId: number; followUpId: number; status: FollowUpStatus }) {
  if (!FOLLOW_UP_STATUSES.includes(input.status)) throw new EvaluationError('required', 'status')
  await db
    .updateTable('evaluation_follow_ups')
    .set({ status: input.status, updated_at: nowIso() })
    .where('id', '=', input.followUpId)
    .where('period_id', '=', input.periodId)
    .execute()
}

export async function listFollowUps(db: Db, periodId: number) {
  return db
    .selectFrom('evaluation_follow_ups')
    .leftJoin('evaluation_indicators', 'evaluation_indicators.id', 'evaluation_follow_ups.indicator_id')
    .select([
      'evaluation_follow_ups.id',
      'evaluation_follow_ups.finding',
      'evaluation_follow_ups.action',
      'evaluation_follow_ups.owner',
      'evaluation_follow_ups.due_on',
      'evaluation_follow_ups.element',
      'evaluation_follow_ups.indicator_id',
      'evaluation_follow_ups.status',
      'evaluation_indicators.name as indicator_name',
    ])
    .where('evaluation_follow_ups.period_id', '=', periodId)
    .orderBy('evaluation_follow_ups.id')
    .execute()
}

/**
 * Publishes a period's report (laporan hasil evaluasi): once the survey has closed, with at least
 * one response and the team's analysis. It adds an entry to the policy's public timeline and
 * never changes afterwards (follow-ups still record their progress).
 */
export async function publishReport(db: Kysely<Database>, input: { periodId: number; actorId: number | null; at?: string }) {
  return db.transaction().execute(async (trx) => {
    // Locks the period (changing nothing) so two publications cannot both pass the check.
    await trx.updateTable('evaluation_periods').set((eb) => ({ report_status: eb.ref('report_status') })).where('id', '=', input.periodId).execute()
    const period = await draftPeriod(trx, input.periodId)
    if (period.report_status === 'published') throw new EvaluationError('report_published')
    const at = await nextPolicyEventTime(trx, period.policy_id, input.at)
    if (surveyState(period, new Date(at)) !== 'closed') throw new EvaluationError('survey_closed')
    if (period.respondents === 0) throw new EvaluationError('report_needs_responses')
    if (!period.analysis.trim()) throw new EvaluationError('needs_analysis', 'analysis')
    await recordPolicyEvent(trx, { policyId: period.policy_id, kind: 'evaluation_published', actorId: input.actorId, note: period.name, at })
    const event = await trx
      .selectFrom('policy_events')
      .select('id')
      .where('policy_id', '=', period.policy_id)
      .where('kind', '=', 'evaluation_published')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('evaluation_periods')
      .set({ report_status: 'published', report_published_at: at, report_event_id: event.id, updated_at: at })
      .where('id', '=', period.id)
      .execute()
    await recordAudit(trx, {
      organisationId: period.organisation_id,
      actorId: input.actorId,
      action: 'evaluation.publishReport',
      targetType: 'evaluation_period',
      targetId: period.id,
      details: { period: period.name, respondents: period.respondents },
      at: new Date(at),
    })
    return { publishedAt: at }
  })
}

/**
 * From a published evaluation, the next revision cycle: the policy goes back from evaluation to
 * drafting and a new draft version opens (copied from the current one), whose "reasons for
 * changes" can cite this period's findings. Starting it twice leads to the same draft.
 */
export async function startRevision(db: Kysely<Database>, input: { periodId: number; actorId: number | null; at?: string }) {
  const period = await draftPeriod(db, input.periodId)
  if (period.report_status !== 'published') throw new EvaluationError('report_not_published')
  if (period.revision_version_id !== null) {
    const existing = await db.selectFrom('policy_versions').select('number').where('id', '=', period.revision_version_id).executeTakeFirst()
    if (existing) return { number: existing.number, started: false }
  }
  if (!EVALUATION_STAGES.includes(period.stage)) throw new EvaluationError('wrong_stage')
  let draft: { versionId: number; number: number }
  try {
    draft = await startNextVersion(db, { policyId: period.policy_id, actorId: input.actorId, at: input.at })
  } catch (error) {
    if (!(error instanceof DraftExistsError)) throw error
    const row = await db
      .selectFrom('policy_versions')
      .select(['id', 'number'])
      .where('policy_id', '=', period.policy_id)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow()
    draft = { versionId: row.id, number: row.number }
  }
  await changeStage(db, {
    policyId: period.policy_id,
    to: 'penyusunan',
    actorId: input.actorId,
    note: `Revisi dimulai dari hasil evaluasi ${period.name}.`,
    at: input.at,
  })
  await db
    .updateTable('evaluation_periods')
    .set({ revision_version_id: draft.versionId, updated_at: input.at ?? clockNow().toISOString() })
    .where('id', '=', period.id)
    .where('revision_version_id', 'is', null)
    .execute()
  await recordAudit(db, {
    organisationId: period.organisation_id,
    actorId: input.actorId,
    action: 'evaluation.startRevision',
    targetType: 'evaluation_period',
    targetId: period.id,
    details: { period: period.name, version: draft.number },
  })
  return { number: draft.number, started: true }
}

/**
 * Everything a period's report (laporan hasil evaluasi) holds: the respondents' profile, the IKM
 * and each element, the indicators, the team's analysis and the follow-up plan. The page and the
 * PDF both read this, so they cannot disagree.
 */
export interface EvaluationReport {
  period: Pick<
    PeriodWithPolicy,
    | 'id'
    | 'name'
    | 'slug'
    | 'starts_on'
    | 'ends_on'
    | 'service_name'
    | 'analysis'
    | 'report_status'
    | 'report_published_at'
    | 'survey_opens_at'
    | 'survey_closes_at'
    | 'policy_slug'
    | 'policy_title'
    | 'organisation_name'
    | 'time_zone'
    | 'revision_version_id'
  >
  results: PeriodResults
  indicators: IndicatorRow[]
  followUps: Awaited<ReturnType<typeof listFollowUps>>
}

export async function getEvaluationReport(db: Db, period: PeriodWithPolicy): Promise<EvaluationReport> {
  return {
    period,
    results: await periodResults(db, period),
    indicators: (await indicatorsForPeriods(db, period.policy_id, [period])).get(period.id) ?? [],
    followUps: await listFollowUps(db, period.id),
  }
}
