import { describe, expect, test } from 'vitest'
import { type Actor, assertCan, can } from '~/domain/permissions.server'

const actor = (memberships: Actor['memberships'], isPlatformAdmin = false): Actor => ({
  id: 1,
  email: 'a@b.id',
  displayName: 'A',
  isPlatformAdmin,
  memberships,
})

describe('can', () => {
  test('anyone may read', () => {
    expect(can(null, 'policy.read')).toBe(true)
  })
  test('moderators and admins edit policies of their own organisation only', () => {
    const moderator = actor([{ organisationId: 1, role: 'moderator' }])
    expect(can(moderator, 'policy.edit', { organisationId: 1 })).toBe(true)
    expect(can(moderator, 'policy.edit', { organisationId: 2 })).toBe(false)
    expect(can(moderator, 'employee.verify', { organisationId: 1 })).toBe(false)
    const admin = actor([{ organisationId: 1, role: 'admin' }])
    expect(can(admin, 'employee.verify', { organisationId: 1 })).toBe(true)
  })
  test('employees and citizens cannot edit', () => {
    expect(can(actor([{ organisationId: 1, role: 'employee' }]), 'policy.edit', { organisationId: 1 })).toBe(false)
    expect(can(actor([]), 'policy.create', { organisationId: 1 })).toBe(false)
    expect(can(null, 'policy.create', { organisationId: 1 })).toBe(false)
  })
  test('only the organisation’s moderators and admins answer its inputs', () => {
    for (const role of ['moderator', 'admin'] as const) {
      expect(can(actor([{ organisationId: 1, role }]), 'input.respond', { organisationId: 1 })).toBe(true)
      expect(can(actor([{ organisationId: 1, role }]), 'input.respond', { organisationId: 2 })).toBe(false)
    }
    expect(can(actor([{ organisationId: 1, role: 'employee' }]), 'input.respond', { organisationId: 1 })).toBe(false)
    expect(can(null, 'input.respond', { organisationId: 1 })).toBe(false)
  })
  test('platform admins may do everything', () => {
    expect(can(actor([], true), 'platform.manage')).toBe(true)
    expect(can(actor([], true), 'policy.edit', { organisationId: 9 })).toBe(true)
    expect(can(actor([{ organisationId: 1, role: 'admin' }]), 'platform.manage')).toBe(false)
  })
  test('assertCan sends anonymous visitors to sign in and refuses others', () => {
    const anonymous = (() => {
      try {
        assertCan(null, 'policy.edit', { organisationId: 1 }, '/x')
      } catch (r) {
        return r as Response
      }
    })()
    expect(anonymous?.status).toBe(302)
    expect(anonymous?.headers.get('Location')).toBe('/masuk?redirectTo=%2Fx')
    expect(() => assertCan(actor([]), 'policy.edit', { organisationId: 1 })).toThrow()
  })
})
