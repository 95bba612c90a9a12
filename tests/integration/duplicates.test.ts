import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { countInputsByStatus } from '~/domain/consultations.server'
import {
  DUPLICATE_INDEX_JOB,
  DuplicateError,
  LOCK_CLASS,
  duplicateIndexJob,
  indexInput,
  indexUnindexedInputs,
  listDuplicateGroups,
  listGroupMembers,
  publishedGroupSize,
  reindexConsultation,
  ungroupInput,
} from '~/domain/duplicates.server'
import { BANDS } from '~/domain/minhash'
import { type OnlineInput, listPublishedInputs, sectionInputCounts, setInputStatus, submitInput } from '~/domain/inputs.server'
import { loadActor } from '~/domain/permissions.server'
import { claimJob, getJob, runClaimedJob } from '~/jobs/jobs.server'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { CAMPAIGN, type Fixture, NOW, UNRELATED, campaignCopies, setUpConsultation } from './grouping-fixture'
import { plainObjection } from '../objection'

async function groupOf(t: TestDb, inputId: number) {
  const row = await t.db.selectFrom('inputs').select(['duplicate_group_id', 'ungrouped']).where('id', '=', inputId).executeTakeFirstOrThrow()
  return row
}

async function allPublished(t: TestDb, policyId: number) {
  const ids: number[] = []
  let before: number | undefined
  for (;;) {
    const page = await listPublishedInputs(t.db, { policyId, limit: 100, before })
    ids.push(...page.items.map((i) => i.id))
    if (!page.nextCursor) return ids
    before = page.nextCursor
  }
}

