import type { Kysely, Transaction } from 'kysely'
import type { Database, OrganisationKind, PolicyEventKind, Stage } from '~db/schema'
import { type ParsedSection, sectionKey, uniqueKey } from '~/domain/draft-text'
import { STAGES } from '~/domain/stages'
import { nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

// Shared with the browser (forms offer the stages), so kept outside this server module.
export { STAGES }

export async function createOrganisation(
  db: Db,
  input: { slug: string; name: string; kind: OrganisationKind; timeZone: string },
) {
  return db
    .insertInto('organisations')
    .values({ slug: input.slug, name: input.name, kind: input.kind, time_zone: input.timeZone, created_at: nowIso() })
    .returning(['id', 'slug', 'name', 'kind', 'time_zone'])
    .executeTakeFirstOrThrow()
}

export async function addMembership(db: Db, organisationId: number, userId: number, role: Database['memberships']['role']) {
  await db
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: userId, role, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id', 'role']).doNothing())
    .execute()
}

/** The home page: every organisation with its policies, each with its current version number. */
export async function listOrganisationsWithPolicies(db: Db) {
  const organisations = await db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'kind', 'time_zone'])
    .orderBy('name')
    .execute()
  const policies = await db
    .selectFrom('policies')
    .leftJoin('policy_versions', 'policy_versions.id', 'policies.current_version_id')
    .select([
      'policies.id',
      'policies.organisation_id',
      'policies.slug',
      'policies.title',
      'policies.summary',
      'policies.stage',
      'policies.updated_at',
      'policy_versions.number as version_number',
    ])
    .orderBy('policies.updated_at', 'desc')
    .execute()
  return organisations.map((org) => ({
    ...org,
    policies: policies.filter((p) => p.organisation_id === org.id),
  }))
}

export async function listPoliciesForApi(db: Db) {
  return db
    .selectFrom('policies')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .leftJoin('policy_versions', 'policy_versions.id', 'policies.current_version_id')
    .select([
      'policies.slug',
      'policies.title',
      'policies.stage',
      'organisations.slug as organisation_slug',
      'organisations.name as organisation_name',
      'policy_versions.number as current_version',
    ])
    .orderBy('organisations.name')
    .orderBy('policies.title')
    .execute()
}

export async function getPolicyBySlug(db: Db, slug: string) {
  return db
    .selectFrom('policies')
    .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
    .select([
      'policies.id',
      'policies.slug',
      'policies.title',
      'policies.summary',
      'policies.topic',
      'policies.stage',
      'policies.current_version_id',
      'policies.created_at',
      'policies.updated_at',
      'organisations.id as organisation_id',
      'organisations.slug as organisation_slug',
      'organisations.name as organisation_name',
      'organisations.kind as organisation_kind',
      'organisations.time_zone',
    ])
    .where('policies.slug', '=', slug)
    .executeTakeFirst()
}

/** Published versions only, newest first. Drafts are the team's work in progress. */
export async function listPublishedVersions(db: Db, policyId: number) {
  return db
    .selectFrom('policy_versions')
    .select(['id', 'number', 'title', 'note', 'published_at'])
    .where('policy_id', '=', policyId)
    .where('status', '=', 'published')
    .orderBy('number', 'desc')
    .execute()
}

export async function getPublishedVersion(db: Db, policyId: number, number: number) {
  return db
    .selectFrom('policy_versions')
    .select(['id', 'number', 'title', 'note', 'published_at'])
    .where('policy_id', '=', policyId)
    .where('number', '=', number)
    .where('status', '=', 'published')
    .executeTakeFirst()
}

export async function getSections(db: Db, versionId: number) {
  return db
    .selectFrom('sections')
    .select(['id', 'key', 'position', 'heading', 'body'])
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute()
}

/**
 * A policy with its first version already published, as a region that drafted offline
 * brings it to the portal (the demo seed does this).
 */
