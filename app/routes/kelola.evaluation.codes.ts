import type { Route } from './+types/kelola.evaluation.codes'
import { iterateReceiptCodes } from '~/domain/evaluations/survey.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { requirePeriodTeam } from '~/lib/evaluation-team.server'
import { csvStream, downloadHeaders } from '~/lib/export.server'

/** A period's receipt codes for the service counter to print, with whether each is used. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  const t = translator(getLocale(request))
  const body = csvStream(iterateReceiptCodes(db, period.id), [
    { header: t('evaluations.codes.col.code'), value: (r) => `${r.code.slice(0, 4)}-${r.code.slice(4)}` },
    { header: t('evaluations.codes.col.used'), value: (r) => (r.used_at ? t('input.yes') : t('input.no')) },
  ])
  return new Response(body, { headers: downloadHeaders('text/csv; charset=utf-8', `kode-survei-${period.slug}.csv`) })
}
