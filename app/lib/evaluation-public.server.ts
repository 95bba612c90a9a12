import { getPeriodBySlug } from '~/domain/evaluations/periods.server'
import { assertCan, can } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

/** A policy's evaluation period by the addresses' slugs, for public pages; whether the reader is on the policy's team. */
export async function loadPublicPeriod(request: Request, slug: string, periodSlug: string) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, slug)
  const period = policy ? await getPeriodBySlug(db, policy.id, periodSlug) : undefined
  if (!policy || !period) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: policy.organisation_id })
  return { db, policy, period, actor, team: can(actor, 'policy.edit', { organisationId: policy.organisation_id }) }
}
