import crypto from 'node:crypto'
import { type Kysely, type Transaction, sql } from 'kysely'
import { isPostgres } from '~db/connection'
import type { Database, InputStatus } from '~db/schema'
import { auditGrouping } from '~/domain/grouping-audit.server'
import {
  ESTIMATE_PREFILTER,
  NEAR_DUPLICATE_THRESHOLD,
  bandBuckets,
  comparableText,
  estimateJaccard,
  jaccard,
  minhash,
  shingles,
} from '~/domain/minhash'
import { defineJob, enqueueJob, getJob } from '~/jobs/jobs.server'
import { nowIso } from '~/lib/time'

type Db = Kysely<Database> | Transaction<Database>

/*
 * Duplicate and campaign groups (docs/decisions/013-duplicates-and-themes.md).
 *
 * Every input gets a signature. An input joins a group when its normalised text equals, or its
 * word shingles are at least NEAR_DUPLICATE_THRESHOLD similar to, the text of a group's
 * representative (or of an input not yet in any group, which then founds a group with it and
 * stays its representative, being the first). Grouping only labels: every input keeps its own
 * row, status and place in every count. An input in no theme that joins a group takes the
 * group's theme, so a group stays in one theme (themes.server.ts).
 *
 * LSH band rows are kept only for inputs a newcomer may still match: inputs in no group and
 * group representatives. A campaign of ten thousand copies therefore has one set of band rows,
 * and finding candidates stays a handful of primary-key lookups however big it grows.
 */

export class DuplicateError extends Error {
  constructor(public code: 'not_found' | 'not_grouped') {
    super(code)
  }
}

// Key space of the per-consultation advisory lock on PostgreSQL. Advisory locks belong to the
// whole database, not a schema: the key space is the schema's own, so portals (or test runs)
// sharing one database in different schemas never take each other's locks.
export const LOCK_CLASS = sql<number>`hashtext(${'rembuk.duplicates:'} || current_schema())`

function exactHash(normalised: string): string {
  return crypto.createHash('sha256').update(normalised).digest('hex').slice(0, 32)
}

interface IndexableInput {
  id: number
  consultation_id: number
  proposed_text: string
  reason: string
  ungrouped: number
  duplicate_group_id: number | null
  theme_id: number | null
}

// Time requests of this process spent waiting to index (for a connection, then the per-consultation
// lock) and how many they left to the job (tests/bench/duplicate-lock.bench.ts).
const lockStats = { waits: 0, waitedMs: 0, deferred: 0 }
export function duplicateLockStats(reset = false): { waits: number; waitedMs: number; deferred: number } {
  const copy = { ...lockStats }
  if (reset) Object.assign(lockStats, { waits: 0, waitedMs: 0, deferred: 0 })
  return copy
}

/** One indexer per consultation at a time, so two copies sent together still find each other. */
async function lockConsultation(trx: Transaction<Database>, consultationId: number) {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${consultationId})`.execute(trx)
}

/** The lock if nobody holds it, at once; false if somebody does (never waits). Always true on SQLite. */
async function tryLockConsultation(trx: Transaction<Database>, consultationId: number): Promise<boolean> {
  if (!isPostgres(trx)) return true
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${LOCK_CLASS}, ${consultationId}) as locked`.execute(trx)
  return rows[0].locked
}

async function insertBands(trx: Db, consultationId: number, inputId: number, signature: number[]) {
  await trx
    .insertInto('input_signature_bands')
    .values(bandBuckets(signature).map((bucket, band) => ({ consultation_id: consultationId, band, bucket, input_id: inputId })))
    .onConflict((oc) => oc.doNothing())
    .execute()
}

async function deleteBands(trx: Db, consultationId: number, inputId: number, signature: number[]) {
  const buckets = bandBuckets(signature)
  await trx
    .deleteFrom('input_signature_bands')
    .where('consultation_id', '=', consultationId)
    .where('input_id', '=', inputId)
    .where((eb) => eb.or(buckets.map((bucket, band) => eb.and([eb('band', '=', band), eb('bucket', '=', bucket)]))))
    .execute()
}

