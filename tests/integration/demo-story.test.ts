import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getMatrix } from '~/domain/matrix.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getPolicyTimeline } from '~/domain/redline.server'
import { findLaterChange, listChangeCitations } from '~/domain/revisions.server'
import { seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('the demo story on %s', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T05:00:00.000Z'), { story: true })
  })
  afterAll(async () => {
    await t.destroy()
  })

  test("Mamuju's first consultation is moderated, grouped, answered and written into version 2", async () => {
    const policy = (await getPolicyBySlug(t.db, MAMUJU))!
    const versions = await t.db.selectFrom('policy_versions').select(['id', 'number', 'status']).where('policy_id', '=', policy.id).orderBy('number').execute()
    expect(versions.map((v) => [v.number, v.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ])
    expect(policy.current_version_id).toBe(versions[1].id)

    const first = (await t.db.selectFrom('consultations').select('id').where('version_id', '=', versions[0].id).executeTakeFirstOrThrow()).id
    const inputs = await t.db.selectFrom('inputs').selectAll().where('consultation_id', '=', first).execute()
    // Nothing dropped: the campaign is one group of four, the spam is hidden with its reason, the complaint marked.
    const groups = new Map<number, number>()
    for (const i of inputs) if (i.duplicate_group_id) groups.set(i.duplicate_group_id, (groups.get(i.duplicate_group_id) ?? 0) + 1)
    expect([...groups.values()]).toEqual([4])
    expect(inputs.filter((i) => i.status === 'hidden').map((i) => i.hidden_reason)).toEqual(['spam'])
    expect(inputs.filter((i) => i.is_complaint).length).toBe(1)

    // Every published input on the draft has a decision, in the public matrix.
    const { rows } = await getMatrix(t.db, { consultationId: first }, { limit: 100 })
    const decisions = rows.filter((r) => r.type !== 'complaint').map((r) => r.decision)
    expect(decisions.length).toBeGreaterThan(0)
    expect(decisions.filter((d) => d === null)).toEqual([])
    expect(new Set(decisions)).toEqual(new Set(['diterima', 'diterima_sebagian', 'sudah_diakomodasi', 'dicatat']))

    const themes = await t.db.selectFrom('themes').select(['id', 'summary']).where('consultation_id', '=', first).execute()
    expect(themes).toHaveLength(3)
    const cited = await t.db.selectFrom('theme_citations').select('theme_id').distinct().execute()
    expect(cited).toHaveLength(3)

    // Version 2's changes cite the themes and inputs behind them…
    const citations = await listChangeCitations(t.db, [versions[1].id])
    expect(Object.keys(citations).sort()).toEqual([
      'implementasi-kebijakan',
      'pelibatan-tenaga-honorer-dan-kelompok-masyarakat',
      'proses-penyusunan-kebijakan',
    ])
    // …and the input behind a change leads to it.
    const cause = inputs.find((i) => i.reason.startsWith('Pengumuman nilai per tahap'))!
    const later = await findLaterChange(t.db, {
      id: cause.id,
      policyId: policy.id,
      policySlug: MAMUJU,
      versionNumber: 1,
      sectionKey: cause.section_key,
      themeId: cause.theme_id,
    })
    expect(later).toMatchObject({ toNumber: 2, cited: true, href: `/kebijakan/${MAMUJU}/perbandingan?dari=1&ke=2#perubahan-proses-penyusunan-kebijakan` })

    // A multi-step public timeline.
    const kinds = (await getPolicyTimeline(t.db, policy.id)).map((e) => e.kind)
    expect(kinds).toEqual([
      'created',
      'version_published',
      'stage_changed',
      'consultation_opened',
      'consultation_closed',
      'stage_changed',
      'version_published',
      'stage_changed',
      'consultation_opened',
    ])
  })
})
