import { type Kysely, type Transaction, sql } from 'kysely'
import type { Database, InputKind, InputStatus } from '~db/schema'
import { auditGrouping } from '~/domain/grouping-audit.server'
import { type SuggestionDoc, type ThemeSuggestion, SUGGESTION_DEFAULTS, suggestFromDocs } from '~/domain/theme-suggestions'
import { THEME_SUMMARY_MAX, THEME_TITLE_MAX } from '~/lib/theme-limits'
import { nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

export type { ThemeSuggestion } from '~/domain/theme-suggestions'

/*
 * Themes: a moderator's grouping of a consultation's inputs, with a summary that cites the
 * inputs it summarises. An input is in one theme at most (inputs.theme_id).
 *
 * A duplicate group is placed as one: choosing any of its inputs moves the whole group, and an
 * input that joins a group later takes the group's theme (duplicates.server.ts). So every input
 * of a group shares its representative's theme, as the response matrix expects (a group is one
 * row there, answered once). To place one input of a group elsewhere, take it out of the group
 * first.
 */

export const THEME_LIMITS = { title: THEME_TITLE_MAX, summary: THEME_SUMMARY_MAX }

export type ThemeErrorCode =
  | 'not_found'
  | 'title_required'
  | 'title_too_long'
  | 'summary_too_long'
  | 'citation_required'
  | 'summary_required'
  | 'citation_outside'
  | 'inputs_outside'
  | 'nothing_to_assign'
  | 'has_response'

export class ThemeError extends Error {
  constructor(
    public code: ThemeErrorCode,
    public field?: 'title' | 'summary' | 'citedInputIds' | 'inputIds',
  ) {
    super(code)
  }
}

async function getThemeRow(db: Db, themeId: number) {
  return db
    .selectFrom('themes')
    .select(['id', 'consultation_id', 'title', 'summary', 'created_at', 'updated_at'])
    .where('id', '=', themeId)
    .executeTakeFirst()
}

function cleanTitle(title: string) {
  const t = title.trim().replace(/\s+/g, ' ')
  if (!t) throw new ThemeError('title_required', 'title')
  if (t.length > THEME_LIMITS.title) throw new ThemeError('title_too_long', 'title')
  return t
}

export async function createTheme(
  db: Kysely<Database>,
  args: { consultationId: number; title: string; actorId: number | null },
): Promise<{ id: number }> {
  const title = cleanTitle(args.title)
  return db.transaction().execute(async (trx) => {
    const at = nowIso()
    const row = await trx
      .insertInto('themes')
      .values({ consultation_id: args.consultationId, title, summary: '', created_by: args.actorId, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await auditGrouping(trx, {
      consultationId: args.consultationId,
      actorId: args.actorId,
      action: 'theme.create',
      targetType: 'theme',
      targetId: row.id,
      details: { title },
    })
    return { id: row.id }
  })
}

/**
 * Renames a theme and sets its summary. A summary must cite at least one input of the
 * consultation (one not hidden by moderation); an empty summary cites none.
 */
export async function updateTheme(
  db: Kysely<Database>,
  args: { themeId: number; title: string; summary: string; citedInputIds: number[]; actorId: number | null },
) {
  const theme = await getThemeRow(db, args.themeId)
  if (!theme) throw new ThemeError('not_found')
  const title = cleanTitle(args.title)
  const summary = args.summary.trim()
  const cited = [...new Set(args.citedInputIds)]
  if (summary.length > THEME_LIMITS.summary) throw new ThemeError('summary_too_long', 'summary')
  if (summary && cited.length === 0) throw new ThemeError('citation_required', 'citedInputIds')
  if (!summary && cited.length > 0) throw new ThemeError('summary_required', 'summary')
  if (cited.length) {
    const found = await db
      .selectFrom('inputs')
      .select('id')
      .where('id', 'in', cited)
      .where('consultation_id', '=', theme.consultation_id)
      .where('status', '!=', 'hidden')
      .execute()
    if (found.length !== cited.length) throw new ThemeError('citation_outside', 'citedInputIds')
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('themes').set({ title, summary, updated_at: nowIso() }).where('id', '=', theme.id).execute()
    await trx.deleteFrom('theme_citations').where('theme_id', '=', theme.id).execute()
    if (cited.length) {
      await trx
        .insertInto('theme_citations')
        .values(cited.map((inputId) => ({ theme_id: theme.id, input_id: inputId })))
        .execute()
    }
    await auditGrouping(trx, {
      consultationId: theme.consultation_id,
      actorId: args.actorId,
      action: 'theme.update',
      targetType: 'theme',
      targetId: theme.id,
      details: { title, citedInputIds: cited.sort((a, b) => a - b), summaryChanged: summary !== theme.summary },
    })
  })
}

/**
 * Puts inputs in a theme (or, with themeId null, takes them out of theirs), many at once.
 * Any input of a duplicate group brings its whole group along.
 */
export async function assignInputsToTheme(
  db: Kysely<Database>,
  args: { consultationId: number; themeId: number | null; inputIds: number[]; actorId: number | null },
): Promise<{ moved: number }> {
  const ids = [...new Set(args.inputIds)].filter((id) => Number.isInteger(id) && id > 0)
  if (ids.length === 0) throw new ThemeError('nothing_to_assign', 'inputIds')
  if (args.themeId !== null) {
    const theme = await getThemeRow(db, args.themeId)
    if (!theme || theme.consultation_id !== args.consultationId) throw new ThemeError('not_found')
  }
  return db.transaction().execute(async (trx) => {
    const moved = await placeInputs(trx, args.consultationId, args.themeId, ids)
    await auditGrouping(trx, {
      consultationId: args.consultationId,
      actorId: args.actorId,
      action: args.themeId === null ? 'theme.unassign' : 'theme.assign',
      targetType: args.themeId === null ? 'consultation' : 'theme',
      targetId: args.themeId ?? args.consultationId,
      details: { inputIds: moved },
    })
    return { moved: moved.length }
  })
}

/** Sets the theme of these inputs and of every input in their duplicate groups; returns what moved. */
async function placeInputs(trx: Transaction<Database>, consultationId: number, themeId: number | null, ids: number[]) {
  const moved = new Set<number>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const rows = await trx
      .selectFrom('inputs')
      .select(['id', 'duplicate_group_id'])
      .where('id', 'in', chunk)
      .where('consultation_id', '=', consultationId)
      .execute()
    if (rows.length !== chunk.length) throw new ThemeError('inputs_outside', 'inputIds')
    for (const r of rows) moved.add(r.id)
    const groups = [...new Set(rows.filter((r) => r.duplicate_group_id !== null).map((r) => r.duplicate_group_id!))]
    if (groups.length) {
      const members = await trx.selectFrom('inputs').select('id').where('duplicate_group_id', 'in', groups).execute()
      for (const m of members) moved.add(m.id)
    }
  }
  const all = [...moved].sort((a, b) => a - b)
  for (let i = 0; i < all.length; i += 500) {
    await trx.updateTable('inputs').set({ theme_id: themeId }).where('id', 'in', all.slice(i, i + 500)).execute()
  }
  return all
}

/** Removes a theme; its inputs go back to no theme. A theme that has been answered stays. */
export async function deleteTheme(db: Kysely<Database>, args: { themeId: number; actorId: number | null }) {
  const theme = await getThemeRow(db, args.themeId)
  if (!theme) throw new ThemeError('not_found')
  const answered = await db.selectFrom('responses').select('id').where('theme_id', '=', theme.id).executeTakeFirst()
  if (answered) throw new ThemeError('has_response')
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('inputs').set({ theme_id: null }).where('theme_id', '=', theme.id).execute()
    await trx.deleteFrom('theme_citations').where('theme_id', '=', theme.id).execute()
    await trx.deleteFrom('themes').where('id', '=', theme.id).execute()
    await auditGrouping(trx, {
      consultationId: theme.consultation_id,
      actorId: args.actorId,
      action: 'theme.delete',
      targetType: 'theme',
      targetId: theme.id,
      details: { title: theme.title },
    })
  })
}

