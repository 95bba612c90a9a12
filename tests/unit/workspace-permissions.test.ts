import { describe, expect, test } from 'vitest'
import { type Actor, can, teamOrganisationIds } from '~/domain/permissions.server'

const actor = (memberships: Actor['memberships'], isPlatformAdmin = false): Actor => ({
  id: 1,
  email: 'a@b.id',
  displayName: 'A',
  isPlatformAdmin,
  memberships,
})

describe('the team workspace', () => {
  test('is open to moderators and admins of any organisation and to platform admins only', () => {
    expect(can(actor([{ organisationId: 1, role: 'moderator' }]), 'workspace.view')).toBe(true)
    expect(can(actor([{ organisationId: 2, role: 'admin' }]), 'workspace.view')).toBe(true)
    expect(can(actor([], true), 'workspace.view')).toBe(true)
    expect(can(actor([{ organisationId: 1, role: 'employee' }]), 'workspace.view')).toBe(false)
    expect(can(actor([]), 'workspace.view')).toBe(false)
    expect(can(null, 'workspace.view')).toBe(false)
  })

  test('shows the organisations where the person is on the team', () => {
    expect(
      teamOrganisationIds(
        actor([
          { organisationId: 1, role: 'moderator' },
          { organisationId: 1, role: 'admin' },
          { organisationId: 2, role: 'employee' },
          { organisationId: 3, role: 'admin' },
        ]),
      ),
    ).toEqual([1, 3])
    expect(teamOrganisationIds(actor([], true))).toBe('all')
  })

  test('publishing belongs to the policy team of the organisation', () => {
    expect(can(actor([{ organisationId: 1, role: 'moderator' }]), 'policy.publish', { organisationId: 1 })).toBe(true)
    expect(can(actor([{ organisationId: 1, role: 'moderator' }]), 'policy.publish', { organisationId: 2 })).toBe(false)
    expect(can(actor([{ organisationId: 1, role: 'employee' }]), 'policy.publish', { organisationId: 1 })).toBe(false)
  })
})
