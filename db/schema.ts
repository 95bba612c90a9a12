import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

// Timestamps are ISO-8601 UTC strings ("2026-11-23T03:29:10.000Z") on both dialects:
// they sort as text and need no per-dialect conversion (docs/decisions/003-timestamps-as-text.md).
type Timestamp = string
// Booleans are 0/1 integers on both dialects.
type Flag = number

export interface UserTable {
  id: Generated<number>
  email: string
  display_name: string
  password_hash: string
  is_platform_admin: Generated<Flag>
  is_demo: Generated<Flag>
  locale: string | null
  created_at: Timestamp
}

export interface SessionTable {
  id: string
  user_id: number
  secret_hash: string
  created_at: Timestamp
  last_verified_at: Timestamp
}

export interface LoginThrottleTable {
  key: string
  failures: number
  first_failure_at: Timestamp
  locked_until: Timestamp | null
}

export type OrganisationKind = 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'kementerian'

export interface OrganisationTable {
  id: Generated<number>
  slug: string
  name: string
  kind: OrganisationKind
  time_zone: string
  created_at: Timestamp
}

export type Role = 'employee' | 'moderator' | 'admin'

export interface MembershipTable {
  id: Generated<number>
  organisation_id: number
  user_id: number
  role: Role
  created_at: Timestamp
}

export type Stage =
  | 'analisis_kebutuhan'
  | 'penyusunan'
  | 'konsultasi_publik'
  | 'pembahasan'
  | 'penetapan'
  | 'implementasi'
  | 'evaluasi'

export interface PolicyTable {
  id: Generated<number>
  organisation_id: number
  slug: string
  title: string
  summary: string
  topic: string
  stage: Stage
  current_version_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type VersionStatus = 'draft' | 'published'

export interface PolicyVersionTable {
  id: Generated<number>
  policy_id: number
  number: number
  status: VersionStatus
  title: string
  note: string
  created_by: number | null
  created_at: Timestamp
  published_at: Timestamp | null
}

export interface SectionTable {
  id: Generated<number>
  version_id: number
  // Stable across versions: a section keeps its key when its heading or place changes,
  // so versions compare section by section.
  key: string
  position: number
  heading: string
  body: string
}

export type PolicyEventKind = 'created' | 'stage_changed' | 'version_published'

export interface PolicyEventTable {
  id: Generated<number>
  policy_id: number
  kind: PolicyEventKind
  from_stage: Stage | null
  to_stage: Stage | null
  version_id: number | null
  actor_id: number | null
  note: string
  occurred_at: Timestamp
}

export interface AppSecretTable {
  name: string
  value: string
  created_at: Timestamp
}

export type EmployeeClaimStatus = 'pending' | 'approved' | 'rejected'

export interface EmployeeClaimTable {
  id: Generated<number>
  user_id: number
  organisation_id: number
  // HMAC-SHA256 of the 18 NIP digits (hex); the NIP itself is never stored.
  nip_hash: string
  unit: string
  position: string
  status: EmployeeClaimStatus
  decision_reason: Generated<string>
  decided_by: number | null
  decided_at: Timestamp | null
  created_at: Timestamp
}

export interface EmployeeNipHolderTable {
  nip_hash: string
  user_id: number
  created_at: Timestamp
}

export interface Database {
  users: UserTable
  sessions: SessionTable
  login_throttle: LoginThrottleTable
  organisations: OrganisationTable
  memberships: MembershipTable
  policies: PolicyTable
  policy_versions: PolicyVersionTable
  sections: SectionTable
  policy_events: PolicyEventTable
  app_secrets: AppSecretTable
  employee_claims: EmployeeClaimTable
  employee_nip_holders: EmployeeNipHolderTable
}

export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type Organisation = Selectable<OrganisationTable>
export type Policy = Selectable<PolicyTable>
export type PolicyUpdate = Updateable<PolicyTable>
export type PolicyVersion = Selectable<PolicyVersionTable>
export type Section = Selectable<SectionTable>
export type EmployeeClaim = Selectable<EmployeeClaimTable>
