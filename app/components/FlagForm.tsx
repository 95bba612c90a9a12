import { Form } from 'react-router'
import { ChoiceGroup } from '~/components/form-controls'
import { FLAG_REASONS } from '~/domain/moderation-rules'
import { useT } from '~/i18n/use-t'

/**
 * "Laporkan": a signed-in reader flags a published input. A disclosure that needs no JavaScript;
 * the form posts to the input's report page, which comes back here saying it was received.
 */
export function FlagForm({ trackingNumber, redirectTo, flagged }: { trackingNumber: string; redirectTo: string; flagged: boolean }) {
  const t = useT()
  if (flagged) return <p className="flag-done">{t('flag.already')}</p>
  const id = `lapor-${trackingNumber}`
  return (
    <details className="flag">
      <summary>
        {t('flag.summary')}
        <span className="visually-hidden"> {trackingNumber}</span>
      </summary>
      <Form method="post" action={`/masukan/${trackingNumber}/laporkan`} className="flag__form stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <ChoiceGroup
          id={id}
          name="reason"
          type="radio"
          legend={t('flag.reason')}
          hint={t('flag.intro')}
          required
          options={FLAG_REASONS.map((r) => ({ value: r, label: t(`moderation.reason.${r}`) }))}
        />
        <button type="submit" className="button button--secondary">
          {t('flag.submit')}
          <span className="visually-hidden"> {trackingNumber}</span>
        </button>
      </Form>
    </details>
  )
}
