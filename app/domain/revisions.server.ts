import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'
import { resolveFindings } from '~/domain/evaluations/findings.server'
import { normaliseTrackingNumber } from '~/domain/inputs.server'
import { getSections } from '~/domain/policies.server'
import { type Redline, anchorFor, computeRedline } from '~/domain/redline'
import { nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

// The loop the portal exists for: a later version's changes cite the themes and inputs behind
// them, and an input leads to the change in the clause it concerned.

export class CitationError extends Error {
  constructor(
    public code: 'not_draft' | 'unknown_input' | 'unknown_theme' | 'unknown_section' | 'unknown_finding',
    public detail = '',
  ) {
    super(code)
  }
}

/** The published version a draft is compared with: the latest published one before it. */
export async function getBaseVersion(db: Db, policyId: number, number: number) {
  return db
    .selectFrom('policy_versions')
    .select(['id', 'number'])
    .where('policy_id', '=', policyId)
    .where('status', '=', 'published')
    .where('number', '<', number)
    .orderBy('number', 'desc')
    .executeTakeFirst()
}

/** What changed in a draft against its base version, for the "reasons for changes" page. */
export async function getDraftChanges(db: Db, versionId: number): Promise<{ base: { id: number; number: number } | null; redline: Redline }> {
  const version = await db
    .selectFrom('policy_versions')
    .select(['id', 'policy_id', 'number'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
  const base = (await getBaseVersion(db, version.policy_id, version.number)) ?? null
  const from = base ? await getSections(db, base.id) : []
  const to = await getSections(db, version.id)
  return { base, redline: computeRedline(from, to) }
}

/** Themes of the policy's consultations, to cite. */
export async function listCitableThemes(db: Db, policyId: number) {
  return db
    .selectFrom('themes')
    .innerJoin('consultations', 'consultations.id', 'themes.consultation_id')
    .select(['themes.id', 'themes.title', 'consultations.title as consultation_title'])
    .where('consultations.policy_id', '=', policyId)
    .orderBy('themes.title')
    .execute()
}

/**
 * Replaces what a draft's change to one section cites: themes by id, inputs by tracking number
 * (as people type them), and findings of published evaluations by key (evaluations/findings.server.ts).
 * Only drafts take citations; a published version never changes.
 */
export async function citeChange(
  db: Kysely<Database>,
  input: { versionId: number; sectionKey: string; themeIds: number[]; trackingNumbers: string[]; findings?: string[] },
) {
  return db.transaction().execute(async (trx) => {
    const version = await trx
      .selectFrom('policy_versions')
      .select(['id', 'policy_id', 'status'])
      .where('id', '=', input.versionId)
      .executeTakeFirstOrThrow()
    if (version.status !== 'draft') throw new CitationError('not_draft')

    const themeIds = [...new Set(input.themeIds)]
    if (themeIds.length) {
      const found = await trx
        .selectFrom('themes')
        .innerJoin('consultations', 'consultations.id', 'themes.consultation_id')
        .select('themes.id')
        .where('themes.id', 'in', themeIds)
        .where('consultations.policy_id', '=', version.policy_id)
        .execute()
      if (found.length !== themeIds.length) throw new CitationError('unknown_theme')
    }
    const numbers: string[] = []
    for (const raw of input.trackingNumbers.map((n) => n.trim()).filter(Boolean)) {
      const number = normaliseTrackingNumber(raw)
      if (!number) throw new CitationError('unknown_input', raw)
      numbers.push(number)
    }
    const inputs = numbers.length
      ? await trx
          .selectFrom('inputs')
          .select(['id', 'tracking_number'])
          .where('tracking_number', 'in', [...new Set(numbers)])
          .where('policy_id', '=', version.policy_id)
          .where('status', '=', 'published')
          .execute()
      : []
    const missing = [...new Set(numbers)].filter((n) => !inputs.some((i) => i.tracking_number === n))
    if (missing.length) throw new CitationError('unknown_input', missing.join(', '))
    const findings = await resolveFindings(trx, version.policy_id, input.findings ?? [])
    if (!findings) throw new CitationError('unknown_finding')

    await trx
      .deleteFrom('change_citations')
      .where('version_id', '=', version.id)
      .where('section_key', '=', input.sectionKey)
      .execute()
    await trx
      .deleteFrom('change_finding_citations')
      .where('version_id', '=', version.id)
      .where('section_key', '=', input.sectionKey)
      .execute()
    const at = nowIso()
    const rows = [
      ...themeIds.map((id) => ({ version_id: version.id, section_key: input.sectionKey, theme_id: id, input_id: null, created_at: at })),
      ...inputs.map((i) => ({ version_id: version.id, section_key: input.sectionKey, theme_id: null, input_id: i.id, created_at: at })),
    ]
    if (rows.length) await trx.insertInto('change_citations').values(rows).execute()
    if (findings.length) {
      await trx
        .insertInto('change_finding_citations')
        .values(findings.map((f) => ({ version_id: version.id, section_key: input.sectionKey, created_at: at, ...f })))
        .execute()
    }
    return { themes: themeIds.length, inputs: inputs.length, findings: findings.length }
  })
}

export interface CitationRow {
  sectionKey: string
  kind: 'theme' | 'input' | 'element' | 'indicator' | 'follow_up'
  themeId: number | null
  themeTitle: string | null
  themeConsultationId: number | null
  trackingNumber: string | null
  inputLabel: string | null
  /** An evaluation finding: its period, and the element, indicator or follow-up cited. */
  finding: {
    /** The key the reasons form carries for it (evaluations/findings.server.ts). */
    key: string
    periodName: string
    periodSlug: string
    element: number | null
    indicatorId: number | null
    indicatorName: string | null
    followUpId: number | null
    followUpAction: string | null
  } | null
}

/**
 * Citations of the changes made in the given versions, by section key. A public page asks for
 * `publishedOnly`: a cited input moderated back to waiting, or hidden, since is left out there.
 */
export async function listChangeCitations(
  db: Db,
  versionIds: number[],
  options: { publishedOnly?: boolean } = {},
): Promise<Record<string, CitationRow[]>> {
  if (versionIds.length === 0) return {}
  let query = db
    .selectFrom('change_citations')
    .leftJoin('themes', 'themes.id', 'change_citations.theme_id')
    .leftJoin('inputs', 'inputs.id', 'change_citations.input_id')
    .select([
      'change_citations.section_key',
      'change_citations.theme_id',
      'themes.title as theme_title',
      'themes.consultation_id as theme_consultation_id',
      'inputs.tracking_number',
      'inputs.display_label',
    ])
    .where('change_citations.version_id', 'in', versionIds)
  if (options.publishedOnly) {
    query = query.where((eb) => eb.or([eb('change_citations.input_id', 'is', null), eb('inputs.status', '=', 'published')]))
  }
  const rows = await query.orderBy('change_citations.id').execute()
  const findingRows = await db
    .selectFrom('change_finding_citations')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'change_finding_citations.evaluation_period_id')
    .leftJoin('evaluation_indicators', 'evaluation_indicators.id', 'change_finding_citations.indicator_id')
    .leftJoin('evaluation_follow_ups', 'evaluation_follow_ups.id', 'change_finding_citations.follow_up_id')
    .select([
      'change_finding_citations.section_key',
      'change_finding_citations.evaluation_period_id',
      'change_finding_citations.skm_element',
      'change_finding_citations.indicator_id',
      'change_finding_citations.follow_up_id',
      'evaluation_periods.name as period_name',
      'evaluation_periods.slug as period_slug',
      'evaluation_indicators.name as indicator_name',
      'evaluation_follow_ups.action as follow_up_action',
    ])
    .where('change_finding_citations.version_id', 'in', versionIds)
    .orderBy('change_finding_citations.id')
    .execute()
  const out: Record<string, CitationRow[]> = {}
  for (const r of rows) {
    const kind: CitationRow['kind'] = r.theme_id !== null ? 'theme' : 'input'
    const row: CitationRow = {
      sectionKey: r.section_key,
      kind,
      themeId: r.theme_id,
      themeTitle: r.theme_title,
      themeConsultationId: r.theme_consultation_id,
      trackingNumber: r.tracking_number,
      inputLabel: r.display_label,
      finding: null,
    }
    const list = (out[r.section_key] ??= [])
    if (!list.some((x) => x.kind === row.kind && x.themeId === row.themeId && x.trackingNumber === row.trackingNumber)) list.push(row)
  }
  for (const r of findingRows) {
    const key =
      r.follow_up_id !== null
        ? `followup:${r.follow_up_id}`
        : r.indicator_id !== null
          ? `indicator:${r.evaluation_period_id}:${r.indicator_id}`
          : `element:${r.evaluation_period_id}:${r.skm_element}`
    const finding = {
      key,
      periodName: r.period_name,
      periodSlug: r.period_slug,
      element: r.skm_element,
      indicatorId: r.indicator_id,
      indicatorName: r.indicator_name,
      followUpId: r.follow_up_id,
      followUpAction: r.follow_up_action,
    }
    const kind: CitationRow['kind'] = finding.followUpId !== null ? 'follow_up' : finding.indicatorId !== null ? 'indicator' : 'element'
    const list = (out[r.section_key] ??= [])
    list.push({ sectionKey: r.section_key, kind, themeId: null, themeTitle: null, themeConsultationId: null, trackingNumber: null, inputLabel: null, finding })
  }
  return out
}

/** Published versions after `fromNumber` up to and including `toNumber`: the changes a redline spans. */
export async function versionIdsBetween(db: Db, policyId: number, fromNumber: number, toNumber: number) {
  const rows = await db
    .selectFrom('policy_versions')
    .select('id')
    .where('policy_id', '=', policyId)
    .where('status', '=', 'published')
    .where('number', '>', Math.min(fromNumber, toNumber))
    .where('number', '<=', Math.max(fromNumber, toNumber))
    .execute()
  return rows.map((r) => r.id)
}

export interface LaterChange {
  toNumber: number
  href: string
  status: 'changed' | 'removed'
  /** The change cites this input, or the theme it belongs to. */
  cited: boolean
}

/**
 * Where a later published version changed the clause an input concerned: the first such
 * version, with a link straight to the change in the redline, and whether the change cites it.
 */
export async function findLaterChange(
  db: Db,
  input: { id: number; policyId: number; policySlug: string; versionNumber: number; sectionKey: string; themeId: number | null },
): Promise<LaterChange | null> {
  const versions = await db
    .selectFrom('policy_versions')
    .select(['id', 'number'])
    .where('policy_id', '=', input.policyId)
    .where('status', '=', 'published')
    .where('number', '>=', input.versionNumber)
    .orderBy('number')
    .execute()
  const own = versions.find((v) => v.number === input.versionNumber)
  if (!own) return null
  const citing = await db
    .selectFrom('change_citations')
    .select(['version_id', 'section_key'])
    .where((eb) =>
      eb.or([eb('input_id', '=', input.id), ...(input.themeId !== null ? [eb('theme_id', '=', input.themeId)] : [])]),
    )
    .execute()
  const original = await db
    .selectFrom('sections')
    .select(['heading', 'body'])
    .where('version_id', '=', own.id)
    .where('key', '=', input.sectionKey)
    .executeTakeFirst()
  for (const later of versions.filter((v) => v.number > input.versionNumber)) {
    const cite = citing.find((c) => c.version_id === later.id)
    const section = input.sectionKey
      ? await db.selectFrom('sections').select(['heading', 'body']).where('version_id', '=', later.id).where('key', '=', input.sectionKey).executeTakeFirst()
      : undefined
    const status: 'changed' | 'removed' | null = !input.sectionKey
      ? cite
        ? 'changed'
        : null
      : !section
        ? 'removed'
        : section.body !== original?.body || section.heading !== original?.heading
          ? 'changed'
          : null
    if (status === null && !cite) continue
    const key = input.sectionKey || cite?.section_key || ''
    const previous = versions.filter((v) => v.number < later.number).at(-1)!
    return {
      toNumber: later.number,
      href: `/kebijakan/${input.policySlug}/perbandingan?dari=${previous.number}&ke=${later.number}${key ? `#${anchorFor(key)}` : ''}`,
      status: status ?? 'changed',
      cited: Boolean(cite),
    }
  }
  return null
}
