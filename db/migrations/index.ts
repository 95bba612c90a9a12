import type { Migration } from 'kysely'
import * as foundation from './2026-11-23-001-foundation'
import * as drafting from './2026-11-23-003-drafting'

// Listed explicitly (not read from the folder) so the same list works in the server bundle,
// under tsx and under Vitest. Append new migrations; never edit or reorder old ones.
export const migrations: Record<string, Migration> = {
  '2026-11-23-001-foundation': foundation,
  '2026-11-23-003-drafting': drafting,
}
