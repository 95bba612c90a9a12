import type { Migration } from 'kysely'
import * as foundation from './2026-11-23-001-foundation'
import * as consultations from './2026-11-23-002-consultations'
import * as employees from './2026-11-23-004-employees'
import * as notifications from './2026-11-23-005-notifications'
import * as moderation from './2026-11-23-007-moderation'
import * as revisions from './2026-11-23-011-revisions'
import * as drafting from './2026-11-23-003-drafting'
import * as moderationExtra from './2026-11-23-008-moderation-extra'
import * as jobs from './2026-12-01-301-jobs'
import * as accounts from './2026-12-01-311-accounts'
import * as evaluations from './2026-12-01-601-evaluations'

// Listed explicitly (not read from the folder) so the same list works in the server bundle,
// under tsx and under Vitest. Append new migrations; never edit or reorder old ones.
export const migrations: Record<string, Migration> = {
  '2026-11-23-001-foundation': foundation,
  '2026-11-23-002-consultations': consultations,
  '2026-11-23-004-employees': employees,
  '2026-11-23-005-notifications': notifications,
  '2026-11-23-007-moderation': moderation,
  '2026-11-23-011-revisions': revisions,
  '2026-11-23-003-drafting': drafting,
  '2026-11-23-008-moderation-extra': moderationExtra,
  '2026-12-01-301-jobs': jobs,
  '2026-12-01-311-accounts': accounts,
  '2026-12-01-601-evaluations': evaluations,
}
