import { type Kysely, type Transaction, sql } from 'kysely'
import type { Database } from '~db/schema'
import { type ParsedSection, parsePlainTextDraft, sectionKey, slugify, uniqueKey } from '~/domain/draft-text'
import { STARTING_STAGES, type StartingStage } from '~/domain/stages'
import {
  getPolicyBySlug,
  getSections,
  insertSections,
  listPolicyEvents,
  nextPolicyEventTime,
  recordPolicyEvent,
} from '~/domain/policies.server'
import { nowIso } from '~/lib/time'

/**
 * The policy team's drafting: a policy is created with an empty draft, the draft is written as
 * sections, and publishing freezes it. A published version never changes; every function here
 * that writes to a version first takes the draft's row lock and refuses anything else.
 */

type Db = Kysely<Database> | Transaction<Database>

/** Slugs the workspace's own addresses use (`/kelola/kebijakan/baru`). */
const RESERVED_SLUGS = ['baru']

export class VersionNotFoundError extends Error {
  constructor() {
    super('version not found')
  }
}
/** A published version is the public record: nothing may change it. */
export class PublishedVersionError extends Error {
  constructor() {
    super('a published version never changes')
  }
}
export class DraftExistsError extends Error {
  constructor(readonly number: number) {
    super(`version ${number} is already being drafted`)
  }
}
export class EmptyDraftError extends Error {
  constructor() {
    super('a draft without sections cannot be published')
  }
}
export class SectionNotFoundError extends Error {
  constructor() {
    super('section not found in this draft')
  }
}
export class EmptySectionError extends Error {
  constructor() {
    super('a section needs a heading or a text')
  }
}
export class EmptyImportError extends Error {
  constructor() {
    super('the text holds no section')
  }
}

function cleanHeading(heading: string): string {
  return heading.replace(/\s+/g, ' ').trim()
}

function cleanBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function cleanSection(input: { heading: string; body: string }) {
  const heading = cleanHeading(input.heading)
  const body = cleanBody(input.body)
  if (!heading && !body) throw new EmptySectionError()
  return { heading, body }
}

/**
 * Takes the draft's row lock (an update that changes nothing) and returns the draft; refuses a
 * published or missing version. Publishing updates the same row, so on PostgreSQL an edit and a
 * publication of one draft never interleave, and an edit that waited sees the version published.
 */
