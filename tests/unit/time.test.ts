import { describe, expect, test } from 'vitest'
import { formatDateTime, isValidTimeZone, zoneName } from '~/lib/time'

describe('dates in the organisation time zone', () => {
  const at = '2026-11-23T03:29:00.000Z'
  test('Indonesian zones are named WIB, WITA and WIT', () => {
    expect(zoneName('Asia/Jakarta')).toBe('WIB')
    expect(zoneName('Asia/Makassar')).toBe('WITA')
    expect(zoneName('Asia/Jayapura')).toBe('WIT')
  })
  test('the same instant reads differently in each zone, saying which', () => {
    expect(formatDateTime(at, 'Asia/Jakarta', 'id')).toBe('23 November 2026 pukul 10.29 WIB')
    expect(formatDateTime(at, 'Asia/Makassar', 'id')).toBe('23 November 2026 pukul 11.29 WITA')
    expect(formatDateTime(at, 'Asia/Jayapura', 'en')).toBe('23 November 2026 at 12:29 WIT')
  })
  test('unknown zones are rejected', () => {
    expect(isValidTimeZone('Asia/Makassar')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
  })
})