async function storedSignature(trx: Db, inputId: number): Promise<number[] | null> {
  const row = await trx.selectFrom('input_signatures').select('minhash').where('input_id', '=', inputId).executeTakeFirst()
  return row ? (JSON.parse(row.minhash) as number[]) : null
}

/** An input a newcomer may join: in no group (and never taken out of one), or a group's representative. */
function matchable(eb: any) {
  return eb.and([
    eb('inputs.ungrouped', '=', 0),
    eb.or([eb('inputs.duplicate_group_id', 'is', null), eb('duplicate_groups.representative_input_id', '=', eb.ref('inputs.id'))]),
  ])
}

async function findMatch(
  trx: Db,
  input: IndexableInput,
  text: string,
  hash: string,
  shingleSet: Set<string>,
  signature: number[],
): Promise<{ id: number; groupId: number | null; themeId: number | null } | null> {
  const exact = await trx
    .selectFrom('input_signatures')
    .innerJoin('inputs', 'inputs.id', 'input_signatures.input_id')
    .leftJoin('duplicate_groups', 'duplicate_groups.id', 'inputs.duplicate_group_id')
    .select(['inputs.id', 'inputs.duplicate_group_id', 'inputs.theme_id'])
    .where('input_signatures.consultation_id', '=', input.consultation_id)
    .where('input_signatures.exact_hash', '=', hash)
    .where('inputs.id', '!=', input.id)
    .where(matchable)
    .orderBy('inputs.id')
    .limit(1)
    .executeTakeFirst()
  if (exact) return { id: exact.id, groupId: exact.duplicate_group_id, themeId: exact.theme_id }

  const buckets = bandBuckets(signature)
  const candidates = await trx
    .selectFrom('input_signature_bands')
    .select('input_id')
    .distinct()
    .where('consultation_id', '=', input.consultation_id)
    .where((eb) => eb.or(buckets.map((bucket, band) => eb.and([eb('band', '=', band), eb('bucket', '=', bucket)]))))
    .execute()
  const ids = candidates.map((c) => c.input_id).filter((id) => id !== input.id)
  if (ids.length === 0) return null

  const rows = await trx
    .selectFrom('input_signatures')
    .innerJoin('inputs', 'inputs.id', 'input_signatures.input_id')
    .leftJoin('duplicate_groups', 'duplicate_groups.id', 'inputs.duplicate_group_id')
    .select(['inputs.id', 'inputs.duplicate_group_id', 'inputs.theme_id', 'inputs.proposed_text', 'inputs.reason', 'input_signatures.minhash'])
    .where('inputs.id', 'in', ids)
    .where(matchable)
    .execute()
  const likely = rows
    .map((r) => ({ row: r, estimate: estimateJaccard(signature, JSON.parse(r.minhash) as number[]) }))
    .filter((c) => c.estimate >= ESTIMATE_PREFILTER)
  let best: { id: number; groupId: number | null; themeId: number | null; similarity: number } | null = null
  for (const { row } of likely) {
    // The estimate only narrows the field; the decision is taken on the real shingle sets.
    const other = comparableText(row)
    const similarity = other === text ? 1 : jaccard(shingleSet, shingles(other))
    if (similarity < NEAR_DUPLICATE_THRESHOLD) continue
    if (!best || similarity > best.similarity || (similarity === best.similarity && row.id < best.id)) {
      best = { id: row.id, groupId: row.duplicate_group_id, themeId: row.theme_id, similarity }
    }
  }
  return best ? { id: best.id, groupId: best.groupId, themeId: best.themeId } : null
}