async function lockDraft(trx: Transaction<Database>, versionId: number) {
  const locked = await trx
    .updateTable('policy_versions')
    .set({ status: 'draft' })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (Number(locked.numUpdatedRows) !== 1) {
    const exists = await trx.selectFrom('policy_versions').select('id').where('id', '=', versionId).executeTakeFirst()
    throw exists ? new PublishedVersionError() : new VersionNotFoundError()
  }
  return trx
    .selectFrom('policy_versions')
    .select(['id', 'policy_id', 'number'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
}

/** Every section key any version of the policy ever used: a new section never reuses one. */
async function keysUsedByPolicy(trx: Db, policyId: number): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('sections')
    .innerJoin('policy_versions', 'policy_versions.id', 'sections.version_id')
    .select('sections.key')
    .where('policy_versions.policy_id', '=', policyId)
    .execute()
  return new Set(rows.map((r) => r.key))
}

async function sectionInDraft(trx: Db, versionId: number, sectionId: number) {
  const section = await trx
    .selectFrom('sections')
    .select(['id', 'key', 'position'])
    .where('id', '=', sectionId)
    .where('version_id', '=', versionId)
    .executeTakeFirst()
  if (!section) throw new SectionNotFoundError()
  return section
}

/** Positions 1…n in their current order, after a removal or a replacement. */
async function renumber(trx: Db, versionId: number) {
  const rows = await trx
    .selectFrom('sections')
    .select(['id', 'position'])
    .where('version_id', '=', versionId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  for (const [i, row] of rows.entries()) {
    if (row.position !== i + 1) {
      await trx.updateTable('sections').set({ position: i + 1 }).where('id', '=', row.id).execute()
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

async function freeSlug(trx: Db, title: string): Promise<string> {
  const base = slugify(title, 'kebijakan')
  const rows = await trx
    .selectFrom('policies')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute()
  return uniqueKey(base, new Set([...RESERVED_SLUGS, ...rows.map((r) => r.slug)]))
}

/**
 * A new policy of an organisation: a unique slug from its title, the chosen starting stage,
 * a `created` event on its timeline and an empty draft version 1 ready for writing.
 */
export async function createPolicy(
  db: Kysely<Database>,
  input: {
    organisationId: number
    title: string
    summary: string
    topic: string
    actorId: number | null
    stage?: StartingStage
    at?: string
  },
) {
  const at = input.at ?? nowIso()
  const stage: StartingStage = input.stage ?? 'penyusunan'
  if (!STARTING_STAGES.includes(stage)) throw new Error(`a policy cannot start in stage ${stage}`)
  const title = cleanHeading(input.title)
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const slug = await freeSlug(trx, title)
        const policy = await trx
          .insertInto('policies')
          .values({
            organisation_id: input.organisationId,
            slug,
            title,
            summary: cleanBody(input.summary),
            topic: cleanHeading(input.topic),
            stage,
            current_version_id: null,
            created_at: at,
            updated_at: at,
          })
          .returning(['id'])
          .executeTakeFirstOrThrow()
        await recordPolicyEvent(trx, { policyId: policy.id, kind: 'created', toStage: stage, actorId: input.actorId, at })
        const version = await trx
          .insertInto('policy_versions')
          .values({
            policy_id: policy.id,
            number: 1,
            status: 'draft',
            title,
            note: '',
            created_by: input.actorId,
            created_at: at,
            published_at: null,
          })
          .returning(['id'])
          .executeTakeFirstOrThrow()
        return { id: policy.id, slug, versionId: version.id, versionNumber: 1 }
      })
    } catch (error) {
      // Two people creating policies with the same title at the same moment: take the next slug.
      if (attempt < 3 && isUniqueViolation(error)) continue
      throw error
    }
  }
}

/**
 * Opens the next version as a draft, copied from the current published version: the same
 * sections in the same order with the same keys, so the two versions compare section by section.
 */
export async function startNextVersion(db: Kysely<Database>, input: { policyId: number; actorId: number | null; at?: string }) {
  const at = input.at ?? nowIso()
  return db.transaction().execute(async (trx) => {
    // Locks the policy row (changing nothing) so two people starting a version wait for each other.
    const policy = await trx
      .updateTable('policies')
      .set((eb) => ({ stage: eb.ref('stage') }))
      .where('id', '=', input.policyId)
      .returning(['id', 'title', 'current_version_id'])
      .executeTakeFirst()
    if (!policy) throw new VersionNotFoundError()
    const versions = await trx
      .selectFrom('policy_versions')
      .select(['id', 'number', 'status'])
      .where('policy_id', '=', policy.id)
      .orderBy('number', 'desc')
      .execute()
    const draft = versions.find((v) => v.status === 'draft')
    if (draft) throw new DraftExistsError(draft.number)
    const base = versions.find((v) => v.id === policy.current_version_id) ?? versions.find((v) => v.status === 'published')
    const number = (versions[0]?.number ?? 0) + 1
    const version = await trx
      .insertInto('policy_versions')
      .values({
        policy_id: policy.id,
        number,
        status: 'draft',
        title: policy.title,
        note: '',
        created_by: input.actorId,
        created_at: at,
        published_at: null,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    if (base) {
      await trx
        .insertInto('sections')
        .columns(['version_id', 'key', 'position', 'heading', 'body'])
        .expression(
          trx
            .selectFrom('sections')
            .select([sql.lit(version.id).as('version_id'), 'key', 'position', 'heading', 'body'])
            .where('version_id', '=', base.id),
        )
        .execute()
    }
    return { versionId: version.id, number, basedOn: base?.number ?? null }
  })
}

/** A version of a policy by slug and number, with its sections, for the editor (any status: the route decides). */
export async function getDraftForEditing(db: Db, input: { slug: string; number: number }) {
  const policy = await getPolicyBySlug(db, input.slug)
  if (!policy) return null
  const version = await db
    .selectFrom('policy_versions')
    .select(['id', 'number', 'status', 'title', 'note', 'created_at', 'published_at'])
    .where('policy_id', '=', policy.id)
    .where('number', '=', input.number)
    .executeTakeFirst()
  if (!version) return null
  const sections = await getSections(db, version.id)
  return { policy, version, sections }
}

/** Where a new section goes: first, last, or after one of the draft's sections. */
export type SectionPlace = 'start' | 'end' | { after: number }

export async function addSection(
  db: Kysely<Database>,
  input: { versionId: number; heading: string; body: string; place?: SectionPlace },
) {
  const content = cleanSection(input)
  return db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, input.versionId)
    const place = input.place ?? 'end'
    let position: number
    if (place === 'start') position = 1
    else if (place === 'end') {
      const last = await trx
        .selectFrom('sections')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('version_id', '=', version.id)
        .executeTakeFirst()
      position = Number(last?.max ?? 0) + 1
    } else position = (await sectionInDraft(trx, version.id, place.after)).position + 1
    await trx
      .updateTable('sections')
      .set((eb) => ({ position: eb('position', '+', 1) }))
      .where('version_id', '=', version.id)
      .where('position', '>=', position)
      .execute()
    const key = uniqueKey(sectionKey(content.heading), await keysUsedByPolicy(trx, version.policy_id))
    const section = await trx
      .insertInto('sections')
      .values({ version_id: version.id, key, position, ...content })
      .returning(['id', 'key'])
      .executeTakeFirstOrThrow()
    return section
  })
}

