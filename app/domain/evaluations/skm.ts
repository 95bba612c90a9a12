// The public-service satisfaction survey (Survei Kepuasan Masyarakat, SKM) in the form of
// PermenPANRB 14/2017: nine elements (unsur), each answered 1–4 with the regulation's own answer
// labels, an optional respondent profile and an optional open comment. Shared by the browser's
// forms and the server, so no server code here.

/** The nine elements in the regulation's order (U1–U9). Their words are `evaluations.element.<n>*`. */
export const SKM_ELEMENTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const
export type SkmElement = (typeof SKM_ELEMENTS)[number]
export const SKM_SCORES = [1, 2, 3, 4] as const
export type SkmScore = (typeof SKM_SCORES)[number]

/** Each element's column in a CSV of paper questionnaires and in the open data. */
export const elementCode = (element: number) => `U${element}`

export function isSkmElement(value: unknown): value is SkmElement {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 9
}

// The respondent profile the regulation's sample questionnaire asks for, as bands (never an exact
// age or a name): coarse enough to publish in the anonymised open data.
export const PROFILE = {
  age: ['lt20', '20_29', '30_39', '40_49', '50_59', '60plus'],
  sex: ['l', 'p'],
  education: ['sd', 'smp', 'sma', 'd1d3', 'd4s1', 's2s3'],
  occupation: ['asn', 'tni_polri', 'swasta', 'wirausaha', 'pelajar', 'lainnya'],
} as const
export type ProfileField = keyof typeof PROFILE
export const PROFILE_FIELDS = Object.keys(PROFILE) as ProfileField[]

export function isProfileValue(field: ProfileField, value: string): boolean {
  return (PROFILE[field] as readonly string[]).includes(value)
}

/** What a survey comment says, as the input kind it becomes in an open consultation. */
export const COMMENT_KINDS = ['question', 'support', 'objection'] as const
export type CommentKind = (typeof COMMENT_KINDS)[number]

export const SURVEY_LIMITS = {
  comment: 2000,
  receiptCode: 40,
  serviceName: 200,
  questionPrompt: 300,
  /** Policy-specific questions per period. */
  questions: 20,
  /** Receipt codes made at once. */
  codesPerBatch: 500,
  /** Online responses from one address per hour (a service counter's tablet stays well within it). */
  perAddressPerHour: 20,
}

/** Periods an evaluation plan may use: a quarter, four months, a semester (the default), a year. */
export const PERIOD_MONTHS = [3, 4, 6, 12] as const
export type PeriodMonths = (typeof PERIOD_MONTHS)[number]
export const DEFAULT_PERIOD_MONTHS: PeriodMonths = 6

export const SURVEY_AUDIENCES = ['public', 'employees'] as const
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number]

/** How far a follow-up of a report has come. */
export const FOLLOW_UP_STATUSES = ['planned', 'in_progress', 'done'] as const

/** A CSV of paper questionnaires: its size and rows are bounded. */
export const IMPORT_LIMITS = { bytes: 2_000_000, rows: 10_000, storedErrors: 200 }
