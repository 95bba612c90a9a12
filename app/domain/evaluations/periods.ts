import type { PeriodMonths } from '~/domain/evaluations/skm'

/**
 * Evaluation periods follow the calendar the way regional governments name them: "Semester I
 * 2026" (January–June), "Triwulan III 2026", "Caturwulan II 2026", "Tahun 2026". A period is a
 * span of whole days in the organisation's time zone; its name and address come from its start.
 */

export interface PeriodSpan {
  name: string
  slug: string
  /** First and last day, inclusive, as YYYY-MM-DD in the organisation's zone. */
  startsOn: string
  endsOn: string
}

const ROMAN = ['I', 'II', 'III', 'IV']
const WORD: Record<PeriodMonths, string> = { 3: 'Triwulan', 4: 'Caturwulan', 6: 'Semester', 12: 'Tahun' }

const pad = (n: number) => String(n).padStart(2, '0')

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The period of `months` that contains the calendar day `day` (YYYY-MM-DD). */
export function periodContaining(day: string, months: PeriodMonths): PeriodSpan {
  const [year, month] = day.split('-').map(Number)
  const index = Math.floor((month - 1) / months)
  return periodAt(year, index, months)
}

/** The period right after `span` (same length). */
export function periodAfter(span: Pick<PeriodSpan, 'endsOn'>, months: PeriodMonths): PeriodSpan {
  const [year, month] = span.endsOn.split('-').map(Number)
  const nextYear = month === 12 ? year + 1 : year
  const nextMonth = month === 12 ? 1 : month + 1
  return periodContaining(`${nextYear}-${pad(nextMonth)}-01`, months)
}

function periodAt(year: number, index: number, months: PeriodMonths): PeriodSpan {
  const firstMonth = index * months + 1
  const endMonth = firstMonth + months - 1
  const name = months === 12 ? `${WORD[12]} ${year}` : `${WORD[months]} ${ROMAN[index]} ${year}`
  return {
    name,
    slug: name.toLowerCase().replace(/\s+/g, '-'),
    startsOn: `${year}-${pad(firstMonth)}-01`,
    endsOn: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}`,
  }
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/** Today's calendar day in a time zone, from an instant. */
export function dayIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
  return parts
}
