import type { Route } from './+types/api.evaluations'
import { getPlan, surveyState } from '~/domain/evaluations/periods.server'
import { resultsOverTime } from '~/domain/evaluations/results.server'
import { elementCode } from '~/domain/evaluations/skm'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

/**
 * GET /api/v1/policies/:slug/evaluations — every evaluation period, earliest first. A period whose
 * report is published has its IKM, grade, respondents, minimum sample, each element's score and
 * its indicators; the others say only how many responses came in.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const plan = await getPlan(db, policy.id)
  const summaries = await resultsOverTime(db, policy.id, { publishedOnly: true })
  const api = `/api/v1/policies/${policy.slug}/evaluations`
  return json({
    data: {
      policy: policy.slug,
      periodMonths: plan.periodMonths,
      periods: summaries.map(({ period, ikm, indicators }) => ({
        slug: period.slug,
        name: period.name,
        startsOn: period.starts_on,
        endsOn: period.ends_on,
        serviceName: period.service_name,
        survey: { opensAt: period.survey_opens_at, closesAt: period.survey_closes_at, state: surveyState(period) },
        respondents: period.respondents,
        report: {
          published: period.report_status === 'published',
          publishedAt: period.report_published_at,
          href: period.report_status === 'published' ? `/kebijakan/${policy.slug}/evaluasi/${period.slug}/laporan` : null,
        },
        population: ikm ? period.population : null,
        ikm: ikm?.ikm ?? null,
        grade: ikm?.grade ?? null,
        elementsCounted: ikm?.elementsCounted ?? null,
        elements: ikm
          ? ikm.elements.map((e) => ({
              code: elementCode(e.element),
              element: e.element,
              answered: e.answered,
              unanswered: e.unanswered,
              counts: { 1: e.counts[0], 2: e.counts[1], 3: e.counts[2], 4: e.counts[3] },
              nrr: e.nrr,
              score: e.converted,
              grade: e.grade,
              priority: e.priority,
            }))
          : null,
        indicators: ikm
          ? indicators.map((i) => ({
              id: i.id,
              name: i.name,
              unit: i.unit,
              direction: i.direction,
              baseline: i.baseline,
              target: i.target,
              value: i.value,
              status: i.status,
              evidence: { note: i.evidenceNote, url: i.evidenceUrl || null },
              dataSource: i.dataSource,
              responsibleUnit: i.responsibleUnit,
            }))
          : null,
        responsesCsv: ikm ? `${api}/${period.slug}/responses.csv` : null,
      })),
    },
  })
}
