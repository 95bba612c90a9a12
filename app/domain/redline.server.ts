import type { Kysely, Transaction } from 'kysely'
import type { Database, Stage } from '~db/schema'
import { getPublishedVersion, getSections } from '~/domain/policies.server'
import { type Redline, computeRedline } from '~/domain/redline'
import { evaluationEntries } from '~/domain/evaluations/timeline.server'
import { nowIso } from '~/lib/clock'

type Db = Kysely<Database> | Transaction<Database>

export interface VersionMeta {
  id: number
  number: number
  title: string
  note: string
  published_at: string | null
}

export type VersionRedline =
  | { ok: true; from: VersionMeta; to: VersionMeta; redline: Redline }
  /** Which of the two asked-for versions is not a published version of the policy. */
  | { ok: false; missing: ('from' | 'to')[] }

/** The redline between two published versions of a policy, by version number (drafts never show). */
export async function getVersionRedline(db: Db, policyId: number, fromNumber: number, toNumber: number): Promise<VersionRedline> {
  const from = await getPublishedVersion(db, policyId, fromNumber)
  const to = await getPublishedVersion(db, policyId, toNumber)
  if (!from || !to) {
    const missing: ('from' | 'to')[] = []
    if (!from) missing.push('from')
    if (!to) missing.push('to')
    return { ok: false, missing }
  }
  const fromSections = await getSections(db, from.id)
  const toSections = await getSections(db, to.id)
  return { ok: true, from, to, redline: computeRedline(fromSections, toSections) }
}

/** The version a reader most likely wants to compare `number` with: the published one just before it. */
export function previousVersionNumber(numbers: number[], number: number): number | null {
  const earlier = numbers.filter((n) => n < number)
  return earlier.length ? Math.max(...earlier) : null
}

// ---------------------------------------------------------------------------------------------
// The public timeline. Each source of events is a producer returning typed entries; the timeline
// merges them in time order. Consultations, forums and evaluations join by adding a producer and
// an entry kind (the page's switch over `kind` then asks for its words).

export type TimelineLink =
  | { rel: 'version'; href: string; versionNumber: number }
  | { rel: 'inputs'; href: string; count: number }
  | { rel: 'redline'; href: string; fromNumber: number; toNumber: number }
  | { rel: 'evaluation'; href: string; periodSlug: string }
  | { rel: 'evaluationPdf'; href: string; periodSlug: string }

export interface TimelineDocument {
  title: string
  href: string
}

interface TimelineBase {
  /** Unique and stable across calls: "<source>-<id>". */
  id: string
  occurredAt: string
  note: string
  links: TimelineLink[]
  documents: TimelineDocument[]
}

export type TimelineEntry =
  | (TimelineBase & { kind: 'created'; stage: Stage | null })
  | (TimelineBase & { kind: 'stage_changed'; fromStage: Stage | null; toStage: Stage })
  | (TimelineBase & {
      kind: 'version_published'
      versionNumber: number
      versionTitle: string
      previousVersionNumber: number | null
    })
  | (TimelineBase & {
      kind: 'consultation_opened' | 'consultation_closed'
      consultationTitle: string
      versionNumber: number
      closesAt: string
      /** Inputs received (every status) and published so far. */
      counts: { received: number; published: number }
    })
  | (TimelineBase & {
      kind: 'evaluation_published'
      periodName: string
      respondents: number
      /** The IKM (25–100) and its grade, when the survey had answers. */
      ikm: number | null
      grade: 'A' | 'B' | 'C' | 'D' | null
    })

export interface TimelinePolicy {
  id: number
  slug: string
}

export type TimelineProducer = (db: Db, policy: TimelinePolicy) => Promise<TimelineEntry[]>

export const versionHref = (slug: string, number: number) => `/kebijakan/${slug}/versi/${number}`
export const redlineHref = (slug: string, from: number, to: number) => `/kebijakan/${slug}/perbandingan?dari=${from}&ke=${to}`

