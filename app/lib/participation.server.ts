import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '~db/schema'
import { consultationState, getCurrentConsultation, getQuestions } from '~/domain/consultations.server'
import { getVerifiedRole } from '~/domain/employees.server'
import { inAudience, sectionInputCounts } from '~/domain/inputs.server'
import type { Actor } from '~/domain/permissions.server'
import type { Locale } from '~/i18n/messages'
import { clockNow, formatDateTime } from '~/lib/time'

/** What the input form needs to know about the consultation, the person and the draft. */
export async function loadParticipation(
  db: Kysely<Database>,
  policy: { id: number; current_version_id: number | null; organisation_id: number; organisation_name: string; time_zone: string },
  actor: Actor | null,
  locale: Locale,
  now = clockNow(),
) {
  if (!policy.current_version_id) return null
  const consultation = await getCurrentConsultation(db, policy.current_version_id, now)
  if (!consultation) return null
  const state = consultationState(consultation, now)
  const questions = await getQuestions(db, consultation.id)
  const verifiedRole = actor ? await getVerifiedRole(db, actor.id, policy.organisation_id) : null
  return {
    consultation,
    state,
    questions,
    verifiedRole,
    mayGiveInput: state === 'open' && inAudience(consultation, actor, policy.organisation_id),
    inAudience: inAudience(consultation, actor, policy.organisation_id),
    opensAtText: formatDateTime(consultation.opens_at, policy.time_zone, locale),
    closesAtText: formatDateTime(consultation.closes_at, policy.time_zone, locale),
    clientToken: crypto.randomUUID(),
  }
}

/** The consultation banner and per-section counts on a policy page for one version. */
export async function loadVersionParticipation(
  db: Kysely<Database>,
  versionId: number,
  timeZone: string,
  locale: Locale,
  now = clockNow(),
) {
  const consultation = await getCurrentConsultation(db, versionId, now)
  const counts = await sectionInputCounts(db, versionId)
  if (!consultation) return { consultation: null, counts }
  return {
    consultation: {
      title: consultation.title,
      description: consultation.description,
      state: consultationState(consultation, now),
      audience: consultation.audience,
      moderation: consultation.moderation,
      opensAtText: formatDateTime(consultation.opens_at, timeZone, locale),
      closesAtText: formatDateTime(consultation.closes_at, timeZone, locale),
    },
    counts,
  }
}
