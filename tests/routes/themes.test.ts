import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordOfflineInput } from '~/domain/inputs.server'
import { setDb } from '~/lib/db.server'
import * as inputPage from '~/routes/input'
import * as duplicatesPage from '~/routes/kelola.duplicates'
import * as themePage from '~/routes/kelola.theme'
import * as themesPage from '~/routes/kelola.themes'
import * as signIn from '~/routes/sign-in'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { BASE, call, cookieFrom, form, get } from './helpers'
import { nowMs } from '~/lib/clock'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'
const LETTER =
  'Kami meminta pengumuman rekrutmen dimuat paling lambat tiga puluh hari sebelum seleksi, di situs resmi, papan ' +
  'pengumuman kantor desa, dan radio daerah, agar semua warga punya kesempatan yang sama untuk mendaftar.'

/** A POST with repeated fields (checkbox lists). */
function post(path: string, fields: [string, string][], cookie?: string): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (cookie) headers.Cookie = cookie
  return new Request(BASE + path, { method: 'POST', body: new URLSearchParams(fields), headers })
}

describe.each(dialects)('theme and duplicate routes on %s', (dialect) => {
  let t: TestDb
  let consultationId: number
  let otherConsultationId: number
  let letters: { id: number; trackingNumber: string }[]
  const cookies: Record<string, string> = {}
  const as = async (email: string) => {
    if (!cookies[email]) {
      const r = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
      cookies[email] = cookieFrom(r)
    }
    return cookies[email]
  }

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    const rows = await t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .select(['consultations.id', 'policies.slug'])
      .execute()
    consultationId = rows.find((r) => r.slug === MAMUJU)!.id
    otherConsultationId = rows.find((r) => r.slug !== MAMUJU)!.id
    const staff = await t.db.selectFrom('users').select('id').where('email', '=', 'moderator.mamuju@rembuk.test').executeTakeFirstOrThrow()
    letters = []
    for (const reason of [LETTER, LETTER.toUpperCase(), `${LETTER} Terima kasih.`]) {
      const r = await recordOfflineInput(
        t.db,
        {
          consultationId,
          channel: 'letter',
          receivedAt: new Date(nowMs() - 60_000).toISOString(),
          submitterName: 'Warga Kalukku',
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
        { staffId: staff.id },
      )
      if (!r.ok) throw new Error('refused')
      const row = await t.db.selectFrom('inputs').select('id').where('tracking_number', '=', r.trackingNumber).executeTakeFirstOrThrow()
      letters.push({ id: row.id, trackingNumber: r.trackingNumber })
    }
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  const themesPath = () => `/kelola/konsultasi/${consultationId}/tema`

  test('only the organisation’s team may open or use these pages', async () => {
    const theme = await t.db
      .insertInto('themes')
      .values({ consultation_id: consultationId, title: 'Uji akses', summary: '', created_by: null, created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const pages: { module: { loader: (args: any) => unknown; action: (args: any) => unknown }; path: string; params: Record<string, string> }[] = [
      { module: themesPage, path: themesPath(), params: { id: String(consultationId) } },
      { module: themePage, path: `${themesPath()}/${theme.id}`, params: { id: String(consultationId), themeId: String(theme.id) } },
      { module: duplicatesPage, path: `/kelola/konsultasi/${consultationId}/duplikat`, params: { id: String(consultationId) } },
    ]
    for (const email of ['warga@rembuk.test', 'asn.mamuju@rembuk.test', 'moderator.plaju@rembuk.test']) {
      const cookie = await as(email)
      for (const page of pages) {
        expect(((await call(page.module.loader as never, get(page.path, cookie), page.params)) as Response).status).toBe(403)
        const attempt = (await call(page.module.action as never, post(page.path, [['intent', 'create'], ['title', 'x'], ['inputId', String(letters[1].id)]], cookie), page.params)) as Response
        expect(attempt.status).toBe(403)
      }
    }
    for (const page of pages) {
      const anonymous = (await call(page.module.loader as never, get(page.path), page.params)) as Response
      expect(anonymous.status).toBe(302)
      expect(anonymous.headers.get('Location')).toContain('/masuk?redirectTo=')
    }
    expect(await t.db.selectFrom('themes').select('id').execute()).toHaveLength(1)
    expect((await t.db.selectFrom('inputs').select('ungrouped').where('id', '=', letters[1].id).executeTakeFirstOrThrow()).ungrouped).toBe(0)
    await t.db.deleteFrom('themes').execute()
  })

  test('unknown consultations and themes are 404, whatever is typed in the address', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    for (const id of ['999999', 'abc', '-1', '1e3']) {
      expect(((await call(themesPage.loader, get(`/kelola/konsultasi/${id}/tema`, cookie), { id })) as Response).status).toBe(404)
    }
    const foreign = await t.db
      .insertInto('themes')
      .values({ consultation_id: otherConsultationId, title: 'Tema lain', summary: '', created_by: null, created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const themeId of [String(foreign.id), 'x', '0']) {
      const r = (await call(themePage.loader, get(`${themesPath()}/${themeId}`, cookie), { id: String(consultationId), themeId })) as Response
      expect(r.status).toBe(404)
    }
    const group = (await call(duplicatesPage.loader, get(`/kelola/konsultasi/${consultationId}/duplikat?kelompok=999999`, cookie), { id: String(consultationId) })) as Response
    expect(group.status).toBe(404)
  })

  test('a moderator creates a theme, is refused an empty title, and makes one from a suggestion', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const params = { id: String(consultationId) }
    const before = await countRows(t.db, 'themes')
    const empty = (await call(themesPage.action, post(themesPath(), [['intent', 'create'], ['title', '   ']], cookie), params)) as any
    expect(empty.init.status).toBe(400)
    expect(empty.data.result.error.title).toEqual(['validation.required'])
    expect(await countRows(t.db, 'themes')).toBe(before)

    const made = (await call(themesPage.action, post(themesPath(), [['intent', 'create'], ['title', 'Honorer dilibatkan']], cookie), params)) as Response
    expect(made.status).toBe(302)
    expect(made.headers.get('Location')).toMatch(new RegExp(`^${themesPath()}/\\d+$`))

    const page = (await call(themesPage.loader, get(themesPath(), cookie), params)) as Awaited<ReturnType<typeof themesPage.loader>>
    expect(page.themes.map((x) => x.title)).toContain('Honorer dilibatkan')
    expect(page.progress.total).toBeGreaterThan(0)
    // The campaign letters are one text: they come as one suggestion covering all three.
    const campaign = page.suggestions.find((s) => s.inputIds.includes(letters[0].id))
    expect(campaign?.inputIds).toEqual(expect.arrayContaining(letters.map((l) => l.id)))

    const fields: [string, string][] = [['intent', 'fromSuggestion'], ['title', campaign!.label], ...campaign!.inputIds.map((id): [string, string] => ['inputIds', String(id)])]
    const fromSuggestion = (await call(themesPage.action, post(themesPath(), fields, cookie), params)) as Response
    expect(fromSuggestion.status).toBe(302)
    expect(fromSuggestion.headers.get('Location')).toMatch(/\?dibuat=\d+$/)
    const again = (await call(themesPage.action, post(themesPath(), fields, cookie), params)) as any
    expect(again.init.status).toBe(409)
    expect(again.data.message).toMatch(/sudah masuk tema lain/)
  })

  test('a summary must cite an input, shown next to the field; a good one is saved and shown publicly as the input’s theme', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const theme = await t.db
      .insertInto('themes')
      .values({ consultation_id: consultationId, title: 'Pengumuman lebih awal', summary: '', created_by: null, created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const path = `${themesPath()}/${theme.id}`
    const params = { id: String(consultationId), themeId: String(theme.id) }

    const nothing = (await call(themePage.action, post(path, [['intent', 'assign']], cookie), params)) as any
    expect(nothing.init.status).toBe(400)
    expect(nothing.data.message).toBe('Pilih paling sedikit satu masukan.')
    const junk = (await call(themePage.action, post(path, [['intent', 'assign'], ['inputIds', 'abc'], ['inputIds', '-4']], cookie), params)) as any
    expect(junk.init.status).toBe(400)

    await t.db.updateTable('inputs').set({ theme_id: null }).where('id', 'in', letters.map((l) => l.id)).execute()
    const added = (await call(themePage.action, post(`${path}?topik=rekrutmen`, [['intent', 'assign'], ['inputIds', String(letters[0].id)]], cookie), params)) as Response
    expect(added.status).toBe(302)
    // The representative brings its group along; the filters stay.
    expect(added.headers.get('Location')).toBe(`${path}?topik=rekrutmen&ditambah=3`)

    const uncited = (await call(themePage.action, post(path, [['intent', 'save'], ['title', 'Pengumuman lebih awal'], ['summary', 'Tiga surat meminta pengumuman 30 hari sebelumnya.']], cookie), params)) as any
    expect(uncited.init.status).toBe(400)
    expect(uncited.data.result.error.citedInputIds).toEqual(['theme.error.citationRequired'])
    const foreignInput = await t.db.selectFrom('inputs').select('id').where('consultation_id', '=', otherConsultationId).executeTakeFirstOrThrow()
    const outside = (await call(
      themePage.action,
      post(path, [['intent', 'save'], ['title', 'Pengumuman lebih awal'], ['summary', 'Ringkasan.'], ['citedInputIds', String(foreignInput.id)]], cookie),
      params,
    )) as any
    expect(outside.data.result.error.citedInputIds).toEqual(['theme.error.citationOutside'])
    expect((await t.db.selectFrom('themes').select('summary').where('id', '=', theme.id).executeTakeFirstOrThrow()).summary).toBe('')

    const saved = (await call(
      themePage.action,
      post(path, [['intent', 'save'], ['title', 'Pengumuman lebih awal'], ['summary', 'Tiga surat meminta pengumuman 30 hari sebelumnya.'], ['citedInputIds', String(letters[1].id)]], cookie),
      params,
    )) as Response
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`${path}?tersimpan=1`)

    const view = (await call(themePage.loader, get(`${path}?tersimpan=1`, cookie), params)) as Awaited<ReturnType<typeof themePage.loader>>
    expect(view.notice).toBe('Tema disimpan.')
    expect(view.theme.citedIds).toEqual([letters[1].id])
    // The campaign shows once, as its representative, with the letters that move with it.
    expect(view.inTheme.map((i) => [i.trackingNumber, i.moves])).toEqual([[letters[0].trackingNumber, 3]])
    expect(view.citationChoices.map((i) => i.trackingNumber)).toEqual([letters[0].trackingNumber, letters[1].trackingNumber])

    const publicView = (await call(inputPage.loader, get(`/masukan/${letters[2].trackingNumber}`), { trackingNumber: letters[2].trackingNumber })) as Awaited<ReturnType<typeof inputPage.loader>>
    expect(publicView.grouping).toEqual({ groupSize: 3, theme: { id: theme.id, title: 'Pengumuman lebih awal' } })

    // Any letter of the campaign takes the whole campaign out.
    const removed = (await call(themePage.action, post(path, [['intent', 'unassign'], ['inputIds', String(letters[2].id)]], cookie), params)) as Response
    expect(removed.headers.get('Location')).toBe(`${path}?dikeluarkan=3`)
  })

  test('the duplicates page lists the campaign; a moderator takes a letter out, once', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const path = `/kelola/konsultasi/${consultationId}/duplikat`
    const params = { id: String(consultationId) }
    const page = (await call(duplicatesPage.loader, get(path, cookie), params)) as Awaited<ReturnType<typeof duplicatesPage.loader>>
    expect(page.groups).toHaveLength(1)
    expect(page.groups[0]).toMatchObject({ size: 3, representative: expect.objectContaining({ trackingNumber: letters[0].trackingNumber }) })
    expect(page.groups[0].members.map((m) => m.trackingNumber)).toEqual(letters.map((l) => l.trackingNumber))

    const out = (await call(duplicatesPage.action, post(path, [['inputId', String(letters[2].id)]], cookie), params)) as Response
    expect(out.status).toBe(302)
    expect(out.headers.get('Location')).toBe(`${path}?dikeluarkan=${letters[2].trackingNumber}`)
    const again = (await call(duplicatesPage.action, post(path, [['inputId', String(letters[2].id)]], cookie), params)) as any
    expect(again.init.status).toBe(409)
    for (const bad of ['', 'abc', '999999']) {
      const r = (await call(duplicatesPage.action, post(path, [['inputId', bad]], cookie), params)) as any
      expect(r.init.status).toBe(400)
    }
    const after = (await call(duplicatesPage.loader, get(`${path}?dikeluarkan=${letters[2].trackingNumber}`, cookie), params)) as Awaited<ReturnType<typeof duplicatesPage.loader>>
    expect(after.groups[0].size).toBe(2)
    expect(after.notice).toBe(`Masukan ${letters[2].trackingNumber} dikeluarkan dari kelompoknya.`)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'organisation_id']).where('action', '=', 'input.ungroup').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0].organisation_id).not.toBeNull()

    const publicView = (await call(inputPage.loader, get(`/masukan/${letters[2].trackingNumber}`), { trackingNumber: letters[2].trackingNumber })) as Awaited<ReturnType<typeof inputPage.loader>>
    expect(publicView.grouping?.groupSize).toBe(0)
  })
})
