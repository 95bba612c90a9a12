/**
 * The structure of a civil-servant number (NIP), checked before anything is stored:
 * 18 digits = birth date YYYYMMDD + start of service YYYYMM + sex digit (1 or 2) + sequence (001–999).
 * Pure and shared by the claim form (instant feedback) and the server (the rule that counts).
 */
import { clockNow } from '~/lib/clock'

export type NipError =
  | 'employees.nip.notDigits'
  | 'employees.nip.tooShort'
  | 'employees.nip.tooLong'
  | 'employees.nip.birthDate'
  | 'employees.nip.startMonth'
  | 'employees.nip.startTooEarly'
  | 'employees.nip.startInFuture'
  | 'employees.nip.sex'
  | 'employees.nip.sequence'

export type NipCheck =
  | {
      ok: true
      /** The 18 digits, spaces removed. */
      nip: string
      birthDate: { year: number; month: number; day: number }
      start: { year: number; month: number }
      sex: 1 | 2
      sequence: number
    }
  | { ok: false; error: NipError }

export const NIP_LENGTH = 18
/** Service may not start before this birthday (the brief's "about 17"). */
export const MIN_START_AGE = 17

/** People type NIPs in groups ("19850312 201001 1 002"); spaces of any kind are dropped. */
export function normaliseNip(input: string): string {
  return input.replace(/\s+/g, '')
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/**
 * Today's date as seen in the easternmost Indonesian zone (WIT, UTC+9), so a date that has
 * already begun anywhere in Indonesia is never called "in the future".
 */
function todayInIndonesia(now: Date) {
  const shifted = new Date(now.getTime() + 9 * 60 * 60_000)
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
}

const monthIndex = (year: number, month: number) => year * 12 + (month - 1)

export function validateNip(input: string, now: Date = clockNow()): NipCheck {
  const nip = normaliseNip(input)
  if (!/^\d*$/.test(nip)) return { ok: false, error: 'employees.nip.notDigits' }
  if (nip.length < NIP_LENGTH) return { ok: false, error: 'employees.nip.tooShort' }
  if (nip.length > NIP_LENGTH) return { ok: false, error: 'employees.nip.tooLong' }

  const num = (from: number, to: number) => Number(nip.slice(from, to))
  const birth = { year: num(0, 4), month: num(4, 6), day: num(6, 8) }
  const start = { year: num(8, 12), month: num(12, 14) }
  const sexDigit = num(14, 15)
  const sequence = num(15, 18)
  const today = todayInIndonesia(now)

  const birthIsPast =
    monthIndex(birth.year, birth.month) * 32 + birth.day <= monthIndex(today.year, today.month) * 32 + today.day
  if (birth.year < 1900 || !isCalendarDate(birth.year, birth.month, birth.day) || !birthIsPast) {
    return { ok: false, error: 'employees.nip.birthDate' }
  }
  if (start.month < 1 || start.month > 12 || start.year < 1900) return { ok: false, error: 'employees.nip.startMonth' }
  if (monthIndex(start.year, start.month) > monthIndex(today.year, today.month)) {
    return { ok: false, error: 'employees.nip.startInFuture' }
  }
  if (monthIndex(start.year, start.month) < monthIndex(birth.year + MIN_START_AGE, birth.month)) {
    return { ok: false, error: 'employees.nip.startTooEarly' }
  }
  if (sexDigit !== 1 && sexDigit !== 2) return { ok: false, error: 'employees.nip.sex' }
  if (sequence === 0) return { ok: false, error: 'employees.nip.sequence' }
  return { ok: true, nip, birthDate: birth, start, sex: sexDigit, sequence }
}
