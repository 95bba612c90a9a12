import type { Route } from './+types/matrix-pdf'
import { countComplaints, iterateMatrix } from '~/domain/matrix.server'
import { answeredCounts } from '~/domain/responses.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { downloadHeaders } from '~/lib/export.server'
import { absoluteUrl } from '~/lib/mailer.server'
import { matrixPdf } from '~/lib/matrix-pdf.server'
import { loadPolicyConsultation } from '~/lib/matrix-scope.server'
import { formatDateTime, formatNumber, nowIso } from '~/lib/time'

/** The whole response matrix of a consultation as a printable PDF, streamed as it is written. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, consultation } = await loadPolicyConsultation(request, params.slug)
  if (!consultation) throw new Response('Not found', { status: 404 })
  const locale = getLocale(request)
  const t = translator(locale)
  const n = (v: number) => formatNumber(v, locale)
  const counts = await answeredCounts(db, consultation.id)
  const complaints = await countComplaints(db, consultation.id)
  const summary = [
    t('matrix.summary.answered', { answered: n(counts.answered), total: n(counts.total), unanswered: n(counts.unanswered) }),
    complaints > 0 ? t('matrix.summary.complaints', { count: n(complaints) }) : '',
  ]
    .filter(Boolean)
    .join(' ')
  const pdf = matrixPdf({
    title: policy.title,
    subtitle: `${policy.organisation_name} · ${t('matrix.consultationOf', { title: consultation.title, version: consultation.version_number })}`,
    summary,
    generatedAt: t('matrix.generated', { date: formatDateTime(nowIso(), policy.time_zone, locale) }),
    publicUrl: absoluteUrl(`/kebijakan/${policy.slug}/matriks?konsultasi=${consultation.id}`),
    rows: iterateMatrix(db, { consultationId: consultation.id }),
    t,
    locale,
    sectionLabel: (r) => (r.sectionKey ? r.sectionHeading : t('input.section.whole')),
  })
  return new Response(pdf.stream, {
    headers: downloadHeaders('application/pdf', `matriks-tanggapan-${policy.slug}-${consultation.id}.pdf`),
  })
}
