import { Form, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/lookup'
import { TextInput } from '~/components/form-controls'
import { getInputByTrackingNumber, normaliseTrackingNumber } from '~/domain/inputs.server'
import { assertCan } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['consultations'] }

export const meta: Route.MetaFunction = ({ data }) => pageMeta(data?.title ?? 'Lacak masukan', data?.description)

/** Look up an input by its tracking number, signed in or not. A GET form: works without JavaScript. */
export async function loader({ request }: Route.LoaderArgs) {
  assertCan(await getActor(request), 'policy.read')
  const t = translator(getLocale(request))
  const raw = new URL(request.url).searchParams.get('nomor')
  if (raw === null || raw.trim() === '') return { title: t('lookup.title'), description: describePage(t, 'lookup'), error: null }
  const number = normaliseTrackingNumber(raw)
  if (!number) return { title: t('lookup.title'), description: describePage(t, 'lookup'), error: 'lookup.invalid' as const }
  if (!(await getInputByTrackingNumber(getDb(), number))) {
    return { title: t('lookup.title'), description: describePage(t, 'lookup'), error: 'lookup.notFound' as const, number }
  }
  throw redirect(`/masukan/${number}`)
}

export default function Lookup({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const [params] = useSearchParams()
  const error = loaderData.error
    ? [loaderData.error === 'lookup.notFound' ? `lookup.notFound|number=${loaderData.number}` : loaderData.error]
    : undefined
  return (
    <div className="page narrow">
      <h1>{t('lookup.title')}</h1>
      <p>{t('lookup.intro')}</p>
      <Form method="get" className="stack">
        <TextInput
          id="nomor"
          name="nomor"
          label={t('lookup.number')}
          hint={t('lookup.number.hint')}
          defaultValue={params.get('nomor') ?? ''}
          errors={error}
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t('lookup.submit')}
        </button>
      </Form>
    </div>
  )
}
