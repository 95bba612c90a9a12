import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as root from '~/root'
import * as signIn from '~/routes/sign-in'
import * as draft from '~/routes/kelola.draft'
import * as newPolicy from '~/routes/kelola.new-policy'
import * as manage from '~/routes/kelola.policy'
import * as preview from '~/routes/kelola.preview'
import * as removeSection from '~/routes/kelola.remove-section'
import * as workspace from '~/routes/kelola'
import { setDb } from '~/lib/db.server'
import { getSections, listPolicyEvents } from '~/domain/policies.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { BASE, call, cookieFrom, form, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'
const manageUrl = (slug: string) => `/kelola/kebijakan/${slug}`
const editorUrl = (slug: string, n: number) => `/kelola/kebijakan/${slug}/versi/${n}/sunting`

function multipart(path: string, fields: Record<string, string | File>, cookie: string): Request {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return new Request(BASE + path, { method: 'POST', body, headers: { Cookie: cookie } })
}

type Reply = { form?: string; result: { status?: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }

describe.each(dialects)('the policy team workspace routes on %s', (dialect) => {
  let t: TestDb
  const cookies: Record<string, string> = {}
  let mamujuId: number

  const as = (who: string) => cookies[who]
  const status = (r: unknown) => (r instanceof Response ? r.status : 200)
  const location = (r: unknown) => (r as Response).headers.get('Location')
  const policyRow = (slug: string) =>
    t.db.selectFrom('policies').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
  const draftOf = async (slug: string) => {
    const policy = await policyRow(slug)
    return t.db
      .selectFrom('policy_versions')
      .selectAll()
      .where('policy_id', '=', policy.id)
      .where('status', '=', 'draft')
      .executeTakeFirst()
  }

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    for (const who of ['moderator.mamuju', 'admin.mamuju', 'asn.mamuju', 'warga', 'moderator.tanjungbalai', 'admin']) {
      const response = (await call(signIn.action, form('/masuk', { email: `${who}@rembuk.test`, password: DEMO_PASSWORD }))) as Response
      cookies[who] = cookieFrom(response)
    }
    mamujuId = (await t.db.selectFrom('organisations').select('id').where('slug', '=', 'mamuju').executeTakeFirstOrThrow()).id
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('the header offers "Kelola" only to people on a policy team', async () => {
    const flag = async (who: string) => ((await call(root.loader, get('/', as(who)))) as any).user.canManage
    expect(await flag('moderator.mamuju')).toBe(true)
    expect(await flag('admin.mamuju')).toBe(true)
    expect(await flag('admin')).toBe(true)
    expect(await flag('asn.mamuju')).toBe(false)
    expect(await flag('warga')).toBe(false)
  })

  test('the workspace shows each person their own organisations; citizens and employees are refused', async () => {
    const mine = (await call(workspace.loader, get('/kelola', as('moderator.mamuju')))) as any
    expect(mine.organisations.map((o: any) => o.slug)).toEqual(['mamuju'])
    expect(mine.organisations[0].policies[0]).toMatchObject({ slug: MAMUJU, published_number: 1, manageHref: manageUrl(MAMUJU) })
    const everyone = (await call(workspace.loader, get('/kelola', as('admin')))) as any
    expect(everyone.organisations).toHaveLength(5)
    expect(status(await call(workspace.loader, get('/kelola', as('warga'))))).toBe(403)
    expect(status(await call(workspace.loader, get('/kelola', as('asn.mamuju'))))).toBe(403)
    const anonymous = await call(workspace.loader, get('/kelola'))
    expect(status(anonymous)).toBe(302)
    expect(location(anonymous)).toBe('/masuk?redirectTo=%2Fkelola')
  })

  test('another organisation’s moderator, an employee and a citizen cannot reach a policy’s pages or actions', async () => {
    const draftUrl = editorUrl(MAMUJU, 2)
    for (const who of ['moderator.tanjungbalai', 'asn.mamuju', 'warga']) {
      expect(status(await call(manage.loader, get(manageUrl(MAMUJU), as(who)), { slug: MAMUJU }))).toBe(403)
      expect(
        status(await call(manage.action, form(manageUrl(MAMUJU), { intent: 'stage', stage: 'pembahasan' }, as(who)), { slug: MAMUJU })),
      ).toBe(403)
      expect(
        status(await call(manage.action, form(manageUrl(MAMUJU), { intent: 'nextVersion' }, as(who)), { slug: MAMUJU })),
      ).toBe(403)
      expect(status(await call(draft.loader, get(draftUrl, as(who)), { slug: MAMUJU, number: '1' }))).toBe(403)
      expect(
        status(
          await call(draft.action, form(draftUrl, { intent: 'add', heading: 'Sisipan', body: 'x' }, as(who)), { slug: MAMUJU, number: '1' }),
        ),
      ).toBe(403)
      expect(status(await call(preview.loader, get(draftUrl, as(who)), { slug: MAMUJU, number: '1' }))).toBe(403)
      expect(
        status(await call(removeSection.action, form(draftUrl, { confirm: 'ya' }, as(who)), { slug: MAMUJU, number: '1', key: 'pendahuluan' })),
      ).toBe(403)
    }
    // A moderator of Tanjungbalai cannot create a policy for Mamuju by sending its id.
    const before = await countRows(t.db, 'policies')
    const refused = await call(
      newPolicy.action,
      form('/kelola/kebijakan/baru', { organisationId: String(mamujuId), title: 'Kebijakan Titipan', summary: 'Ringkasan yang cukup panjang.', stage: 'penyusunan' }, as('moderator.tanjungbalai')),
    )
    expect(status(refused)).toBe(403)
    expect(status(await call(newPolicy.loader, get('/kelola/kebijakan/baru', as('warga'))))).toBe(403)
    expect(await countRows(t.db, 'policies')).toBe(before)
    expect((await policyRow(MAMUJU)).stage).toBe('konsultasi_publik')
    expect(await draftOf(MAMUJU)).toBeUndefined()
  })

  test('creating a policy: bad input is answered next to the fields and stores nothing', async () => {
    const offered = (await call(newPolicy.loader, get('/kelola/kebijakan/baru', as('moderator.mamuju')))) as any
    expect(offered.organisations).toEqual([{ id: mamujuId, name: 'Pemerintah Kabupaten Mamuju' }])
    expect(offered.preselected).toBe(mamujuId)

    const before = await countRows(t.db, 'policies')
    const bad = (await call(
      newPolicy.action,
      form('/kelola/kebijakan/baru', { organisationId: 'x', title: 'Ab', summary: '', topic: 'y'.repeat(201), stage: 'evaluasi' }, as('moderator.mamuju')),
    )) as Reply
    expect(bad.result.error).toMatchObject({
      organisationId: ['drafting.error.chooseOrganisation'],
      title: ['validation.tooShort|5'],
      summary: ['validation.required'],
      topic: ['validation.tooLong|200'],
      stage: ['drafting.error.chooseStage'],
    })
    expect(bad.result.initialValue).toMatchObject({ title: 'Ab' })
    const unknownOrg = (await call(
      newPolicy.action,
      form('/kelola/kebijakan/baru', { organisationId: '99999', title: 'Kebijakan Baru', summary: 'Ringkasan yang cukup panjang.', stage: 'penyusunan' }, as('admin')),
    )) as Reply
    expect(unknownOrg.result.error).toEqual({ organisationId: ['drafting.error.chooseOrganisation'] })
    expect(await countRows(t.db, 'policies')).toBe(before)
  })

  test('the team creates a policy, writes, imports, reorders, deletes and publishes its first version', async () => {
    const mod = as('moderator.mamuju')
    const created = await call(
      newPolicy.action,
      form(
        '/kelola/kebijakan/baru',
        { organisationId: String(mamujuId), title: 'Pengembangan Kompetensi ASN', summary: 'Hak pelatihan 20 jam pelajaran per tahun.', topic: 'pelatihan', stage: 'analisis_kebutuhan' },
        mod,
      ),
    )
    const slug = 'pengembangan-kompetensi-asn'
    expect(location(created)).toBe(`${editorUrl(slug, 1)}?selesai=dibuat`)
    expect((await policyRow(slug)).stage).toBe('analisis_kebutuhan')
    const url = editorUrl(slug, 1)
    const params = { slug, number: '1' }

    const editing = (await call(draft.loader, get(url, mod), params)) as any
    expect(editing.version).toMatchObject({ number: 1, status: 'draft' })
    expect(editing.sections).toEqual([])
    expect(editing.canPublish).toBe(true)

    // Publishing an empty draft, or without ticking the box, is refused.
    const unconfirmed = (await call(draft.action, form(url, { intent: 'publish', note: 'Catatan' }, mod), params)) as Reply
    expect(unconfirmed).toMatchObject({ form: 'terbit', result: { error: { confirm: ['drafting.error.confirmPublish'] } } })
    expect(unconfirmed.result.initialValue).toMatchObject({ note: 'Catatan' })
    const empty = (await call(draft.action, form(url, { intent: 'publish', confirm: 'on' }, mod), params)) as Reply
    expect(empty.result.error).toEqual({ '': ['drafting.error.emptyDraft'] })

    // Bad section and import input: errors, nothing changes.
    const blank = (await call(draft.action, form(url, { intent: 'add', heading: '  ', body: '' }, mod), params)) as Reply
    expect(blank).toMatchObject({ form: 'tambah', result: { error: { heading: ['drafting.error.emptySection'] } } })
    const long = (await call(draft.action, form(url, { intent: 'add', heading: 'x'.repeat(201), body: 'Isi' }, mod), params)) as Reply
    expect(long.result.error).toEqual({ heading: ['validation.tooLong|200'] })
    expect(long.result.initialValue).toMatchObject({ body: 'Isi' })
    const nothing = (await call(draft.action, multipart(url, { intent: 'import', mode: 'replace' }, mod), params)) as Reply
    expect(nothing).toMatchObject({ form: 'impor', result: { error: { text: ['drafting.error.importEmpty'] } } })
    const residue = (await call(draft.action, multipart(url, { intent: 'import', mode: 'replace', text: 'Leave a Reply' }, mod), params)) as Reply
    expect(residue.result.error).toEqual({ text: ['drafting.error.importNothing'] })
    const latin1 = new File([new Uint8Array([0x50, 0x61, 0x73, 0x61, 0x6c, 0x20, 0xe9, 0xff])], 'draf.txt', { type: 'text/plain' })
    const badFile = (await call(draft.action, multipart(url, { intent: 'import', mode: 'replace', file: latin1 }, mod), params)) as Reply
    expect(badFile.result.error).toEqual({ file: ['drafting.error.fileEncoding'] })
    const pdf = new File(['%PDF'], 'draf.pdf', { type: 'application/pdf' })
    const wrongType = (await call(draft.action, multipart(url, { intent: 'import', mode: 'replace', file: pdf }, mod), params)) as Reply
    expect(wrongType.result.error).toEqual({ file: ['drafting.error.fileType'] })
    const both = (await call(
      draft.action,
      multipart(url, { intent: 'import', mode: 'append', text: 'Pasal 1\nIsi.', file: new File(['Pasal 2\nIsi.'], 'a.txt') }, mod),
      params,
    )) as Reply
    expect(both.result.error).toEqual({ text: ['drafting.error.importBoth'] })
    const badMode = (await call(draft.action, multipart(url, { intent: 'import', mode: 'merge', text: 'Pasal 1\nIsi.' }, mod), params)) as Reply
    expect(badMode.result.error).toEqual({ mode: ['drafting.error.chooseMode'] })
    expect(await getSections(t.db, editing.version.id)).toEqual([])

    // A .txt file: the title line is skipped and reported.
    const file = new File(['Peraturan tentang Pelatihan\nPasal 1\nSetiap ASN berhak atas pelatihan.\nPasal 2\nPelatihan dicatat.'], 'draf.txt', {
      type: 'text/plain',
    })
    const imported = await call(draft.action, multipart(url, { intent: 'import', mode: 'replace', file }, mod), params)
    expect(location(imported)).toBe(`${url}?selesai=diganti&bagian=2&lanjut=0&dibuang=0&judul=Peraturan+tentang+Pelatihan`)
    const pasted = await call(draft.action, multipart(url, { intent: 'import', mode: 'append', text: 'Pasal 3\nBiaya dari APBD.' }, mod), params)
    expect(location(pasted)).toBe(`${url}?selesai=diimpor&bagian=1&lanjut=0&dibuang=0`)
    let sections = await getSections(t.db, editing.version.id)
    expect(sections.map((s) => s.key)).toEqual(['pasal-1', 'pasal-2', 'pasal-3'])

    const added = await call(
      draft.action,
      form(url, { intent: 'add', heading: 'Menimbang', body: 'bahwa ...', place: 'start' }, mod),
      params,
    )
    expect(location(added)).toBe(`${url}?selesai=ditambah&bagian=menimbang#bagian-menimbang`)
    const [menimbang, , pasal2, pasal3] = await getSections(t.db, editing.version.id)
    const saved = await call(
      draft.action,
      form(url, { intent: 'update', sectionId: String(pasal2.id), heading: 'Pasal 2', body: 'Pelatihan dicatat dalam sistem informasi ASN.' }, mod),
      params,
    )
    expect(location(saved)).toBe(`${url}?selesai=disimpan&bagian=pasal-2#bagian-pasal-2`)
    const emptied = (await call(
      draft.action,
      form(url, { intent: 'update', sectionId: String(pasal2.id), heading: '', body: '' }, mod),
      params,
    )) as Reply
    expect(emptied).toMatchObject({ form: `bagian-${pasal2.id}`, result: { error: { heading: ['drafting.error.emptySection'] } } })
    const moved = await call(draft.action, form(url, { intent: 'move', sectionId: String(pasal3.id), direction: 'up' }, mod), params)
    expect(location(moved)).toBe(`${url}?selesai=dipindah&bagian=pasal-3#bagian-pasal-3`)
    sections = await getSections(t.db, editing.version.id)
    expect(sections.map((s) => s.key)).toEqual(['menimbang', 'pasal-1', 'pasal-3', 'pasal-2'])
    expect(sections[3].body).toBe('Pelatihan dicatat dalam sistem informasi ASN.')

    // Deleting asks first; without the confirmation nothing happens.
    const confirmPage = (await call(removeSection.loader, get(`${url}/hapus/menimbang`, mod), { ...params, key: 'menimbang' })) as any
    expect(confirmPage.section).toMatchObject({ heading: 'Menimbang', number: 1 })
    const unconfirmedRemove = await call(removeSection.action, form(`${url}/hapus/menimbang`, {}, mod), { ...params, key: 'menimbang' })
    expect(location(unconfirmedRemove)).toBe(`${url}#bagian-menimbang`)
    expect(await getSections(t.db, editing.version.id)).toHaveLength(4)
    const removed = await call(removeSection.action, form(`${url}/hapus/menimbang`, { confirm: 'ya' }, mod), { ...params, key: 'menimbang' })
    expect(location(removed)).toBe(`${url}?selesai=dihapus`)
    expect((await getSections(t.db, editing.version.id)).map((s) => s.key)).toEqual(['pasal-1', 'pasal-3', 'pasal-2'])
    const gone = await call(removeSection.loader, get(`${url}/hapus/menimbang`, mod), { ...params, key: 'menimbang' })
    expect(location(gone)).toBe(`${url}?selesai=hilang`)
    const goneSection = await call(draft.action, form(url, { intent: 'move', sectionId: String(menimbang.id), direction: 'down' }, mod), params)
    expect(location(goneSection)).toBe(`${url}?selesai=hilang`)

    // The preview shows the draft as readers will; the public cannot read it yet.
    const previewed = (await call(preview.loader, get(`/kelola/kebijakan/${slug}/versi/1/pratinjau`, mod), params)) as any
    expect(previewed.sections.map((s: any) => s.key)).toEqual(['pasal-1', 'pasal-3', 'pasal-2'])

    const published = await call(draft.action, form(url, { intent: 'publish', note: 'Untuk konsultasi publik.', confirm: 'on' }, mod), params)
    expect(location(published)).toBe(`${manageUrl(slug)}?selesai=diterbitkan&versi=1`)
    const policy = await policyRow(slug)
    const events = await listPolicyEvents(t.db, policy.id)
    expect(events.at(-1)).toMatchObject({ kind: 'version_published', version_number: 1, note: 'Untuk konsultasi publik.' })

    // From now on version 1 is read, never edited.
    expect(location(await call(draft.loader, get(url, mod), params))).toBe(`/kebijakan/${slug}/versi/1`)
    const late = await call(draft.action, form(url, { intent: 'add', heading: 'Terlambat', body: 'x' }, mod), params)
    expect(location(late)).toBe(`${manageUrl(slug)}?selesai=sudahTerbit&versi=1`)
    const lateRemove = await call(removeSection.action, form(`${url}/hapus/pasal-1`, { confirm: 'ya' }, mod), { ...params, key: 'pasal-1' })
    expect(location(lateRemove)).toBe(`${manageUrl(slug)}?selesai=sudahTerbit&versi=1`)
    expect((await getSections(t.db, policy.current_version_id!)).map((s) => s.key)).toEqual(['pasal-1', 'pasal-3', 'pasal-2'])
  })

  test('the stage moves with a note; the same stage or an unknown one is refused', async () => {
    const admin = as('admin.mamuju')
    const url = manageUrl(MAMUJU)
    const page = (await call(manage.loader, get(url, admin), { slug: MAMUJU })) as any
    expect(page.policy.stage).toBe('konsultasi_publik')
    expect(page.draft).toBeNull()
    const same = (await call(manage.action, form(url, { intent: 'stage', stage: 'konsultasi_publik', note: 'x' }, admin), { slug: MAMUJU })) as Reply
    expect(same).toMatchObject({ form: 'tahap', result: { error: { stage: ['drafting.error.sameStage'] } } })
    const unknown = (await call(manage.action, form(url, { intent: 'stage', stage: 'selesai' }, admin), { slug: MAMUJU })) as Reply
    expect(unknown.result.error).toEqual({ stage: ['drafting.error.chooseStage'] })
    const tooLong = (await call(manage.action, form(url, { intent: 'stage', stage: 'pembahasan', note: 'x'.repeat(2001) }, admin), { slug: MAMUJU })) as Reply
    expect(tooLong.result.error).toEqual({ note: ['validation.tooLong|2000'] })
    expect((await policyRow(MAMUJU)).stage).toBe('konsultasi_publik')

    const moved = await call(manage.action, form(url, { intent: 'stage', stage: 'pembahasan', note: 'Masukan sedang dibahas.' }, admin), { slug: MAMUJU })
    expect(location(moved)).toBe(`${url}?selesai=tahap`)
    const after = (await call(manage.loader, get(url, admin), { slug: MAMUJU })) as any
    expect(after.policy.stage).toBe('pembahasan')
    expect(after.events.at(-1)).toMatchObject({ kind: 'stage_changed', from_stage: 'konsultasi_publik', to_stage: 'pembahasan', note: 'Masukan sedang dibahas.' })
    expect(after.events.at(-1).occurred_at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  test('the next version starts once, from the current one', async () => {
    const mod = as('moderator.mamuju')
    const url = manageUrl(MAMUJU)
    const started = await call(manage.action, form(url, { intent: 'nextVersion' }, mod), { slug: MAMUJU })
    expect(location(started)).toBe(`${editorUrl(MAMUJU, 2)}?selesai=versiBaru`)
    const again = await call(manage.action, form(url, { intent: 'nextVersion' }, mod), { slug: MAMUJU })
    expect(location(again)).toBe(`${editorUrl(MAMUJU, 2)}?selesai=drafAda`)
    const editing = (await call(draft.loader, get(editorUrl(MAMUJU, 2), mod), { slug: MAMUJU, number: '2' })) as any
    expect(editing.sections.map((s: any) => s.key).slice(0, 2)).toEqual(['pendahuluan', 'tujuan-penyusunan-kebijakan'])
    const page = (await call(manage.loader, get(url, mod), { slug: MAMUJU })) as any
    expect(page.versions.map((v: any) => [v.number, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ])
  })

  test('addresses and requests that make no sense answer 404 or 400, never 500', async () => {
    const mod = as('moderator.mamuju')
    for (const number of ['0', 'abc', '1.5', '01', '99']) {
      expect(status(await call(draft.loader, get(editorUrl(MAMUJU, 1), mod), { slug: MAMUJU, number }))).toBe(404)
    }
    expect(status(await call(manage.loader, get(manageUrl('tidak-ada'), mod), { slug: 'tidak-ada' }))).toBe(404)
    expect(status(await call(draft.action, form(editorUrl(MAMUJU, 2), { intent: 'hack' }, mod), { slug: MAMUJU, number: '2' }))).toBe(400)
    expect(
      status(await call(draft.action, form(editorUrl(MAMUJU, 2), { intent: 'move', sectionId: 'x', direction: 'sideways' }, mod), { slug: MAMUJU, number: '2' })),
    ).toBe(400)
    expect(status(await call(manage.action, form(manageUrl(MAMUJU), {}, mod), { slug: MAMUJU }))).toBe(400)
    const badPlace = (await call(
      draft.action,
      form(editorUrl(MAMUJU, 2), { intent: 'add', heading: 'X', body: 'Y', place: 'after-999999' }, mod),
      { slug: MAMUJU, number: '2' },
    )) as Reply
    expect(badPlace.result.error).toEqual({ place: ['drafting.error.choosePlace'] })
    const foreign = (await call(
      draft.action,
      form(editorUrl(MAMUJU, 2), { intent: 'update', sectionId: '999999', heading: 'X', body: 'Y' }, mod),
      { slug: MAMUJU, number: '2' },
    )) as Response
    expect(location(foreign)).toBe(`${editorUrl(MAMUJU, 2)}?selesai=hilang`)
  })
})