export async function createPolicyWithPublishedVersion(
  db: Kysely<Database>,
  input: {
    organisationId: number
    slug: string
    title: string
    summary: string
    topic: string
    stage: Stage
    sections: ParsedSection[]
    actorId: number | null
    at?: string
  },
) {
  const at = input.at ?? nowIso()
  return db.transaction().execute(async (trx) => {
    const policy = await trx
      .insertInto('policies')
      .values({
        organisation_id: input.organisationId,
        slug: input.slug,
        title: input.title,
        summary: input.summary,
        topic: input.topic,
        stage: 'penyusunan',
        current_version_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await recordPolicyEvent(trx, { policyId: policy.id, kind: 'created', toStage: 'penyusunan', actorId: input.actorId, at })

    const version = await trx
      .insertInto('policy_versions')
      .values({
        policy_id: policy.id,
        number: 1,
        status: 'published',
        title: input.title,
        note: '',
        created_by: input.actorId,
        created_at: at,
        published_at: at,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await insertSections(trx, version.id, input.sections)
    await trx.updateTable('policies').set({ current_version_id: version.id }).where('id', '=', policy.id).execute()
    await recordPolicyEvent(trx, { policyId: policy.id, kind: 'version_published', versionId: version.id, actorId: input.actorId, at })
    if (input.stage !== 'penyusunan') {
      await changeStageIn(trx, policy.id, input.stage, input.actorId, '', at)
    }
    return { id: policy.id, versionId: version.id }
  })
}

/**
 * Inserts sections in order from `firstPosition`. Keys are made unique against `taken`
 * (the keys already in use; pass every key the policy ever used to never reuse one).
 */
export async function insertSections(
  trx: Db,
  versionId: number,
  sections: ParsedSection[],
  options: { taken?: Set<string>; firstPosition?: number } = {},
) {
  const taken = options.taken ?? new Set<string>()
  const first = options.firstPosition ?? 1
  if (sections.length === 0) return
  await trx
    .insertInto('sections')
    .values(
      sections.map((s, i) => ({
        version_id: versionId,
        key: uniqueKey(s.key || sectionKey(s.heading), taken),
        position: first + i,
        heading: s.heading,
        body: s.body,
      })),
    )
    .execute()
}

/** A time given for an event that would put it before its policy was created. */
export class EventBeforeCreationError extends Error {
  constructor(at: string, created: string) {
    super(`an event at ${at} cannot come before its policy was created at ${created}`)
  }
}

/**
 * The time to record a policy's next event at. A policy's timeline is ordered by when each event
 * happened as the portal recorded it, and nothing happens to a policy before it exists: a time
 * given by the caller (the seed, a record of an earlier meeting) that falls before the policy's
 * creation is refused, and the clock's own time is never earlier than the creation either (another
 * instance's clock may lag a little).
 */
export async function nextPolicyEventTime(trx: Db, policyId: number, at?: string): Promise<string> {
  const created = await trx
    .selectFrom('policy_events')
    .select('occurred_at')
    .where('policy_id', '=', policyId)
    .where('kind', '=', 'created')
    .executeTakeFirst()
  if (at === undefined) {
    const now = nowIso()
    return created && created.occurred_at > now ? created.occurred_at : now
  }
  if (created && at < created.occurred_at) throw new EventBeforeCreationError(at, created.occurred_at)
  return at
}

/** Adds an event to a policy's public timeline, at a time from `nextPolicyEventTime`. */
export async function recordPolicyEvent(
  trx: Db,
  event: {
    policyId: number
    kind: PolicyEventKind
    at: string
    actorId: number | null
    note?: string
    fromStage?: Stage | null
    toStage?: Stage | null
    versionId?: number | null
  },
) {
  await trx
    .insertInto('policy_events')
    .values({
      policy_id: event.policyId,
      kind: event.kind,
      from_stage: event.fromStage ?? null,
      to_stage: event.toStage ?? null,
      version_id: event.versionId ?? null,
      actor_id: event.actorId,
      note: event.note ?? '',
      occurred_at: event.at,
    })
    .execute()
}

export class InvalidStageError extends Error {}

async function changeStageIn(trx: Db, policyId: number, to: Stage, actorId: number | null, note: string, givenAt?: string) {
  if (!STAGES.includes(to)) throw new InvalidStageError(to)
  const current = await trx.selectFrom('policies').select('stage').where('id', '=', policyId).executeTakeFirstOrThrow()
  if (current.stage === to) return false
  const at = await nextPolicyEventTime(trx, policyId, givenAt)
  await trx.updateTable('policies').set({ stage: to, updated_at: at }).where('id', '=', policyId).execute()
  await recordPolicyEvent(trx, { policyId, kind: 'stage_changed', fromStage: current.stage, toStage: to, actorId, note, at })
  return true
}

/** Moves a policy to another stage and records the move on its public timeline. */
export async function changeStage(
  db: Kysely<Database>,
  input: { policyId: number; to: Stage; actorId: number | null; note?: string; at?: string },
) {
  return db
    .transaction()
    .execute((trx) => changeStageIn(trx, input.policyId, input.to, input.actorId, input.note ?? '', input.at))
}

export async function listPolicyEvents(db: Db, policyId: number) {
  return db
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
    ])
    .where('policy_events.policy_id', '=', policyId)
    .orderBy('policy_events.occurred_at')
    .orderBy('policy_events.id')
    .execute()
}

/** Everything the policy page shows: the policy, one published version (the current one by default) and its sections. */
export async function getPolicyReading(db: Db, slug: string, versionNumber: number | null) {
  const policy = await getPolicyBySlug(db, slug)
  if (!policy) return null
  const versions = await listPublishedVersions(db, policy.id)
  const currentNumber = versions.find((v) => v.id === policy.current_version_id)?.number ?? versions[0]?.number ?? null
  const wanted = versionNumber ?? currentNumber
  const version = wanted === null ? null : (versions.find((v) => v.number === wanted) ?? null)
  if (versionNumber !== null && !version) return null
  const sections = version ? await getSections(db, version.id) : []
  return { policy, versions, version, currentNumber, sections }
}
