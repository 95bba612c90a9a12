import type { Audience, Channel, DisplayMode, GroupType, InputKind, ModerationMode, QuestionKind } from '~db/schema'

// Rules shared by the server and the browser's form validation. The server's domain module
// (inputs.server.ts) enforces them; the form mirrors them so people see errors before sending.

export const INPUT_KINDS: InputKind[] = ['add', 'change', 'delete', 'question', 'support', 'objection']
/** Kinds whose point is a wording: the proposed text is required. */
export const KINDS_NEEDING_TEXT: InputKind[] = ['add', 'change']
export const GROUP_TYPES: GroupType[] = ['ormas', 'professional', 'ngo', 'masyarakat_adat', 'disability', 'other']
export const OFFLINE_CHANNELS: Channel[] = ['forum', 'letter', 'hearing']
export const DISPLAY_MODES: DisplayMode[] = ['name', 'pseudonym', 'verified_role']
export const AUDIENCES: Audience[] = ['public', 'employees', 'both']
export const MODERATION_MODES: ModerationMode[] = ['pre', 'post']
export const QUESTION_KINDS: QuestionKind[] = ['scale', 'single', 'multiple', 'yesno', 'text']
export const CONSENT_PURPOSES = [
  { purpose: 'processing', required: true },
  { purpose: 'publication', required: true },
  { purpose: 'contact', required: false },
] as const
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number]['purpose']

export const LIMITS = {
  proposedText: 5000,
  reason: 5000,
  pseudonym: 60,
  groupName: 120,
  answerText: 1000,
  submitterName: 120,
  submitterContact: 200,
}

export const DEFAULT_TOPICS = [
  'rekrutmen',
  'kompetensi',
  'pelatihan',
  'kinerja',
  'promosi & mutasi',
  'disiplin & etika',
  'kesejahteraan',
  'budaya kerja',
  'layanan digital',
]
