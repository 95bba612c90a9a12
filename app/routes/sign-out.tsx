import { Form, redirect } from 'react-router'
import type { Route } from './+types/sign-out'
import { assertCan } from '~/domain/permissions.server'
import { useT } from '~/i18n/use-t'
import { endSession, getActor } from '~/lib/session.server'

export const meta: Route.MetaFunction = () => [{ title: 'Keluar · Rembuk' }]

export async function loader({ request }: Route.LoaderArgs) {
  if (!(await getActor(request))) throw redirect('/')
  return null
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await getActor(request)
  if (actor) assertCan(actor, 'account.signOut')
  throw redirect('/', { headers: { 'Set-Cookie': await endSession(request) } })
}

/** Shown only when someone opens /keluar directly; the header's button posts here. */
export default function SignOut() {
  const t = useT()
  return (
    <div className="page narrow">
      <h1>{t('auth.signOut.title')}</h1>
      <p>{t('auth.signOut.confirm')}</p>
      <Form method="post">
        <button type="submit" className="button">
          {t('nav.signOut')}
        </button>
      </Form>
    </div>
  )
}
