import type { Route } from './+types/api.policy'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, listPublishedVersions } from '~/domain/policies.server'
import { json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const versions = await listPublishedVersions(db, policy.id)
  const current = versions.find((v) => v.id === policy.current_version_id)
  return json({
    data: {
      slug: policy.slug,
      title: policy.title,
      summary: policy.summary,
      topic: policy.topic,
      stage: policy.stage,
      organisation: {
        slug: policy.organisation_slug,
        name: policy.organisation_name,
        kind: policy.organisation_kind,
        timeZone: policy.time_zone,
      },
      currentVersion: current?.number ?? null,
      versions: versions.map((v) => ({
        number: v.number,
        title: v.title,
        note: v.note,
        publishedAt: v.published_at,
        url: `/api/v1/policies/${policy.slug}/versions/${v.number}`,
      })),
    },
  })
}
