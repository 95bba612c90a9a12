import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { changeStage, getPolicyReading, listOrganisationsWithPolicies, listPolicyEvents } from '~/domain/policies.server'
import { signIn } from '~/domain/auth.server'
import { DEMO_PASSWORD, REGIONS, demoAccounts, seedDemo } from '~db/seed/demo'
import { migrations } from '~db/migrations/index'
import { type TestDb, countRows, createTestDb, dialects } from '../db'

describe.each(dialects)('demo regions and reading on %s', (dialect) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'))
  })
  afterEach(async () => {
    await t.destroy()
  })

  test('the demo seed creates the five regions with their kinds and zones, each with a policy', async () => {
    const orgs = await listOrganisationsWithPolicies(t.db)
    expect(orgs.map((o) => [o.slug, o.kind, o.time_zone]).sort()).toEqual(
      REGIONS.map((r) => [r.slug, r.kind, r.timeZone]).sort(),
    )
    for (const org of orgs) {
      expect(org.policies).toHaveLength(1)
      expect(org.policies[0].version_number).toBe(1)
    }
  })

  test('each first version is built from the region text, headings as sections', async () => {
    const reading = await getPolicyReading(t.db, 'kebijakan-kepegawaian-asn-mamuju', null)
    expect(reading?.policy.title).toBe('Penyusunan Kebijakan Kepegawaian ASN di Mamuju')
    expect(reading?.policy.time_zone).toBe('Asia/Makassar')
    expect(reading?.sections.map((s) => s.key)).toEqual([
      'pendahuluan',
      'tujuan-penyusunan-kebijakan',
      'proses-penyusunan-kebijakan',
      'implementasi-kebijakan',
      'evaluasi-dan-perbaikan-berkelanjutan',
      'kesimpulan',
    ])
    const sawahlunto = await getPolicyReading(t.db, 'kebijakan-pengelolaan-kinerja-asn-sawahlunto', 1)
    expect(sawahlunto?.sections.at(-1)?.body).not.toMatch(/Leave a Reply|email address/)
  })

  test('demo accounts exist for each role and sign in with the demo password', async () => {
    const accounts = demoAccounts()
    expect(await countRows(t.db, 'users')).toBe(accounts.length)
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(['platform admin', 'citizen', 'admin', 'moderator', 'employee']))
    const result = await signIn(t.db, { email: 'moderator.mamuju@rembuk.test', password: DEMO_PASSWORD, address: null })
    expect(result.ok).toBe(true)
    expect(await countRows(t.db, 'memberships')).toBe(REGIONS.length * 3)
  })

  test('the demo seed fills only an empty database', async () => {
    expect(await seedDemo(t.db)).toEqual({ seeded: false })
    expect(await countRows(t.db, 'organisations')).toBe(5)
  })

  test('stage changes are recorded on the policy timeline', async () => {
    const reading = (await getPolicyReading(t.db, 'kebijakan-kepegawaian-asn-tanjungbalai', null))!
    expect(await changeStage(t.db, { policyId: reading.policy.id, to: 'pembahasan', actorId: null })).toBe(true)
    expect(await changeStage(t.db, { policyId: reading.policy.id, to: 'pembahasan', actorId: null })).toBe(false)
    const events = await listPolicyEvents(t.db, reading.policy.id)
    expect(events.map((e) => [e.kind, e.to_stage ?? e.version_number])).toEqual([
      ['created', 'penyusunan'],
      ['version_published', 1],
      ['stage_changed', 'konsultasi_publik'],
      ['stage_changed', 'pembahasan'],
    ])
  })

  test('unknown policies and versions read as nothing', async () => {
    expect(await getPolicyReading(t.db, 'tidak-ada', null)).toBeNull()
    expect(await getPolicyReading(t.db, 'kebijakan-kepegawaian-asn-mamuju', 2)).toBeNull()
  })
})

describe.each(dialects)('migrations on %s', (dialect) => {
  test('every migration goes down again cleanly', async () => {
    const t = await createTestDb(dialect)
    try {
      for (const name of Object.keys(migrations).reverse()) await migrations[name].down!(t.db)
      await expect(t.db.selectFrom('users').select('id').execute()).rejects.toThrow()
    } finally {
      await t.destroy()
    }
  })

})

test('SQLite runs in WAL mode with foreign keys enforced', async () => {
  const t = await createTestDb('sqlite')
  try {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.db)
    expect(mode.rows[0].journal_mode).toBe('wal')
    await expect(
      t.db.insertInto('memberships').values({ organisation_id: 999, user_id: 999, role: 'admin', created_at: 'x' }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/)
  } finally {
    await t.destroy()
  }
})