export interface Citation {
  inputId: number
  trackingNumber: string
  status: InputStatus
}

async function citationsOf(db: Db, themeIds: number[], options: { publishedOnly?: boolean } = {}): Promise<Map<number, Citation[]>> {
  const out = new Map<number, Citation[]>()
  if (themeIds.length === 0) return out
  let query = db
    .selectFrom('theme_citations')
    .innerJoin('inputs', 'inputs.id', 'theme_citations.input_id')
    .select(['theme_citations.theme_id', 'inputs.id', 'inputs.tracking_number', 'inputs.status'])
    .where('theme_citations.theme_id', 'in', themeIds)
  if (options.publishedOnly) query = query.where('inputs.status', '=', 'published')
  const rows = await query.orderBy('inputs.id').execute()
  for (const r of rows) {
    const list = out.get(r.theme_id) ?? []
    list.push({ inputId: r.id, trackingNumber: r.tracking_number, status: r.status })
    out.set(r.theme_id, list)
  }
  return out
}

export async function getTheme(db: Db, themeId: number) {
  const theme = await getThemeRow(db, themeId)
  if (!theme) return null
  const citations = (await citationsOf(db, [theme.id])).get(theme.id) ?? []
  return { ...theme, citations }
}

/** The consultation's themes in the order they were made, each with how many inputs it holds. */
export async function listThemes(db: Db, consultationId: number) {
  const rows = await db
    .selectFrom('themes')
    .leftJoin('inputs', 'inputs.theme_id', 'themes.id')
    .select([
      'themes.id',
      'themes.title',
      'themes.summary',
      'themes.updated_at',
      (eb) => eb.fn.count<number>('inputs.id').as('input_count'),
      (eb) => eb.fn.sum<number>(eb.case().when('inputs.status', '=', 'published').then(1).else(0).end()).as('published_count'),
    ])
    .where('themes.consultation_id', '=', consultationId)
    .groupBy(['themes.id', 'themes.title', 'themes.summary', 'themes.updated_at'])
    .orderBy('themes.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    updatedAt: r.updated_at,
    inputCount: Number(r.input_count),
    publishedCount: Number(r.published_count ?? 0),
  }))
}

