import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { surveyState } from '~/domain/evaluations/periods.server'
import { resultsOverTime } from '~/domain/evaluations/results.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { getPolicyTimeline } from '~/domain/redline.server'
import { listChangeCitations } from '~/domain/revisions.server'
import { DEMO_EVALUATED_POLICY } from '~db/seed/demo-evaluations'
import { seedDemo } from '~db/seed/demo'
import { TEST_NOW } from '../clock'
import { type TestDb, createTestDb, dialects } from '../db'

describe.each(dialects)("the demo's evaluation cycle on %s", (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date(TEST_NOW), { story: true })
  })
  afterAll(async () => {
    await t.destroy()
  })

  test("Sawahlunto's adopted regulation: two past semesters rising from C to B, complaints lowest, the current survey open", async () => {
    const policy = (await getPolicyBySlug(t.db, DEMO_EVALUATED_POLICY))!
    expect(policy.stage).toBe('evaluasi')
    const periods = await resultsOverTime(t.db, policy.id, { publishedOnly: true })
    expect(periods.map((p) => [p.period.name, p.period.report_status, p.ikm?.grade ?? null])).toEqual([
      ['Semester II 2025', 'published', 'C'],
      ['Semester I 2026', 'published', 'B'],
      ['Semester II 2026', 'draft', null],
    ])
    for (const past of periods.slice(0, 2)) {
      const lowest = [...past.ikm!.elements].sort((a, b) => a.nrr! - b.nrr!)[0]
      expect(lowest.element).toBe(8)
      expect(lowest.priority).toBe(true)
    }
    expect(periods[0].ikm!.ikm!).toBeLessThan(periods[1].ikm!.ikm!)
    // The first semester's sample fell short; the second met it.
    expect(periods[0].period.respondents).toBeLessThan(118)
    expect(periods[1].period.respondents).toBeGreaterThanOrEqual(123)
    expect(surveyState(periods[2].period)).toBe('open')
    expect(periods[2].period.respondents).toBeGreaterThan(0)
    // Indicators tell the story too, and the retired one keeps its history in the first semester only.
    expect(periods[0].indicators.map((i) => [i.name, i.status])).toContainEqual(['Rata-rata waktu verifikasi SKP', 'not_met'])
    expect(periods[1].indicators.map((i) => i.name)).not.toContain('Rata-rata waktu verifikasi SKP')
    expect(periods[1].indicators.find((i) => i.name.startsWith('ASN yang telah mengikuti'))?.status).toBe('met')
  })

  test('the first semester’s finding opened version 2, whose change cites it; both reports are on the timeline', async () => {
    const policy = (await getPolicyBySlug(t.db, DEMO_EVALUATED_POLICY))!
    const versions = await t.db.selectFrom('policy_versions').select(['id', 'number', 'status']).where('policy_id', '=', policy.id).orderBy('number').execute()
    expect(versions.map((v) => [v.number, v.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ])
    const cited = await listChangeCitations(t.db, [versions[1].id])
    expect(cited['evaluasi-dan-tindak-lanjut'].map((c) => [c.kind, c.finding?.periodName])).toEqual([
      ['element', 'Semester II 2025'],
      ['follow_up', 'Semester II 2025'],
    ])
    const timeline = await getPolicyTimeline(t.db, policy.id)
    expect(timeline.filter((e) => e.kind === 'evaluation_published').map((e) => (e.kind === 'evaluation_published' ? e.grade : null))).toEqual(['C', 'B'])
    const times = timeline.map((e) => e.occurredAt)
    expect([...times].sort()).toEqual(times)
    expect(times.every((at) => at <= TEST_NOW)).toBe(true)
  })
})
