import type { Route } from './+types/api.policy-inputs-export'
import { OPEN_INPUT_FIELDS, type OpenInput, iteratePublishedInputs } from '~/domain/matrix.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { csvStream, downloadHeaders, ndjsonStream } from '~/lib/export.server'
import { notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

/**
 * Every published input of a policy, no cap, streamed in id order, with only what the submitter
 * made public: /api/v1/policies/:slug/inputs.csv and /inputs.ndjson.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const rows = iteratePublishedInputs(db, policy.id)
  if (new URL(request.url).pathname.endsWith('.ndjson')) {
    return new Response(ndjsonStream(rows), { headers: downloadHeaders('application/x-ndjson; charset=utf-8') })
  }
  const columns = OPEN_INPUT_FIELDS.map((field) => ({ header: field, value: (r: OpenInput) => r[field] }))
  return new Response(csvStream(rows, columns), {
    headers: downloadHeaders('text/csv; charset=utf-8', `masukan-${policy.slug}.csv`),
  })
}
