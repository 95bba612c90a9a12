import type { Route } from './+types/job-status'
import { can } from '~/domain/permissions.server'
import { jobProgressData } from '~/jobs/job-progress'
import { getJobById } from '~/jobs/jobs.server'
import { apiError, json } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { dbInteger } from '~/lib/ids'
import { getActor } from '~/lib/session.server'

/**
 * A background job's progress as small JSON, polled by <JobProgress> while it runs. A job of an
 * organisation is visible to its team only (others get the same 404 as for no job).
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  const id = dbInteger(params.id)
  const job = id ? await getJobById(getDb(), id) : null
  const visible =
    job && (job.organisationId === null || can(await getActor(request), 'consultation.manage', { organisationId: job.organisationId }))
  if (!job || !visible) return apiError(404, 'No such job.')
  return json(jobProgressData(job), { headers: { 'Cache-Control': 'no-store' } })
}
