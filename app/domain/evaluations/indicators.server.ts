import type { Kysely, Transaction } from 'kysely'
import type { Database, IndicatorDirection } from '~db/schema'
import { EvaluationError } from '~/domain/evaluations/errors'
import { dayAfter } from '~/domain/evaluations/periods'
import type { Period } from '~/domain/evaluations/periods.server'
import { nowIso } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

export const INDICATOR_LIMITS = { name: 200, unit: 40, source: 300, unit_responsible: 200, note: 2000, url: 500 }
export const DIRECTIONS: IndicatorDirection[] = ['higher', 'lower']

/**
 * A decimal number as people type it ("87,5", "87.5", "1.250" is not accepted: no thousands
 * separators) in canonical text ("87.5"); null when it is not a number.
 */
export function parseDecimal(raw: string): string | null {
  const text = raw.trim().replace(',', '.')
  if (!/^-?\d{1,12}(\.\d{1,6})?$/.test(text)) return null
  const [whole, fraction = ''] = text.split('.')
  const sign = whole.startsWith('-') ? '-' : ''
  const digits = whole.replace('-', '').replace(/^0+(?=\d)/, '')
  const frac = fraction.replace(/0+$/, '')
  const out = `${sign}${digits}${frac ? `.${frac}` : ''}`
  return out === '-0' ? '0' : out
}

export type IndicatorStatus = 'met' | 'not_met' | 'no_data'

export function indicatorStatus(value: string | null, target: string, direction: IndicatorDirection): IndicatorStatus {
  if (value === null) return 'no_data'
  const v = Number(value)
  const t = Number(target)
  return (direction === 'higher' ? v >= t : v <= t) ? 'met' : 'not_met'
}

export interface IndicatorInput {
  name: string
  unit: string
  baseline: string
  target: string
  direction: IndicatorDirection
  dataSource: string
  responsibleUnit: string
}

function checkIndicator(input: IndicatorInput) {
  const name = input.name.trim()
  if (!name) throw new EvaluationError('required', 'name')
  if (name.length > INDICATOR_LIMITS.name) throw new EvaluationError('too_long', 'name', String(INDICATOR_LIMITS.name))
  if (!input.unit.trim()) throw new EvaluationError('required', 'unit')
  if (input.unit.length > INDICATOR_LIMITS.unit) throw new EvaluationError('too_long', 'unit', String(INDICATOR_LIMITS.unit))
  const baseline = parseDecimal(input.baseline)
  if (baseline === null) throw new EvaluationError('bad_number', 'baseline')
  const target = parseDecimal(input.target)
  if (target === null) throw new EvaluationError('bad_number', 'target')
  if (!DIRECTIONS.includes(input.direction)) throw new EvaluationError('required', 'direction')
  if (input.dataSource.length > INDICATOR_LIMITS.source) throw new EvaluationError('too_long', 'dataSource', String(INDICATOR_LIMITS.source))
  if (input.responsibleUnit.length > INDICATOR_LIMITS.unit_responsible) {
    throw new EvaluationError('too_long', 'responsibleUnit', String(INDICATOR_LIMITS.unit_responsible))
  }
  return {
    name,
    unit: input.unit.trim(),
    baseline,
    target,
    direction: input.direction,
    data_source: input.dataSource.trim(),
    responsible_unit: input.responsibleUnit.trim(),
  }
}

export async function addIndicator(db: Kysely<Database>, input: IndicatorInput & { policyId: number; actorId: number | null }) {
  const values = checkIndicator(input)
  return db
    .insertInto('evaluation_indicators')
    .values({ ...values, policy_id: input.policyId, created_by: input.actorId, created_at: nowIso(), retired_at: null })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** Edits an indicator in use; values already recorded keep the target and baseline they were measured against. */
export async function updateIndicator(db: Kysely<Database>, input: IndicatorInput & { indicatorId: number; policyId: number }) {
  const values = checkIndicator(input)
  const updated = await db
    .updateTable('evaluation_indicators')
    .set(values)
    .where('id', '=', input.indicatorId)
    .where('policy_id', '=', input.policyId)
    .where('retired_at', 'is', null)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) === 0) throw new EvaluationError('retired')
}

/** Stops measuring an indicator from now on; its past values stay in every period that has them. */
export async function retireIndicator(db: Kysely<Database>, input: { indicatorId: number; policyId: number; at?: string }) {
  await db
    .updateTable('evaluation_indicators')
    .set({ retired_at: input.at ?? nowIso() })
    .where('id', '=', input.indicatorId)
    .where('policy_id', '=', input.policyId)
    .where('retired_at', 'is', null)
    .execute()
}