/** Changes a section's heading and text; its key stays, so it remains the same section across versions. */
export async function updateSection(
  db: Kysely<Database>,
  input: { versionId: number; sectionId: number; heading: string; body: string },
) {
  const content = cleanSection(input)
  await db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, input.versionId)
    await sectionInDraft(trx, version.id, input.sectionId)
    await trx.updateTable('sections').set(content).where('id', '=', input.sectionId).execute()
  })
}

/** Swaps a section with its neighbour; false when it is already first (up) or last (down). */
export async function moveSection(
  db: Kysely<Database>,
  input: { versionId: number; sectionId: number; direction: 'up' | 'down' },
) {
  return db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, input.versionId)
    const section = await sectionInDraft(trx, version.id, input.sectionId)
    const up = input.direction === 'up'
    const neighbour = await trx
      .selectFrom('sections')
      .select(['id', 'position'])
      .where('version_id', '=', version.id)
      .where('position', up ? '<' : '>', section.position)
      .orderBy('position', up ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst()
    if (!neighbour) return false
    await trx.updateTable('sections').set({ position: neighbour.position }).where('id', '=', section.id).execute()
    await trx.updateTable('sections').set({ position: section.position }).where('id', '=', neighbour.id).execute()
    return true
  })
}

export async function removeSection(db: Kysely<Database>, input: { versionId: number; sectionId: number }) {
  await db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, input.versionId)
    await sectionInDraft(trx, version.id, input.sectionId)
    await trx.deleteFrom('sections').where('id', '=', input.sectionId).execute()
    await renumber(trx, version.id)
  })
}

/** What an import did, for the person who ran it. */
export interface ImportOutcome {
  /** Sections the text became. */
  imported: number
  /** Of those, sections that continue an existing one and keep its key. */
  continued: number
  /** A title line the text began with; it names the document and is not made a section. */
  title: string | null
  /** Lines dropped as web-page residue. */
  dropped: string[]
}

/**
 * Turns a plain text into the draft's sections (a short line standing alone is a heading).
 * `append` adds them after the last section. `replace` replaces every section; a section whose
 * heading matches one the draft had (or, failing that, one of the current published version)
 * continues it and keeps its key. Every other section gets a key no version of the policy used.
 */
export async function importPlainText(
  db: Kysely<Database>,
  input: { versionId: number; text: string; mode: 'replace' | 'append' },
): Promise<ImportOutcome> {
  const parsed = parsePlainTextDraft(input.text)
  if (parsed.sections.length === 0) throw new EmptyImportError()
  return db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, input.versionId)
    const taken = await keysUsedByPolicy(trx, version.policy_id)
    const existing = await getSections(trx, version.id)
    let continued = 0
    let sections: ParsedSection[]
    let firstPosition: number
    if (input.mode === 'append') {
      firstPosition = existing.length + 1
      sections = parsed.sections.map((s) => ({ ...s, key: uniqueKey(sectionKey(s.heading), taken) }))
    } else {
      const policy = await trx
        .selectFrom('policies')
        .select('current_version_id')
        .where('id', '=', version.policy_id)
        .executeTakeFirstOrThrow()
      const published = policy.current_version_id ? await getSections(trx, policy.current_version_id) : []
      const candidates = [...existing, ...published.filter((p) => !existing.some((e) => e.key === p.key))]
      const used = new Set<string>()
      const match = (heading: string) =>
        candidates.find((c) => !used.has(c.key) && sectionKey(c.heading) === sectionKey(heading))
      sections = parsed.sections.map((s) => {
        const previous = match(s.heading)
        if (previous) {
          used.add(previous.key)
          continued++
          return { ...s, key: previous.key }
        }
        return { ...s, key: '' }
      })
      // New keys are chosen once the continuing ones are known, so they never collide with them.
      sections = sections.map((s) => (s.key ? s : { ...s, key: uniqueKey(sectionKey(s.heading), taken) }))
      await trx.deleteFrom('sections').where('version_id', '=', version.id).execute()
      firstPosition = 1
    }
    await insertSections(trx, version.id, sections, { firstPosition })
    return { imported: sections.length, continued, title: parsed.title, dropped: parsed.dropped }
  })
}

