import { type Action, type Actor, assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getDb } from '~/lib/db.server'
import { dbInteger } from '~/lib/ids'
import { getActor } from '~/lib/session.server'

export { editorPath, managePath } from '~/lib/workspace-paths'

/**
 * The policy team's pages: only people on a team get past the first check (others see 403
 * before learning whether a policy exists); then the person must be on this policy's team.
 */
export async function requireWorkspace(request: Request): Promise<Actor> {
  const actor = await getActor(request)
  assertCan(actor, 'workspace.view', {}, returnPath(request))
  return actor!
}

export async function requirePolicyTeam(request: Request, slug: string | undefined, action: Action = 'policy.edit') {
  const actor = await requireWorkspace(request)
  const policy = slug ? await getPolicyBySlug(getDb(), slug) : undefined
  if (!policy) throw new Response('Not found', { status: 404 })
  assertCan(actor, action, { organisationId: policy.organisation_id }, returnPath(request))
  return { actor, policy }
}

export function versionNumber(param: string | undefined): number {
  const number = dbInteger(param)
  if (number === null || String(number) !== param) throw new Response('Not found', { status: 404 })
  return number
}

function returnPath(request: Request): string {
  const url = new URL(request.url)
  return url.pathname + url.search
}

/** A page address with a short "what just happened" code the page turns into a notice. */
export function withNotice(path: string, notice: string, extra: Record<string, string | number> = {}, hash = ''): string {
  const params = new URLSearchParams({ selesai: notice })
  for (const [name, value] of Object.entries(extra)) params.set(name, String(value))
  return `${path}?${params}${hash ? `#${hash}` : ''}`
}
