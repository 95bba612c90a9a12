import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/verify-email'
import { verifyEmailToken } from '~/domain/registration.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { getActor, startSession } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import { readForm } from '~/lib/form-submission.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['accounts'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Verifikasi e-mail'} · Rembuk` }]

// The mailed link opens a page with one button: a mail scanner that follows links does not
// spend the token, and the post carries the same-origin check every form has.
export async function loader({ request }: Route.LoaderArgs) {
  return { title: translator(getLocale(request))('account.verify.title') }
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readForm(request)
  const userId = await verifyEmailToken(getDb(), params.token)
  if (userId === null) return { invalid: true }
  const back = safeRedirect(formData.get('redirectTo'), '/akun')
  const url = new URL(back, 'http://rembuk.invalid')
  url.searchParams.set('email', 'terverifikasi')
  const target = `${url.pathname}${url.search}`
  // Following one's own link signs one in there (the link proves the mailbox; it works once).
  const actor = await getActor(request)
  if (actor?.id === userId) throw redirect(target)
  throw redirect(target, { headers: { 'Set-Cookie': await startSession(request, userId) } })
}

export default function VerifyEmail({ actionData }: Route.ComponentProps) {
  const t = useT()
  const [searchParams] = useSearchParams()
  return (
    <div className="page narrow">
      <h1>{t('account.verify.title')}</h1>
      {actionData?.invalid ? (
        <>
          <p className="form-errors" role="alert">
            {t('account.verify.invalid')}
          </p>
          <p>
            <Link to="/masuk?redirectTo=%2Fakun">{t('nav.signIn')}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <p>{t('account.verify.intro')}</p>
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <button type="submit" className="button">
            {t('account.verify.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}
