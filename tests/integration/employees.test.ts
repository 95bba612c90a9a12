import { createHash, createHmac } from 'node:crypto'
import type { Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import type { Database } from '~db/schema'
import {
  ClaimRefusedError,
  DecisionError,
  claimEmployment,
  decideClaim,
  getNipHashKey,
  getVerifiedRole,
  hashNip,
  listClaims,
  listMyClaims,
  verifiedRoleLabel,
  withdrawClaim,
} from '~/domain/employees.server'
import { loadActor } from '~/domain/permissions.server'
import { createOrganisation } from '~/domain/policies.server'
import { REGIONS, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { nowIso } from '~/lib/clock'

const NIP = '198503122010011002'
const NIP_SPACED = '19850312 201001 1 002'
const OTHER_NIP = '199001012015022003'

async function addUser(db: Kysely<Database>, name: string) {
  const row = await db
    .insertInto('users')
    .values({ email: `${name.toLowerCase()}@contoh.id`, display_name: name, password_hash: 'x', created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof ClaimRefusedError) return `${error.field}: ${error.code}`
    if (error instanceof DecisionError) return error.code
    throw error
  }
  return 'accepted'
}

describe.each(dialects)('employee verification on %s', (dialect) => {
  let t: TestDb
  let db: Kysely<Database>
  let sawahlunto: number
  let plaju: number
  let budi: number
  let sari: number
  let admin: number

  beforeEach(async () => {
    t = await createTestDb(dialect)
    db = t.db
    sawahlunto = (await createOrganisation(db, { slug: 'sawahlunto', name: 'Pemerintah Kota Sawahlunto', kind: 'kota', timeZone: 'Asia/Jakarta' })).id
    plaju = (await createOrganisation(db, { slug: 'plaju', name: 'Kecamatan Plaju, Kota Palembang', kind: 'kecamatan', timeZone: 'Asia/Jakarta' })).id
    budi = await addUser(db, 'Budi')
    sari = await addUser(db, 'Sari')
    admin = await addUser(db, 'Admin')
  })
  afterEach(async () => {
    vi.unstubAllEnvs()
    await t.destroy()
  })

  const claim = (userId: number, organisationId: number, nip = NIP, unit = 'BKPSDM', position = 'Analis SDM Aparatur') =>
    claimEmployment(db, { userId, organisationId, nip, unit, position })

  test('a claim is stored pending with a keyed hash of the NIP and never the NIP itself', async () => {
    const { id } = await claim(budi, sawahlunto, NIP_SPACED, '  BKPSDM ', ' Analis SDM Aparatur ')
    const row = await db.selectFrom('employee_claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ user_id: budi, organisation_id: sawahlunto, unit: 'BKPSDM', position: 'Analis SDM Aparatur', status: 'pending' })
    expect(row.nip_hash).toMatch(/^[0-9a-f]{64}$/)

    // Keyed: the hash is HMAC-SHA256 under the stored key, not a plain SHA-256 anyone could recompute.
    const key = await getNipHashKey(db)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(row.nip_hash).toBe(createHmac('sha256', key).update(NIP).digest('hex'))
    expect(row.nip_hash).not.toBe(createHash('sha256').update(NIP).digest('hex'))

    // No stored value anywhere in the claim's tables holds the NIP or any run of its digits.
    const everything = [
      ...(await db.selectFrom('employee_claims').selectAll().execute()),
      ...(await db.selectFrom('employee_nip_holders').selectAll().execute()),
      ...(await db.selectFrom('app_secrets').selectAll().execute()),
      ...(await db.selectFrom('memberships').selectAll().execute()),
      ...(await db.selectFrom('users').selectAll().execute()),
    ]
    const text = JSON.stringify(everything)
    expect(text).not.toContain(NIP)
    for (const part of ['19850312', '201001', '1985031220']) expect(text).not.toContain(part)
  })

  test('the hash key is made once and shared; NIP_HASH_KEY replaces it when set', async () => {
    const [a, b] = await Promise.all([getNipHashKey(db), getNipHashKey(db)])
    expect(a).toBe(b)
    expect(await getNipHashKey(db)).toBe(a)
    expect(await countRows(db, 'app_secrets')).toBe(1)
    const fromDatabase = await hashNip(db, NIP)
    vi.stubEnv('NIP_HASH_KEY', 'kunci-rahasia-dari-lingkungan-yang-panjang')
    expect(await hashNip(db, NIP)).toBe(createHmac('sha256', 'kunci-rahasia-dari-lingkungan-yang-panjang').update(NIP).digest('hex'))
    expect(await hashNip(db, NIP)).not.toBe(fromDatabase)
    expect(await hashNip(db, NIP_SPACED)).toBe(await hashNip(db, NIP))
  })

  test('a NIP already backing another account is refused, however it is spaced', async () => {
    await claim(budi, sawahlunto)
    expect(await refusal(claim(sari, sawahlunto, NIP_SPACED))).toBe('nip: employees.claim.error.nipTaken')
    expect(await refusal(claim(sari, plaju))).toBe('nip: employees.claim.error.nipTaken')
    expect(await countRows(db, 'employee_claims')).toBe(1)
  })

  test('two accounts racing for one NIP: exactly one wins', async () => {
    const results = await Promise.allSettled([claim(budi, sawahlunto), claim(sari, plaju), claim(admin, sawahlunto)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as ClaimRefusedError).code).toBe('employees.claim.error.nipTaken')
    }
    expect(await countRows(db, 'employee_claims')).toBe(1)
  })

  test('one open claim per person and organisation; a person keeps one NIP across organisations', async () => {
    await claim(budi, sawahlunto)
    expect(await refusal(claim(budi, sawahlunto))).toBe('organisationId: employees.claim.error.pending')
    expect(await refusal(claim(budi, plaju, OTHER_NIP))).toBe('nip: employees.claim.error.otherNip')
    expect(await refusal(claim(budi, plaju, NIP, 'Kantor Kecamatan'))).toBe('accepted')
    expect(await countRows(db, 'employee_claims')).toBe(2)
  })

  test('the same person submitting twice at once gets one claim', async () => {
    const results = await Promise.allSettled([claim(budi, sawahlunto), claim(budi, sawahlunto)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(await countRows(db, 'employee_claims')).toBe(1)
  })

  test('a bad NIP, an unknown organisation or an empty unit changes nothing', async () => {
    expect(await refusal(claim(budi, sawahlunto, '198503122010013002'))).toBe('nip: employees.nip.sex')
    expect(await refusal(claim(budi, sawahlunto, '3275014501850001'))).toBe('nip: employees.nip.tooShort')
    expect(await refusal(claim(budi, 9999))).toBe('organisationId: employees.claim.error.organisation')
    expect(await refusal(claim(budi, sawahlunto, NIP, '   '))).toBe('unit: validation.required')
    expect(await refusal(claim(budi, sawahlunto, NIP, 'BKPSDM', 'x'.repeat(121)))).toBe('position: validation.tooLong|120')
    expect(await countRows(db, 'employee_claims')).toBe(0)
    expect(await countRows(db, 'employee_nip_holders')).toBe(0)
  })

  test('approving adds the employee membership and gives the verified role', async () => {
    const { id } = await claim(budi, sawahlunto)
    expect(await getVerifiedRole(db, budi, sawahlunto)).toBeNull()
    const decided = await decideClaim(db, { claimId: id, actorId: admin, approve: true })
    expect(decided).toEqual({ id, status: 'approved', userId: budi, organisationId: sawahlunto })
    const actor = await loadActor(db, budi)
    expect(actor?.memberships).toEqual([{ organisationId: sawahlunto, role: 'employee' }])
    expect(await getVerifiedRole(db, budi, sawahlunto)).toBe('ASN, BKPSDM Kota Sawahlunto')
    expect(await getVerifiedRole(db, budi, plaju)).toBeNull()
    expect(await getVerifiedRole(db, sari, sawahlunto)).toBeNull()
    const row = await db.selectFrom('employee_claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.decided_by).toBe(admin)
    expect(row.decided_at).toMatch(/^\d{4}-\d\d-\d\dT/)
    // Already verified: no second claim here.
    expect(await refusal(claim(budi, sawahlunto))).toBe('organisationId: employees.claim.error.verified')
  })

  test('the verified role reads naturally for a kecamatan office', async () => {
    const { id } = await claim(sari, plaju, OTHER_NIP, 'Kantor Kecamatan')
    await decideClaim(db, { claimId: id, actorId: admin, approve: true })
    expect(await getVerifiedRole(db, sari, plaju)).toBe('ASN, Kantor Kecamatan Plaju, Kota Palembang')
  })

  test('without its employee membership an approved claim gives no verified role', async () => {
    const { id } = await claim(budi, sawahlunto)
    await decideClaim(db, { claimId: id, actorId: admin, approve: true })
    await db.deleteFrom('memberships').where('user_id', '=', budi).execute()
    expect(await getVerifiedRole(db, budi, sawahlunto)).toBeNull()
  })

  test('rejecting needs a reason, adds no membership, and frees the NIP', async () => {
    const { id } = await claim(budi, sawahlunto)
    expect(await refusal(decideClaim(db, { claimId: id, actorId: admin, approve: false, reason: '  ' }))).toBe(
      'employees.decide.error.reasonRequired',
    )
    expect((await listClaims(db, sawahlunto, 'pending')).map((c) => c.id)).toEqual([id])
    await decideClaim(db, { claimId: id, actorId: admin, approve: false, reason: 'Nama tidak ada dalam data pegawai BKPSDM.' })
    const [mine] = await listMyClaims(db, budi)
    expect(mine).toMatchObject({ status: 'rejected', decision_reason: 'Nama tidak ada dalam data pegawai BKPSDM.' })
    expect(mine).not.toHaveProperty('nip_hash')
    expect(await countRows(db, 'memberships')).toBe(0)
    expect(await getVerifiedRole(db, budi, sawahlunto)).toBeNull()
    // Deciding again is refused; the NIP may now back the account of its real holder.
    expect(await refusal(decideClaim(db, { claimId: id, actorId: admin, approve: true }))).toBe('employees.decide.error.alreadyDecided')
    expect(await refusal(claim(sari, sawahlunto))).toBe('accepted')
    // …and the rejected person may not take it back while Sari's claim is open.
    expect(await refusal(claim(budi, sawahlunto))).toBe('nip: employees.claim.error.nipTaken')
  })

  test('nobody decides their own claim; unknown claims are reported', async () => {
    const { id } = await claim(admin, sawahlunto)
    expect(await refusal(decideClaim(db, { claimId: id, actorId: admin, approve: true }))).toBe('employees.decide.error.ownClaim')
    expect(await refusal(decideClaim(db, { claimId: 9999, actorId: admin, approve: true }))).toBe('employees.decide.error.notFound')
  })

  test('a pending claim can be withdrawn by its owner only, and frees the NIP', async () => {
    const { id } = await claim(budi, sawahlunto)
    expect(await withdrawClaim(db, { claimId: id, userId: sari })).toBe(false)
    expect(await withdrawClaim(db, { claimId: id, userId: budi })).toBe(true)
    expect(await countRows(db, 'employee_claims')).toBe(0)
    const again = await claim(sari, sawahlunto)
    await decideClaim(db, { claimId: again.id, actorId: admin, approve: true })
    expect(await withdrawClaim(db, { claimId: again.id, userId: sari })).toBe(false)
  })

  test('lists: the queue oldest first, decisions newest first, each person their own', async () => {
    const first = await claimEmployment(db, { userId: budi, organisationId: sawahlunto, nip: NIP, unit: 'BKPSDM', position: 'Analis', at: '2026-11-01T00:00:00.000Z' })
    const second = await claimEmployment(db, { userId: sari, organisationId: sawahlunto, nip: OTHER_NIP, unit: 'Dinas Pendidikan', position: 'Guru', at: '2026-11-02T00:00:00.000Z' })
    expect((await listClaims(db, sawahlunto, 'pending')).map((c) => [c.id, c.display_name, c.email])).toEqual([
      [first.id, 'Budi', 'budi@contoh.id'],
      [second.id, 'Sari', 'sari@contoh.id'],
    ])
    await decideClaim(db, { claimId: second.id, actorId: admin, approve: true, at: '2026-11-03T00:00:00.000Z' })
    await decideClaim(db, { claimId: first.id, actorId: admin, approve: false, reason: 'Bukan pegawai kami.', at: '2026-11-04T00:00:00.000Z' })
    const decided = await listClaims(db, sawahlunto, 'decided')
    expect(decided.map((c) => [c.id, c.status, c.decided_by_name])).toEqual([
      [first.id, 'rejected', 'Admin'],
      [second.id, 'approved', 'Admin'],
    ])
    expect(await listClaims(db, sawahlunto, 'pending')).toEqual([])
    expect(await listClaims(db, plaju)).toEqual([])
    expect((await listMyClaims(db, sari)).map((c) => [c.organisation_name, c.status])).toEqual([['Pemerintah Kota Sawahlunto', 'approved']])
  })
})

test('the verified role label drops "Pemerintah" and never repeats the place', () => {
  expect(verifiedRoleLabel('BKPSDM', 'Pemerintah Kota Sawahlunto')).toBe('ASN, BKPSDM Kota Sawahlunto')
  expect(verifiedRoleLabel('Kantor Kecamatan', 'Kecamatan Mulyorejo, Kota Surabaya')).toBe('ASN, Kantor Kecamatan Mulyorejo, Kota Surabaya')
  expect(verifiedRoleLabel('BKPSDM Kota Sawahlunto', 'Pemerintah Kota Sawahlunto')).toBe('ASN, BKPSDM Kota Sawahlunto')
  expect(verifiedRoleLabel('Dinas Pendidikan', 'Pemerintah Kabupaten Mamuju')).toBe('ASN, Dinas Pendidikan Kabupaten Mamuju')
})

describe.each(dialects)('demo civil servants on %s', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'))
  })
  afterAll(async () => {
    await t.destroy()
  })

  test('every asn.<region> account is verified at its region by its admin; the citizen is not', async () => {
    const users = await t.db.selectFrom('users').select(['id', 'email']).execute()
    const id = (email: string) => users.find((u) => u.email === email)!.id
    const orgs = await t.db.selectFrom('organisations').select(['id', 'slug']).execute()
    const expected: Record<string, string> = {
      mamuju: 'ASN, BKPSDM Kabupaten Mamuju',
      tanjungbalai: 'ASN, BKPSDM Kota Tanjungbalai',
      plaju: 'ASN, Kantor Kecamatan Plaju, Kota Palembang',
      mulyorejo: 'ASN, Kantor Kecamatan Mulyorejo, Kota Surabaya',
      sawahlunto: 'ASN, BKPSDM Kota Sawahlunto',
    }
    for (const region of REGIONS) {
      const org = orgs.find((o) => o.slug === region.slug)!
      expect(await getVerifiedRole(t.db, id(`asn.${region.slug}@rembuk.test`), org.id)).toBe(expected[region.slug])
      const [decided] = await listClaims(t.db, org.id, 'decided')
      expect(decided.decided_by_name).toMatch(/^Admin /)
      expect(await listClaims(t.db, org.id, 'pending')).toEqual([])
      expect(await getVerifiedRole(t.db, id('warga@rembuk.test'), org.id)).toBeNull()
    }
    expect(await listMyClaims(t.db, id('warga@rembuk.test'))).toEqual([])
    expect(await countRows(t.db, 'employee_claims')).toBe(REGIONS.length)
    // Claims and memberships agree: one employee membership per approved claim, nothing doubled.
    const employees = await t.db.selectFrom('memberships').select(['user_id', 'organisation_id']).where('role', '=', 'employee').execute()
    expect(employees).toHaveLength(REGIONS.length)
  })
})
