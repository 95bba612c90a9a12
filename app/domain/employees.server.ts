import { createHmac, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database, EmployeeClaimStatus } from '~db/schema'
import { type NipError, normaliseNip, validateNip } from '~/domain/nip'
import { addMembership } from '~/domain/policies.server'
import { POSITION_MAX, REASON_MAX, UNIT_MAX } from '~/lib/employee-schemas'
import { clockNow, nowIso } from '~/lib/time'

export { type NipCheck, type NipError, normaliseNip, validateNip } from '~/domain/nip'

type Db = Kysely<Database> | Transaction<Database>

/** Pending and approved claims are open: they hold their NIP and their place at the organisation. */
const OPEN: EmployeeClaimStatus[] = ['pending', 'approved']

// ---- The NIP hash: HMAC-SHA256 with a key that never sits beside the claims in the same row ----

const KEY_NAME = 'nip_hash_key'

/**
 * NIP_HASH_KEY when set (recommended: then a copy of the database alone cannot be used to test
 * guessed NIPs); otherwise a random key created once and kept in the database, so every instance
 * sharing that database hashes alike.
 */
export async function getNipHashKey(db: Db): Promise<string> {
  const fromEnv = process.env.NIP_HASH_KEY?.trim()
  if (fromEnv) return fromEnv
  const existing = await db.selectFrom('app_secrets').select('value').where('name', '=', KEY_NAME).executeTakeFirst()
  if (existing) return existing.value
  // Two instances starting together: the first insert wins and both read the winner back.
  await db
    .insertInto('app_secrets')
    .values({ name: KEY_NAME, value: randomBytes(32).toString('hex'), created_at: nowIso() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', KEY_NAME).executeTakeFirstOrThrow()
  return row.value
}

export async function hashNip(db: Db, nip: string): Promise<string> {
  const key = await getNipHashKey(db)
  return createHmac('sha256', key).update(normaliseNip(nip)).digest('hex')
}

// ---- Claiming ----

export type ClaimField = 'organisationId' | 'nip' | 'unit' | 'position'
export type ClaimErrorCode =
  | NipError
  | 'validation.required'
  | `validation.tooLong|${number}`
  | 'employees.claim.error.organisation'
  | 'employees.claim.error.nipTaken'
  | 'employees.claim.error.otherNip'
  | 'employees.claim.error.pending'
  | 'employees.claim.error.verified'

/** A claim refused for a reason the person can fix; `code` is a message key, `field` where to show it. */
export class ClaimRefusedError extends Error {
  constructor(
    readonly field: ClaimField,
    readonly code: ClaimErrorCode,
  ) {
    super(code)
  }
}

function checkText(field: 'unit' | 'position', value: string, max: number): string {
  const text = value.trim()
  if (!text) throw new ClaimRefusedError(field, 'validation.required')
  if (text.length > max) throw new ClaimRefusedError(field, `validation.tooLong|${max}`)
  return text
}

/**
 * A signed-in person says they work at an organisation. The NIP's structure is checked, then
 * only its keyed hash is kept. One NIP backs one account; one open claim per organisation.
 */
export async function claimEmployment(
  db: Kysely<Database>,
  input: { userId: number; organisationId: number; nip: string; unit: string; position: string; at?: string },
  now: Date = clockNow(),
): Promise<{ id: number }> {
  const checked = validateNip(input.nip, now)
  if (!checked.ok) throw new ClaimRefusedError('nip', checked.error)
  const unit = checkText('unit', input.unit, UNIT_MAX)
  const position = checkText('position', input.position, POSITION_MAX)
  const nipHash = await hashNip(db, checked.nip)
  const at = input.at ?? now.toISOString()

  try {
    return await db.transaction().execute(async (trx) => {
      const organisation = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', input.organisationId)
        .executeTakeFirst()
      if (!organisation) throw new ClaimRefusedError('organisationId', 'employees.claim.error.organisation')

      const open = await trx
        .selectFrom('employee_claims')
        .select(['status', 'nip_hash', 'organisation_id'])
        .where('user_id', '=', input.userId)
        .where('status', 'in', OPEN)
        .execute()
      const here = open.find((c) => c.organisation_id === input.organisationId)
      if (here) {
        throw new ClaimRefusedError(
          'organisationId',
          here.status === 'approved' ? 'employees.claim.error.verified' : 'employees.claim.error.pending',
        )
      }
      // A person has one NIP: an account may not back its open claims with two different ones.
      if (open.some((c) => c.nip_hash !== nipHash)) throw new ClaimRefusedError('nip', 'employees.claim.error.otherNip')

      await takeNip(trx, nipHash, input.userId, at)

      return trx
        .insertInto('employee_claims')
        .values({
          user_id: input.userId,
          organisation_id: input.organisationId,
          nip_hash: nipHash,
          unit,
          position,
          status: 'pending',
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    })
  } catch (error) {
    // The same person submitting twice at once: the partial unique index decides.
    if (!(error instanceof ClaimRefusedError) && /unique|duplicate key/i.test((error as Error).message)) {
      throw new ClaimRefusedError('organisationId', 'employees.claim.error.pending')
    }
    throw error
  }
}

/**
 * Binds the NIP hash to this account. Another account keeps it while it has an open claim with
 * it; once all of those were rejected or withdrawn, the NIP is free again.
 */
async function takeNip(trx: Transaction<Database>, nipHash: string, userId: number, at: string) {
  await trx
    .insertInto('employee_nip_holders')
    .values({ nip_hash: nipHash, user_id: userId, created_at: at })
    .onConflict((oc) => oc.column('nip_hash').doNothing())
    .execute()
  const holder = await trx
    .selectFrom('employee_nip_holders')
    .select('user_id')
    .where('nip_hash', '=', nipHash)
    .executeTakeFirstOrThrow()
  if (holder.user_id === userId) return
  const stillUsed = await trx
    .selectFrom('employee_claims')
    .select('id')
    .where('nip_hash', '=', nipHash)
    .where('user_id', '=', holder.user_id)
    .where('status', 'in', OPEN)
    .executeTakeFirst()
  if (stillUsed) throw new ClaimRefusedError('nip', 'employees.claim.error.nipTaken')
  // Compare-and-set: if another account took the NIP meanwhile, nothing is updated.
  const moved = await trx
    .updateTable('employee_nip_holders')
    .set({ user_id: userId, created_at: at })
    .where('nip_hash', '=', nipHash)
    .where('user_id', '=', holder.user_id)
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) throw new ClaimRefusedError('nip', 'employees.claim.error.nipTaken')
}

/** A person takes back a claim nobody has decided yet (a typo in the NIP, the wrong organisation). */
export async function withdrawClaim(db: Db, input: { claimId: number; userId: number }): Promise<boolean> {
  const result = await db
    .deleteFrom('employee_claims')
    .where('id', '=', input.claimId)
    .where('user_id', '=', input.userId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

// ---- Deciding ----

export type DecisionErrorCode =
  | 'employees.decide.error.notFound'
  | 'employees.decide.error.alreadyDecided'
  | 'employees.decide.error.reasonRequired'
  | 'employees.decide.error.ownClaim'
  | `validation.tooLong|${number}`

export class DecisionError extends Error {
  constructor(readonly code: DecisionErrorCode) {
    super(code)
  }
}

/** The claim an admin is about to decide, to check it belongs to the organisation they manage. */
export async function getClaim(db: Db, claimId: number) {
  return db
    .selectFrom('employee_claims')
    .innerJoin('users', 'users.id', 'employee_claims.user_id')
    .select([
      'employee_claims.id',
      'employee_claims.user_id',
      'employee_claims.organisation_id',
      'employee_claims.status',
      'users.display_name',
    ])
    .where('employee_claims.id', '=', claimId)
    .executeTakeFirst()
}

/**
 * An organisation admin approves (the person becomes the organisation's `employee`) or rejects
 * (with a reason the person will read) a pending claim. The caller checks `employee.verify`.
 */
export async function decideClaim(
  db: Kysely<Database>,
  input: { claimId: number; actorId: number; approve: boolean; reason?: string; at?: string },
): Promise<{ id: number; status: EmployeeClaimStatus; userId: number; organisationId: number }> {
  const reason = (input.reason ?? '').trim()
  if (!input.approve && !reason) throw new DecisionError('employees.decide.error.reasonRequired')
  if (reason.length > REASON_MAX) throw new DecisionError(`validation.tooLong|${REASON_MAX}`)
  const at = input.at ?? nowIso()
  const status: EmployeeClaimStatus = input.approve ? 'approved' : 'rejected'
  return db.transaction().execute(async (trx) => {
    const claim = await trx
      .selectFrom('employee_claims')
      .select(['id', 'user_id', 'organisation_id', 'status'])
      .where('id', '=', input.claimId)
      .executeTakeFirst()
    if (!claim) throw new DecisionError('employees.decide.error.notFound')
    if (claim.user_id === input.actorId) throw new DecisionError('employees.decide.error.ownClaim')
    if (claim.status !== 'pending') throw new DecisionError('employees.decide.error.alreadyDecided')
    // Only a still-pending claim changes, so two admins deciding at once cannot both win.
    const updated = await trx
      .updateTable('employee_claims')
      .set({ status, decision_reason: reason, decided_by: input.actorId, decided_at: at })
      .where('id', '=', claim.id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new DecisionError('employees.decide.error.alreadyDecided')
    if (input.approve) await addMembership(trx, claim.organisation_id, claim.user_id, 'employee')
    return { id: claim.id, status, userId: claim.user_id, organisationId: claim.organisation_id }
  })
}

// ---- Reading ----

/** An organisation's claims: pending ones oldest first (a queue), decided ones newest first. */
export async function listClaims(
  db: Db,
  organisationId: number,
  status?: EmployeeClaimStatus | 'decided',
  options: { limit?: number } = {},
) {
  let query = db
    .selectFrom('employee_claims')
    .innerJoin('users as claimant', 'claimant.id', 'employee_claims.user_id')
    .leftJoin('users as decider', 'decider.id', 'employee_claims.decided_by')
    .select([
      'employee_claims.id',
      'employee_claims.unit',
      'employee_claims.position',
      'employee_claims.status',
      'employee_claims.decision_reason',
      'employee_claims.created_at',
      'employee_claims.decided_at',
      'claimant.display_name',
      'claimant.email',
      'decider.display_name as decided_by_name',
    ])
    .where('employee_claims.organisation_id', '=', organisationId)
  if (status === 'decided') query = query.where('employee_claims.status', 'in', ['approved', 'rejected'])
  else if (status) query = query.where('employee_claims.status', '=', status)
  query =
    status === 'pending'
      ? query.orderBy('employee_claims.created_at', 'asc').orderBy('employee_claims.id', 'asc')
      : query.orderBy('employee_claims.decided_at', 'desc').orderBy('employee_claims.created_at', 'desc').orderBy('employee_claims.id', 'desc')
  if (options.limit) query = query.limit(options.limit)
  return query.execute()
}

export async function countPendingClaims(db: Db, organisationIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>()
  if (organisationIds.length === 0) return counts
  const rows = await db
    .selectFrom('employee_claims')
    .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organisation_id', 'in', organisationIds)
    .where('status', '=', 'pending')
    .groupBy('organisation_id')
    .execute()
  for (const row of rows) counts.set(row.organisation_id, Number(row.n))
  return counts
}

/** A person's own claims, newest first; the NIP hash is never part of it. */
export async function listMyClaims(db: Db, userId: number) {
  return db
    .selectFrom('employee_claims')
    .innerJoin('organisations', 'organisations.id', 'employee_claims.organisation_id')
    .select([
      'employee_claims.id',
      'employee_claims.unit',
      'employee_claims.position',
      'employee_claims.status',
      'employee_claims.decision_reason',
      'employee_claims.created_at',
      'employee_claims.decided_at',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'organisations.time_zone',
    ])
    .where('employee_claims.user_id', '=', userId)
    .orderBy('employee_claims.created_at', 'desc')
    .orderBy('employee_claims.id', 'desc')
    .execute()
}

/**
 * "ASN, BKPSDM Kota Sawahlunto": the unit, then the organisation without a leading "Pemerintah ".
 * A unit that ends with the word the organisation starts with ("Kantor Kecamatan" + "Kecamatan
 * Plaju, …") says it once; a unit that already names the place is used as typed.
 */
export function verifiedRoleLabel(unit: string, organisationName: string): string {
  const place = organisationName.replace(/^Pemerintah\s+/i, '').trim()
  const u = unit.trim()
  if (u.toLowerCase().includes(place.split(',')[0].toLowerCase())) return `ASN, ${u}`
  const lastWord = u.split(/\s+/).at(-1) ?? ''
  const firstWord = place.split(/\s+/)[0] ?? ''
  if (lastWord && lastWord.toLowerCase() === firstWord.toLowerCase()) {
    return `ASN, ${u} ${place.slice(firstWord.length).trim()}`
  }
  return `ASN, ${u} ${place}`
}

/**
 * The role a verified employee speaks with at an organisation, or null when they are not one:
 * an approved claim and the `employee` membership it gave.
 */
export async function getVerifiedRole(db: Db, userId: number, organisationId: number): Promise<string | null> {
  const row = await db
    .selectFrom('employee_claims')
    .innerJoin('organisations', 'organisations.id', 'employee_claims.organisation_id')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'employee_claims.user_id')
        .onRef('memberships.organisation_id', '=', 'employee_claims.organisation_id')
        .on('memberships.role', '=', 'employee'),
    )
    .select(['employee_claims.unit', 'organisations.name'])
    .where('employee_claims.user_id', '=', userId)
    .where('employee_claims.organisation_id', '=', organisationId)
    .where('employee_claims.status', '=', 'approved')
    .orderBy('employee_claims.decided_at', 'desc')
    .executeTakeFirst()
  return row ? verifiedRoleLabel(row.unit, row.name) : null
}

/** Organisations a person can claim to work at, for the claim form's list. */
export async function listOrganisationChoices(db: Db) {
  return db.selectFrom('organisations').select(['id', 'slug', 'name']).orderBy('name').execute()
}

export async function getOrganisationBySlug(db: Db, slug: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'slug', 'name', 'kind', 'time_zone'])
    .where('slug', '=', slug)
    .executeTakeFirst()
}

/** The organisations a person belongs to and their roles there, for the account page. */
export async function listMemberships(db: Db, userId: number) {
  return db
    .selectFrom('memberships')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisation_id')
    .select(['organisations.id', 'organisations.slug', 'organisations.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('organisations.name')
    .execute()
}
