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
  /** Null until the person follows the link mailed to them (docs/decisions/019-accounts-hardening.md). */
  email_verified_at: Timestamp | null
}

export interface SessionTable {
  id: string
  user_id: number
  secret_hash: string
  created_at: Timestamp
  last_verified_at: Timestamp
  user_agent: Generated<string>
}

export interface LoginThrottleTable {
  key: string
  failures: number
  first_failure_at: Timestamp
  locked_until: Timestamp | null
  last_attempt_at: Timestamp | null
}

export interface SignInAddressTable {
  user_id: number
  address_hash: string
  last_success_at: Timestamp
}

export interface EmailVerificationTable {
  token_hash: string
  user_id: number
  created_at: Timestamp
  expires_at: Timestamp
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

export type PolicyEventKind = 'created' | 'stage_changed' | 'version_published' | 'evaluation_published'

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

// ---- Consultations and inputs ----

export type Audience = 'public' | 'employees' | 'both'
export type ModerationMode = 'pre' | 'post'

export interface ConsultationTable {
  id: Generated<number>
  policy_id: number
  version_id: number
  title: string
  description: string
  opens_at: Timestamp
  closes_at: Timestamp
  audience: Audience
  moderation: ModerationMode
  /** JSON array of topic tags. */
  topics: string
  created_by: number | null
  created_at: Timestamp
  flag_threshold: Generated<number>
  opened_notified_at: Timestamp | null
  closed_notified_at: Timestamp | null
}

export type QuestionKind = 'scale' | 'single' | 'multiple' | 'yesno' | 'text'

export interface QuestionTable {
  id: Generated<number>
  consultation_id: number
  position: number
  kind: QuestionKind
  prompt: string
  /** JSON array of choices. */
  options: string
  required: Flag
}

export type InputKind = 'add' | 'change' | 'delete' | 'question' | 'support' | 'objection'
export type DisplayMode = 'name' | 'pseudonym' | 'verified_role' | 'as_given'
export type Channel = 'online' | 'forum' | 'letter' | 'hearing'
export type InputStatus = 'pending' | 'published' | 'hidden'
export type GroupType = 'ormas' | 'professional' | 'ngo' | 'masyarakat_adat' | 'disability' | 'other'

export interface InputTable {
  id: Generated<number>
  tracking_number: string
  consultation_id: number
  policy_id: number
  version_id: number
  /** '' for the whole draft. */
  section_key: string
  kind: InputKind
  proposed_text: string
  reason: string
  topic: string
  display_mode: DisplayMode
  display_label: string
  user_id: number | null
  channel: Channel
  submitter_name: string
  submitter_contact: string
  group_name: string
  group_type: GroupType | ''
  status: InputStatus
  client_token: string | null
  entered_by: number | null
  received_at: Timestamp
  created_at: Timestamp
  published_at: Timestamp | null
  hidden_reason: Generated<string>
  held_reason: Generated<string>
  is_complaint: Generated<Flag>
  duplicate_group_id: number | null
  ungrouped: Generated<Flag>
  theme_id: number | null
  /** When a moderator last published or restored it: only flags after this count towards a hold. */
  flags_reviewed_at: Generated<Timestamp | null>
}

export interface SectionInputCountTable {
  version_id: number
  section_key: string
  published: number
}

export interface InputAnswerTable {
  id: Generated<number>
  input_id: number
  question_id: number
  /** JSON value. */
  value: string
}

export interface InputConsentTable {
  id: Generated<number>
  input_id: number
  purpose: string
  statement: string
  given_at: Timestamp
}

export interface RateLimitTable {
  key: string
  window_start: Timestamp
  count: number
}

// ---- Moderation, themes, responses, audit; citations of changes ----

export type Decision = 'diterima' | 'diterima_sebagian' | 'ditolak' | 'sudah_diakomodasi' | 'dicatat'

export interface DuplicateGroupTable {
  id: Generated<number>
  consultation_id: number
  representative_input_id: number
  created_at: Timestamp
}

export interface ThemeTable {
  id: Generated<number>
  consultation_id: number
  title: string
  summary: string
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface InputSignatureTable {
  input_id: number
  consultation_id: number
  exact_hash: string
  /** JSON array of numbers. */
  minhash: string
}

export interface InputSignatureBandTable {
  consultation_id: number
  band: number
  bucket: string
  input_id: number
}

export interface InputFlagTable {
  id: Generated<number>
  input_id: number
  user_id: number
  reason: string
  created_at: Timestamp
}

export interface ThemeCitationTable {
  theme_id: number
  input_id: number
}

export interface ResponseTable {
  id: Generated<number>
  input_id: number | null
  theme_id: number | null
  decision: Decision
  reason: string
  responder_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AuditLogTable {
  id: Generated<number>
  organisation_id: number | null
  actor_id: number | null
  action: string
  target_type: string
  target_id: number | null
  reason: string
  /** JSON object. */
  details: string
  created_at: Timestamp
}

export interface ChangeCitationTable {
  id: Generated<number>
  version_id: number
  section_key: string
  theme_id: number | null
  input_id: number | null
  created_at: Timestamp
}

/** A change citing an evaluation finding: one of an element or an indicator of a period, or a follow-up. */
export interface ChangeFindingCitationTable {
  id: Generated<number>
  version_id: number
  section_key: string
  evaluation_period_id: number
  skm_element: number | null
  indicator_id: number | null
  follow_up_id: number | null
  created_at: Timestamp
}

// What a notification is about; features add their own kinds here.
export type NotificationKind =
  | 'version_published'
  | 'consultation_opened'
  | 'consultation_closed'
  | 'input_answered'

export interface NotificationTable {
  id: Generated<number>
  user_id: number
  kind: NotificationKind
  // Written in the recipient's language when the notification is made.
  title: string
  body: string
  /** A path inside the portal, e.g. "/kebijakan/slug". */
  link: string
  policy_id: number | null
  created_at: Timestamp
  read_at: Timestamp | null
}

export interface OutboxTable {
  id: Generated<number>
  user_id: number | null
  to_address: string
  subject: string
  /** Plain text. */
  body: string
  created_at: Timestamp
  sent_at: Timestamp | null
  attempts: Generated<number>
  last_error: string | null
}

export interface PolicyFollowerTable {
  id: Generated<number>
  policy_id: number
  user_id: number
  created_at: Timestamp
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

// ---- Evaluation: periods, the satisfaction survey (SKM), indicators, reports ----

export interface EvaluationPlanTable {
  policy_id: number
  period_months: number
  updated_by: number | null
  updated_at: Timestamp
}

export type ReportStatus = 'draft' | 'published'
export type SurveyAudience = 'public' | 'employees'

export interface EvaluationPeriodTable {
  id: Generated<number>
  policy_id: number
  name: string
  slug: string
  /** Calendar days (YYYY-MM-DD) in the organisation's zone, inclusive. */
  starts_on: string
  ends_on: string
  service_name: Generated<string>
  /** Service users in the period, for the minimum sample; null when not stated. */
  population: number | null
  audience: Generated<SurveyAudience>
  survey_opens_at: Timestamp
  survey_closes_at: Timestamp
  require_receipt_code: Generated<Flag>
  /** Responses received, kept with each response. */
  respondents: Generated<number>
  analysis: Generated<string>
  report_status: Generated<ReportStatus>
  report_published_at: Timestamp | null
  report_event_id: number | null
  revision_version_id: number | null
  created_by: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type IndicatorDirection = 'higher' | 'lower'

export interface EvaluationIndicatorTable {
  id: Generated<number>
  policy_id: number
  name: string
  unit: string
  /** Decimal numbers as canonical text ("87.5"). */
  baseline: string
  target: string
  direction: IndicatorDirection
  data_source: Generated<string>
  responsible_unit: Generated<string>
  created_by: number | null
  created_at: Timestamp
  retired_at: Timestamp | null
}

export interface EvaluationIndicatorValueTable {
  id: Generated<number>
  period_id: number
  indicator_id: number
  value: string
  /** The indicator's target and baseline when the value was recorded. */
  target: string
  baseline: string
  evidence_note: Generated<string>
  evidence_url: Generated<string>
  recorded_by: number | null
  recorded_at: Timestamp
}

export interface SurveyQuestionTable {
  id: Generated<number>
  period_id: number
  position: number
  kind: QuestionKind
  prompt: string
  /** JSON array of choices. */
  options: Generated<string>
  required: Generated<Flag>
}

export type SurveyChannel = 'online' | 'paper'

export interface SurveyResponseTable {
  id: Generated<number>
  period_id: number
  channel: SurveyChannel
  user_id: number | null
  entered_by: number | null
  import_id: number | null
  receipt_code_id: number | null
  /** Scores 1–4 per element; null where the respondent left it blank. */
  u1: number | null
  u2: number | null
  u3: number | null
  u4: number | null
  u5: number | null
  u6: number | null
  u7: number | null
  u8: number | null
  u9: number | null
  age: Generated<string>
  sex: Generated<string>
  education: Generated<string>
  occupation: Generated<string>
  comment: Generated<string>
  comment_input_id: number | null
  client_token: string | null
  created_at: Timestamp
}

export interface SurveyAnswerTable {
  response_id: number
  question_id: number
  /** JSON value. */
  value: string
}

export interface SurveyTallyTable {
  period_id: number
  item: string
  value: string
  count: number
}

export interface SurveyReceiptCodeTable {
  id: Generated<number>
  period_id: number
  code: string
  created_at: Timestamp
  used_at: Timestamp | null
}

export type FollowUpStatus = 'planned' | 'in_progress' | 'done'

export interface EvaluationFollowUpTable {
  id: Generated<number>
  period_id: number
  finding: string
  action: string
  owner: string
  /** YYYY-MM-DD */
  due_on: string
  element: number | null
  indicator_id: number | null
  status: Generated<FollowUpStatus>
  created_at: Timestamp
  updated_at: Timestamp
}

export type SurveyImportStatus = 'validating' | 'failed' | 'importing' | 'done'

export interface SurveyImportTable {
  id: Generated<number>
  period_id: number
  status: SurveyImportStatus
  file_name: string
  source: string
  total_rows: Generated<number>
  processed_rows: Generated<number>
  imported: Generated<number>
  /** JSON array of { row, field, message }. */
  errors: Generated<string>
  created_by: number | null
  created_at: Timestamp
  finished_at: Timestamp | null
}

// ---- Background jobs (docs/decisions/024-background-jobs.md) ----

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

export interface JobTable {
  id: Generated<number>
  name: string
  key: string
  status: JobStatus
  /** JSON. */
  payload: Generated<string>
  /** The team that may follow it; null: anyone. */
  organisation_id: number | null
  attempts: Generated<number>
  max_attempts: Generated<number>
  rerun: Generated<Flag>
  run_after: Timestamp
  queued_at: Timestamp
  started_at: Timestamp | null
  finished_at: Timestamp | null
  heartbeat_at: Timestamp | null
  owner: string | null
  progress_done: Generated<number>
  progress_total: number | null
  progress_note: Generated<string>
  /** JSON: where a killed run resumes. */
  checkpoint: string | null
  /** JSON: the latest successful run's result. */
  result: string | null
  result_at: Timestamp | null
  error: Generated<string>
  updated_at: Timestamp
}

export interface Database {
  users: UserTable
  sessions: SessionTable
  login_throttle: LoginThrottleTable
  sign_in_addresses: SignInAddressTable
  email_verifications: EmailVerificationTable
  organisations: OrganisationTable
  memberships: MembershipTable
  policies: PolicyTable
  policy_versions: PolicyVersionTable
  sections: SectionTable
  policy_events: PolicyEventTable
  consultations: ConsultationTable
  questions: QuestionTable
  inputs: InputTable
  section_input_counts: SectionInputCountTable
  input_answers: InputAnswerTable
  input_consents: InputConsentTable
  rate_limits: RateLimitTable
  duplicate_groups: DuplicateGroupTable
  themes: ThemeTable
  input_signatures: InputSignatureTable
  input_signature_bands: InputSignatureBandTable
  input_flags: InputFlagTable
  theme_citations: ThemeCitationTable
  responses: ResponseTable
  audit_log: AuditLogTable
  change_citations: ChangeCitationTable
  notifications: NotificationTable
  outbox: OutboxTable
  policy_followers: PolicyFollowerTable
  app_secrets: AppSecretTable
  employee_claims: EmployeeClaimTable
  employee_nip_holders: EmployeeNipHolderTable
  evaluation_plans: EvaluationPlanTable
  evaluation_periods: EvaluationPeriodTable
  evaluation_indicators: EvaluationIndicatorTable
  evaluation_indicator_values: EvaluationIndicatorValueTable
  survey_questions: SurveyQuestionTable
  survey_responses: SurveyResponseTable
  survey_answers: SurveyAnswerTable
  survey_tallies: SurveyTallyTable
  survey_receipt_codes: SurveyReceiptCodeTable
  evaluation_follow_ups: EvaluationFollowUpTable
  survey_imports: SurveyImportTable
  change_finding_citations: ChangeFindingCitationTable
  jobs: JobTable
}

export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type Organisation = Selectable<OrganisationTable>
export type Policy = Selectable<PolicyTable>
export type PolicyUpdate = Updateable<PolicyTable>
export type PolicyVersion = Selectable<PolicyVersionTable>
export type Section = Selectable<SectionTable>
export type EmployeeClaim = Selectable<EmployeeClaimTable>