/**
 * Themes with their summaries and the inputs each summary cites: each citation links to
 * `/masukan/<trackingNumber>`. A public page asks for `publishedOnly`: an input waiting for
 * moderation or hidden is never listed where anyone can read it (the team sees them all).
 */
export async function listThemesWithCitations(db: Db, consultationId: number, options: { publishedOnly?: boolean } = {}) {
  const themes = await listThemes(db, consultationId)
  const citations = await citationsOf(db, themes.map((t) => t.id), options)
  return themes.map((t) => ({ ...t, citations: citations.get(t.id) ?? [] }))
}

const inputListColumns = [
  'inputs.id',
  'inputs.tracking_number',
  'inputs.section_key',
  'inputs.kind',
  'inputs.proposed_text',
  'inputs.reason',
  'inputs.topic',
  'inputs.status',
  'inputs.display_label',
  'inputs.received_at',
  'inputs.duplicate_group_id',
] as const

/** A theme's inputs in the order they arrived, a page at a time (cursor: the last id seen). */
export async function listThemeInputs(db: Db, themeId: number, page: { after?: number; limit?: number } = {}) {
  const limit = Math.min(Math.max(page.limit ?? 100, 1), 500)
  const rows = await db
    .selectFrom('inputs')
    .select(inputListColumns)
    .where('inputs.theme_id', '=', themeId)
    .where('inputs.id', '>', page.after ?? 0)
    .orderBy('inputs.id')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

export interface InputFilter {
  kind?: InputKind
  topic?: string
  /** undefined = every section; '' = the whole draft only. */
  sectionKey?: string
  /** Words or a tracking number. */
  search?: string
  after?: number
  limit?: number
}

/**
 * Inputs in one place (a theme, or with themeId null in no theme), oldest first, a page at a
 * time. A duplicate group shows as its representative, with `moves`: how many inputs go
 * wherever it is sent (a member listed apart is one whose representative sits elsewhere, which
 * only data from before the group-moves-as-one rule can hold). Inputs hidden by moderation are
 * left out of the no-theme list (nobody needs to place them) but stay listed in their theme.
 */
export async function listInputsInPlace(db: Db, consultationId: number, themeId: number | null, filter: InputFilter = {}) {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200)
  let query = db
    .selectFrom('inputs')
    .leftJoin('duplicate_groups', 'duplicate_groups.id', 'inputs.duplicate_group_id')
    .leftJoin('inputs as rep', 'rep.id', 'duplicate_groups.representative_input_id')
    .select(inputListColumns)
    .select(['duplicate_groups.representative_input_id'])
    .where('inputs.consultation_id', '=', consultationId)
  if (themeId === null) {
    query = query
      .where('inputs.theme_id', 'is', null)
      .where('inputs.status', '!=', 'hidden')
      .where((eb) =>
        eb.or([
          eb('inputs.duplicate_group_id', 'is', null),
          eb('duplicate_groups.representative_input_id', '=', eb.ref('inputs.id')),
          eb('rep.theme_id', 'is not', null),
        ]),
      )
  } else {
    query = query.where('inputs.theme_id', '=', themeId).where((eb) =>
      eb.or([
        eb('inputs.duplicate_group_id', 'is', null),
        eb('duplicate_groups.representative_input_id', '=', eb.ref('inputs.id')),
        eb('rep.theme_id', 'is', null),
        eb('rep.theme_id', '!=', themeId),
      ]),
    )
  }
  if (filter.kind) query = query.where('inputs.kind', '=', filter.kind)
  if (filter.topic) query = query.where('inputs.topic', '=', filter.topic)
  if (filter.sectionKey !== undefined) query = query.where('inputs.section_key', '=', filter.sectionKey)
  const search = filter.search?.trim().toLowerCase()
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(inputs.proposed_text)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(inputs.reason)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(inputs.tracking_number)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    )
  }
  if (filter.after !== undefined) query = query.where('inputs.id', '>', filter.after)
  const rows = await query.orderBy('inputs.id').limit(limit + 1).execute()
  const items = rows.slice(0, limit)
  const groupIds = [...new Set(items.filter((r) => r.duplicate_group_id !== null).map((r) => r.duplicate_group_id!))]
  const sizes = new Map<number, number>()
  if (groupIds.length) {
    const counted = await db
      .selectFrom('inputs')
      .select(['duplicate_group_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('duplicate_group_id', 'in', groupIds)
      .groupBy('duplicate_group_id')
      .execute()
    for (const c of counted) sizes.set(c.duplicate_group_id!, Number(c.n))
  }
  return {
    items: items.map(({ representative_input_id: _, ...r }) => ({
      ...r,
      /** Inputs that move with this one (itself included): its duplicate group's size, or 1. */
      moves: r.duplicate_group_id === null ? 1 : (sizes.get(r.duplicate_group_id) ?? 1),
    })),
    nextCursor: rows.length > limit ? items[items.length - 1].id : null,
  }
}

/** The consultation's inputs in no theme (see listInputsInPlace). */
export async function listUnassignedInputs(db: Db, consultationId: number, filter: InputFilter = {}) {
  return listInputsInPlace(db, consultationId, null, filter)
}

/** What the public page of one input says about its grouping. */
export async function getInputGrouping(db: Db, inputId: number) {
  const row = await db
    .selectFrom('inputs')
    .leftJoin('themes', 'themes.id', 'inputs.theme_id')
    .select(['inputs.duplicate_group_id', 'themes.id as theme_id', 'themes.title as theme_title'])
    .where('inputs.id', '=', inputId)
    .executeTakeFirst()
  if (!row) return null
  let groupSize = 0
  if (row.duplicate_group_id !== null) {
    const counted = await db
      .selectFrom('inputs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('duplicate_group_id', '=', row.duplicate_group_id)
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow()
    groupSize = Number(counted.n)
  }
  return {
    groupSize,
    theme: row.theme_id !== null ? { id: row.theme_id, title: row.theme_title! } : null,
  }
}

/**
 * Suggested themes from the words of the consultation's published inputs: each a label, its
 * keywords and the inputs not yet in a theme that it covers. A duplicate group counts as one
 * text (its representative's) that stands for all its members.
 */
export async function suggestThemes(
  db: Db,
  consultationId: number,
  options: { limit?: number } = {},
): Promise<ThemeSuggestion[]> {
  const rows = await db
    .selectFrom('inputs')
    .leftJoin('duplicate_groups', 'duplicate_groups.id', 'inputs.duplicate_group_id')
    .select([
      'inputs.id',
      'inputs.proposed_text',
      'inputs.reason',
      'inputs.theme_id',
      'inputs.duplicate_group_id',
      'duplicate_groups.representative_input_id',
    ])
    .where('inputs.consultation_id', '=', consultationId)
    .where('inputs.status', '=', 'published')
    .orderBy('inputs.id')
    .execute()
  const docs: SuggestionDoc[] = []
  const byGroup = new Map<number, SuggestionDoc>()
  const groupText = new Map<number, string>()
  for (const r of rows) {
    const text = `${r.proposed_text}\n${r.reason}`
    if (r.duplicate_group_id === null) {
      docs.push({ inputIds: [r.id], unassignedIds: r.theme_id === null ? [r.id] : [], text })
      continue
    }
    let doc = byGroup.get(r.duplicate_group_id)
    if (!doc) {
      doc = { inputIds: [], unassignedIds: [], text }
      byGroup.set(r.duplicate_group_id, doc)
      docs.push(doc)
    }
    if (r.representative_input_id === r.id) groupText.set(r.duplicate_group_id, text)
    doc.inputIds.push(r.id)
    if (r.theme_id === null) doc.unassignedIds.push(r.id)
  }
  for (const [groupId, doc] of byGroup) doc.text = groupText.get(groupId) ?? doc.text
  return suggestFromDocs(docs, { limit: Math.min(Math.max(options.limit ?? SUGGESTION_DEFAULTS.limit, 1), 30) })
}

/**
 * "Create a theme from this suggestion": one theme with the suggestion's label as title, holding
 * those of its inputs that are still in no theme (with their whole duplicate groups).
 */
export async function createThemeFromSuggestion(
  db: Kysely<Database>,
  args: { consultationId: number; title: string; inputIds: number[]; actorId: number | null },
): Promise<{ id: number; moved: number }> {
  const ids = [...new Set(args.inputIds)].filter((id) => Number.isInteger(id) && id > 0)
  const free: number[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('inputs')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .where('consultation_id', '=', args.consultationId)
      .where('theme_id', 'is', null)
      .execute()
    free.push(...rows.map((r) => r.id))
  }
  if (free.length === 0) throw new ThemeError('nothing_to_assign', 'inputIds')
  const { id } = await createTheme(db, { consultationId: args.consultationId, title: args.title, actorId: args.actorId })
  const moved = await db.transaction().execute(async (trx) => {
    const placed = await placeInputs(trx, args.consultationId, id, free)
    await auditGrouping(trx, {
      consultationId: args.consultationId,
      actorId: args.actorId,
      action: 'theme.assign',
      targetType: 'theme',
      targetId: id,
      details: { inputIds: placed, fromSuggestion: true },
    })
    return placed.length
  })
  return { id, moved }
}
