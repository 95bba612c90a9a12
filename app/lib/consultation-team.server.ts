import { getConsultation } from '~/domain/consultations.server'
import { type Action, assertCan } from '~/domain/permissions.server'
import { getDb } from '~/lib/db.server'
import { dbInteger } from '~/lib/ids'
import { getActor } from '~/lib/session.server'

/** A consultation, its policy, and the signed-in member of the policy team allowed to `action` it. */
export async function requireConsultationTeam(request: Request, id: string | undefined, action: Action) {
  const db = getDb()
  const consultationId = dbInteger(id)
  const consultation = consultationId ? await getConsultation(db, consultationId) : null
  if (!consultation) throw new Response('Not found', { status: 404 })
  const policy = await db
    .selectFrom('policies')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select([
      'policies.id',
      'policies.slug',
      'policies.title',
      'policies.organisation_id',
      'organisations.name as organisation_name',
      'organisations.time_zone',
    ])
    .where('policies.id', '=', consultation.policy_id)
    .executeTakeFirstOrThrow()
  const actor = await getActor(request)
  assertCan(actor, action, { organisationId: policy.organisation_id }, new URL(request.url).pathname)
  return { db, consultation, policy, actor: actor! }
}
