import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { ungroupInput } from '~/domain/duplicates.server'
import { setInputStatus } from '~/domain/inputs.server'
import {
  ThemeError,
  assignInputsToTheme,
  createTheme,
  createThemeFromSuggestion,
  deleteTheme,
  getInputGrouping,
  getTheme,
  listInputsInPlace,
  listThemeInputs,
  listThemes,
  listThemesWithCitations,
  listUnassignedInputs,
  suggestThemes,
  updateTheme,
} from '~/domain/themes.server'
import { type TestDb, createTestDb, dialects } from '../db'
import { type Fixture, campaignCopies, setUpConsultation } from './grouping-fixture'
import { nowIso } from '~/lib/clock'

const REKRUTMEN = [
  'Rekrutmen ASN harus terbuka, pengumuman seleksi dimuat di situs resmi pemerintah daerah.',
  'Pengumuman rekrutmen terbuka paling lambat 30 hari sebelum seleksi dimulai.',
  'Rekrutmen terbuka dan hasil seleksi diumumkan kepada publik lengkap dengan nilainya.',
  'Proses rekrutmen harus terbuka agar seleksi adil dan tidak ada titipan.',
  'Saya usul rekrutmen terbuka dengan pengumuman formasi dan syarat seleksi yang jelas.',
]
const PELATIHAN = [
  'Pelatihan digital untuk pegawai perlu diperbanyak, terutama aplikasi layanan.',
  'Pegawai butuh pelatihan digital agar mampu memakai aplikasi kepegawaian.',
  // Mentions "dibuka" in passing: it belongs with the training inputs, not with open recruitment.
  'Pelatihan digital dibuka untuk semua pegawai, termasuk yang bertugas di kecamatan.',
  'Tambahkan pelatihan literasi digital dan kompetensi aplikasi daring.',
  'Anggaran pelatihan digital harus cukup untuk seluruh pegawai.',
]
const OTHER = [
  'Tunjangan kinerja dibayar tepat waktu setiap bulan.',
  'Cuti melahirkan diperpanjang menjadi enam bulan.',
  'Mutasi jabatan jangan menjelang pemilihan kepala daerah.',
]

