import { describe, expect, test } from 'vitest'
import { isCrossOriginWrite } from '~/lib/csrf.server'

const base = { host: 'rembuk.example.id', origin: undefined, secFetchSite: undefined }

describe('isCrossOriginWrite', () => {
  test('reads are never refused', () => {
    expect(isCrossOriginWrite({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(false)
  })
  test('a POST from our own origin passes', () => {
    expect(isCrossOriginWrite({ ...base, method: 'POST', origin: 'https://rembuk.example.id' })).toBe(false)
  })
  test('a POST from another origin is refused', () => {
    expect(isCrossOriginWrite({ ...base, method: 'POST', origin: 'https://evil.example' })).toBe(true)
    expect(isCrossOriginWrite({ ...base, method: 'DELETE', origin: 'null' })).toBe(true)
  })
  test('without Origin, Sec-Fetch-Site decides', () => {
    expect(isCrossOriginWrite({ ...base, method: 'POST', secFetchSite: 'cross-site' })).toBe(true)
    expect(isCrossOriginWrite({ ...base, method: 'POST', secFetchSite: 'same-site' })).toBe(true)
    expect(isCrossOriginWrite({ ...base, method: 'POST', secFetchSite: 'same-origin' })).toBe(false)
  })
})
