import type { Kysely } from 'kysely'
import type { Database, Role } from '~db/schema'

/**
 * The one place that answers "may this person do X here". Every loader and action asks it,
 * so a rule changes in one spot.
 */

export interface Actor {
  id: number
  email: string
  displayName: string
  isPlatformAdmin: boolean
  memberships: { organisationId: number; role: Role }[]
  /** False until the person follows the mailed link; only then may they submit or flag input. */
  emailVerified?: boolean
}

export type Action =
  | 'policy.read'
  | 'policy.create'
  | 'policy.edit'
  | 'policy.changeStage'
  | 'consultation.manage'
  | 'input.recordOffline'
  | 'policy.publish'
  | 'workspace.view'
  | 'organisation.manage'
  | 'employee.verify'
  | 'platform.manage'
  | 'account.signOut'
  | 'notifications.read'
  | 'policy.follow'
  | 'outbox.read'
  | 'outbox.send'
  | 'account.view'
  | 'employee.claim'
  | 'input.respond'
  | 'input.moderate'
  | 'input.flag'
  | 'audit.read'
  | 'theme.manage'
  | 'duplicate.manage'

export interface Scope {
  organisationId?: number
}

const TEAM: Role[] = ['moderator', 'admin']

function hasRole(actor: Actor, organisationId: number | undefined, roles: Role[]): boolean {
  if (organisationId === undefined) return false
  return actor.memberships.some((m) => m.organisationId === organisationId && roles.includes(m.role))
}

export function can(actor: Actor | null, action: Action, scope: Scope = {}): boolean {
  switch (action) {
    case 'policy.read':
      return true
    case 'account.signOut':
    case 'notifications.read':
    case 'policy.follow':
    case 'account.view':
    case 'employee.claim':
    case 'input.flag':
      return actor !== null
  }
  if (!actor) return false
  if (actor.isPlatformAdmin) return true
  switch (action) {
    case 'policy.create':
    case 'policy.edit':
    case 'policy.changeStage':
    case 'consultation.manage':
    case 'input.recordOffline':
    case 'policy.publish':
    case 'input.respond':
    case 'input.moderate':
    case 'theme.manage':
    case 'duplicate.manage':
      return hasRole(actor, scope.organisationId, TEAM)
    case 'workspace.view':
      return actor.memberships.some((m) => TEAM.includes(m.role))
    case 'organisation.manage':
    case 'employee.verify':
    case 'audit.read':
      return hasRole(actor, scope.organisationId, ['admin'])
    case 'platform.manage':
    case 'outbox.read':
    case 'outbox.send':
      return false
  }
}

/** The organisations whose policies this person's team workspace shows: every one for a platform admin. */
export function teamOrganisationIds(actor: Actor): number[] | 'all' {
  if (actor.isPlatformAdmin) return 'all'
  return [...new Set(actor.memberships.filter((m) => TEAM.includes(m.role)).map((m) => m.organisationId))]
}

/** Throws a 403 (or a redirect to sign in for an anonymous visitor) unless `can` allows it. */
export function assertCan(actor: Actor | null, action: Action, scope: Scope = {}, returnTo = '/'): void {
  if (can(actor, action, scope)) return
  if (!actor) {
    throw new Response(null, {
      status: 302,
      headers: { Location: `/masuk?redirectTo=${encodeURIComponent(returnTo)}` },
    })
  }
  throw new Response('Forbidden', { status: 403 })
}

export async function loadActor(db: Kysely<Database>, userId: number): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'is_platform_admin', 'email_verified_at'])
    .where('id', '=', userId)
    .executeTakeFirst()
  if (!user) return null
  const memberships = await db
    .selectFrom('memberships')
    .select(['organisation_id', 'role'])
    .where('user_id', '=', userId)
    .execute()
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    isPlatformAdmin: Boolean(user.is_platform_admin),
    emailVerified: user.email_verified_at !== null,
    memberships: memberships.map((m) => ({ organisationId: m.organisation_id, role: m.role })),
  }
}
