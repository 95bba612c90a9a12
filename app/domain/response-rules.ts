import type { Decision } from '~db/schema'

/** The five decisions a response can carry, and the limit on its reason (shared by server and forms). */
export const DECISIONS = ['diterima', 'diterima_sebagian', 'ditolak', 'sudah_diakomodasi', 'dicatat'] as const satisfies readonly Decision[]
export const RESPONSE_REASON_MAX = 5000

export function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value)
}
