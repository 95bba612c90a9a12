import { redirect } from 'react-router'
import type { Route } from './+types/policy-follow'
import { followPolicy, unfollowPolicy } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import { readForm } from '~/lib/form-submission.server'

/** Opened directly, the address leads to the policy itself. */
export async function loader({ params }: Route.LoaderArgs) {
  return redirect(`/kebijakan/${encodeURIComponent(params.slug)}`)
}

/** Follows or stops following, then returns to the page the button was on. */
export async function action({ request, params }: Route.ActionArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  const formData = await readForm(request)
  const back = safeRedirect(formData.get('redirectTo'), `/kebijakan/${policy.slug}`)
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: policy.organisation_id })
  assertCan(actor, 'policy.follow', { organisationId: policy.organisation_id }, back)
  const intent = formData.get('intent')
  if (intent === 'follow') await followPolicy(db, actor!.id, policy.id)
  else if (intent === 'unfollow') await unfollowPolicy(db, actor!.id, policy.id)
  else throw new Response('Bad request', { status: 400 })
  throw redirect(back)
}