/**
 * Publishes a draft: it becomes the policy's current version, readable by everyone, and never
 * changes again. Recorded on the policy's timeline with the team's note.
 */
export async function publishVersion(
  db: Kysely<Database>,
  input: { versionId: number; actorId: number | null; note?: string; at?: string },
) {
  const note = cleanBody(input.note ?? '')
  return db.transaction().execute(async (trx) => {
    const version = await lockDraft(trx, input.versionId)
    const at = await nextPolicyEventTime(trx, version.policy_id, input.at)
    const count = await trx
      .selectFrom('sections')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('version_id', '=', version.id)
      .executeTakeFirstOrThrow()
    if (Number(count.n) === 0) throw new EmptyDraftError()
    await trx
      .updateTable('policy_versions')
      .set({ status: 'published', published_at: at, note })
      .where('id', '=', version.id)
      .execute()
    await trx
      .updateTable('policies')
      .set({ current_version_id: version.id, updated_at: at })
      .where('id', '=', version.policy_id)
      .execute()
    await recordPolicyEvent(trx, { policyId: version.policy_id, kind: 'version_published', versionId: version.id, actorId: input.actorId, note, at })
    return { number: version.number, publishedAt: at }
  })
}

/** Every version of a policy, drafts included, newest first, with its number of sections. */
export async function listPolicyVersions(db: Db, policyId: number) {
  return db
    .selectFrom('policy_versions')
    .leftJoin('sections', 'sections.version_id', 'policy_versions.id')
    .select((eb) => [
      'policy_versions.id',
      'policy_versions.number',
      'policy_versions.status',
      'policy_versions.note',
      'policy_versions.created_at',
      'policy_versions.published_at',
      eb.fn.count<number>('sections.id').as('section_count'),
    ])
    .where('policy_versions.policy_id', '=', policyId)
    .groupBy([
      'policy_versions.id',
      'policy_versions.number',
      'policy_versions.status',
      'policy_versions.note',
      'policy_versions.created_at',
      'policy_versions.published_at',
    ])
    .orderBy('policy_versions.number', 'desc')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, section_count: Number(r.section_count) })))
}

/** The team's page for one policy: the policy, all its versions and its timeline. */
export async function getPolicyForManaging(db: Db, slug: string) {
  const policy = await getPolicyBySlug(db, slug)
  if (!policy) return null
  const [versions, events] = await Promise.all([listPolicyVersions(db, policy.id), listPolicyEvents(db, policy.id)])
  return { policy, versions, events, draft: versions.find((v) => v.status === 'draft') ?? null }
}

/**
 * The team workspace: the given organisations (or all) with their policies, each with its
 * stage, current published version and the number of the draft being written, if any.
 */
export async function listWorkspace(db: Db, organisationIds: number[] | 'all') {
  if (organisationIds !== 'all' && organisationIds.length === 0) return []
  let orgQuery = db.selectFrom('organisations').select(['id', 'slug', 'name', 'kind', 'time_zone']).orderBy('name')
  if (organisationIds !== 'all') orgQuery = orgQuery.where('id', 'in', organisationIds)
  const organisations = await orgQuery.execute()
  if (organisations.length === 0) return []
  const ids = organisations.map((o) => o.id)
  const policies = await db
    .selectFrom('policies')
    .leftJoin('policy_versions as published', 'published.id', 'policies.current_version_id')
    .leftJoin('policy_versions as draft', (join) =>
      join.onRef('draft.policy_id', '=', 'policies.id').on('draft.status', '=', 'draft'),
    )
    .select([
      'policies.id',
      'policies.organisation_id',
      'policies.slug',
      'policies.title',
      'policies.stage',
      'policies.updated_at',
      'published.number as published_number',
      'draft.number as draft_number',
    ])
    .where('policies.organisation_id', 'in', ids)
    .orderBy('policies.updated_at', 'desc')
    .orderBy('policies.id', 'desc')
    .execute()
  return organisations.map((org) => ({ ...org, policies: policies.filter((p) => p.organisation_id === org.id) }))
}

/** The organisations a person may create policies in, for the organisation choice. */
export async function listOrganisationsByIds(db: Db, organisationIds: number[] | 'all') {
  if (organisationIds !== 'all' && organisationIds.length === 0) return []
  let query = db.selectFrom('organisations').select(['id', 'slug', 'name']).orderBy('name')
  if (organisationIds !== 'all') query = query.where('id', 'in', organisationIds)
  return query.execute()
}
