import type { Route } from './+types/matrix-csv'
import { type MatrixRow, iterateMatrix } from '~/domain/matrix.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { type CsvColumn, csvStream, downloadHeaders } from '~/lib/export.server'
import { loadPolicyConsultation } from '~/lib/matrix-scope.server'

/** The whole response matrix of a consultation as CSV (column names in the reader's language), streamed. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, consultation } = await loadPolicyConsultation(request, params.slug)
  if (!consultation) throw new Response('Not found', { status: 404 })
  const t = translator(getLocale(request))
  let no = 0
  const columns: CsvColumn<MatrixRow>[] = [
    { header: t('matrix.col.no'), value: () => ++no },
    { header: t('matrix.col.rowType'), value: (r) => t(`matrix.rowType.${r.type}`) },
    { header: t('matrix.col.number'), value: (r) => r.trackingNumber },
    { header: t('matrix.col.count'), value: (r) => r.count },
    { header: t('matrix.col.section'), value: (r) => (r.sectionKey ? r.sectionHeading : t('input.section.whole')) },
    { header: t('matrix.col.kind'), value: (r) => t(`kind.${r.kind}`) },
    { header: t('matrix.col.topic'), value: (r) => r.topic },
    { header: t('matrix.col.who'), value: (r) => r.displayLabel || t('matrix.anonymous') },
    { header: t('shownAs.verified'), value: (r) => (r.verified ? t('input.yes') : t('input.no')) },
    { header: t('matrix.col.group'), value: (r) => r.groupName },
    { header: t('matrix.col.channel'), value: (r) => t(`channel.${r.channel}`) },
    { header: t('matrix.col.receivedAt'), value: (r) => r.receivedAt },
    { header: t('matrix.col.proposedText'), value: (r) => r.proposedText },
    { header: t('matrix.col.inputReason'), value: (r) => r.reason },
    {
      header: t('matrix.col.decision'),
      value: (r) => (r.type === 'complaint' ? t('matrix.complaint.decision') : r.decision ? t(`decision.${r.decision}`) : t('decision.none')),
    },
    { header: t('matrix.col.reason'), value: (r) => r.responseReason ?? '' },
    { header: t('matrix.col.theme'), value: (r) => (r.responseSource === 'theme' ? (r.themeTitle ?? '') : '') },
  ]
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  const body = csvStream(iterateMatrix(db, { consultationId: consultation.id }), columns, { bom: true })
  return new Response(body, {
    headers: downloadHeaders('text/csv; charset=utf-8', `matriks-tanggapan-${policy.slug}-${consultation.id}.csv`),
  })
}
