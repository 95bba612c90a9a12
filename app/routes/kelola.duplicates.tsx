import { Form, Link, data, redirect } from 'react-router'
import { ShownAs } from '~/components/ShownAs'
import type { Route } from './+types/kelola.duplicates'
import {
  DuplicateError,
  getDuplicateGroup,
  listDuplicateGroups,
  listGroupMembers,
  ungroupInput,
} from '~/domain/duplicates.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { loadManagedConsultation } from '~/lib/managed-consultation.server'
import { inputExcerpt } from '~/lib/text'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'themes'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · ${data.consultation.title} · Rembuk` : 'Rembuk' }]

const GROUPS_PER_PAGE = 20
const MEMBERS_SHOWN = 10
const MEMBERS_PER_PAGE = 100

type Member = Awaited<ReturnType<typeof listGroupMembers>>['items'][number]

function memberView(m: Member) {
  return {
    id: m.id,
    trackingNumber: m.tracking_number,
    status: m.status,
    displayLabel: m.display_label,
    verified: m.display_mode === 'verified_role',
    channel: m.channel,
    receivedAt: m.received_at,
    excerpt: inputExcerpt(m, 160),
  }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, consultation, policy } = await loadManagedConsultation(request, params.id, 'duplicate.manage')
  const t = translator(getLocale(request))
  const url = new URL(request.url)
  const page = Math.max(Number.parseInt(url.searchParams.get('halaman') ?? '1', 10) || 1, 1)
  const only = Number(url.searchParams.get('kelompok'))
  const common = {
    title: t('dup.title'),
    consultation: { id: consultation.id, title: consultation.title },
    policy: { slug: policy.slug, title: policy.title },
    timeZone: policy.time_zone,
    notice: url.searchParams.get('dikeluarkan')
      ? `${t('dup.ungrouped', { number: url.searchParams.get('dikeluarkan')! })}${url.searchParams.get('bubar') === '1' ? ` ${t('dup.dissolved')}` : ''}`
      : null,
  }

  // One group with all its members, a page at a time.
  if (url.searchParams.has('kelompok')) {
    const group = Number.isSafeInteger(only) ? await getDuplicateGroup(db, only) : undefined
    if (!group || group.consultation_id !== consultation.id) throw new Response('Not found', { status: 404 })
    const after = Number(url.searchParams.get('setelah')) || undefined
    const members = await listGroupMembers(db, group.id, { after, limit: MEMBERS_PER_PAGE })
    const one = await listDuplicateGroups(db, consultation.id, { groupId: group.id })
    const summary = one.groups[0]
    return {
      ...common,
      total: one.total,
      page: 1,
      pages: 1,
      single: true,
      groups: summary
        ? [
            {
              ...summary,
              representative: { ...summary.representative, excerpt: inputExcerpt({ proposed_text: summary.representative.proposedText, reason: summary.representative.reason }, 600) },
              members: members.items.map(memberView),
              moreHref: members.nextCursor ? `?kelompok=${group.id}&setelah=${members.nextCursor}` : null,
            },
          ]
        : [],
    }
  }

  const { groups, total } = await listDuplicateGroups(db, consultation.id, { offset: (page - 1) * GROUPS_PER_PAGE, limit: GROUPS_PER_PAGE })
  const withMembers = []
  for (const g of groups) {
    const members = await listGroupMembers(db, g.id, { limit: MEMBERS_SHOWN })
    withMembers.push({
      ...g,
      representative: { ...g.representative, excerpt: inputExcerpt({ proposed_text: g.representative.proposedText, reason: g.representative.reason }, 600) },
      members: members.items.map(memberView),
      moreHref: members.nextCursor ? `?kelompok=${g.id}` : null,
    })
  }
  return { ...common, total, page, pages: Math.max(Math.ceil(total / GROUPS_PER_PAGE), 1), single: false, groups: withMembers }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, consultation, actor } = await loadManagedConsultation(request, params.id, 'duplicate.manage')
  const formData = await readForm(request)
  const inputId = Number(formData.get('inputId'))
  const t = translator(getLocale(request))
  const input = Number.isSafeInteger(inputId) && inputId > 0
    ? await db.selectFrom('inputs').select(['id', 'tracking_number']).where('id', '=', inputId).where('consultation_id', '=', consultation.id).executeTakeFirst()
    : undefined
  if (!input) return data({ message: t('dup.error.notGrouped') }, { status: 400 })
  try {
    const result = await ungroupInput(db, { inputId: input.id, actorId: actor.id, consultationId: consultation.id })
    const back = new URL(request.url).searchParams
    const keep = new URLSearchParams()
    if (back.get('halaman')) keep.set('halaman', back.get('halaman')!)
    if (back.get('kelompok') && !result.dissolved) keep.set('kelompok', back.get('kelompok')!)
    keep.set('dikeluarkan', input.tracking_number)
    if (result.dissolved) keep.set('bubar', '1')
    return redirect(`/kelola/konsultasi/${consultation.id}/duplikat?${keep}`)
  } catch (error) {
    if (!(error instanceof DuplicateError)) throw error
    return data({ message: t('dup.error.notGrouped') }, { status: 409 })
  }
}

export default function ManageDuplicates({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { consultation, policy, groups } = loaderData
  const base = `/kelola/konsultasi/${consultation.id}/duplikat`
  return (
    <div className="page duplicates-page">
      <p className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}`}>{policy.title}</Link> ›{' '}
        <Link to={`/kelola/konsultasi/${consultation.id}`}>{consultation.title}</Link>
      </p>
      <h1>{t('dup.title')}</h1>
      <p className="lead">{t('dup.intro')}</p>
      <p>{t('dup.intro.ungroup')}</p>
      {loaderData.notice ? (
        <p className="notice" role="status">
          {loaderData.notice}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="form-errors" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <p className="actions">
        <span>{t('dup.total', { count: loaderData.total })}</span>
        <Link to={`/kelola/konsultasi/${consultation.id}/tema`}>{t('dup.themesLink')}</Link>
        {loaderData.single ? <Link to={base}>{t('dup.allGroups')}</Link> : null}
      </p>
      {groups.length === 0 ? (
        <p>{t('dup.none')}</p>
      ) : (
        <ol className="group-list">
          {groups.map((g) => (
            <li key={g.id} className="group-card">
              <section aria-labelledby={`kelompok-${g.id}`}>
                <h2 id={`kelompok-${g.id}`} className="group-card__title">
                  {t('dup.group.title', { count: g.size })}
                </h2>
                <p className="muted">{t('dup.group.counts', { published: g.published, count: g.size })}</p>
                <h3 className="group-card__label">{t('dup.representative', { number: g.representative.trackingNumber })}</h3>
                <blockquote className="group-card__text">{g.representative.excerpt}</blockquote>
                <h3 className="group-card__label">{t('dup.members')}</h3>
                <ul className="member-list">
                  {g.members.map((m) => (
                    <li key={m.id} className="member">
                      <div className="member__body">
                        <p className="member__head">
                          <Link to={`/masukan/${m.trackingNumber}`} className="tracking">
                            {m.trackingNumber}
                          </Link>
                          {m.id === g.representative.id ? <span className="rep-tag">{t('dup.member.representative')}</span> : null}
                          <span className="muted">
                            {' '}
                            {t(`input.status.${m.status}`)} · {t(`channel.${m.channel as 'online'}`)} · <ShownAs label={m.displayLabel} verified={m.verified} /> ·{' '}
                            {formatDateTime(m.receivedAt, loaderData.timeZone, locale)}
                          </span>
                        </p>
                        <p className="member__text">{m.excerpt}</p>
                      </div>
                      <Form method="post" className="member__action">
                        <input type="hidden" name="inputId" value={m.id} />
                        <button type="submit" className="button button--secondary button--small">
                          {t('dup.ungroup')}
                          <span className="visually-hidden"> ({m.trackingNumber})</span>
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                {g.moreHref ? (
                  <p>
                    <Link to={g.moreHref}>{loaderData.single ? t('dup.membersMore') : t('dup.showAll', { count: g.size })}</Link>
                  </p>
                ) : null}
              </section>
            </li>
          ))}
        </ol>
      )}
      {loaderData.pages > 1 ? (
        <nav className="pager" aria-label={t('dup.next')}>
          {loaderData.page > 1 ? <Link to={`?halaman=${loaderData.page - 1}`}>{t('dup.previous')}</Link> : null}
          {loaderData.page < loaderData.pages ? (
            <Link to={`?halaman=${loaderData.page + 1}`} className="button button--secondary">
              {t('dup.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  )
}