export async function listIndicators(db: Db, policyId: number) {
  return db
    .selectFrom('evaluation_indicators')
    .selectAll()
    .where('policy_id', '=', policyId)
    .orderBy('retired_at', (ob) => ob.nullsFirst())
    .orderBy('id')
    .execute()
}

/** Records (or corrects) an indicator's value for a period, with its evidence, until the report is published. */
export async function recordIndicatorValue(
  db: Kysely<Database>,
  input: { periodId: number; indicatorId: number; value: string; evidenceNote: string; evidenceUrl: string; actorId: number | null },
) {
  const value = parseDecimal(input.value)
  if (value === null) throw new EvaluationError('bad_number', 'value')
  const note = input.evidenceNote.trim()
  const url = input.evidenceUrl.trim()
  if (note.length > INDICATOR_LIMITS.note) throw new EvaluationError('too_long', 'evidenceNote', String(INDICATOR_LIMITS.note))
  if (url && (url.length > INDICATOR_LIMITS.url || !/^https?:\/\/[^\s]+$/i.test(url))) throw new EvaluationError('bad_url', 'evidenceUrl')
  if (!note && !url) throw new EvaluationError('required', 'evidenceNote')
  const period = await db.selectFrom('evaluation_periods').select(['id', 'policy_id', 'report_status']).where('id', '=', input.periodId).executeTakeFirst()
  if (!period) throw new EvaluationError('not_found')
  if (period.report_status === 'published') throw new EvaluationError('report_published', 'value')
  const indicator = await db
    .selectFrom('evaluation_indicators')
    .select(['id', 'target', 'baseline', 'retired_at'])
    .where('id', '=', input.indicatorId)
    .where('policy_id', '=', period.policy_id)
    .executeTakeFirst()
  if (!indicator) throw new EvaluationError('not_found', 'indicatorId')
  const at = nowIso()
  const row = {
    value,
    target: indicator.target,
    baseline: indicator.baseline,
    evidence_note: note,
    evidence_url: url,
    recorded_by: input.actorId,
    recorded_at: at,
  }
  await db
    .insertInto('evaluation_indicator_values')
    .values({ ...row, period_id: period.id, indicator_id: indicator.id })
    .onConflict((oc) => oc.columns(['period_id', 'indicator_id']).doUpdateSet(row))
    .execute()
}

export interface IndicatorRow {
  id: number
  name: string
  unit: string
  direction: IndicatorDirection
  dataSource: string
  responsibleUnit: string
  baseline: string
  target: string
  value: string | null
  evidenceNote: string
  evidenceUrl: string
  status: IndicatorStatus
  retired: boolean
}

/**
 * Each period's indicators: those measured in it, and those still in use when it ended (added
 * before its end, not retired by then) with no value ("no data"). An indicator retired during a
 * period and never measured in it is not that period's.
 */
export async function indicatorsForPeriods(db: Db, policyId: number, periods: Pick<Period, 'id' | 'starts_on' | 'ends_on'>[]) {
  const out = new Map<number, IndicatorRow[]>()
  if (periods.length === 0) return out
  const indicators = await listIndicators(db, policyId)
  const values = await db
    .selectFrom('evaluation_indicator_values')
    .selectAll()
    .where('period_id', 'in', periods.map((p) => p.id))
    .execute()
  for (const period of periods) {
    const rows: IndicatorRow[] = []
    for (const ind of indicators) {
      const v = values.find((x) => x.period_id === period.id && x.indicator_id === ind.id)
      // Dates compare as text: an instant's day is its first ten characters (UTC, close enough for "in use").
      const end = dayAfter(period.ends_on)
      const inUse = ind.created_at.slice(0, 10) < end && (!ind.retired_at || ind.retired_at.slice(0, 10) >= end)
      if (!v && !inUse) continue
      const target = v?.target ?? ind.target
      rows.push({
        id: ind.id,
        name: ind.name,
        unit: ind.unit,
        direction: ind.direction,
        dataSource: ind.data_source,
        responsibleUnit: ind.responsible_unit,
        baseline: v?.baseline ?? ind.baseline,
        target,
        value: v?.value ?? null,
        evidenceNote: v?.evidence_note ?? '',
        evidenceUrl: v?.evidence_url ?? '',
        status: indicatorStatus(v?.value ?? null, target, ind.direction),
        retired: ind.retired_at !== null,
      })
    }
    out.set(period.id, rows)
  }
  return out
}