describe.each(dialects)('duplicate and campaign groups on %s', (dialect) => {
  let t: TestDb
  let f: Fixture

  beforeEach(async () => {
    t = await createTestDb(dialect)
    f = await setUpConsultation(t)
  })
  afterEach(async () => {
    await t.destroy()
  })

  async function campaignAndOthers() {
    const campaign: number[] = []
    const others: number[] = []
    // Interleaved, as letters arrive.
    const copies = campaignCopies(30)
    for (let i = 0; i < 30; i++) {
      campaign.push((await f.record(copies[i], { sectionKey: i % 2 ? 'proses-penyusunan-kebijakan' : '' })).id)
      if (i % 3 === 0) others.push((await f.record(UNRELATED[i / 3])).id)
    }
    return { campaign, others }
  }

  test('a campaign of 30 near-identical inputs becomes one group of 30; 10 unrelated inputs stay alone', async () => {
    const { campaign, others } = await campaignAndOthers()
    const groupIds = new Set((await Promise.all(campaign.map((id) => groupOf(t, id)))).map((r) => r.duplicate_group_id))
    expect(groupIds.size).toBe(1)
    expect([...groupIds][0]).not.toBeNull()
    for (const id of others) expect((await groupOf(t, id)).duplicate_group_id).toBeNull()

    const { groups, total } = await listDuplicateGroups(t.db, f.consultationId)
    expect(total).toBe(1)
    expect(groups).toEqual([
      expect.objectContaining({ size: 30, published: 30, representative: expect.objectContaining({ id: campaign[0], reason: CAMPAIGN }) }),
    ])
    expect(await publishedGroupSize(t.db, campaign[7])).toBe(30)
    expect(await publishedGroupSize(t.db, others[0])).toBe(0)

    // Nothing is dropped: every input is listed and counted.
    const published = await allPublished(t, f.policyId)
    expect(published.sort((a, b) => a - b)).toEqual([...campaign, ...others].sort((a, b) => a - b))
    const counts = await sectionInputCounts(t.db, f.versionId)
    expect(counts).toEqual({ '': 15 + 10, 'proses-penyusunan-kebijakan': 15 })
    expect(await countInputsByStatus(t.db, f.consultationId)).toMatchObject({ published: 40, total: 40 })
  })

  test('candidates come from band buckets kept only for texts a newcomer can join', async () => {
    const { campaign } = await campaignAndOthers()
    // 10 loners and 1 representative are findable; the 29 other copies need no band rows.
    expect(await countRows(t.db, 'input_signature_bands')).toBe(11 * BANDS)
    expect(await countRows(t.db, 'input_signatures')).toBe(40)
    const members = await listGroupMembers(t.db, (await groupOf(t, campaign[0])).duplicate_group_id!, { limit: 20 })
    expect(members.items.map((m) => m.id)).toEqual(campaign.slice(0, 20))
    expect(members.nextCursor).toBe(campaign[19])
  })

  test('identical inputs given online join the same group as they arrive', async () => {
    const base = (reason: string): OnlineInput => plainObjection(f.consultationId, reason)
    const ctx = { actor: f.citizen, address: null, verifiedRole: async () => null, now: NOW }
    const asn = (await loadActor(t.db, (await t.db.selectFrom('users').select('id').where('email', '=', 'asn.mamuju@rembuk.test').executeTakeFirstOrThrow()).id))!
    const a = await submitInput(t.db, base('Jadwal seleksi diumumkan sebulan sebelumnya.'), ctx)
    const b = await submitInput(t.db, base('jadwal seleksi DIUMUMKAN sebulan sebelumnya!'), { ...ctx, actor: asn })
    const c = await submitInput(t.db, base('Jadwal seleksi diumumkan seminggu sebelumnya.'), ctx)
    const ids = await Promise.all(
      [a, b, c].map(async (r) => {
        const row = await t.db.selectFrom('inputs').select(['id', 'duplicate_group_id']).where('tracking_number', '=', (r as { trackingNumber: string }).trackingNumber).executeTakeFirstOrThrow()
        return row
      }),
    )
    expect(ids[0].duplicate_group_id).not.toBeNull()
    expect(ids[1].duplicate_group_id).toBe(ids[0].duplicate_group_id)
    // Short texts differing by a word are different inputs.
    expect(ids[2].duplicate_group_id).toBeNull()
  })

  test('inputs stored but never indexed (the process was killed in between) are indexed at start, a page at a time', async () => {
    const copies = campaignCopies(6)
    const ids: number[] = []
    for (const copy of copies) ids.push((await f.record(copy)).id)
    const lone = await f.record(UNRELATED[0])
    const lost = [ids[3], ids[5], lone.id]
    // What a kill between the input's commit and its indexing leaves: stored, acknowledged, not indexed.
    await t.db.deleteFrom('input_signature_bands').where('input_id', 'in', lost).execute()
    await t.db.deleteFrom('input_signatures').where('input_id', 'in', lost).execute()
    await t.db.updateTable('inputs').set({ duplicate_group_id: null }).where('id', 'in', lost).execute()

    expect(await indexUnindexedInputs(t.db, { pageSize: 2 })).toEqual({ indexed: 3 })
    expect(await countRows(t.db, 'input_signatures')).toBe(7)
    const groupId = (await groupOf(t, ids[0])).duplicate_group_id
    expect(groupId).not.toBeNull()
    for (const id of ids) expect((await groupOf(t, id)).duplicate_group_id).toBe(groupId)
    expect((await groupOf(t, lone.id)).duplicate_group_id).toBeNull()
    // The representative and the lone input are findable by the next copy; nobody else.
    expect(await countRows(t.db, 'input_signature_bands')).toBe(2 * BANDS)
    expect((await groupOf(t, (await f.record(UNRELATED[0])).id)).duplicate_group_id).not.toBeNull()

    expect(await indexUnindexedInputs(t.db)).toEqual({ indexed: 0 })
  })

  // Only PostgreSQL has the lock: SQLite runs one writer at a time, and indexes every input at once.
  test.runIf(dialect === 'postgres')(
    'an input sent while another indexer holds its consultation does not wait: the job indexes it after the answer, in order',
    async () => {
      const signed = async (id: number) =>
        (await t.db.selectFrom('input_signatures').select('input_id').where('input_id', '=', id).executeTakeFirst()) !== undefined
      const first = await f.record(CAMPAIGN)
      expect(await signed(first.id)).toBe(true)

      // Another indexer at work on this consultation: a transaction holding its lock.
      let release!: () => void
      let locked!: () => void
      const isLocked = new Promise<void>((resolve) => (locked = resolve))
      const holder = t.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${f.consultationId})`.execute(trx)
        locked()
        await new Promise<void>((resolve) => (release = resolve))
      })
      await isLocked
      const second = await f.record(campaignCopies(2)[1])
      const third = await f.record(UNRELATED[0])
      expect([await signed(second.id), await signed(third.id)]).toEqual([false, false])
      expect(await getJob(t.db, DUPLICATE_INDEX_JOB, f.consultationId)).toMatchObject({ status: 'queued' })
      release()
      await holder

      // The lock is free, but earlier inputs still wait: a later one queues behind them.
      const fourth = await f.record(CAMPAIGN)
      expect(await signed(fourth.id)).toBe(false)

      // The job, run as a runner runs it, indexes them in the order they arrived.
      const row = await claimJob(t.db, DUPLICATE_INDEX_JOB, String(f.consultationId), 'test-worker')
      expect(await runClaimedJob(t.db, duplicateIndexJob, row!, 'test-worker')).toEqual({ outcome: 'done' })
      expect(await getJob(t.db, DUPLICATE_INDEX_JOB, f.consultationId)).toMatchObject({ status: 'done', result: { indexed: 3 } })
      const groupId = (await groupOf(t, first.id)).duplicate_group_id
      expect(groupId).not.toBeNull()
      expect((await groupOf(t, second.id)).duplicate_group_id).toBe(groupId)
      expect((await groupOf(t, fourth.id)).duplicate_group_id).toBe(groupId)
      expect((await groupOf(t, third.id)).duplicate_group_id).toBeNull()
      expect((await listDuplicateGroups(t.db, f.consultationId)).groups[0].representative.id).toBe(first.id)

      // Nothing waiting any more: the next input is indexed at once again.
      const fifth = await f.record(UNRELATED[0])
      expect((await groupOf(t, fifth.id)).duplicate_group_id).not.toBeNull()
    },
    20_000,
  )

  test('a moderator takes a wrongly grouped input out: it stays out, the group goes on, every input still counts', async () => {
    const { campaign } = await campaignAndOthers()
    const groupId = (await groupOf(t, campaign[0])).duplicate_group_id!
    const before = await sectionInputCounts(t.db, f.versionId)

    await expect(ungroupInput(t.db, { inputId: campaign[5], actorId: f.staff.id })).resolves.toEqual({ groupId, dissolved: false })
    expect(await groupOf(t, campaign[5])).toEqual({ duplicate_group_id: null, ungrouped: 1 })
    expect((await listDuplicateGroups(t.db, f.consultationId)).groups[0]).toMatchObject({ size: 29 })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'input.ungroup').execute()
    expect(audit).toEqual([expect.objectContaining({ actor_id: f.staff.id, target_type: 'input', target_id: campaign[5] })])
    expect(JSON.parse(audit[0].details)).toMatchObject({ groupId, dissolved: false })

    // Never regrouped automatically: not when re-indexed, not by the next copy.
    await indexInput(t.db, campaign[5])
    expect(await groupOf(t, campaign[5])).toEqual({ duplicate_group_id: null, ungrouped: 1 })
    const next = await f.record(campaignCopies(1)[0])
    expect((await groupOf(t, next.id)).duplicate_group_id).toBe(groupId)
    const rebuilt = await reindexConsultation(t.db, f.consultationId)
    expect(rebuilt).toEqual({ inputs: 41, groups: 1 })
    expect(await groupOf(t, campaign[5])).toEqual({ duplicate_group_id: null, ungrouped: 1 })
    expect((await listDuplicateGroups(t.db, f.consultationId)).groups[0]).toMatchObject({ size: 30 })

    expect(await allPublished(t, f.policyId)).toHaveLength(41)
    const after = await sectionInputCounts(t.db, f.versionId)
    expect(after['proses-penyusunan-kebijakan']).toBe(before['proses-penyusunan-kebijakan'])
    expect(after['']).toBe(before[''] + 1)

    await expect(ungroupInput(t.db, { inputId: campaign[5], actorId: f.staff.id })).rejects.toThrow(DuplicateError)
  })

  test('taking out the representative hands the group to the next-first input, which the next copy finds', async () => {
    const { campaign } = await campaignAndOthers()
    const groupId = (await groupOf(t, campaign[0])).duplicate_group_id!
    await ungroupInput(t.db, { inputId: campaign[0], actorId: f.staff.id })
    const { groups } = await listDuplicateGroups(t.db, f.consultationId)
    expect(groups[0]).toMatchObject({ id: groupId, size: 29, representative: expect.objectContaining({ id: campaign[1] }) })
    expect(await countRows(t.db, 'input_signature_bands')).toBe(11 * BANDS)
    const next = await f.record(CAMPAIGN)
    expect((await groupOf(t, next.id)).duplicate_group_id).toBe(groupId)
  })

  test('a group left with one input dissolves; that input can found a new group', async () => {
    const letter = `${UNRELATED[2]} ${UNRELATED[4]} ${UNRELATED[7]}`
    const a = await f.record(letter)
    const b = await f.record(letter.replace('sistem merit', 'prinsip merit'))
    const groupId = (await groupOf(t, a.id)).duplicate_group_id
    expect(groupId).not.toBeNull()
    expect((await groupOf(t, b.id)).duplicate_group_id).toBe(groupId)

    await expect(ungroupInput(t.db, { inputId: a.id, actorId: f.staff.id })).resolves.toEqual({ groupId, dissolved: true })
    expect(await groupOf(t, b.id)).toEqual({ duplicate_group_id: null, ungrouped: 0 })
    expect(await countRows(t.db, 'duplicate_groups')).toBe(0)

    const c = await f.record(letter)
    const newGroup = (await groupOf(t, c.id)).duplicate_group_id
    expect(newGroup).not.toBeNull()
    expect((await groupOf(t, b.id)).duplicate_group_id).toBe(newGroup)
    expect((await groupOf(t, a.id)).duplicate_group_id).toBeNull()
    expect((await listDuplicateGroups(t.db, f.consultationId)).groups[0].representative.id).toBe(b.id)
  })

  test('hidden and pending inputs stay in their group and are counted apart from published ones', async () => {
    const { campaign } = await campaignAndOthers()
    await setInputStatus(t.db, campaign.slice(0, 3), 'hidden')
    const { groups } = await listDuplicateGroups(t.db, f.consultationId)
    expect(groups[0]).toMatchObject({ size: 30, published: 27 })
    expect(await publishedGroupSize(t.db, campaign[10])).toBe(27)
  })

  test('re-indexing from scratch gives the same groups; texts without words are never grouped', async () => {
    const { campaign, others } = await campaignAndOthers()
    const x = await f.record('!!!')
    const y = await f.record('???')
    expect((await groupOf(t, x.id)).duplicate_group_id).toBeNull()
    expect((await groupOf(t, y.id)).duplicate_group_id).toBeNull()
    await t.db.updateTable('inputs').set({ duplicate_group_id: null }).execute()
    await t.db.deleteFrom('duplicate_groups').execute()
    expect(await reindexConsultation(t.db, f.consultationId)).toEqual({ inputs: 42, groups: 1 })
    const rebuilt = new Set((await Promise.all(campaign.map((id) => groupOf(t, id)))).map((r) => r.duplicate_group_id))
    expect(rebuilt.size).toBe(1)
    for (const id of [...others, x.id, y.id]) expect((await groupOf(t, id)).duplicate_group_id).toBeNull()
    expect((await listDuplicateGroups(t.db, f.consultationId)).groups[0].representative.id).toBe(campaign[0])
  })

  test('groups belong to one consultation', async () => {
    const first = await f.record(CAMPAIGN)
    const other = await setUpOtherConsultation(t, f)
    const second = await other.record(CAMPAIGN)
    const third = await other.record(CAMPAIGN)
    expect((await groupOf(t, first.id)).duplicate_group_id).toBeNull()
    expect((await groupOf(t, second.id)).duplicate_group_id).not.toBeNull()
    expect((await groupOf(t, third.id)).duplicate_group_id).toBe((await groupOf(t, second.id)).duplicate_group_id)
    await expect(ungroupInput(t.db, { inputId: second.id, actorId: null, consultationId: f.consultationId })).rejects.toThrow(DuplicateError)
  })
})

async function setUpOtherConsultation(t: TestDb, f: Fixture) {
  const { createConsultation } = await import('~/domain/consultations.server')
  const { recordOfflineInput } = await import('~/domain/inputs.server')
  const created = await createConsultation(t.db, {
    policyId: f.policyId,
    versionId: f.versionId,
    title: 'Konsultasi kedua',
    description: '',
    opensAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
    closesAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
    audience: 'public',
    moderation: 'post',
    topics: ['rekrutmen'],
    actorId: null,
  })
  return {
    record: async (reason: string) => {
      const r = await recordOfflineInput(
        t.db,
        {
          consultationId: created.id,
          channel: 'letter',
          receivedAt: new Date(NOW.getTime() - 60_000).toISOString(),
          submitterName: 'Pengirim',
          submitterContact: '',
          showName: false,
          consentRecorded: true,
          clientToken: null,
          sectionKey: '',
          kind: 'objection',
          proposedText: '',
          reason,
          topic: 'rekrutmen',
          groupName: '',
          groupType: '',
        },
        { staffId: f.staff.id, now: NOW },
      )
      if (!r.ok) throw new Error('refused')
      return t.db.selectFrom('inputs').select('id').where('tracking_number', '=', r.trackingNumber).executeTakeFirstOrThrow()
    },
  }
}