describe.each(dialects)('themes on %s', (dialect) => {
  let t: TestDb
  let f: Fixture

  beforeEach(async () => {
    t = await createTestDb(dialect)
    f = await setUpConsultation(t)
  })
  afterEach(async () => {
    await t.destroy()
  })

  async function recordAll(texts: string[], topic = 'rekrutmen') {
    const ids: number[] = []
    for (const text of texts) ids.push((await f.record(text, { topic })).id)
    return ids
  }

  test('a theme summary must cite at least one input of the consultation; a refused edit changes nothing', async () => {
    const [a, b] = await recordAll(REKRUTMEN.slice(0, 2))
    const { id } = await createTheme(t.db, { consultationId: f.consultationId, title: '  Rekrutmen   terbuka ', actorId: f.staff.id })
    expect((await getTheme(t.db, id))?.title).toBe('Rekrutmen terbuka')

    const edit = (citedInputIds: number[], summary = 'Warga meminta pengumuman rekrutmen lebih awal.') =>
      updateTheme(t.db, { themeId: id, title: 'Rekrutmen terbuka', summary, citedInputIds, actorId: f.staff.id })
    await expect(edit([])).rejects.toMatchObject({ code: 'citation_required', field: 'citedInputIds' })
    await expect(edit([a], '   ')).rejects.toMatchObject({ code: 'summary_required', field: 'summary' })
    await expect(edit([a], 'x'.repeat(5001))).rejects.toMatchObject({ code: 'summary_too_long' })
    await expect(
      updateTheme(t.db, { themeId: id, title: ' ', summary: '', citedInputIds: [], actorId: null }),
    ).rejects.toMatchObject({ code: 'title_required', field: 'title' })
    expect(await getTheme(t.db, id)).toMatchObject({ summary: '', citations: [] })

    // An input outside the consultation, or one hidden by moderation, cannot be cited.
    await expect(edit([a, 999_999])).rejects.toMatchObject({ code: 'citation_outside' })
    await setInputStatus(t.db, [b], 'hidden')
    await expect(edit([b])).rejects.toBeInstanceOf(ThemeError)

    await edit([a, a])
    const theme = await getTheme(t.db, id)
    expect(theme).toMatchObject({ summary: 'Warga meminta pengumuman rekrutmen lebih awal.' })
    expect(theme?.citations.map((c) => c.inputId)).toEqual([a])
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).orderBy('id').execute()
    expect(audit.map((r) => r.action)).toEqual(['theme.create', 'theme.update'])
  })

  test('inputs are assigned and unassigned in bulk; counts follow', async () => {
    const rek = await recordAll(REKRUTMEN)
    const pel = await recordAll(PELATIHAN, 'pelatihan')
    const one = await createTheme(t.db, { consultationId: f.consultationId, title: 'Rekrutmen', actorId: f.staff.id })
    const two = await createTheme(t.db, { consultationId: f.consultationId, title: 'Pelatihan', actorId: f.staff.id })
    expect(await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: one.id, inputIds: rek, actorId: f.staff.id })).toEqual({ moved: 5 })
    await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: two.id, inputIds: pel.slice(0, 3), actorId: f.staff.id })
    // Moving inputs to another theme takes them out of the first: one theme per input.
    await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: two.id, inputIds: [rek[4]], actorId: f.staff.id })
    expect((await listThemes(t.db, f.consultationId)).map((x) => [x.title, x.inputCount])).toEqual([
      ['Rekrutmen', 4],
      ['Pelatihan', 4],
    ])
    expect((await listThemeInputs(t.db, two.id)).items.map((i) => i.id)).toEqual([...pel.slice(0, 3), rek[4]].sort((a, b) => a - b))
    expect((await listUnassignedInputs(t.db, f.consultationId)).items.map((i) => i.id)).toEqual(pel.slice(3))

    await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: null, inputIds: [rek[0], rek[1]], actorId: f.staff.id })
    expect((await listThemes(t.db, f.consultationId))[0].inputCount).toBe(2)
    expect(await getInputGrouping(t.db, rek[2])).toEqual({ groupSize: 0, theme: { id: one.id, title: 'Rekrutmen' } })
    expect(await getInputGrouping(t.db, rek[0])).toEqual({ groupSize: 0, theme: null })

    await expect(
      assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: one.id, inputIds: [], actorId: null }),
    ).rejects.toMatchObject({ code: 'nothing_to_assign' })
    await expect(
      assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: one.id, inputIds: [rek[0], 999_999], actorId: null }),
    ).rejects.toMatchObject({ code: 'inputs_outside' })
    expect((await listThemes(t.db, f.consultationId))[0].inputCount).toBe(2)
    await expect(
      assignInputsToTheme(t.db, { consultationId: f.consultationId + 1, themeId: one.id, inputIds: [rek[0]], actorId: null }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  test('a duplicate group is placed as one, whichever of its inputs is chosen; a later copy joins its theme', async () => {
    const copies = await recordAll(campaignCopies(12))
    const loner = (await f.record(OTHER[0])).id
    const theme = await createTheme(t.db, { consultationId: f.consultationId, title: 'Kampanye pengumuman', actorId: null })
    // The unassigned list shows the campaign once, as its representative, with what moves with it.
    const listed = (await listUnassignedInputs(t.db, f.consultationId)).items
    expect(listed.map((i) => [i.id, i.moves])).toEqual([
      [copies[0], 12],
      [loner, 1],
    ])

    // Choosing one copy moves the campaign: a group is one row of the response matrix.
    expect(await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: theme.id, inputIds: [copies[3], loner], actorId: null })).toEqual({ moved: 13 })
    expect((await listThemes(t.db, f.consultationId)).map((x) => x.inputCount)).toEqual([13])
    expect(await getInputGrouping(t.db, copies[5])).toEqual({ groupSize: 12, theme: { id: theme.id, title: 'Kampanye pengumuman' } })
    expect((await listInputsInPlace(t.db, f.consultationId, theme.id)).items.map((i) => [i.id, i.moves])).toEqual([
      [copies[0], 12],
      [loner, 1],
    ])
    expect((await listUnassignedInputs(t.db, f.consultationId)).items).toEqual([])

    // The next copy to arrive goes where its group is.
    const late = await f.record(campaignCopies(1)[0])
    expect(await getInputGrouping(t.db, late.id)).toEqual({ groupSize: 13, theme: { id: theme.id, title: 'Kampanye pengumuman' } })

    // Taken out of its group, a copy can be placed on its own.
    await ungroupInput(t.db, { inputId: copies[7], actorId: null })
    const other = await createTheme(t.db, { consultationId: f.consultationId, title: 'Lain-lain', actorId: null })
    expect(await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: other.id, inputIds: [copies[7]], actorId: null })).toEqual({ moved: 1 })
    expect(await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: null, inputIds: [copies[0]], actorId: null })).toEqual({ moved: 12 })
    expect((await listThemes(t.db, f.consultationId)).map((x) => x.inputCount)).toEqual([1, 1])
  })

  test('a member placed apart by older data still moves its whole group when chosen', async () => {
    const copies = await recordAll(campaignCopies(4))
    const theme = await createTheme(t.db, { consultationId: f.consultationId, title: 'Tema', actorId: null })
    await t.db.updateTable('inputs').set({ theme_id: theme.id }).where('id', '=', copies[2]).execute()
    expect((await listInputsInPlace(t.db, f.consultationId, theme.id)).items.map((i) => [i.id, i.moves])).toEqual([[copies[2], 4]])
    expect((await listUnassignedInputs(t.db, f.consultationId)).items.map((i) => i.id)).toEqual([copies[0]])
    await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: theme.id, inputIds: [copies[2]], actorId: null })
    expect((await listThemes(t.db, f.consultationId))[0].inputCount).toBe(4)
  })

  test('the unassigned list filters by kind, topic, section and words', async () => {
    const rek = await recordAll(REKRUTMEN)
    const pel = await recordAll(PELATIHAN, 'pelatihan')
    const support = (await f.record('Saya mendukung 100% usul ini', { kind: 'support', sectionKey: 'proses-penyusunan-kebijakan', topic: 'kinerja' })).id
    const list = (filter: Parameters<typeof listUnassignedInputs>[2]) =>
      listUnassignedInputs(t.db, f.consultationId, filter).then((r) => r.items.map((i) => i.id))
    expect(await list({ topic: 'pelatihan' })).toEqual(pel)
    expect(await list({ kind: 'support' })).toEqual([support])
    expect(await list({ sectionKey: 'proses-penyusunan-kebijakan' })).toEqual([support])
    expect(await list({ sectionKey: '' })).toEqual([...rek, ...pel])
    expect(await list({ search: 'APLIKASI' })).toEqual([pel[0], pel[1], pel[3]])
    expect(await list({ search: '100%' })).toEqual([support])
    expect(await list({ search: '_' })).toEqual([])
    const page = await listUnassignedInputs(t.db, f.consultationId, { limit: 4 })
    expect(page.items).toHaveLength(4)
    expect(await list({ after: page.nextCursor!, limit: 50 })).toEqual([...rek, ...pel, support].slice(4))
  })

  test('suggestions find the open-recruitment and digital-training clusters apart, each with the inputs it covers', async () => {
    const rek = await recordAll(REKRUTMEN)
    const pel = await recordAll(PELATIHAN, 'pelatihan')
    await recordAll(OTHER, 'kinerja')
    const suggestions = await suggestThemes(t.db, f.consultationId)
    const recruitment = suggestions.find((s) => s.inputIds.includes(rek[0]))
    const training = suggestions.find((s) => s.inputIds.includes(pel[0]))
    expect(recruitment).toBeDefined()
    expect(training).toBeDefined()
    expect(recruitment).not.toBe(training)
    expect(recruitment!.inputIds).toEqual(rek)
    expect(training!.inputIds).toEqual(pel)
    expect(recruitment!.keywords).toContain('rekrutmen')
    expect(recruitment!.keywords).not.toContain('pelatihan')
    expect(training!.keywords).toEqual(expect.arrayContaining(['pelatihan', 'digital']))
    // Label words in reading order, as surface words rather than stems ("pelatihan", not "latih").
    expect(recruitment!.label).toMatch(/^Rekrutmen, /)
    expect(training!.label).toMatch(/^Pelatihan, digital/)
    // Domain words that are in every input never make a theme.
    for (const s of suggestions) expect(s.keywords).not.toContain('pegawai')

    // Made into a theme in one action; its inputs are no longer suggested.
    const made = await createThemeFromSuggestion(t.db, {
      consultationId: f.consultationId,
      title: recruitment!.label,
      inputIds: recruitment!.inputIds,
      actorId: f.staff.id,
    })
    expect(made.moved).toBe(5)
    expect((await listThemes(t.db, f.consultationId))[0]).toMatchObject({ title: recruitment!.label, inputCount: 5 })
    const after = await suggestThemes(t.db, f.consultationId)
    expect(after.flatMap((s) => s.inputIds)).not.toContain(rek[0])
    expect(after.find((s) => s.inputIds.includes(pel[0]))?.inputIds).toEqual(pel)
    await expect(
      createThemeFromSuggestion(t.db, { consultationId: f.consultationId, title: 'Lagi', inputIds: rek, actorId: null }),
    ).rejects.toMatchObject({ code: 'nothing_to_assign' })
  })

  test('a campaign counts once for keyword weights and is covered whole; only published inputs are suggested', async () => {
    const copies = await recordAll(campaignCopies(20))
    await recordAll(PELATIHAN, 'pelatihan')
    const pending = await f.record('Pelatihan digital bagi pegawai harus bersertifikat dan gratis.')
    await setInputStatus(t.db, [pending.id], 'pending')
    const suggestions = await suggestThemes(t.db, f.consultationId)
    const campaign = suggestions.find((s) => s.inputIds.includes(copies[0]))
    expect(campaign?.inputIds).toEqual(copies)
    expect(suggestions.flatMap((s) => s.inputIds)).not.toContain(pending.id)
    expect(await suggestThemes(t.db, f.consultationId, { limit: 1 })).toHaveLength(1)
  })

  test('themes with citations for the response matrix; a theme is deleted unless answered', async () => {
    const [a, b] = await recordAll(REKRUTMEN.slice(0, 2))
    const theme = await createTheme(t.db, { consultationId: f.consultationId, title: 'Rekrutmen', actorId: null })
    await assignInputsToTheme(t.db, { consultationId: f.consultationId, themeId: theme.id, inputIds: [a, b], actorId: null })
    await updateTheme(t.db, { themeId: theme.id, title: 'Rekrutmen', summary: 'Dua warga meminta rekrutmen terbuka.', citedInputIds: [b, a], actorId: null })
    const numbers = await t.db.selectFrom('inputs').select(['id', 'tracking_number']).orderBy('id').execute()
    expect(await listThemesWithCitations(t.db, f.consultationId)).toEqual([
      expect.objectContaining({
        id: theme.id,
        title: 'Rekrutmen',
        summary: 'Dua warga meminta rekrutmen terbuka.',
        inputCount: 2,
        publishedCount: 2,
        citations: [
          { inputId: a, trackingNumber: numbers.find((n) => n.id === a)!.tracking_number, status: 'published' },
          { inputId: b, trackingNumber: numbers.find((n) => n.id === b)!.tracking_number, status: 'published' },
        ],
      }),
    ])

    const at = nowIso()
    await t.db.insertInto('responses').values({ theme_id: theme.id, decision: 'dicatat', reason: 'Dicatat.', responder_id: null, created_at: at, updated_at: at }).execute()
    await expect(deleteTheme(t.db, { themeId: theme.id, actorId: null })).rejects.toMatchObject({ code: 'has_response' })
    await t.db.deleteFrom('responses').execute()
    await deleteTheme(t.db, { themeId: theme.id, actorId: null })
    expect(await listThemes(t.db, f.consultationId)).toEqual([])
    expect(await getInputGrouping(t.db, a)).toEqual({ groupSize: 0, theme: null })
  })
})
