import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'
import type { Grade } from '~/domain/evaluations/ikm'
import { indicatorsForPeriods } from '~/domain/evaluations/indicators.server'
import { listPeriods } from '~/domain/evaluations/periods.server'
import { ikmFromTallies, readTallies } from '~/domain/evaluations/results.server'
import { listFollowUps } from '~/domain/evaluations/reports.server'
import { isSkmElement } from '~/domain/evaluations/skm'

type Db = Kysely<Database> | Transaction<Database>

// Findings of published evaluations that a new version's "reasons for changes" may cite, as
// themes and inputs are cited: an element of a period's survey, an indicator as measured in a
// period, or a line of a period's follow-up plan. A finding is named by a key the forms carry:
// "element:<period>:<1-9>", "indicator:<period>:<indicator>", "followup:<follow-up>".

export interface CitableFindings {
  periodId: number
  periodName: string
  elements: { key: string; element: number; converted: number | null; grade: Grade | null; priority: boolean }[]
  indicators: { key: string; name: string; status: string }[]
  followUps: { key: string; action: string; owner: string }[]
}

/** The findings of the policy's published evaluation periods, latest period first. */
export async function listCitableFindings(db: Db, policyId: number): Promise<CitableFindings[]> {
  const periods = (await listPeriods(db, policyId)).filter((p) => p.report_status === 'published').reverse()
  if (periods.length === 0) return []
  const tallies = await readTallies(db, periods.map((p) => p.id))
  const indicators = await indicatorsForPeriods(db, policyId, periods)
  const out: CitableFindings[] = []
  for (const period of periods) {
    const ikm = ikmFromTallies(tallies.get(period.id))
    out.push({
      periodId: period.id,
      periodName: period.name,
      elements: ikm.elements.map((e) => ({
        key: `element:${period.id}:${e.element}`,
        element: e.element,
        converted: e.converted,
        grade: e.grade,
        priority: e.priority,
      })),
      indicators: (indicators.get(period.id) ?? [])
        .filter((i) => i.value !== null)
        .map((i) => ({ key: `indicator:${period.id}:${i.id}`, name: i.name, status: i.status })),
      followUps: (await listFollowUps(db, period.id)).map((f) => ({ key: `followup:${f.id}`, action: f.action, owner: f.owner })),
    })
  }
  return out
}

export interface FindingCitation {
  evaluation_period_id: number
  skm_element: number | null
  indicator_id: number | null
  follow_up_id: number | null
}

/**
 * The citation rows for finding keys, each checked to be a finding of one of this policy's
 * published periods; null when any key is not.
 */
export async function resolveFindings(db: Db, policyId: number, keys: string[]): Promise<FindingCitation[] | null> {
  const out: FindingCitation[] = []
  const periods = (await listPeriods(db, policyId)).filter((p) => p.report_status === 'published')
  const published = new Set(periods.map((p) => p.id))
  for (const key of [...new Set(keys)]) {
    const [kind, a, b] = key.split(':')
    const first = Number(a)
    const second = Number(b)
    if (kind === 'element' && published.has(first) && isSkmElement(second)) {
      out.push({ evaluation_period_id: first, skm_element: second, indicator_id: null, follow_up_id: null })
    } else if (kind === 'indicator' && published.has(first) && Number.isInteger(second)) {
      const measured = await db
        .selectFrom('evaluation_indicator_values')
        .select('id')
        .where('period_id', '=', first)
        .where('indicator_id', '=', second)
        .executeTakeFirst()
      if (!measured) return null
      out.push({ evaluation_period_id: first, skm_element: null, indicator_id: second, follow_up_id: null })
    } else if (kind === 'followup' && Number.isInteger(first) && b === undefined) {
      const followUp = await db.selectFrom('evaluation_follow_ups').select(['id', 'period_id']).where('id', '=', first).executeTakeFirst()
      if (!followUp || !published.has(followUp.period_id)) return null
      out.push({ evaluation_period_id: followUp.period_id, skm_element: null, indicator_id: null, follow_up_id: followUp.id })
    } else {
      return null
    }
  }
  return out
}
