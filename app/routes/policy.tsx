import type { Route } from './+types/policy'
import { PolicyDocument } from '~/components/PolicyDocument'
import { getFollowState } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { STAGES, getPolicyReading } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { getLocale } from '~/i18n/locale.server'
import { loadVersionParticipation } from '~/lib/participation.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'

export const meta: Route.MetaFunction = ({ data }) => (data ? pageMeta(data.policy.title, data.description) : [])

export async function loader({ request, params }: Route.LoaderArgs) {
  const reading = await getPolicyReading(getDb(), params.slug, null)
  if (!reading) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: reading.policy.organisation_id })
  const participation = reading.version
    ? await loadVersionParticipation(getDb(), reading.version.id, reading.policy.time_zone, getLocale(request))
    : null
  const evaluated = Boolean(await getDb().selectFrom('evaluation_periods').select('id').where('policy_id', '=', reading.policy.id).limit(1).executeTakeFirst())
  const t = translator(getLocale(request))
  const { policy } = reading
  const description = describePage(t, 'policy', { title: policy.title, organisation: policy.organisation_name, stage: t(`stage.${policy.stage}`) })
  return { ...reading, description, stages: STAGES, participation, evaluated, follow: await getFollowState(getDb(), actor, reading.policy.id) }
}

export default function PolicyPage({ loaderData }: Route.ComponentProps) {
  return <PolicyDocument reading={loaderData} />
}
