import { getCurrentConsultation, listConsultations } from '~/domain/consultations.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

/**
 * The policy and consultation a public matrix or summary page is about: `?konsultasi=<id>` when it
 * is one of the policy's, else the latest one that has published input (a consultation just
 * opened has nothing to answer yet), else the current version's, else the latest one.
 */
export async function loadPolicyConsultation(request: Request, slug: string) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const consultations = await listConsultations(db, policy.id)
  const wanted = Number(new URL(request.url).searchParams.get('konsultasi'))
  const withInput = await db
    .selectFrom('inputs')
    .select('consultation_id')
    .distinct()
    .where('policy_id', '=', policy.id)
    .where('status', '=', 'published')
    .execute()
  const answered = new Set(withInput.map((r) => r.consultation_id))
  const consultation =
    consultations.find((c) => c.id === wanted) ??
    consultations.find((c) => answered.has(c.id)) ??
    (policy.current_version_id ? await getCurrentConsultation(db, policy.current_version_id) : null) ??
    consultations[0] ??
    null
  return { db, policy, consultations, consultation }
}
