import type { Locale } from '~/i18n/messages'

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB')

/** An IKM or converted score as the report prints it: two decimals ("73,38" in Indonesian). */
export function formatScore(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
}

/** An average perception score (1–4): three decimals, enough to rank the elements. */
export function formatNrr(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value)
}

/** A stored decimal ("87.5") in the reader's notation ("87,5"). */
export function formatDecimal(value: string, locale: Locale): string {
  const [whole, fraction] = value.split('.')
  const n = new Intl.NumberFormat(intlLocale(locale), { useGrouping: true }).format(BigInt(whole))
  const sep = locale === 'id' ? ',' : '.'
  return fraction ? `${n}${sep}${fraction}` : n
}
