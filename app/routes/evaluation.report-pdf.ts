import type { Route } from './+types/evaluation.report-pdf'
import { getPeriodWithPolicy } from '~/domain/evaluations/periods.server'
import { getEvaluationReport } from '~/domain/evaluations/reports.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { evaluationReportPdf } from '~/lib/evaluation-pdf.server'
import { loadPublicPeriod } from '~/lib/evaluation-public.server'
import { downloadHeaders } from '~/lib/export.server'
import { absoluteUrl } from '~/lib/mailer.server'
import { formatDateTime, nowIso } from '~/lib/time'

/** A published period's report as an A4 PDF. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, period } = await loadPublicPeriod(request, params.slug, params.period)
  if (period.report_status !== 'published') throw new Response('Not found', { status: 404 })
  const locale = getLocale(request)
  const t = translator(locale)
  const report = await getEvaluationReport(db, (await getPeriodWithPolicy(db, period.id))!)
  const { stream } = evaluationReportPdf({
    report,
    t,
    locale,
    generatedAt: t('matrix.generated', { date: formatDateTime(nowIso(), policy.time_zone, locale) }),
    publicUrl: absoluteUrl(`/kebijakan/${policy.slug}/evaluasi/${period.slug}/laporan`),
  })
  return new Response(stream, { headers: downloadHeaders('application/pdf', `laporan-evaluasi-${policy.slug}-${period.slug}.pdf`) })
}
