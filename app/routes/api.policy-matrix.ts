import type { Route } from './+types/api.policy-matrix'
import { MatrixCursorError, type MatrixRow, getMatrix } from '~/domain/matrix.server'
import { assertCan } from '~/domain/permissions.server'
import { listConsultations } from '~/domain/consultations.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { answeredCounts } from '~/domain/responses.server'
import { apiError, json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

export function matrixRowJson(r: MatrixRow) {
  return {
    type: r.type,
    trackingNumber: r.trackingNumber,
    count: r.count,
    consultationId: r.consultationId,
    section: r.sectionKey ? { key: r.sectionKey, heading: r.sectionHeading } : null,
    kind: r.kind,
    topic: r.topic,
    proposedText: r.proposedText,
    reason: r.reason,
    shownAs: r.displayLabel || null,
    verified: r.verified,
    group: r.groupName ? { name: r.groupName, type: r.groupType } : null,
    channel: r.channel,
    receivedAt: r.receivedAt,
    publishedAt: r.publishedAt,
    response: r.decision
      ? { decision: r.decision, reason: r.responseReason, via: r.responseSource, theme: r.themeTitle, respondedAt: r.respondedAt }
      : null,
    url: `/api/v1/inputs/${r.trackingNumber}`,
  }
}

/**
 * The response matrix of a policy (every consultation, oldest first; ?consultation=<id> for one):
 * a duplicate group is one row with its count, complaints come last with type "complaint".
 * ?cursor=<from next> &limit=1..500
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const url = new URL(request.url)
  const q = url.searchParams
  const consultations = await listConsultations(db, policy.id)
  let scope: { consultationId: number } | { policyId: number } = { policyId: policy.id }
  if (q.has('consultation')) {
    const wanted = consultations.find((c) => String(c.id) === q.get('consultation'))
    if (!wanted) return notFound(`Policy "${policy.slug}" has no consultation "${q.get('consultation')}".`)
    scope = { consultationId: wanted.id }
  }
  const limit = q.has('limit') ? Number(q.get('limit')) : 100
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return apiError(400, 'limit must be an integer from 1 to 500.')
  let page
  try {
    page = await getMatrix(db, scope, { cursor: q.get('cursor'), limit })
  } catch (error) {
    if (error instanceof MatrixCursorError) return apiError(400, 'cursor is not one this API gave.')
    throw error
  }
  const shown = 'consultationId' in scope ? consultations.filter((c) => c.id === (scope as { consultationId: number }).consultationId) : consultations
  const next = new URLSearchParams(q)
  if (page.nextCursor) next.set('cursor', page.nextCursor)
  return json({
    policy: policy.slug,
    consultations: await Promise.all(
      shown.map(async (c) => {
        const counts = await answeredCounts(db, c.id)
        return { id: c.id, title: c.title, version: c.version_number, inputs: counts.total, answered: counts.answered, decisions: counts.byDecision }
      }),
    ),
    data: page.rows.map(matrixRowJson),
    next: page.nextCursor ? `${url.pathname}?${next}` : null,
  })
}