async function indexLoaded(trx: Transaction<Database>, input: IndexableInput) {
  const text = comparableText(input)
  const shingleSet = shingles(text)
  const signature = minhash(shingleSet)
  const hash = exactHash(text)

  const previous = await storedSignature(trx, input.id)
  if (previous) await deleteBands(trx, input.consultation_id, input.id, previous)
  await trx
    .insertInto('input_signatures')
    .values({ input_id: input.id, consultation_id: input.consultation_id, exact_hash: hash, minhash: JSON.stringify(signature) })
    .onConflict((oc) => oc.column('input_id').doUpdateSet({ exact_hash: hash, minhash: JSON.stringify(signature) }))
    .execute()

  // A text of no words says nothing to compare; an input a moderator took out stays out.
  if (text === '' || input.ungrouped) return { groupId: null }
  if (input.duplicate_group_id !== null) {
    const group = await trx
      .selectFrom('duplicate_groups')
      .select('representative_input_id')
      .where('id', '=', input.duplicate_group_id)
      .executeTakeFirst()
    if (group?.representative_input_id === input.id) await insertBands(trx, input.consultation_id, input.id, signature)
    return { groupId: input.duplicate_group_id }
  }

  const match = await findMatch(trx, input, text, hash, shingleSet, signature)
  if (!match) {
    await insertBands(trx, input.consultation_id, input.id, signature)
    return { groupId: null }
  }
  let groupId = match.groupId
  if (groupId === null) {
    // The earlier input founds the group and stays its representative.
    const group = await trx
      .insertInto('duplicate_groups')
      .values({ consultation_id: input.consultation_id, representative_input_id: Math.min(match.id, input.id), created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow()
    groupId = group.id
    await trx.updateTable('inputs').set({ duplicate_group_id: groupId }).where('id', 'in', [match.id, input.id]).execute()
    // A group is placed in one theme: whichever of the two is in none takes the other's.
    if (input.theme_id === null && match.themeId !== null) {
      await trx.updateTable('inputs').set({ theme_id: match.themeId }).where('id', '=', input.id).execute()
    } else if (match.themeId === null && input.theme_id !== null) {
      await trx.updateTable('inputs').set({ theme_id: input.theme_id }).where('id', '=', match.id).execute()
    }
    if (input.id < match.id) {
      // Only when re-indexing out of order: the newcomer is the first, so it keeps the bands.
      const matchSignature = await storedSignature(trx, match.id)
      if (matchSignature) await deleteBands(trx, input.consultation_id, match.id, matchSignature)
      await insertBands(trx, input.consultation_id, input.id, signature)
    }
  } else {
    // A newcomer to a placed group goes where the group is.
    await trx
      .updateTable('inputs')
      .set({ duplicate_group_id: groupId, theme_id: input.theme_id ?? match.themeId })
      .where('id', '=', input.id)
      .execute()
  }
  return { groupId }
}

const indexColumns = ['id', 'consultation_id', 'proposed_text', 'reason', 'ungrouped', 'duplicate_group_id', 'theme_id'] as const

/**
 * Computes and stores an input's signature and puts it in a group when it repeats an earlier
 * input of its consultation. Called after every new input; safe to call again.
 */
export async function indexInput(db: Kysely<Database>, inputId: number): Promise<{ groupId: number | null }> {
  return db.transaction().execute(async (trx) => {
    const input = await trx.selectFrom('inputs').select(indexColumns).where('id', '=', inputId).executeTakeFirst()
    if (!input) throw new DuplicateError('not_found')
    await lockConsultation(trx, input.consultation_id)
    return indexLoaded(trx, input)
  })
}

export const DUPLICATE_INDEX_JOB = 'duplicates.index'

/**
 * Indexes an input just stored, after its commit, without ever waiting for another indexer
 * (docs/decisions/025-duplicate-index-off-the-request.md). When nobody else indexes its
 * consultation, it is indexed at once, as before. When somebody does (PostgreSQL, inputs sent
 * together), or inputs left earlier still wait, it is left to the consultation's background job
 * (`duplicates.index`), which indexes them in the order they arrived; the request answers at once.
 * A process killed in between leaves it to `indexUnindexedInputs` at the next start.
 */
export async function indexNewInput(db: Kysely<Database>, inputId: number): Promise<{ indexed: boolean }> {
  const since = performance.now()
  const outcome = await db.transaction().execute(async (trx) => {
    const input = await trx.selectFrom('inputs').select(indexColumns).where('id', '=', inputId).executeTakeFirst()
    if (!input) return { indexed: false, consultationId: null }
    // Earlier inputs wait in the job's queue: this one goes after them, so groups keep their first input.
    const job = await getJob(trx, DUPLICATE_INDEX_JOB, input.consultation_id)
    const locked = !job?.active && (await tryLockConsultation(trx, input.consultation_id))
    lockStats.waits++
    lockStats.waitedMs += performance.now() - since
    if (!locked) return { indexed: false, consultationId: input.consultation_id }
    await indexLoaded(trx, input)
    return { indexed: true, consultationId: input.consultation_id }
  })
  if (!outcome.indexed && outcome.consultationId !== null) {
    lockStats.deferred++
    await enqueueJob(db, DUPLICATE_INDEX_JOB, outcome.consultationId)
  }
  return { indexed: outcome.indexed }
}

/**
 * Indexes the consultation's inputs that have none yet, in the order they arrived, a batch per
 * transaction under the consultation's lock (this is the one indexer allowed to wait for it).
 * The body of the `duplicates.index` job; tests call it to index what submissions left behind.
 */
export async function indexPendingInputs(db: Kysely<Database>, consultationId: number): Promise<{ indexed: number }> {
  let after = 0
  let indexed = 0
  for (;;) {
    const batch = await db
      .selectFrom('inputs')
      .select('inputs.id')
      .where('inputs.consultation_id', '=', consultationId)
      .where('inputs.id', '>', after)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('input_signatures').select('input_signatures.input_id').whereRef('input_signatures.input_id', '=', 'inputs.id'))),
      )
      .orderBy('inputs.id')
      .limit(200)
      .execute()
    if (batch.length === 0) return { indexed }
    await db.transaction().execute(async (trx) => {
      await lockConsultation(trx, consultationId)
      for (const { id } of batch) {
        // Read under the lock: indexed meanwhile (the start-up repair), or pulled into a group.
        const input = await trx.selectFrom('inputs').select(indexColumns).where('id', '=', id).executeTakeFirst()
        if (!input || (await storedSignature(trx, id))) continue
        await indexLoaded(trx, input)
        indexed++
      }
    })
    after = batch[batch.length - 1].id
  }
}

