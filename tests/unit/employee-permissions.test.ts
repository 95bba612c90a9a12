import { expect, test } from 'vitest'
import { type Actor, can } from '~/domain/permissions.server'

const person = (memberships: Actor['memberships'] = [], isPlatformAdmin = false): Actor => ({
  id: 7,
  email: 'p@contoh.id',
  displayName: 'P',
  isPlatformAdmin,
  memberships,
})

test('anyone signed in has an account page and may ask to be verified; visitors may not', () => {
  for (const action of ['account.view', 'employee.claim'] as const) {
    expect(can(person(), action)).toBe(true)
    expect(can(null, action)).toBe(false)
  }
})

test('only the organisation admin or a platform admin verifies employees', () => {
  expect(can(person([{ organisationId: 1, role: 'admin' }]), 'employee.verify', { organisationId: 1 })).toBe(true)
  expect(can(person([{ organisationId: 1, role: 'admin' }]), 'employee.verify', { organisationId: 2 })).toBe(false)
  expect(can(person([{ organisationId: 1, role: 'employee' }]), 'employee.verify', { organisationId: 1 })).toBe(false)
  expect(can(person([], true), 'employee.verify', { organisationId: 2 })).toBe(true)
})
