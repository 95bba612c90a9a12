import type { Route } from './+types/api.policies'
import { assertCan } from '~/domain/permissions.server'
import { listPoliciesForApi } from '~/domain/policies.server'
import { json } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

export async function loader({ request }: Route.LoaderArgs) {
  assertCan(await getActor(request), 'policy.read')
  const rows = await listPoliciesForApi(getDb())
  return json({
    data: rows.map((p) => ({
      slug: p.slug,
      title: p.title,
      organisation: { slug: p.organisation_slug, name: p.organisation_name },
      stage: p.stage,
      currentVersion: p.current_version,
      url: `/api/v1/policies/${p.slug}`,
    })),
  })
}
