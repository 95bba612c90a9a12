import { describe, expect, test } from 'vitest'
import { formatDateTime, isValidTimeZone, utcToZonedLocal, zoneName, zonedLocalToUtc } from '~/lib/time'

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

describe('wall-clock times typed in the organisation zone', () => {
  test('are stored in UTC', () => {
    expect(zonedLocalToUtc('2026-11-30T17:00', 'Asia/Jakarta')).toBe('2026-11-30T10:00:00.000Z')
    expect(zonedLocalToUtc('2026-11-30T17:00', 'Asia/Makassar')).toBe('2026-11-30T09:00:00.000Z')
    expect(zonedLocalToUtc('2026-12-01T00:30', 'Asia/Jayapura')).toBe('2026-11-30T15:30:00.000Z')
  })
  test('round-trip back to the form value', () => {
    expect(utcToZonedLocal('2026-11-30T09:00:00.000Z', 'Asia/Makassar')).toBe('2026-11-30T17:00')
  })
  test('impossible times are refused', () => {
    expect(zonedLocalToUtc('2026-02-30T10:00', 'Asia/Jakarta')).toBeNull()
    expect(zonedLocalToUtc('2026-11-30T24:00', 'Asia/Jakarta')).toBeNull()
    expect(zonedLocalToUtc('besok', 'Asia/Jakarta')).toBeNull()
  })
})
