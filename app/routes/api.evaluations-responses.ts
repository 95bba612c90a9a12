import type { Route } from './+types/api.evaluations-responses'
import { type ResponseExportRow, iterateResponses } from '~/domain/evaluations/results.server'
import { SKM_ELEMENTS, elementCode } from '~/domain/evaluations/skm'
import { getSurveyQuestions } from '~/domain/evaluations/survey.server'
import { notFound } from '~/lib/api.server'
import { loadPublicPeriod } from '~/lib/evaluation-public.server'
import { type CsvColumn, csvStream, downloadHeaders } from '~/lib/export.server'

/**
 * A period's survey responses as anonymised CSV, streamed without a cap: a row number, the
 * channel, U1–U9 (blank where unanswered), profile bands and answers to choice questions. Public
 * once the period's report is published; the policy team may download it before.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  let loaded
  try {
    loaded = await loadPublicPeriod(request, params.slug, params.period)
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 404) return notFound(`No evaluation period "${params.period}" of policy "${params.slug}".`)
    throw thrown
  }
  const { db, policy, period, team } = loaded
  if (period.report_status !== 'published' && !team) return notFound(`The report of "${period.name}" is not published yet.`)
  const questions = (await getSurveyQuestions(db, period.id)).filter((q) => q.kind !== 'text')
  let no = 0
  const columns: CsvColumn<ResponseExportRow>[] = [
    { header: 'no', value: () => ++no },
    { header: 'channel', value: (r) => r.channel },
    ...SKM_ELEMENTS.map((e) => ({ header: elementCode(e), value: (r: ResponseExportRow) => r.scores[e - 1] })),
    { header: 'age', value: (r) => r.age },
    { header: 'sex', value: (r) => r.sex },
    { header: 'education', value: (r) => r.education },
    { header: 'occupation', value: (r) => r.occupation },
    ...questions.map((q) => ({
      header: `q${q.id}`,
      value: (r: ResponseExportRow) => {
        const v = r.answers[q.id]
        return v === undefined ? null : Array.isArray(v) ? v.join('; ') : typeof v === 'boolean' ? (v ? 'ya' : 'tidak') : String(v)
      },
    })),
  ]
  return new Response(csvStream(iterateResponses(db, period.id), columns, { bom: true }), {
    headers: downloadHeaders('text/csv; charset=utf-8', `skm-${policy.slug}-${period.slug}.csv`),
  })
}
