import { Form, Link } from 'react-router'
import type { Route } from './+types/kelola.audit'
import { Select } from '~/components/form-controls'
import { AUDIT_ACTIONS, type AuditItem, listAudit, listAuditActions } from '~/domain/audit.server'
import { getOrganisationBySlug } from '~/domain/employees.server'
import { isHiddenReason } from '~/domain/moderation-rules'
import { assertCan } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import type { MessageKey, Translate } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['drafting', 'employees', 'moderation'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · ${data.organisation.name} · Rembuk` : 'Rembuk' }]

/** An action's name in the reader's language; actions of features without words yet show as stored. */
function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}` as MessageKey
  const text = t(key)
  return text === key ? action : text
}

function describe(t: Translate, item: AuditItem) {
  const d = item.details
  const number = typeof d.trackingNumber === 'string' ? d.trackingNumber : null
  let target: { text: string; href: string | null }
  if (item.targetType === 'input' && number) target = { text: t('audit.target.input', { number }), href: `/masukan/${number}` }
  else if (item.targetType === 'consultation' && item.targetId) {
    target = {
      text: t('audit.target.consultation', { title: typeof d.consultation === 'string' ? d.consultation : `#${item.targetId}` }),
      href: `/kelola/konsultasi/${item.targetId}`,
    }
  } else target = { text: `${item.targetType}${item.targetId ? ` #${item.targetId}` : ''}`, href: null }

  const why: string[] = []
  if (isHiddenReason(d.category)) why.push(t(`moderation.reason.${d.category}`))
  if (item.action === 'input.hold' && d.category === 'flags') why.push(t('audit.detail.flags', { flags: String(d.flags), threshold: String(d.threshold) }))
  if (item.action === 'consultation.flagThreshold') why.push(t('audit.detail.threshold', { from: String(d.from), to: String(d.to) }))
  if (item.reason) why.push(item.reason)
  return { target, why: why.join(' — ') }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const organisation = await getOrganisationBySlug(db, params.slug)
  if (!organisation) throw new Response('Not found', { status: 404 })
  const url = new URL(request.url)
  assertCan(await getActor(request), 'audit.read', { organisationId: organisation.id }, url.pathname + url.search)
  const present = await listAuditActions(db, organisation.id)
  const known = [...new Set<string>([...AUDIT_ACTIONS, ...present])]
  const requested = url.searchParams.get('tindakan') ?? ''
  const action = known.includes(requested) ? requested : undefined
  const cursor = Number(url.searchParams.get('setelah'))
  const page = await listAudit(db, organisation.id, { action, cursor: Number.isSafeInteger(cursor) && cursor > 0 ? cursor : undefined })
  const locale = getLocale(request)
  const t = translator(locale)
  const next = new URLSearchParams(action ? { tindakan: action } : {})
  if (page.nextCursor) next.set('setelah', String(page.nextCursor))
  return {
    title: t('audit.title'),
    organisation: { name: organisation.name, slug: organisation.slug },
    action: action ?? '',
    actions: known.map((a) => ({ value: a, label: actionLabel(t, a) })),
    items: page.items.map((item) => ({
      id: item.id,
      when: formatDateTime(item.createdAt, organisation.time_zone, locale),
      whenIso: item.createdAt,
      who: item.actorId === null ? t('audit.system') : (item.actorName ?? t('audit.deletedUser')),
      what: actionLabel(t, item.action),
      ...describe(t, item),
    })),
    nextHref: page.nextCursor ? `?${next}` : null,
    firstHref: url.searchParams.has('setelah') ? `?${new URLSearchParams(action ? { tindakan: action } : {})}` : null,
  }
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { organisation, items } = loaderData
  return (
    <div className="page audit">
      <p className="breadcrumb">
        <Link to="/kelola">{t('drafting.workspace.title')}</Link> › {organisation.name}
      </p>
      <h1>
        {loaderData.title}
        <span className="audit__org">{organisation.name}</span>
      </h1>
      <p className="lead">{t('audit.intro')}</p>
      <Form method="get" className="filters" aria-labelledby="saring-log">
        <h2 id="saring-log" className="visually-hidden">
          {t('audit.filter')}
        </h2>
        <Select
          id="log-tindakan"
          name="tindakan"
          label={t('audit.filter.action')}
          defaultValue={loaderData.action}
          placeholder={t('audit.filter.all')}
          options={loaderData.actions}
        />
        <button type="submit" className="button button--secondary">
          {t('audit.filter.apply')}
        </button>
      </Form>
      {items.length === 0 ? (
        <p className="empty-state">{t('audit.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">
              {loaderData.title}: {organisation.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.when')}</th>
                <th scope="col">{t('audit.col.who')}</th>
                <th scope="col">{t('audit.col.what')}</th>
                <th scope="col">{t('audit.col.target')}</th>
                <th scope="col">{t('audit.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td className="data-table__main">
                    <time dateTime={item.whenIso}>{item.when}</time>
                  </td>
                  <td data-label={t('audit.col.who')}>{item.who}</td>
                  <td data-label={t('audit.col.what')}>{item.what}</td>
                  <td data-label={t('audit.col.target')}>{item.target.href ? <Link to={item.target.href}>{item.target.text}</Link> : item.target.text}</td>
                  <td data-label={t('audit.col.why')}>{item.why || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('audit.pager')}>
        {loaderData.firstHref ? <Link to={loaderData.firstHref}>{t('audit.first')}</Link> : null}
        {loaderData.nextHref ? (
          <Link to={loaderData.nextHref} className="button button--secondary">
            {t('audit.more')}
          </Link>
        ) : null}
      </nav>
    </div>
  )
}
