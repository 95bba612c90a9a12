import type { Route } from './+types/api.policy-timeline'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getPolicyTimeline } from '~/domain/redline.server'
import { json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const entries = await getPolicyTimeline(db, policy.id)
  const api = `/api/v1/policies/${policy.slug}`
  return json({
    data: {
      policy: policy.slug,
      timeZone: policy.time_zone,
      entries: entries.map(({ links, ...entry }) => ({
        ...entry,
        links: links.map((link) => ({
          ...link,
          api:
            link.rel === 'version'
              ? `${api}/versions/${link.versionNumber}`
              : link.rel === 'redline'
                ? `${api}/versions/${link.fromNumber}/diff/${link.toNumber}`
                : link.rel === 'evaluation' || link.rel === 'evaluationPdf'
                  ? `${api}/evaluations`
                  : `${api}/inputs`,
        })),
      })),
    },
  })
}
