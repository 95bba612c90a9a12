import type { Route } from './+types/policy-version'
import { PolicyDocument } from '~/components/PolicyDocument'
import { getFollowState } from '~/domain/notifications.server'
import { assertCan } from '~/domain/permissions.server'
import { STAGES, getPolicyReading } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { dbInteger } from '~/lib/ids'
import { getLocale } from '~/i18n/locale.server'
import { loadVersionParticipation } from '~/lib/participation.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'

export const meta: Route.MetaFunction = ({ data }) => (data ? pageMeta(data.title, data.description) : [])

export async function loader({ request, params }: Route.LoaderArgs) {
  const number = dbInteger(params.number)
  if (number === null) throw new Response('Not found', { status: 404 })
  const reading = await getPolicyReading(getDb(), params.slug, number)
  if (!reading) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: reading.policy.organisation_id })
  const participation = reading.version
    ? await loadVersionParticipation(getDb(), reading.version.id, reading.policy.time_zone, getLocale(request))
    : null
  const t = translator(getLocale(request))
  const { policy } = reading
  const title = describePage(t, 'versionTitle', { title: policy.title, number: number })
  const description = describePage(t, 'policyVersion', { title: policy.title, number, organisation: policy.organisation_name, stage: t(`stage.${policy.stage}`) })
  return { ...reading, title, description, stages: STAGES, participation, follow: await getFollowState(getDb(), actor, reading.policy.id) }
}

export default function PolicyVersionPage({ loaderData }: Route.ComponentProps) {
  return <PolicyDocument reading={loaderData} />
}
