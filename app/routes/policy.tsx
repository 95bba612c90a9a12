import type { Route } from './+types/policy'
import { PolicyDocument } from '~/components/PolicyDocument'
import { getFollowState } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { STAGES, getPolicyReading } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { getLocale } from '~/i18n/locale.server'
import { loadVersionParticipation } from '~/lib/participation.server'

export const meta: Route.MetaFunction = ({ data }) =>
  data ? [{ title: `${data.policy.title} · Rembuk` }, { name: 'description', content: data.policy.summary }] : []

export async function loader({ request, params }: Route.LoaderArgs) {
  const reading = await getPolicyReading(getDb(), params.slug, null)
  if (!reading) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: reading.policy.organisation_id })
  const participation = reading.version
    ? await loadVersionParticipation(getDb(), reading.version.id, reading.policy.time_zone, getLocale(request))
    : null
  const evaluated = Boolean(await getDb().selectFrom('evaluation_periods').select('id').where('policy_id', '=', reading.policy.id).limit(1).executeTakeFirst())
  return { ...reading, stages: STAGES, participation, evaluated, follow: await getFollowState(getDb(), actor, reading.policy.id) }
}

export default function PolicyPage({ loaderData }: Route.ComponentProps) {
  return <PolicyDocument reading={loaderData} />
}
