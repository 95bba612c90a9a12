import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  DraftExistsError,
  EmptyDraftError,
  EmptyImportError,
  EmptySectionError,
  PublishedVersionError,
  SectionNotFoundError,
  VersionNotFoundError,
  addSection,
  createPolicy,
  getDraftForEditing,
  getPolicyForManaging,
  importPlainText,
  listWorkspace,
  moveSection,
  publishVersion,
  removeSection,
  startNextVersion,
  updateSection,
} from '~/domain/drafting.server'
import { EventBeforeCreationError, changeStage, getPolicyReading, getSections, listPolicyEvents } from '~/domain/policies.server'
import { seedDemo } from '~db/seed/demo'
import { testTime } from '../clock'
import { type TestDb, createTestDb, dialects } from '../db'

const HOUR = 60 * 60_000
const DAY = 24 * HOUR

const TEXT = [
  'Rancangan Peraturan Bupati tentang Pelatihan ASN',
  'Ketentuan Umum',
  'Dalam peraturan ini yang dimaksud dengan pelatihan adalah upaya pengembangan kompetensi.',
  '',
  'Tujuan',
  'Pelatihan bertujuan meningkatkan kinerja pegawai.',
  'Leave a Reply',
].join('\n')

describe.each(dialects)('drafting a policy on %s', (dialect) => {
  let t: TestDb
  let orgId: number
  let moderatorId: number

  beforeEach(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    orgId = (await t.db.selectFrom('organisations').select('id').where('slug', '=', 'mamuju').executeTakeFirstOrThrow()).id
    moderatorId = (
      await t.db.selectFrom('users').select('id').where('email', '=', 'moderator.mamuju@rembuk.test').executeTakeFirstOrThrow()
    ).id
  })
  afterEach(async () => {
    await t.destroy()
  })

  const newPolicy = (title = 'Pelatihan ASN Berbasis Kompetensi', stage?: 'analisis_kebutuhan' | 'penyusunan') =>
    createPolicy(t.db, { organisationId: orgId, title, summary: 'Ringkasan.', topic: 'pelatihan', actorId: moderatorId, stage })

  const keys = async (versionId: number) => (await getSections(t.db, versionId)).map((s) => s.key)
  const headings = async (versionId: number) => (await getSections(t.db, versionId)).map((s) => s.heading)

  test('a new policy gets a unique slug, its starting stage, a created event and an empty draft 1', async () => {
    const first = await newPolicy()
    const second = await newPolicy('Pelatihan ASN berbasis kompetensi!', 'analisis_kebutuhan')
    const reserved = await newPolicy('Baru')
    expect(first.slug).toBe('pelatihan-asn-berbasis-kompetensi')
    expect(second.slug).toBe('pelatihan-asn-berbasis-kompetensi-2')
    expect(reserved.slug).toBe('baru-2')

    const managed = (await getPolicyForManaging(t.db, second.slug))!
    expect(managed.policy.stage).toBe('analisis_kebutuhan')
    expect(managed.policy.current_version_id).toBeNull()
    expect(managed.versions).toMatchObject([{ number: 1, status: 'draft', section_count: 0, published_at: null }])
    expect(managed.events.map((e) => [e.kind, e.to_stage])).toEqual([['created', 'analisis_kebutuhan']])
    expect((await getPolicyForManaging(t.db, first.slug))!.policy.stage).toBe('penyusunan')

    // Not readable by the public until a version is published.
    const reading = (await getPolicyReading(t.db, first.slug, null))!
    expect(reading.version).toBeNull()
    await expect(
      createPolicy(t.db, { organisationId: orgId, title: 'X', summary: '', topic: '', actorId: null, stage: 'evaluasi' as never }),
    ).rejects.toThrow()
  })

  test('sections are added, edited, moved and removed in the draft', async () => {
    const { versionId } = await newPolicy()
    const a = await addSection(t.db, { versionId, heading: 'Pasal 1', body: 'Satu.' })
    const b = await addSection(t.db, { versionId, heading: 'Pasal 2', body: 'Dua.\r\n\r\n\r\nParagraf kedua.  ' })
    const first = await addSection(t.db, { versionId, heading: '  Menimbang  ', body: '', place: 'start' })
    const middle = await addSection(t.db, { versionId, heading: 'Pasal 1A', body: 'Sisipan.', place: { after: a.id } })
    expect(await headings(versionId)).toEqual(['Menimbang', 'Pasal 1', 'Pasal 1A', 'Pasal 2'])
    expect((await getSections(t.db, versionId)).map((s) => s.position)).toEqual([1, 2, 3, 4])
    expect((await getSections(t.db, versionId))[3].body).toBe('Dua.\n\nParagraf kedua.')

    await updateSection(t.db, { versionId, sectionId: a.id, heading: 'Pasal 1 (diubah)', body: 'Satu, diubah.' })
    const edited = (await getSections(t.db, versionId)).find((s) => s.id === a.id)!
    expect(edited).toMatchObject({ key: 'pasal-1', heading: 'Pasal 1 (diubah)', body: 'Satu, diubah.' })

    expect(await moveSection(t.db, { versionId, sectionId: b.id, direction: 'up' })).toBe(true)
    expect(await headings(versionId)).toEqual(['Menimbang', 'Pasal 1 (diubah)', 'Pasal 2', 'Pasal 1A'])
    expect(await moveSection(t.db, { versionId, sectionId: first.id, direction: 'up' })).toBe(false)
    expect(await moveSection(t.db, { versionId, sectionId: middle.id, direction: 'down' })).toBe(false)
    expect(await moveSection(t.db, { versionId, sectionId: first.id, direction: 'down' })).toBe(true)
    expect(await headings(versionId)).toEqual(['Pasal 1 (diubah)', 'Menimbang', 'Pasal 2', 'Pasal 1A'])

    await removeSection(t.db, { versionId, sectionId: first.id })
    const after = await getSections(t.db, versionId)
    expect(after.map((s) => s.heading)).toEqual(['Pasal 1 (diubah)', 'Pasal 2', 'Pasal 1A'])
    expect(after.map((s) => s.position)).toEqual([1, 2, 3])
  })

  test('bad section input changes nothing', async () => {
    const { versionId } = await newPolicy()
    const a = await addSection(t.db, { versionId, heading: 'Pasal 1', body: 'Satu.' })
    await expect(addSection(t.db, { versionId, heading: '   ', body: '\n\n' })).rejects.toBeInstanceOf(EmptySectionError)
    await expect(updateSection(t.db, { versionId, sectionId: a.id, heading: '', body: ' ' })).rejects.toBeInstanceOf(
      EmptySectionError,
    )
    const other = await newPolicy('Kebijakan Lain')
    const foreign = await addSection(t.db, { versionId: other.versionId, heading: 'Asing', body: 'x' })
    // A section of another draft cannot be reached through this one.
    await expect(updateSection(t.db, { versionId, sectionId: foreign.id, heading: 'x', body: 'y' })).rejects.toBeInstanceOf(
      SectionNotFoundError,
    )
    await expect(removeSection(t.db, { versionId, sectionId: foreign.id })).rejects.toBeInstanceOf(SectionNotFoundError)
    await expect(addSection(t.db, { versionId, heading: 'x', body: 'y', place: { after: foreign.id } })).rejects.toBeInstanceOf(
      SectionNotFoundError,
    )
    await expect(addSection(t.db, { versionId: 99999, heading: 'x', body: 'y' })).rejects.toBeInstanceOf(VersionNotFoundError)
    expect(await headings(versionId)).toEqual(['Pasal 1'])
    expect(await headings(other.versionId)).toEqual(['Asing'])
  })

  test('a plain text is imported as sections, replacing or appending', async () => {
    const { versionId } = await newPolicy()
    const outcome = await importPlainText(t.db, { versionId, text: TEXT, mode: 'replace' })
    expect(outcome).toEqual({
      imported: 2,
      continued: 0,
      title: 'Rancangan Peraturan Bupati tentang Pelatihan ASN',
      dropped: ['Leave a Reply'],
    })
    const sections = await getSections(t.db, versionId)
    expect(sections.map((s) => [s.key, s.heading])).toEqual([
      ['ketentuan-umum', 'Ketentuan Umum'],
      ['tujuan', 'Tujuan'],
    ])
    expect(sections[0].body).toMatch(/^Dalam peraturan ini/)

    const appended = await importPlainText(t.db, { versionId, text: 'Tujuan\nTujuan tambahan.\nPenutup\nSelesai.', mode: 'append' })
    expect(appended.imported).toBe(2)
    expect(await keys(versionId)).toEqual(['ketentuan-umum', 'tujuan', 'tujuan-2', 'penutup'])
    expect((await getSections(t.db, versionId)).map((s) => s.position)).toEqual([1, 2, 3, 4])

    // Replacing keeps the key of every section whose heading continues; the rest are new.
    const tujuanId = sections[1].id
    await updateSection(t.db, { versionId, sectionId: tujuanId, heading: 'Tujuan', body: 'Diubah.' })
    const replaced = await importPlainText(t.db, { versionId, text: 'Ketentuan Umum\nBaru.\nSasaran\nBaru juga.', mode: 'replace' })
    expect(replaced).toMatchObject({ imported: 2, continued: 1 })
    expect(await keys(versionId)).toEqual(['ketentuan-umum', 'sasaran'])

    const before = await getSections(t.db, versionId)
    await expect(importPlainText(t.db, { versionId, text: '\n  \nLeave a Reply\n', mode: 'replace' })).rejects.toBeInstanceOf(
      EmptyImportError,
    )
    expect(await getSections(t.db, versionId)).toEqual(before)
  })

  test('publishing freezes the version and makes it the current one', async () => {
    const { id, slug, versionId } = await newPolicy()
    await expect(publishVersion(t.db, { versionId, actorId: moderatorId })).rejects.toBeInstanceOf(EmptyDraftError)
    await importPlainText(t.db, { versionId, text: TEXT, mode: 'replace' })
    const at = testTime(HOUR)
    const published = await publishVersion(t.db, { versionId, actorId: moderatorId, note: 'Versi pertama untuk konsultasi.', at })
    expect(published).toEqual({ number: 1, publishedAt: at })

    const reading = (await getPolicyReading(t.db, slug, null))!
    expect(reading.version).toMatchObject({ number: 1, note: 'Versi pertama untuk konsultasi.' })
    expect(reading.sections.map((s) => s.key)).toEqual(['ketentuan-umum', 'tujuan'])
    const events = await listPolicyEvents(t.db, id)
    expect(events.at(-1)).toMatchObject({ kind: 'version_published', version_number: 1, note: 'Versi pertama untuk konsultasi.' })
    expect(events.at(-1)!.occurred_at).toBe(at)
  })

  test('a policy’s events follow the portal’s clock: none is dated before the policy was created', async () => {
    const { id, versionId } = await newPolicy()
    await importPlainText(t.db, { versionId, text: TEXT, mode: 'replace' })
    // A time given from elsewhere that would put the publication before the policy existed is refused…
    await expect(
      publishVersion(t.db, { versionId, actorId: moderatorId, at: testTime(-DAY) }),
    ).rejects.toBeInstanceOf(EventBeforeCreationError)
    await expect(changeStage(t.db, { policyId: id, to: 'konsultasi_publik', actorId: moderatorId, at: testTime(-DAY) })).rejects.toBeInstanceOf(
      EventBeforeCreationError,
    )
    expect((await listPolicyEvents(t.db, id)).map((e) => e.kind)).toEqual(['created'])
    // …and the clock's own times come after it, in the order they were recorded.
    await publishVersion(t.db, { versionId, actorId: moderatorId })
    await changeStage(t.db, { policyId: id, to: 'konsultasi_publik', actorId: moderatorId })
    const events = await listPolicyEvents(t.db, id)
    expect(events.map((e) => e.kind)).toEqual(['created', 'version_published', 'stage_changed'])
    const times = events.map((e) => e.occurred_at)
    expect([...times].sort()).toEqual(times)
  })

  test('a published version never changes', async () => {
    const { versionId } = await newPolicy()
    const a = await addSection(t.db, { versionId, heading: 'Pasal 1', body: 'Satu.' })
    const b = await addSection(t.db, { versionId, heading: 'Pasal 2', body: 'Dua.' })
    await publishVersion(t.db, { versionId, actorId: moderatorId })
    const frozen = await getSections(t.db, versionId)
    const attempts = [
      () => addSection(t.db, { versionId, heading: 'Pasal 3', body: 'Tiga.' }),
      () => updateSection(t.db, { versionId, sectionId: a.id, heading: 'Diubah', body: 'Diubah.' }),
      () => moveSection(t.db, { versionId, sectionId: b.id, direction: 'up' }),
      () => removeSection(t.db, { versionId, sectionId: a.id }),
      () => importPlainText(t.db, { versionId, text: TEXT, mode: 'replace' }),
      () => importPlainText(t.db, { versionId, text: TEXT, mode: 'append' }),
      () => publishVersion(t.db, { versionId, actorId: moderatorId, note: 'lagi' }),
    ]
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(PublishedVersionError)
    expect(await getSections(t.db, versionId)).toEqual(frozen)
    const version = await t.db.selectFrom('policy_versions').selectAll().where('id', '=', versionId).executeTakeFirstOrThrow()
    expect(version).toMatchObject({ status: 'published', note: '' })
  })

  test('the next version copies the current one with the same keys; new keys never reuse old ones', async () => {
    const { id, slug, versionId } = await newPolicy()
    await importPlainText(t.db, { versionId, text: 'Pasal 1\nSatu.\nPasal 2\nDua.\nPenutup\nSelesai.', mode: 'replace' })
    await expect(startNextVersion(t.db, { policyId: id, actorId: moderatorId })).rejects.toBeInstanceOf(DraftExistsError)
    await publishVersion(t.db, { versionId, actorId: moderatorId })

    const next = await startNextVersion(t.db, { policyId: id, actorId: moderatorId })
    expect(next).toMatchObject({ number: 2, basedOn: 1 })
    const copied = await getSections(t.db, next.versionId)
    expect(copied.map((s) => [s.key, s.heading, s.body, s.position])).toEqual(
      (await getSections(t.db, versionId)).map((s) => [s.key, s.heading, s.body, s.position]),
    )
    await expect(startNextVersion(t.db, { policyId: id, actorId: moderatorId })).rejects.toMatchObject({ number: 2 })

    // Renamed, the section keeps its key; removed and re-added, "Pasal 2" gets a key of its own.
    const [pasal1, pasal2] = copied
    await updateSection(t.db, { versionId: next.versionId, sectionId: pasal1.id, heading: 'Pasal 1 Ketentuan Umum', body: 'Satu.' })
    await removeSection(t.db, { versionId: next.versionId, sectionId: pasal2.id })
    const readded = await addSection(t.db, { versionId: next.versionId, heading: 'Pasal 2', body: 'Dua, ditulis ulang.' })
    expect(readded.key).toBe('pasal-2-2')
    await importPlainText(t.db, { versionId: next.versionId, text: 'Penutup\nLagi.', mode: 'append' })
    expect(await keys(next.versionId)).toEqual(['pasal-1', 'penutup', 'pasal-2-2', 'penutup-2'])

    // Replacing the whole text: continuing headings keep keys (the draft's, then version 1's).
    await importPlainText(t.db, {
      versionId: next.versionId,
      text: 'Pasal 1 Ketentuan Umum\nSatu.\nPasal 2\nDua.\nPenutup\nSelesai.\nLampiran\nTabel.',
      mode: 'replace',
    })
    expect(await keys(next.versionId)).toEqual(['pasal-1', 'pasal-2-2', 'penutup', 'lampiran'])
    expect(await keys(versionId)).toEqual(['pasal-1', 'pasal-2', 'penutup'])

    await publishVersion(t.db, { versionId: next.versionId, actorId: moderatorId })
    const reading = (await getPolicyReading(t.db, slug, null))!
    expect(reading.currentNumber).toBe(2)
    expect(reading.versions.map((v) => v.number)).toEqual([2, 1])
    const third = await startNextVersion(t.db, { policyId: id, actorId: moderatorId })
    expect(third).toMatchObject({ number: 3, basedOn: 2 })
  })

  test('the database itself allows one draft per policy', async () => {
    const { id } = await newPolicy()
    await expect(
      t.db
        .insertInto('policy_versions')
        .values({ policy_id: id, number: 2, status: 'draft', title: 'x', note: '', created_by: null, created_at: 'x', published_at: null })
        .execute(),
    ).rejects.toThrow()
  })

  test('a demo policy published offline gets its next version from version 1', async () => {
    const policy = (await getPolicyForManaging(t.db, 'kebijakan-kepegawaian-asn-mamuju'))!
    expect(policy.draft).toBeNull()
    const next = await startNextVersion(t.db, { policyId: policy.policy.id, actorId: moderatorId })
    expect(next).toMatchObject({ number: 2, basedOn: 1 })
    const editing = (await getDraftForEditing(t.db, { slug: 'kebijakan-kepegawaian-asn-mamuju', number: 2 }))!
    expect(editing.version.status).toBe('draft')
    expect(editing.sections[0].key).toBe('pendahuluan')
    expect(await getDraftForEditing(t.db, { slug: 'kebijakan-kepegawaian-asn-mamuju', number: 3 })).toBeNull()
    expect(await getDraftForEditing(t.db, { slug: 'tidak-ada', number: 1 })).toBeNull()
  })

  test('stage changes go on the timeline with their dates, through the cycle and back', async () => {
    const { id } = await newPolicy('Kebijakan Siklus', 'analisis_kebutuhan')
    const path = ['penyusunan', 'konsultasi_publik', 'pembahasan', 'penetapan', 'implementasi', 'evaluasi', 'penyusunan'] as const
    for (const [i, to] of path.entries()) {
      const at = new Date(Date.UTC(2027, 0, 1 + i)).toISOString()
      expect(await changeStage(t.db, { policyId: id, to, actorId: moderatorId, note: `ke ${to}`, at })).toBe(true)
    }
    const events = (await listPolicyEvents(t.db, id)).filter((e) => e.kind === 'stage_changed')
    expect(events.map((e) => [e.from_stage, e.to_stage, e.occurred_at.slice(0, 10), e.note])).toEqual([
      ['analisis_kebutuhan', 'penyusunan', '2027-01-01', 'ke penyusunan'],
      ['penyusunan', 'konsultasi_publik', '2027-01-02', 'ke konsultasi_publik'],
      ['konsultasi_publik', 'pembahasan', '2027-01-03', 'ke pembahasan'],
      ['pembahasan', 'penetapan', '2027-01-04', 'ke penetapan'],
      ['penetapan', 'implementasi', '2027-01-05', 'ke implementasi'],
      ['implementasi', 'evaluasi', '2027-01-06', 'ke evaluasi'],
      ['evaluasi', 'penyusunan', '2027-01-07', 'ke penyusunan'],
    ])
  })

  test('the workspace lists organisations with each policy’s stage, published and draft versions', async () => {
    const created = await newPolicy()
    const mamuju = await listWorkspace(t.db, [orgId])
    expect(mamuju).toHaveLength(1)
    expect(mamuju[0].policies.map((p) => [p.slug, p.published_number, p.draft_number])).toEqual([
      [created.slug, null, 1],
      ['kebijakan-kepegawaian-asn-mamuju', 1, null],
    ])
    expect(await listWorkspace(t.db, 'all')).toHaveLength(5)
    expect(await listWorkspace(t.db, [])).toEqual([])
  })
})
