import { redirect } from 'react-router'
import type { Route } from './+types/language'
import { localeCookie } from '~/i18n/locale.server'
import { isLocale } from '~/i18n/messages'
import { setUserLocale } from '~/domain/notifications.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import { readForm } from '~/lib/form-submission.server'

export async function loader() {
  return redirect('/')
}

/** Remembers the chosen language and returns to the page the visitor was on. */
export async function action({ request }: Route.ActionArgs) {
  const formData = await readForm(request)
  const lang = formData.get('lang')
  const back = safeRedirect(formData.get('redirectTo'))
  if (!isLocale(lang)) return redirect(back)
  // A signed-in person's mail is written in the language they last chose.
  const actor = await getActor(request)
  if (actor) await setUserLocale(getDb(), actor.id, lang)
  return redirect(back, { headers: { 'Set-Cookie': localeCookie(request, lang) } })
}
