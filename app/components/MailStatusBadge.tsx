import { useT } from '~/i18n/use-t'

/** Sent, failed (with how many attempts) or not sent, in words. */
export function MailStatusBadge({ status, attempts }: { status: 'sent' | 'failed' | 'waiting'; attempts: number }) {
  const t = useT()
  const label = status === 'sent' ? t('outbox.status.sent') : status === 'failed' ? t('outbox.status.failed') : t('outbox.status.waiting')
  return (
    <span className={`mail-status mail-status--${status}`}>
      {label}
      {status === 'failed' ? ` (${attempts}×)` : null}
    </span>
  )
}
