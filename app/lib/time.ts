import type { Locale } from '~/i18n/messages'

export function nowIso(): string {
  return new Date().toISOString()
}

const ZONE_NAMES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

/** Indonesian zones by their everyday names (WIB, WITA, WIT); others by Intl's short name. */
export function zoneName(timeZone: string, at = new Date()): string {
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
