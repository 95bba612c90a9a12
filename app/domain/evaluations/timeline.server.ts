import type { TimelineEntry, TimelineProducer } from '~/domain/redline.server'
import { ikmFromTallies, readTallies } from '~/domain/evaluations/results.server'

/** Each published evaluation report, at the time its event was recorded, with its IKM and links. */
export const evaluationEntries: TimelineProducer = async (db, policy) => {
  const rows = await db
    .selectFrom('evaluation_periods')
    .innerJoin('policy_events', 'policy_events.id', 'evaluation_periods.report_event_id')
    .select([
      'evaluation_periods.id',
      'evaluation_periods.name',
      'evaluation_periods.slug',
      'evaluation_periods.respondents',
      'policy_events.id as event_id',
      'policy_events.occurred_at',
    ])
    .where('evaluation_periods.policy_id', '=', policy.id)
    .where('evaluation_periods.report_status', '=', 'published')
    .execute()
  const tallies = await readTallies(db, rows.map((r) => r.id))
  return rows.map((r): TimelineEntry => {
    const ikm = ikmFromTallies(tallies.get(r.id))
    const href = `/kebijakan/${policy.slug}/evaluasi/${r.slug}/laporan`
    return {
      id: `evaluation-${r.id}`,
      kind: 'evaluation_published',
      occurredAt: r.occurred_at,
      note: '',
      periodName: r.name,
      respondents: r.respondents,
      ikm: ikm.ikm,
      grade: ikm.grade,
      links: [
        { rel: 'evaluation', href, periodSlug: r.slug },
        { rel: 'evaluationPdf', href: `${href}.pdf`, periodSlug: r.slug },
      ],
      documents: [],
    }
  })
}