/** Creation, stage changes and published versions, from `policy_events`. */
export const policyEventEntries: TimelineProducer = async (db, policy) => {
  const rows = await db
    .selectFrom('policy_events')
    .leftJoin('policy_versions', 'policy_versions.id', 'policy_events.version_id')
    .select([
      'policy_events.id',
      'policy_events.kind',
      'policy_events.from_stage',
      'policy_events.to_stage',
      'policy_events.note',
      'policy_events.occurred_at',
      'policy_versions.number as version_number',
      'policy_versions.title as version_title',
      'policy_versions.status as version_status',
    ])
    .where('policy_events.policy_id', '=', policy.id)
    .orderBy('policy_events.occurred_at')
    .orderBy('policy_events.id')
    .execute()
  const published = rows
    .filter((r) => r.kind === 'version_published' && r.version_status === 'published' && r.version_number !== null)
    .map((r) => r.version_number!)
  const entries: TimelineEntry[] = []
  for (const row of rows) {
    const base = { id: `event-${row.id}`, occurredAt: row.occurred_at, note: row.note, links: [], documents: [] }
    if (row.kind === 'created') {
      entries.push({ ...base, kind: 'created', stage: row.to_stage })
    } else if (row.kind === 'stage_changed' && row.to_stage) {
      entries.push({ ...base, kind: 'stage_changed', fromStage: row.from_stage, toStage: row.to_stage })
    } else if (row.kind === 'version_published' && row.version_status === 'published' && row.version_number !== null) {
      const number = row.version_number
      const previous = previousVersionNumber(published, number)
      const links: TimelineLink[] = [{ rel: 'version', href: versionHref(policy.slug, number), versionNumber: number }]
      if (previous !== null) {
        links.push({ rel: 'redline', href: redlineHref(policy.slug, previous, number), fromNumber: previous, toNumber: number })
      }
      entries.push({
        ...base,
        kind: 'version_published',
        versionNumber: number,
        versionTitle: row.version_title ?? '',
        previousVersionNumber: previous,
        links,
      })
    }
  }
  return entries
}

/** Each consultation's opening and, once passed, its closing, with how much input it received. */
export const consultationEntries: TimelineProducer = async (db, policy) => {
  const now = nowIso()
  const rows = await db
    .selectFrom('consultations')
    .innerJoin('policy_versions', 'policy_versions.id', 'consultations.version_id')
    .select((eb) => [
      'consultations.id',
      'consultations.title',
      'consultations.opens_at',
      'consultations.closes_at',
      'policy_versions.number as version_number',
      eb.selectFrom('inputs').select(eb.fn.countAll<number>().as('n')).whereRef('inputs.consultation_id', '=', 'consultations.id').as('received'),
      eb
        .selectFrom('inputs')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('inputs.consultation_id', '=', 'consultations.id')
        .where('inputs.status', '=', 'published')
        .as('published'),
    ])
    .where('consultations.policy_id', '=', policy.id)
    .where('consultations.opens_at', '<=', now)
    .execute()
  const entries: TimelineEntry[] = []
  for (const row of rows) {
    const counts = { received: Number(row.received ?? 0), published: Number(row.published ?? 0) }
    const common = {
      consultationTitle: row.title,
      versionNumber: row.version_number,
      closesAt: row.closes_at,
      counts,
      note: '',
      documents: [],
      links: [{ rel: 'inputs' as const, href: `/kebijakan/${policy.slug}/matriks?konsultasi=${row.id}`, count: counts.published }],
    }
    entries.push({ ...common, id: `consultation-${row.id}-opened`, occurredAt: row.opens_at, kind: 'consultation_opened' })
    if (row.closes_at <= now) {
      entries.push({ ...common, id: `consultation-${row.id}-closed`, occurredAt: row.closes_at, kind: 'consultation_closed' })
    }
  }
  return entries
}

const producers: TimelineProducer[] = [policyEventEntries, consultationEntries, evaluationEntries]

/** Every public event of a policy, oldest first; same-time entries keep their producer's order. */
export async function getPolicyTimeline(db: Db, policyId: number): Promise<TimelineEntry[]> {
  const policy = await db.selectFrom('policies').select(['id', 'slug']).where('id', '=', policyId).executeTakeFirst()
  if (!policy) return []
  const lists: TimelineEntry[][] = []
  for (const produce of producers) lists.push(await produce(db, policy))
  // Array.prototype.sort is stable, so ties keep producer and in-producer order.
  return lists.flat().sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0))
}
