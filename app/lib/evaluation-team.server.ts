import { EvaluationError, evaluationFieldErrors } from '~/domain/evaluations/errors'
import { getPeriodWithPolicy } from '~/domain/evaluations/periods.server'
import { assertCan } from '~/domain/permissions.server'
import { getDb } from '~/lib/db.server'
import { dbInteger } from '~/lib/ids'
import { getActor } from '~/lib/session.server'

/** An evaluation period, its policy, and the signed-in member of the policy's team. */
export async function requirePeriodTeam(request: Request, id: string | undefined) {
  const db = getDb()
  const periodId = dbInteger(id)
  const period = periodId ? await getPeriodWithPolicy(db, periodId) : null
  if (!period) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.edit', { organisationId: period.organisation_id }, new URL(request.url).pathname)
  return { db, period, actor: actor! }
}

/**
 * Runs a domain call and turns an EvaluationError into the form's field errors (next to the field
 * it concerns, or `fallbackField`); anything else is thrown on.
 */
export async function withEvaluationErrors<T>(
  run: () => Promise<T>,
  fallbackField = '',
): Promise<{ ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> }> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, fieldErrors: evaluationFieldErrors(error, fallbackField) }
    throw error
  }
}
