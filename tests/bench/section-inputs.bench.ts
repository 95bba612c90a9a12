// Benchmark: does a section with 100,000 published inputs load as fast as one with ten?
// Run on demand: `npm run bench` (SQLite), or with TEST_DATABASE_URL=postgres://… for PostgreSQL.
// Reports medians and the ratio big/small measured side by side in one run.
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { createConsultation } from '~/domain/consultations.server'
import { listPublishedInputs, sectionInputCounts } from '~/domain/inputs.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { seedDemo } from '~db/seed/demo'
import { createTestDb } from '../db'
import { clockNow } from '~/lib/clock'

const BIG = Number(process.env.BENCH_INPUTS ?? 100_000)
const SMALL = 10
const ROUNDS = 200

async function main() {
  const dialect = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'
  const t = await createTestDb(dialect)
  try {
    await seedDemo(t.db, clockNow(), { consultations: false })
    const policy = (await getPolicyBySlug(t.db, 'kebijakan-kepegawaian-asn-mamuju'))!
    const versionId = policy.current_version_id!
    const now = clockNow()
    const { id: consultationId } = await createConsultation(t.db, {
      policyId: policy.id,
      versionId,
      title: 'Bench',
      description: '',
      opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
      closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
      audience: 'public',
      moderation: 'post',
      topics: ['rekrutmen', 'kinerja'],
      actorId: null,
    })
    const started = performance.now()
    const row = (i: number, section: string) => ({
      // Unique, not random: the benchmark measures reading, not numbering.
      tracking_number: `B${String(i).padStart(8, '0')}`,
      consultation_id: consultationId,
      policy_id: policy.id,
      version_id: versionId,
      section_key: section,
      kind: (i % 6 === 0 ? 'support' : 'change') as 'support' | 'change',
      proposed_text: `Usulan rumusan nomor ${i} untuk bagian ini.`,
      reason: `Alasan masukan nomor ${i}: agar proses lebih terbuka dan akuntabel.`,
      topic: i % 2 ? 'rekrutmen' : 'kinerja',
      display_mode: 'name' as const,
      display_label: `Warga ${i}`,
      user_id: null,
      channel: 'online' as const,
      submitter_name: '',
      submitter_contact: '',
      group_name: '',
      group_type: '' as const,
      status: 'published' as const,
      received_at: now.toISOString(),
      created_at: now.toISOString(),
      published_at: now.toISOString(),
    })
    for (let start = 0; start < BIG; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, BIG - start) }, (_, k) => row(start + k, 'proses-penyusunan-kebijakan'))
      await t.db.insertInto('inputs').values(batch).execute()
    }
    await t.db.insertInto('inputs').values(Array.from({ length: SMALL }, (_, k) => row(BIG + k, 'kesimpulan'))).execute()
    await t.db
      .insertInto('section_input_counts')
      .values([
        { version_id: versionId, section_key: 'proses-penyusunan-kebijakan', published: BIG },
        { version_id: versionId, section_key: 'kesimpulan', published: SMALL },
      ])
      .execute()
    // As autovacuum would after a bulk load: fresh planner statistics.
    if (dialect === 'postgres') await sql`analyze inputs`.execute(t.db)
    else await sql`analyze`.execute(t.db)
    console.log(`${dialect}: inserted ${BIG + SMALL} inputs in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const deepCursor = (await t.db
      .selectFrom('inputs')
      .select('id')
      .where('section_key', '=', 'proses-penyusunan-kebijakan')
      .orderBy('id')
      .limit(1)
      .offset(Math.floor(BIG / 2))
      .executeTakeFirstOrThrow()).id

    const cases: Record<string, () => Promise<unknown>> = {
      'small section, first page': () => listPublishedInputs(t.db, { policyId: policy.id, versionId, sectionKey: 'kesimpulan' }),
      'big section, first page': () => listPublishedInputs(t.db, { policyId: policy.id, versionId, sectionKey: 'proses-penyusunan-kebijakan' }),
      'big section, page in the middle': () =>
        listPublishedInputs(t.db, { policyId: policy.id, versionId, sectionKey: 'proses-penyusunan-kebijakan', before: deepCursor }),
      'big section, filtered by kind': () =>
        listPublishedInputs(t.db, { policyId: policy.id, versionId, sectionKey: 'proses-penyusunan-kebijakan', kind: 'support' }),
      'counts per section': () => sectionInputCounts(t.db, versionId),
    }
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
    // Interleaved rounds, so a noisy moment hurts every case alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, run] of Object.entries(cases)) {
        const s = performance.now()
        await run()
        samples[name].push(performance.now() - s)
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const base = median(samples['small section, first page'])
    console.log(`median over ${ROUNDS} interleaved rounds (ratio to the ${SMALL}-input section's first page):`)
    for (const [name, xs] of Object.entries(samples)) {
      console.log(`  ${name.padEnd(34)} ${median(xs).toFixed(3)} ms  ×${(median(xs) / base).toFixed(2)}`)
    }
  } finally {
    await t.destroy()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