export const duplicateIndexJob = defineJob<Record<string, never>>({
  name: DUPLICATE_INDEX_JOB,
  maxAttempts: 5,
  async run(ctx) {
    return indexPendingInputs(ctx.db, Number(ctx.job.key))
  },
})

/**
 * Indexes every input that has no signature yet, in the order the inputs arrived, and says how
 * many it indexed. An input is stored and acknowledged before it is indexed (a separate
 * transaction), so a process killed in between leaves it unindexed: the server calls this at
 * start (server.ts). One pass over the inputs' primary key, each looked up in the signatures'
 * primary key (an anti-join), a page at a time; nothing to do costs one index scan.
 */
export async function indexUnindexedInputs(db: Kysely<Database>, options: { pageSize?: number } = {}): Promise<{ indexed: number }> {
  const pageSize = options.pageSize ?? 500
  let after = 0
  let indexed = 0
  for (;;) {
    const page = await db
      .selectFrom('inputs')
      .select('inputs.id')
      .where('inputs.id', '>', after)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('input_signatures').select('input_signatures.input_id').whereRef('input_signatures.input_id', '=', 'inputs.id'))),
      )
      .orderBy('inputs.id')
      .limit(pageSize)
      .execute()
    if (page.length === 0) break
    for (const { id } of page) {
      try {
        await indexInput(db, id)
        indexed++
      } catch (error) {
        // Deleted meanwhile (a consultation removed): nothing left to index.
        if (!(error instanceof DuplicateError && error.code === 'not_found')) throw error
      }
    }
    after = page[page.length - 1].id
  }
  return { indexed }
}

