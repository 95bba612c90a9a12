import { Form, Link, useNavigation } from 'react-router'
import type { Route } from './+types/admin.outbox'
import { DEFAULT_TIME_ZONE, deliverPending, listOutbox, mailStatus } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { MailStatusBadge } from '~/components/MailStatusBadge'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { describeSmtp } from '~/lib/mailer.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['notifications'] }

const PATH = '/admin/kotak-keluar'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Kotak keluar'} · Rembuk` }]

function cursorFrom(url: URL): number | null {
  const raw = url.searchParams.get('sebelum')
  if (!raw || !/^\d{1,15}$/.test(raw)) return null
  const n = Number(raw)
  return n > 0 ? n : null
}

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url)
  assertCan(await getActor(request), 'outbox.read', {}, url.pathname + url.search)
  const cursor = cursorFrom(url)
  const page = await listOutbox(getDb(), { cursor })
  return {
    title: translator(getLocale(request))('outbox.title'),
    server: describeSmtp(),
    // The outbox belongs to no organisation: its times are in WIB.
    timeZone: DEFAULT_TIME_ZONE,
    isFirstPage: cursor === null,
    nextCursor: page.nextCursor,
    items: page.items.map((m) => ({ ...m, status: mailStatus(m) })),
  }
}

/** Tries again to send every mail that is still waiting or failed. */
export async function action({ request }: Route.ActionArgs) {
  assertCan(await getActor(request), 'outbox.send', {}, PATH)
  const formData = await readForm(request)
  if (formData.get('intent') !== 'retry') throw new Response('Bad request', { status: 400 })
  const report = await deliverPending(getDb())
  return { retried: report }
}

export default function Outbox({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const navigation = useNavigation()
  const { items, server, isFirstPage, nextCursor, timeZone } = loaderData
  const unsent = items.some((m) => m.status !== 'sent')
  return (
    <div className="page outbox">
      <h1>{t('outbox.title')}</h1>
      <p className="lead">{t('outbox.intro')}</p>
      <p className={server ? 'muted' : 'notice'}>{server ? t('outbox.smtpOn', { server }) : t('outbox.smtpOff')}</p>

      {server && unsent ? (
        <Form method="post" className="outbox__retry">
          <button type="submit" name="intent" value="retry" className="button button--secondary" disabled={navigation.state === 'submitting'}>
            {t('outbox.retry')}
          </button>
        </Form>
      ) : null}
      {actionData?.retried ? (
        <p role="status" className="notice">
          {actionData.retried.tried === 0
            ? t('outbox.nothingToRetry')
            : t('outbox.retried', { sent: actionData.retried.sent, tried: actionData.retried.tried })}
        </p>
      ) : null}

      {items.length === 0 ? (
        <p className="empty-state">{t('outbox.empty')}</p>
      ) : (
        // Explicit roles keep the table a table for screen readers when narrow screens stack its rows.
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('outbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outbox.subject')}</th>
                <th scope="col">{t('outbox.to')}</th>
                <th scope="col">{t('outbox.createdAt')}</th>
                <th scope="col">{t('outbox.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td className="data-table__main">
                    <Link to={`${PATH}/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td data-label={t('outbox.to')} className="data-table__address">
                    {m.to_address}
                  </td>
                  <td data-label={t('outbox.createdAt')}>
                    <time dateTime={m.created_at}>{formatDateTime(m.created_at, timeZone, locale)}</time>
                  </td>
                  <td data-label={t('outbox.status')}>
                    <MailStatusBadge status={m.status} attempts={m.attempts} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {nextCursor !== null || !isFirstPage ? (
        <nav aria-label={t('outbox.pages')} className="pager">
          {!isFirstPage ? <Link to={PATH}>{t('outbox.newest')}</Link> : null}
          {nextCursor !== null ? <Link to={`${PATH}?sebelum=${nextCursor}`}>{t('outbox.older')}</Link> : null}
        </nav>
      ) : null}
    </div>
  )
}
