import { enAccounts, idAccounts } from './catalogues/accounts'
import { enAnswers, idAnswers } from './catalogues/answers'
import { enConsultationAdmin, idConsultationAdmin } from './catalogues/consultation-admin'
import { enConsultations, idConsultations } from './catalogues/consultations'
import { enCore, idCore } from './catalogues/core'
import { enDrafting, idDrafting } from './catalogues/drafting'
import { enEmployees, idEmployees } from './catalogues/employees'
import { enEvaluations, idEvaluations } from './catalogues/evaluations'
import { enJobs, idJobs } from './catalogues/jobs'
import { enMeta, idMeta } from './catalogues/meta'
import { enModeration, idModeration } from './catalogues/moderation'
import { enNotifications, idNotifications } from './catalogues/notifications'
import { enRedline, idRedline } from './catalogues/redline'
import { enRevisions, idRevisions } from './catalogues/revisions'
import { enThemes, idThemes } from './catalogues/themes'
import { enTimeline, idTimeline } from './catalogues/timeline'
import { enVerification, idVerification } from './catalogues/verification'
import { type Feature, type Locale, type MessageKey, type Messages, type Translate, LOCALES, translatorFrom } from './messages'

/**
 * Every catalogue, by feature (its file name in ./catalogues/). Server only: the browser gets
 * just the reader's language and the features its page declares (docs/decisions/020).
 * Add a new catalogue here with one line; `core` goes to every page.
 */
export const catalogues = {
  core: { id: idCore, en: enCore },
  accounts: { id: idAccounts, en: enAccounts },
  answers: { id: idAnswers, en: enAnswers },
  'consultation-admin': { id: idConsultationAdmin, en: enConsultationAdmin },
  consultations: { id: idConsultations, en: enConsultations },
  drafting: { id: idDrafting, en: enDrafting },
  employees: { id: idEmployees, en: enEmployees },
  evaluations: { id: idEvaluations, en: enEvaluations },
  jobs: { id: idJobs, en: enJobs },
  meta: { id: idMeta, en: enMeta },
  moderation: { id: idModeration, en: enModeration },
  notifications: { id: idNotifications, en: enNotifications },
  redline: { id: idRedline, en: enRedline },
  revisions: { id: idRevisions, en: enRevisions },
  themes: { id: idThemes, en: enThemes },
  timeline: { id: idTimeline, en: enTimeline },
  verification: { id: idVerification, en: enVerification },
} as const

export const FEATURES = Object.keys(catalogues) as Feature[]

function merged(locale: Locale): Messages {
  const all: Messages = {}
  for (const feature of FEATURES) Object.assign(all, catalogues[feature][locale])
  return all
}

const full: Record<Locale, Messages> = Object.fromEntries(LOCALES.map((l) => [l, merged(l)])) as Record<Locale, Messages>

/** Every message of a language, for server-side text: page titles, mail, PDFs, CSV headers. */
export function translator(locale: Locale): Translate {
  return translatorFrom(full[locale], full.id)
}

/** Whether a string is a message key of any catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(full.id, key)
}

/**
 * The messages a page needs in the browser: the core catalogue and the named features, in one
 * language. Unknown feature names are ignored; `null` means "not known" and sends every feature
 * (the development server and tests, which have no route table).
 */
export function messagesFor(locale: Locale, features: readonly string[] | null): Messages {
  if (features === null) return full[locale]
  const out: Messages = { ...catalogues.core[locale] }
  for (const feature of features) {
    if (Object.hasOwn(catalogues, feature)) Object.assign(out, catalogues[feature as Feature][locale])
  }
  return out
}
