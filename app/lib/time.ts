import { clockNow } from '~/lib/clock'
import type { Locale } from '~/i18n/messages'

export { clockNow, nowIso } from '~/lib/clock'

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

/** Indonesian zones by their everyday names (WIB, WITA, WIT); others by Intl's short name. */
export function zoneName(timeZone: string, at = clockNow()): string {
  const known = ZONE_NAMES[timeZone]
  if (known) return known
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? timeZone
}

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB')

/** "23 November 2026 pukul 10.29 WIB" — always in the organisation's zone, saying which. */
export function formatDateTime(iso: string, timeZone: string, locale: Locale): string {
  const date = new Date(iso)
  const text = new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date)
  return `${text} ${zoneName(timeZone, date)}`
}

export function formatDate(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone, dateStyle: 'long' }).format(new Date(iso))
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n)
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(utcMs / 1000) * 1000
}

/**
 * A wall-clock time typed by a person in the organisation's zone ("2026-11-30T17:00", as a
 * datetime-local field sends it) as a UTC ISO string; null when it is not a real time.
 */
export function zonedLocalToUtc(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim())
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0))
  const wall = Date.UTC(y, mo - 1, d, h, mi, s)
  const check = new Date(wall)
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null
  let utc = wall - zoneOffsetMs(wall, timeZone)
  // A second pass settles times near an offset change.
  utc = wall - zoneOffsetMs(utc, timeZone)
  return new Date(utc).toISOString()
}

/** The value for a datetime-local field showing this instant in the organisation's zone. */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso)
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16)
}
