import type { Route } from './+types/api.policy-inputs'
import { listPublishedInputs } from '~/domain/inputs.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, getPublishedVersion } from '~/domain/policies.server'
import { apiError, json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { readInputFilters } from '~/lib/input-filters'
import { getActor } from '~/lib/session.server'
import { dbInteger } from '~/lib/ids'

/**
 * Published inputs of a policy, newest first, cursor-paginated:
 * ?section=<key>|whole &kind= &topic= &version=<n> &cursor=<from next> &limit=1..100
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const url = new URL(request.url)
  const q = url.searchParams
  const filters = readInputFilters(q, { section: 'section', kind: 'kind', topic: 'topic', cursor: 'cursor' })
  if (q.get('section') === 'whole') filters.sectionKey = ''
  let versionId: number | undefined
  if (q.has('version')) {
    const number = dbInteger(q.get('version'))
    const version = number ? await getPublishedVersion(db, policy.id, number) : undefined
    if (!version) return notFound(`Policy "${policy.slug}" has no published version "${q.get('version')}".`)
    versionId = version.id
  }
  const limit = q.has('limit') ? Number(q.get('limit')) : 50
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return apiError(400, 'limit must be an integer from 1 to 100.')
  const page = await listPublishedInputs(db, { policyId: policy.id, versionId, ...filters, limit })
  const next = new URLSearchParams(q)
  if (page.nextCursor) next.set('cursor', String(page.nextCursor))
  return json({
    data: page.items.map((i) => ({
      trackingNumber: i.tracking_number,
      section: i.section_key || null,
      kind: i.kind,
      proposedText: i.proposed_text,
      reason: i.reason,
      topic: i.topic,
      shownAs: i.display_label || null,
      verified: i.display_mode === 'verified_role' && i.display_label !== '',
      group: i.group_name ? { name: i.group_name, type: i.group_type } : null,
      channel: i.channel,
      receivedAt: i.received_at,
      publishedAt: i.published_at,
      url: `/api/v1/inputs/${i.tracking_number}`,
    })),
    next: page.nextCursor ? `${url.pathname}?${next}` : null,
  })
}
