import type { Route } from './+types/api.policy-version'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, getPublishedVersion, getSections } from '~/domain/policies.server'
import { json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { dbInteger } from '~/lib/ids'

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const number = dbInteger(params.number)
  const version = number ? await getPublishedVersion(db, policy.id, number) : undefined
  if (!version) return notFound(`Policy "${params.slug}" has no published version "${params.number}".`)
  const sections = await getSections(db, version.id)
  return json({
    data: {
      policy: policy.slug,
      number: version.number,
      title: version.title,
      publishedAt: version.published_at,
      sections: sections.map((s) => ({ key: s.key, position: s.position, heading: s.heading, body: s.body })),
    },
  })
}
