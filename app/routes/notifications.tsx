import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/notifications'
import { countUnread, listNotifications, markRead } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import type { MessageKey } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['notifications'] }

const PATH = '/akun/pemberitahuan'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Pemberitahuan'} · Rembuk` }]

/** "?sebelum=123": the page of notifications older than 123. Anything else is the first page. */
function cursorFrom(url: URL): number | null {
  const raw = url.searchParams.get('sebelum')
  if (!raw || !/^\d{1,15}$/.test(raw)) return null
  const n = Number(raw)
  return n > 0 ? n : null
}

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url)
  const actor = await getActor(request)
  assertCan(actor, 'notifications.read', {}, url.pathname + url.search)
  const db = getDb()
  const cursor = cursorFrom(url)
  const page = await listNotifications(db, actor!.id, { cursor })
  return {
    title: translator(getLocale(request))('notifications.title'),
    ...page,
    isFirstPage: cursor === null,
    unread: await countUnread(db, actor!.id),
  }
}

/** Marks one notification (intent "read", id) or all of them (intent "read-all") as read. */
export async function action({ request }: Route.ActionArgs) {
  const url = new URL(request.url)
  const actor = await getActor(request)
  assertCan(actor, 'notifications.read', {}, PATH)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'read-all') {
    await markRead(getDb(), actor!.id, 'all')
  } else if (intent === 'read') {
    const id = String(formData.get('id') ?? '')
    if (/^\d{1,15}$/.test(id)) await markRead(getDb(), actor!.id, [Number(id)])
  }
  const back = cursorFrom(url) ? `${PATH}?sebelum=${cursorFrom(url)}` : PATH
  throw redirect(back)
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { items, nextCursor, isFirstPage, unread } = loaderData
  return (
    <div className="page notifications">
      <h1>{t('notifications.title')}</h1>
      <p className="lead">{t('notifications.intro')}</p>

      <div className="notifications__bar">
        <p>{unread > 0 ? t('notifications.unreadSummary', { count: unread }) : t('notifications.allRead')}</p>
        {unread > 0 ? (
          <Form method="post" preventScrollReset>
            <button type="submit" name="intent" value="read-all" className="button button--secondary">
              {t('notifications.markAllRead')}
            </button>
          </Form>
        ) : null}
      </div>

      {items.length === 0 ? (
        <p className="empty-state">{t('notifications.empty')}</p>
      ) : (
        <ol className="notification-list" aria-label={t('notifications.list')}>
          {items.map((n) => {
            const unreadItem = n.read_at === null
            return (
              <li key={n.id} className={`notification${unreadItem ? ' notification--unread' : ''}`}>
                <p className="notification__meta">
                  <span className="notification__kind">{t(`notifications.kind.${n.kind}` as MessageKey)}</span>
                  {unreadItem ? <span className="notification__new">{t('notifications.unread')}</span> : null}
                  <time dateTime={n.created_at}>{formatDateTime(n.created_at, n.time_zone, locale)}</time>
                </p>
                <h2 className="notification__title">
                  <Link to={n.link}>{n.title}</Link>
                </h2>
                {n.body ? <p className="notification__body">{n.body}</p> : null}
                {unreadItem ? (
                  <Form method="post" preventScrollReset>
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="read" className="link-button">
                      {t('notifications.markRead')}
                      <span className="visually-hidden">: {n.title}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}

      {nextCursor !== null || !isFirstPage ? (
        <nav aria-label={t('notifications.pages')} className="pager">
          {!isFirstPage ? <Link to={PATH}>{t('notifications.newest')}</Link> : null}
          {nextCursor !== null ? <Link to={`${PATH}?sebelum=${nextCursor}`}>{t('notifications.older')}</Link> : null}
        </nav>
      ) : null}
    </div>
  )
}
