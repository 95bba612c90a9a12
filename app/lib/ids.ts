/** The largest id or number an integer column holds on both databases (PostgreSQL `integer`). */
export const MAX_DB_INTEGER = 2_147_483_647

/** A positive whole number that fits an integer column, from a URL or form value; else null. */
export function dbInteger(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : NaN
  return Number.isInteger(n) && n > 0 && n <= MAX_DB_INTEGER ? n : null
}
