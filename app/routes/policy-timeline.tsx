import { Link } from 'react-router'
import type { Route } from './+types/policy-timeline'
import { StageBadge } from '~/components/StageBadge'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { type TimelineEntry, type TimelineLink, getPolicyTimeline } from '~/domain/redline.server'
import { getLocale } from '~/i18n/locale.server'
import type { Locale, Translate } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { formatScore } from '~/lib/evaluation-format'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime, zoneName } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['evaluations', 'timeline'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? pageMeta(data.title, data.description) : [])

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const t = translator(getLocale(request))
  return {
    title: t('timeline.metaTitle', { title: policy.title }),
    description: describePage(t, 'timeline', { title: policy.title, organisation: policy.organisation_name }),
    policy: {
      slug: policy.slug,
      title: policy.title,
      stage: policy.stage,
      organisation_name: policy.organisation_name,
      time_zone: policy.time_zone,
    },
    entries: await getPolicyTimeline(db, policy.id),
  }
}

function entryLabel(t: Translate, entry: TimelineEntry, locale: Locale): string {
  switch (entry.kind) {
    case 'created':
      return entry.stage ? t('timeline.createdAtStage', { stage: t(`stage.${entry.stage}`) }) : t('timeline.created')
    case 'stage_changed':
      return entry.fromStage
        ? t('timeline.stageChanged', { from: t(`stage.${entry.fromStage}`), to: t(`stage.${entry.toStage}`) })
        : t('timeline.stageSet', { to: t(`stage.${entry.toStage}`) })
    case 'version_published':
      return t('timeline.versionPublished', { number: entry.versionNumber })
    case 'consultation_opened':
      return t('timeline.consultationOpened', { title: entry.consultationTitle, number: entry.versionNumber })
    case 'consultation_closed':
      return t('timeline.consultationClosed', {
        title: entry.consultationTitle,
        received: entry.counts.received,
        published: entry.counts.published,
      })
    case 'evaluation_published':
      return entry.ikm === null
        ? t('evaluations.timeline.published', { period: entry.periodName, respondents: entry.respondents })
        : t('evaluations.timeline.publishedIkm', {
            period: entry.periodName,
            respondents: entry.respondents,
            ikm: formatScore(entry.ikm, locale),
            grade: entry.grade ?? '',
            label: entry.grade ? t(`evaluations.grade.${entry.grade}`) : '',
          })
  }
}

function linkLabel(t: Translate, link: TimelineLink): string {
  switch (link.rel) {
    case 'version':
      return t('timeline.link.version', { number: link.versionNumber })
    case 'redline':
      return t('timeline.link.redline', { from: link.fromNumber, to: link.toNumber })
    case 'inputs':
      return t('timeline.link.inputs', { count: link.count })
    case 'evaluation':
      return t('evaluations.timeline.link')
    case 'evaluationPdf':
      return t('evaluations.timeline.pdf')
  }
}

export default function PolicyTimelinePage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { policy, entries } = loaderData
  return (
    <article className="page timeline-page" aria-labelledby="judul-linimasa">
      <header className="policy__header">
        <p className="policy__org">{policy.organisation_name}</p>
        <p className="compare__policy">
          <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
        </p>
        <h1 id="judul-linimasa">{t('timeline.title')}</h1>
        <p className="policy__meta">
          <StageBadge stage={policy.stage} />
        </p>
        <p className="lead">{t('timeline.intro', { zone: zoneName(policy.time_zone) })}</p>
      </header>
      {entries.length === 0 ? (
        <p>{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((entry) => (
            <li key={entry.id} className={`timeline__entry timeline__entry--${entry.kind}`}>
              <p className="timeline__when">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, policy.time_zone, locale)}</time>
              </p>
              <p className="timeline__what">{entryLabel(t, entry, locale)}</p>
              {entry.kind === 'version_published' && entry.versionTitle && entry.versionTitle !== policy.title ? (
                <p className="timeline__detail">{entry.versionTitle}</p>
              ) : null}
              {entry.note ? (
                <p className="timeline__detail">
                  {t('timeline.note')} {entry.note}
                </p>
              ) : null}
              {entry.links.length ? (
                <ul className="timeline__links">
                  {entry.links.map((link) => (
                    <li key={link.href}>
                      <Link to={link.href}>{linkLabel(t, link)}</Link>
                    </li>
                  ))}
                </ul>
              ) : null}
              {entry.documents.length ? (
                <div className="timeline__documents">
                  <p>{t('timeline.documents')}</p>
                  <ul>
                    {entry.documents.map((d) => (
                      <li key={d.href}>
                        <a href={d.href}>{d.title}</a>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </article>
  )
}
