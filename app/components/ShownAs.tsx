import { useT } from '~/i18n/use-t'

/**
 * How an input's author is shown, everywhere: the label they chose, and the portal's own badge
 * when the label is a verified civil-servant role. Only the badge says "verified": a pseudonym
 * that imitates a role is refused (app/domain/pseudonyms.ts), and no label alone proves anything.
 */
export function ShownAs({ label, verified }: { label: string; verified: boolean }) {
  const t = useT()
  return (
    <span className="shown-as">
      {label || t('shownAs.anonymous')}
      {verified && label ? (
        <>
          {' '}
          <span className="verified-badge" title={t('shownAs.verifiedExplain')}>
            <svg aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="12" height="12">
              <path d="M6.2 11.6 2.6 8l1.1-1.1 2.5 2.5 6.1-6.1 1.1 1.1z" fill="currentColor" />
            </svg>
            {t('shownAs.verified')}
          </span>
        </>
      ) : null}
    </span>
  )
}
