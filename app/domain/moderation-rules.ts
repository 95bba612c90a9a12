import type { Channel, InputStatus } from '~db/schema'

/** Moderation's fixed lists and limits, shared by the domain, the forms and the pages. */

/** Why an input is hidden: shown publicly in place of its text ("Disembunyikan: di luar topik"). */
export const HIDDEN_REASONS = ['di_luar_topik', 'bahasa_kasar', 'spam', 'data_pribadi', 'lainnya'] as const
export type HiddenReason = (typeof HIDDEN_REASONS)[number]

/** Readers flag an input for the same reasons a moderator hides one. */
export const FLAG_REASONS = HIDDEN_REASONS
export type FlagReason = HiddenReason

/** Why an input waits for a moderator although the consultation publishes at once. */
export const HELD_REASONS = ['flags', 'abusive'] as const
export type HeldReason = (typeof HELD_REASONS)[number]

export const MODERATION_ACTIONS = ['publish', 'hide', 'unhide', 'markComplaint', 'unmarkComplaint'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

export const INPUT_STATUSES: InputStatus[] = ['pending', 'published', 'hidden']
export const CHANNELS: Channel[] = ['online', 'forum', 'letter', 'hearing']

export const QUEUE_PAGE_SIZE = 50
/** At most this many inputs in one bulk action (a few pages of the queue). */
export const BULK_LIMIT = 200
export const NOTE_MAX = 500
export const SEARCH_MAX = 200
export const FLAG_THRESHOLD = { min: 1, max: 100 }

export function isHiddenReason(value: unknown): value is HiddenReason {
  return typeof value === 'string' && (HIDDEN_REASONS as readonly string[]).includes(value)
}

export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(value)
}
