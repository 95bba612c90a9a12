import { describe, expect, test } from 'vitest'
import { type Actor, can } from '~/domain/permissions.server'

const actor = (memberships: Actor['memberships'], isPlatformAdmin = false): Actor => ({
  id: 1,
  email: 'a@b.id',
  displayName: 'A',
  isPlatformAdmin,
  memberships,
})

describe('moderation permissions', () => {
  test('the organisation team moderates its own inputs, nobody else does', () => {
    expect(can(actor([{ organisationId: 1, role: 'moderator' }]), 'input.moderate', { organisationId: 1 })).toBe(true)
    expect(can(actor([{ organisationId: 1, role: 'admin' }]), 'input.moderate', { organisationId: 1 })).toBe(true)
    expect(can(actor([{ organisationId: 1, role: 'moderator' }]), 'input.moderate', { organisationId: 2 })).toBe(false)
    expect(can(actor([{ organisationId: 1, role: 'employee' }]), 'input.moderate', { organisationId: 1 })).toBe(false)
    expect(can(actor([]), 'input.moderate', { organisationId: 1 })).toBe(false)
    expect(can(null, 'input.moderate', { organisationId: 1 })).toBe(false)
    expect(can(actor([], true), 'input.moderate', { organisationId: 7 })).toBe(true)
  })
  test('the audit log is read by the organisation admins and platform admins', () => {
    expect(can(actor([{ organisationId: 1, role: 'admin' }]), 'audit.read', { organisationId: 1 })).toBe(true)
    expect(can(actor([{ organisationId: 1, role: 'admin' }]), 'audit.read', { organisationId: 2 })).toBe(false)
    expect(can(actor([{ organisationId: 1, role: 'moderator' }]), 'audit.read', { organisationId: 1 })).toBe(false)
    expect(can(actor([], true), 'audit.read', { organisationId: 9 })).toBe(true)
    expect(can(null, 'audit.read', { organisationId: 1 })).toBe(false)
  })
  test('anyone signed in may flag; visitors may not', () => {
    expect(can(actor([]), 'input.flag')).toBe(true)
    expect(can(null, 'input.flag')).toBe(false)
  })
})
