import { Link } from 'react-router'
import type { Route } from './+types/admin.outbox-mail'
import { DEFAULT_TIME_ZONE, getOutboxMail, mailStatus } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { MailStatusBadge } from '~/components/MailStatusBadge'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['notifications'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'E-mail'} · Rembuk` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const url = new URL(request.url)
  assertCan(await getActor(request), 'outbox.read', {}, url.pathname)
  const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : null
  const mail = id ? await getOutboxMail(getDb(), id) : undefined
  if (!mail) throw new Response('Not found', { status: 404 })
  return {
    title: `${translator(getLocale(request))('outbox.mail.title', { id: mail.id })}: ${mail.subject}`,
    mail: { ...mail, status: mailStatus(mail) },
    timeZone: DEFAULT_TIME_ZONE,
  }
}

export default function OutboxMail({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { mail, timeZone } = loaderData
  const when = (iso: string) => formatDateTime(iso, timeZone, locale)
  return (
    <div className="page outbox-mail">
      <p>
        <Link to="/admin/kotak-keluar">
          <span aria-hidden="true">← </span>
          {t('outbox.back')}
        </Link>
      </p>
      <h1>
        <span className="outbox-mail__number">{t('outbox.mail.title', { id: mail.id })}</span> {mail.subject}
      </h1>
      <dl className="facts">
        <dt>{t('outbox.to')}</dt>
        <dd>{mail.to_address}</dd>
        <dt>{t('outbox.createdAt')}</dt>
        <dd>
          <time dateTime={mail.created_at}>{when(mail.created_at)}</time>
        </dd>
        <dt>{t('outbox.status')}</dt>
        <dd>
          <MailStatusBadge status={mail.status} attempts={mail.attempts} />
        </dd>
        {mail.sent_at ? (
          <>
            <dt>{t('outbox.sentAt')}</dt>
            <dd>
              <time dateTime={mail.sent_at}>{when(mail.sent_at)}</time>
            </dd>
          </>
        ) : null}
        <dt>{t('outbox.attempts')}</dt>
        <dd>{mail.attempts}</dd>
        {mail.last_error ? (
          <>
            <dt>{t('outbox.lastError')}</dt>
            <dd>
              <code>{mail.last_error}</code>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('outbox.body')}</h2>
      <pre className="mail-body">{mail.body}</pre>
    </div>
  )
}
