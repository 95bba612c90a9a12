import { getConsultation } from '~/domain/consultations.server'
import { type Action, assertCan } from '~/domain/permissions.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

/**
 * The consultation a team page is about, with its policy, after checking the visitor may do
 * `action` in the policy's organisation: 404 for an unknown id, sign-in or 403 otherwise.
 */
export async function loadManagedConsultation(request: Request, id: string, action: Action) {
  const db = getDb()
  const consultationId = Number(id)
  const consultation = Number.isSafeInteger(consultationId) && consultationId > 0 ? await getConsultation(db, consultationId) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  const policy = await db
    .selectFrom('policies')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select(['policies.id', 'policies.slug', 'policies.title', 'policies.organisation_id', 'organisations.time_zone'])
    .where('policies.id', '=', consultation.policy_id)
    .executeTakeFirstOrThrow()
  const actor = await getActor(request)
  const url = new URL(request.url)
  assertCan(actor, action, { organisationId: policy.organisation_id }, url.pathname + url.search)
  return { db, consultation, policy, actor: actor! }
}