/**
 * Rebuilds every signature and group of a consultation from its inputs' texts, in the order the
 * inputs arrived. Inputs a moderator took out of a group stay out.
 */
export async function reindexConsultation(db: Kysely<Database>, consultationId: number): Promise<{ inputs: number; groups: number }> {
  await db.transaction().execute(async (trx) => {
    await lockConsultation(trx, consultationId)
    await trx.updateTable('inputs').set({ duplicate_group_id: null }).where('consultation_id', '=', consultationId).execute()
    await trx.deleteFrom('duplicate_groups').where('consultation_id', '=', consultationId).execute()
    await trx.deleteFrom('input_signature_bands').where('consultation_id', '=', consultationId).execute()
    await trx.deleteFrom('input_signatures').where('consultation_id', '=', consultationId).execute()
  })
  let after = 0
  let count = 0
  for (;;) {
    const batch = await db
      .selectFrom('inputs')
      .select(indexColumns)
      .where('consultation_id', '=', consultationId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(200)
      .execute()
    if (batch.length === 0) break
    await db.transaction().execute(async (trx) => {
      await lockConsultation(trx, consultationId)
      for (const input of batch) {
        // Earlier inputs of this batch may have pulled this one into a group meanwhile.
        const current = await trx.selectFrom('inputs').select(['duplicate_group_id', 'theme_id']).where('id', '=', input.id).executeTakeFirstOrThrow()
        await indexLoaded(trx, { ...input, ...current })
      }
    })
    count += batch.length
    after = batch[batch.length - 1].id
  }
  const groups = await db
    .selectFrom('duplicate_groups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirstOrThrow()
  return { inputs: count, groups: Number(groups.n) }
}

/**
 * A moderator takes an input out of its group: it stands alone from now on and is never grouped
 * automatically again. A group left with one input dissolves; a group that loses its
 * representative is represented by its next-first input.
 */
export async function ungroupInput(
  db: Kysely<Database>,
  args: { inputId: number; actorId: number | null; consultationId?: number },
): Promise<{ groupId: number; dissolved: boolean }> {
  return db.transaction().execute(async (trx) => {
    const input = await trx
      .selectFrom('inputs')
      .select(['id', 'consultation_id', 'duplicate_group_id'])
      .where('id', '=', args.inputId)
      .executeTakeFirst()
    if (!input || (args.consultationId !== undefined && input.consultation_id !== args.consultationId)) {
      throw new DuplicateError('not_found')
    }
    await lockConsultation(trx, input.consultation_id)
    const groupId = input.duplicate_group_id
    if (groupId === null) throw new DuplicateError('not_grouped')
    const group = await trx
      .selectFrom('duplicate_groups')
      .select(['id', 'representative_input_id'])
      .where('id', '=', groupId)
      .executeTakeFirstOrThrow()

    await trx.updateTable('inputs').set({ ungrouped: 1, duplicate_group_id: null }).where('id', '=', input.id).execute()
    const ownSignature = await storedSignature(trx, input.id)
    if (ownSignature) await deleteBands(trx, input.consultation_id, input.id, ownSignature)

    const rest = await trx
      .selectFrom('inputs')
      .select('id')
      .where('duplicate_group_id', '=', groupId)
      .orderBy('id')
      .limit(2)
      .execute()
    let dissolved = false
    let representative = group.representative_input_id
    if (rest.length <= 1) {
      dissolved = true
      await trx.updateTable('inputs').set({ duplicate_group_id: null }).where('duplicate_group_id', '=', groupId).execute()
      await trx.deleteFrom('duplicate_groups').where('id', '=', groupId).execute()
    } else if (representative === input.id) {
      representative = rest[0].id
      await trx.updateTable('duplicate_groups').set({ representative_input_id: representative }).where('id', '=', groupId).execute()
    }
    // Whoever now stands for the group, or alone, must be findable by the next copy.
    const findable = dissolved ? rest[0]?.id : representative
    if (findable !== undefined && findable !== group.representative_input_id) {
      const signature = await storedSignature(trx, findable)
      if (signature) await insertBands(trx, input.consultation_id, findable, signature)
    }
    await auditGrouping(trx, {
      consultationId: input.consultation_id,
      actorId: args.actorId,
      action: 'input.ungroup',
      targetType: 'input',
      targetId: input.id,
      details: { groupId, dissolved, representativeInputId: dissolved ? null : representative },
    })
    return { groupId, dissolved }
  })
}

export interface DuplicateGroupSummary {
  id: number
  size: number
  published: number
  representative: {
    id: number
    trackingNumber: string
    proposedText: string
    reason: string
    status: InputStatus
  }
}

/**
 * The consultation's groups, biggest first, each with its representative's text and its counts
 * (or just the one group `groupId`).
 */
export async function listDuplicateGroups(
  db: Db,
  consultationId: number,
  page: { offset?: number; limit?: number; groupId?: number } = {},
): Promise<{ groups: DuplicateGroupSummary[]; total: number }> {
  const limit = Math.min(Math.max(page.limit ?? 20, 1), 200)
  const offset = Math.max(page.offset ?? 0, 0)
  const sizes = db
    .selectFrom('inputs')
    .select([
      'duplicate_group_id',
      (eb) => eb.fn.countAll<number>().as('size'),
      (eb) => eb.fn.sum<number>(eb.case().when('status', '=', 'published').then(1).else(0).end()).as('published'),
    ])
    .where('consultation_id', '=', consultationId)
    .where('duplicate_group_id', page.groupId === undefined ? 'is not' : '=', page.groupId ?? null)
    .groupBy('duplicate_group_id')
    .as('sizes')
  const rows = await db
    .selectFrom('duplicate_groups')
    .innerJoin(sizes, 'sizes.duplicate_group_id', 'duplicate_groups.id')
    .innerJoin('inputs', 'inputs.id', 'duplicate_groups.representative_input_id')
    .select([
      'duplicate_groups.id',
      'sizes.size',
      'sizes.published',
      'inputs.id as input_id',
      'inputs.tracking_number',
      'inputs.proposed_text',
      'inputs.reason',
      'inputs.status',
    ])
    .where('duplicate_groups.consultation_id', '=', consultationId)
    .orderBy('sizes.size', 'desc')
    .orderBy('duplicate_groups.id')
    .limit(limit)
    .offset(offset)
    .execute()
  const total = await db
    .selectFrom('duplicate_groups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirstOrThrow()
  return {
    total: Number(total.n),
    groups: rows.map((r) => ({
      id: r.id,
      size: Number(r.size),
      published: Number(r.published ?? 0),
      representative: {
        id: r.input_id,
        trackingNumber: r.tracking_number,
        proposedText: r.proposed_text,
        reason: r.reason,
        status: r.status,
      },
    })),
  }
}

/** A group's inputs in the order they arrived, a page at a time (cursor: the last id seen). */
export async function listGroupMembers(db: Db, groupId: number, page: { after?: number; limit?: number } = {}) {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 200)
  const rows = await db
    .selectFrom('inputs')
    .select(['id', 'tracking_number', 'proposed_text', 'reason', 'status', 'display_mode', 'display_label', 'channel', 'received_at'])
    .where('duplicate_group_id', '=', groupId)
    .where('id', '>', page.after ?? 0)
    .orderBy('id')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit)
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null }
}

export async function getDuplicateGroup(db: Db, groupId: number) {
  return db
    .selectFrom('duplicate_groups')
    .select(['id', 'consultation_id', 'representative_input_id'])
    .where('id', '=', groupId)
    .executeTakeFirst()
}

/** How many published inputs share this input's group (itself included); 0 when it is in none. */
export async function publishedGroupSize(db: Db, inputId: number): Promise<number> {
  const input = await db.selectFrom('inputs').select('duplicate_group_id').where('id', '=', inputId).executeTakeFirst()
  if (!input?.duplicate_group_id) return 0
  const row = await db
    .selectFrom('inputs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('duplicate_group_id', '=', input.duplicate_group_id)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
