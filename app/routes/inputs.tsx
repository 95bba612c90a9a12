import { Form, Link } from 'react-router'
import { ShownAs } from '~/components/ShownAs'
import type { Route } from './+types/inputs'
import { FlagForm } from '~/components/FlagForm'
import { InputFilterFields } from '~/components/InputContentFields'
import { getCurrentConsultation } from '~/domain/consultations.server'
import { listPublishedInputs, normaliseTrackingNumber } from '~/domain/inputs.server'
import { isHiddenReason } from '~/domain/moderation-rules'
import { flagStateFor } from '~/domain/moderation.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, getSections } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useContentLang, useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { readInputFilters } from '~/lib/input-filters'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['consultations', 'moderation'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · Rembuk` : 'Rembuk' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy || !policy.current_version_id) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: policy.organisation_id })
  const url = new URL(request.url)
  // After a report (flag) the page says it arrived, once.
  const reported = normaliseTrackingNumber(url.searchParams.get('dilaporkan') ?? '')
  url.searchParams.delete('dilaporkan')
  const filters = readInputFilters(url.searchParams)
  // Hidden inputs keep their place, as "Disembunyikan: <reason>" without their text.
  const page = await listPublishedInputs(db, { policyId: policy.id, versionId: policy.current_version_id, ...filters, includeHidden: true })
  const flagState = actor ? await flagStateFor(db, actor.id, page.items.map((i) => i.id)) : null
  const sections = await getSections(db, policy.current_version_id)
  const consultation = await getCurrentConsultation(db, policy.current_version_id)
  const next = new URLSearchParams(url.searchParams)
  if (page.nextCursor) next.set('setelah', String(page.nextCursor))
  const first = new URLSearchParams(url.searchParams)
  first.delete('setelah')
  return {
    title: translator(getLocale(request))('inputs.title', { policy: policy.title }),
    policy: { slug: policy.slug, title: policy.title, timeZone: policy.time_zone },
    sections: sections.map((s) => ({ key: s.key, heading: s.heading })),
    topics: consultation?.topics ?? [],
    filters: {
      section: url.searchParams.get('bagian') ?? 'semua',
      kind: filters.kind ?? '',
      topic: filters.topic ?? '',
    },
    items: page.items,
    reported,
    flagging: flagState ? { ...flagState, redirectTo: `${url.pathname}${url.search}` } : null,
    nextHref: page.nextCursor ? `?${next}` : null,
    firstHref: filters.before ? `?${first}` : null,
  }
}

export default function Inputs({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { policy, sections, items, filters } = loaderData
  const headingOf = new Map(sections.map((s) => [s.key, s.heading]))
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      {loaderData.reported ? (
        <p className="notice notice--done" role="status">
          {t('flag.done', { number: loaderData.reported })}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-labelledby="saring-judul">
        <h2 id="saring-judul" className="visually-hidden">
          {t('inputs.filters')}
        </h2>
        <InputFilterFields
          sections={sections}
          topics={loaderData.topics}
          values={{ section: filters.section, kind: filters.kind, topic: filters.topic }}
          allSections="semua"
        />
        <button type="submit" className="button button--secondary">
          {t('inputs.filter.apply')}
        </button>
      </Form>
      {items.length === 0 ? (
        <p>{t('inputs.none')}</p>
      ) : (
        <>
          <p className="muted" role="status">
            {t('inputs.showing', { count: items.length })}
          </p>
          <InputList items={items} headingOf={headingOf} timeZone={policy.timeZone} locale={locale} flagging={loaderData.flagging} />
        </>
      )}
      <nav className="pager" aria-label={t('inputs.more')}>
        {loaderData.firstHref ? <Link to={loaderData.firstHref}>{t('inputs.first')}</Link> : null}
        {loaderData.nextHref ? (
          <Link to={loaderData.nextHref} className="button button--secondary">
            {t('inputs.more')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}

export function InputList({
  items,
  headingOf,
  timeZone,
  locale,
  flagging,
}: {
  items: {
    id: number
    tracking_number: string
    section_key: string
    kind: string
    proposed_text: string
    reason: string
    topic: string
    display_mode: string
    display_label: string
    group_name: string
    channel: string
    received_at: string
    status?: string
    hidden_reason?: string
    is_complaint?: number
  }[]
  headingOf: Map<string, string>
  timeZone: string
  locale: 'id' | 'en'
  /** For a signed-in reader: a "Laporkan" form on each input that is not their own. */
  flagging?: { flagged: number[]; own: number[]; redirectTo: string } | null
}) {
  const t = useT()
  const lang = useContentLang()
  return (
    <ol className="input-list">
      {items.map((item) =>
        item.status === 'hidden' ? (
          <li key={item.id} className="input-card input-card--hidden">
            <article aria-labelledby={`masukan-${item.id}`}>
              <h3 id={`masukan-${item.id}`} className="input-card__title">
                {t('moderation.hiddenAs', {
                  reason: t(`moderation.reason.${isHiddenReason(item.hidden_reason) ? item.hidden_reason : 'lainnya'}`),
                })}
              </h3>
              <p className="input-card__meta">
                {item.section_key ? headingOf.get(item.section_key) : t('input.section.whole')} ·{' '}
                {formatDateTime(item.received_at, timeZone, locale)}
              </p>
              <p>
                <Link to={`/masukan/${item.tracking_number}`}>{t('inputs.permalink', { number: item.tracking_number })}</Link>
              </p>
            </article>
          </li>
        ) : (
          <li key={item.id} className="input-card">
            <article aria-labelledby={`masukan-${item.id}`}>
              <h3 id={`masukan-${item.id}`} className="input-card__title">
                <span className={`kind-badge kind-badge--${item.kind}`}>{t(`kind.${item.kind as 'add'}`)}</span>{' '}
                <ShownAs label={item.display_label} verified={item.display_mode === 'verified_role'} />
                {item.group_name ? <span className="muted"> · {item.group_name}</span> : null}
              </h3>
              <p className="input-card__meta">
                {item.section_key ? <span lang={lang}>{headingOf.get(item.section_key)}</span> : t('input.section.whole')} ·{' '}
                <span lang={lang}>{item.topic}</span> ·{' '}
                {t(`channel.${item.channel as 'online'}`)} · {formatDateTime(item.received_at, timeZone, locale)}
              </p>
              {item.proposed_text ? <blockquote lang={lang}>{item.proposed_text}</blockquote> : null}
              <p className="prewrap" lang={lang}>
                {item.reason}
              </p>
              {item.is_complaint ? <p className="tag tag--complaint">{t('complaint.title')}</p> : null}
              <p>
                <Link to={`/masukan/${item.tracking_number}`}>{t('inputs.permalink', { number: item.tracking_number })}</Link>
              </p>
              {flagging && !flagging.own.includes(item.id) ? (
                <FlagForm
                  trackingNumber={item.tracking_number}
                  redirectTo={flagging.redirectTo}
                  flagged={flagging.flagged.includes(item.id)}
                />
              ) : null}
            </article>
          </li>
        ),
      )}
    </ol>
  )
}
