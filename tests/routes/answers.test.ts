import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as apiMatrix from '~/routes/api.policy-matrix'
import * as apiExport from '~/routes/api.policy-inputs-export'
import * as inputPage from '~/routes/input'
import * as manageResponses from '~/routes/kelola.responses'
import * as matrix from '~/routes/matrix'
import * as matrixCsv from '~/routes/matrix-csv'
import * as matrixPdf from '~/routes/matrix-pdf'
import * as summary from '~/routes/summary'
import * as signIn from '~/routes/sign-in'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { parseCsvRecords } from '../csv'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'
import { nowIso } from '~/lib/clock'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('response and matrix routes on %s', (dialect) => {
  let t: TestDb
  const cookies: Record<string, string> = {}
  const as = async (email: string) => {
    if (!cookies[email]) {
      const r = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
      cookies[email] = cookieFrom(r)
    }
    return cookies[email]
  }
  let consultationId: number
  let inputs: { id: number; tracking_number: string; user_id: number | null }[]
  let themeId: number
  let otherInput: number
  const page = () => `/kelola/konsultasi/${consultationId}/tanggapan`
  const params = () => ({ id: String(consultationId) })

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    const c = await t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .select('consultations.id')
      .where('policies.slug', '=', MAMUJU)
      .executeTakeFirstOrThrow()
    consultationId = c.id
    inputs = await t.db
      .selectFrom('inputs')
      .select(['id', 'tracking_number', 'user_id'])
      .where('consultation_id', '=', consultationId)
      .where('status', '=', 'published')
      .orderBy('id')
      .execute()
    const at = nowIso()
    themeId = (
      await t.db
        .insertInto('themes')
        .values({ consultation_id: consultationId, title: 'Transparansi rekrutmen', summary: 'Pengumuman dan nilai seleksi.', created_by: null, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await t.db.updateTable('inputs').set({ theme_id: themeId }).where('id', 'in', [inputs[0].id, inputs[1].id]).execute()
    otherInput = (
      await t.db
        .selectFrom('inputs')
        .select('id')
        .where('consultation_id', '!=', consultationId)
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('only the organisation’s team opens and posts to the answering page', async () => {
    for (const email of ['warga@rembuk.test', 'asn.mamuju@rembuk.test', 'moderator.plaju@rembuk.test']) {
      const cookie = await as(email)
      expect(((await call(manageResponses.loader, get(page(), cookie), params())) as Response).status, email).toBe(403)
      const post = (await call(
        manageResponses.action,
        form(page(), { intent: 'respondInput', inputId: String(inputs[0].id), decision: 'diterima', reason: 'Alasan.' }, cookie),
        params(),
      )) as Response
      expect(post.status, email).toBe(403)
    }
    expect(((await call(manageResponses.loader, get(page()), params())) as Response).status).toBe(302)
    for (const id of ['abc', '999999', '99999999999999999999', '-1']) {
      expect(((await call(manageResponses.loader, get(`/kelola/konsultasi/${id}/tanggapan`, await as('moderator.mamuju@rembuk.test')), { id })) as Response).status).toBe(404)
    }
    expect(await countRows(t.db, 'responses')).toBe(0)

    const ok = (await call(manageResponses.loader, get(page(), await as('moderator.mamuju@rembuk.test')), params())) as any
    expect(ok.counts).toMatchObject({ total: inputs.length, answered: 0 })
    expect(ok.themes).toMatchObject([{ id: themeId, title: 'Transparansi rekrutmen', inputs: 2 }])
    expect(ok.items.map((i: { id: number }) => i.id)).toEqual(inputs.map((i) => i.id))
  })

  test('a bad decision or a missing reason is an error next to the field, keeps what was typed, and changes nothing', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const bad = (await call(
      manageResponses.action,
      form(page(), { intent: 'respondInput', inputId: String(inputs[2].id), decision: 'disetujui', reason: 'Alasan yang saya tulis.' }, cookie),
      params(),
    )) as any
    expect(bad.init.status).toBe(400)
    expect(bad.data).toMatchObject({ formId: `i${inputs[2].id}`, ok: false, errors: { decision: ['answer.error.decision'] }, values: { reason: 'Alasan yang saya tulis.' } })
    const empty = (await call(
      manageResponses.action,
      form(page(), { intent: 'respondTheme', themeId: String(themeId), decision: 'diterima', reason: '   ' }, cookie),
      params(),
    )) as any
    expect(empty.data).toMatchObject({ formId: `t${themeId}`, ok: false, errors: { reason: ['answer.error.reason'] }, values: { decision: 'diterima' } })
    // An input of another consultation, an unknown intent, a missing id: refused, nothing written.
    for (const fields of <Record<string, string>[]>[
      { intent: 'respondInput', inputId: String(otherInput), decision: 'diterima', reason: 'Alasan.' },
      { intent: 'hapusSemua', inputId: String(inputs[0].id) },
      { intent: 'respondInput', decision: 'diterima', reason: 'Alasan.' },
      { intent: 'respondTheme', themeId: 'x', decision: 'diterima', reason: 'Alasan.' },
      { intent: 'respondInput', inputId: '99999999999999999999', decision: 'diterima', reason: 'Alasan.' },
      { intent: 'respondTheme', themeId: '1e3', decision: 'diterima', reason: 'Alasan.' },
    ]) {
      const refused = (await call(manageResponses.action, form(page(), fields, cookie), params())) as any
      expect(refused.init.status).toBe(400)
      expect(refused.data.errors.form).toEqual(['answer.error.gone'])
    }
    expect(await countRows(t.db, 'responses')).toBe(0)
    expect(await countRows(t.db, 'audit_log')).toBe(0)
  })

  test('a NUL character in a reason is dropped, not a server error', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const nul = (await call(
      manageResponses.action,
      form(page(), { intent: 'respondInput', inputId: String(inputs[4].id), decision: 'dicatat', reason: 'Dicatat\u0000 untuk revisi.' }, cookie),
      params(),
    )) as any
    expect(nul.data.ok).toBe(true)
    const stored = await t.db.selectFrom('responses').select('reason').where('input_id', '=', inputs[4].id).executeTakeFirstOrThrow()
    expect(stored.reason).toBe('Dicatat untuk revisi.')
    await t.db.deleteFrom('responses').execute()
    await t.db.deleteFrom('audit_log').execute()
    await t.db.deleteFrom('notifications').execute()
    await t.db.deleteFrom('outbox').execute()
  })

  test('answering by theme, overriding one input, then reading it back on the public pages and APIs', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const byTheme = (await call(
      manageResponses.action,
      form(page(), { intent: 'respondTheme', themeId: String(themeId), decision: 'diterima_sebagian', reason: 'Nilai per tahap akan diumumkan.' }, cookie),
      params(),
    )) as any
    expect(byTheme.data).toMatchObject({ ok: true })
    expect(byTheme.data.message).toContain('Transparansi rekrutmen')
    const override = (await call(
      manageResponses.action,
      form(page(), { intent: 'respondInput', inputId: String(inputs[1].id), decision: 'ditolak', reason: 'Sudah diatur peraturan pusat.' }, cookie),
      params(),
    )) as any
    expect(override.data).toMatchObject({ ok: true })

    const answered = (await call(manageResponses.loader, get(`${page()}?status=sudah&tema=${themeId}`, cookie), params())) as any
    expect(answered.items.map((i: any) => [i.id, i.response_source])).toEqual([
      [inputs[0].id, 'theme'],
      [inputs[1].id, 'input'],
    ])
    const unanswered = (await call(manageResponses.loader, get(`${page()}?status=belum`, cookie), params())) as any
    expect(unanswered.items).toHaveLength(inputs.length - 2)
    // Odd filters are ignored or match nothing; they never fail.
    const odd = (await call(manageResponses.loader, get(`${page()}?setelah=99999999999999&tema=99999999999&jenis=x`, cookie), params())) as any
    expect(odd.items).toHaveLength(inputs.length)
    const noSuchTheme = (await call(manageResponses.loader, get(`${page()}?tema=2147483646`, cookie), params())) as any
    expect(noSuchTheme.items).toEqual([])
    const unknownSection = (await call(manageResponses.loader, get(`${page()}?bagian=tidak-ada%00`, cookie), params())) as any
    expect(unknownSection.items).toHaveLength(inputs.length)

    // The public matrix, signed out.
    const m = (await call(matrix.loader, get(`/kebijakan/${MAMUJU}/matriks`), { slug: MAMUJU })) as any
    expect(m.counts).toMatchObject({ answered: 2, unanswered: inputs.length - 2 })
    expect(m.rows.find((r: any) => r.id === inputs[0].id)).toMatchObject({ decision: 'diterima_sebagian', themeTitle: 'Transparansi rekrutmen' })
    expect(m.rows.find((r: any) => r.id === inputs[1].id)).toMatchObject({ decision: 'ditolak', responseSource: 'input' })
    expect(m.nextHref).toBeNull()
    const stale = (await call(matrix.loader, get(`/kebijakan/${MAMUJU}/matriks?setelah=rusak`), { slug: MAMUJU })) as any
    expect(stale.badCursor).toBe(true)
    expect(stale.rows).toHaveLength(m.rows.length)

    const csv = (await call(matrixCsv.loader, get(`/kebijakan/${MAMUJU}/matriks.csv`), { slug: MAMUJU })) as Response
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('Content-Disposition')).toMatch(/^attachment; filename="matriks-tanggapan-/)
    const bytes = Buffer.from(await csv.arrayBuffer())
    // A byte-order mark first, so spreadsheet programs read UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    const records = parseCsvRecords(text)
    expect(records).toHaveLength(inputs.length)
    const row = records.find((r) => r['Nomor registrasi'] === inputs[0].tracking_number)!
    expect(row).toMatchObject({ Keputusan: 'Diterima sebagian', 'Alasan tanggapan': 'Nilai per tahap akan diumumkan.', 'Melalui tema': 'Transparansi rekrutmen' })
    expect(text).not.toContain('warga@rembuk.test')

    const pdf = (await call(matrixPdf.loader, get(`/kebijakan/${MAMUJU}/matriks.pdf`), { slug: MAMUJU })) as Response
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const input = (await call(inputPage.loader, get(`/masukan/${inputs[0].tracking_number}`), { trackingNumber: inputs[0].tracking_number })) as any
    expect(input.answer).toMatchObject({ state: 'answered', response: { decision: 'diterima_sebagian', themeTitle: 'Transparansi rekrutmen' } })
    const other = (await call(inputPage.loader, get(`/masukan/${inputs[3].tracking_number}`), { trackingNumber: inputs[3].tracking_number })) as any
    expect(other.answer).toEqual({ state: 'unanswered' })

    // Each submitter was told in the portal: the first once, the second for the theme and again for the override.
    expect(inputs[0].user_id).not.toBeNull()
    expect(inputs[1].user_id).not.toBeNull()
    const told = await t.db.selectFrom('notifications').select(['user_id', 'link']).where('kind', '=', 'input_answered').orderBy('id').execute()
    expect(told).toEqual([
      { user_id: inputs[0].user_id, link: `/masukan/${inputs[0].tracking_number}` },
      { user_id: inputs[1].user_id, link: `/masukan/${inputs[1].tracking_number}` },
      { user_id: inputs[1].user_id, link: `/masukan/${inputs[1].tracking_number}` },
    ])
  })

  test('the matrix API pages with a cursor and refuses what it did not give', async () => {
    const url = `/api/v1/policies/${MAMUJU}/matrix?limit=2`
    const first = await ((await call(apiMatrix.loader, get(url), { slug: MAMUJU })) as Response).json()
    expect(first.data).toHaveLength(2)
    expect(first.consultations[0]).toMatchObject({ id: consultationId, inputs: inputs.length })
    const seen = [...first.data]
    let next = first.next
    while (next) {
      const more = await ((await call(apiMatrix.loader, get(next), { slug: MAMUJU })) as Response).json()
      seen.push(...more.data)
      next = more.next
    }
    expect(seen.map((r) => r.trackingNumber).sort()).toEqual(inputs.map((i) => i.tracking_number).sort())
    const huge = Buffer.from(JSON.stringify([consultationId, '', 1e20])).toString('base64url')
    for (const bad of ['?limit=0', '?limit=501', '?limit=abc', '?cursor=rusak', `?cursor=${huge}`]) {
      expect(((await call(apiMatrix.loader, get(`/api/v1/policies/${MAMUJU}/matrix${bad}`), { slug: MAMUJU })) as Response).status, bad).toBe(400)
    }
    expect(((await call(apiMatrix.loader, get(`/api/v1/policies/${MAMUJU}/matrix?consultation=999999`), { slug: MAMUJU })) as Response).status).toBe(404)
    expect(((await call(apiMatrix.loader, get('/api/v1/policies/tidak-ada/matrix'), { slug: 'tidak-ada' })) as Response).status).toBe(404)
  })

  test('the open-data exports stream every published input of the policy without private fields', async () => {
    const published = await t.db
      .selectFrom('inputs')
      .innerJoin('policies', 'policies.id', 'inputs.policy_id')
      .select('inputs.tracking_number')
      .where('policies.slug', '=', MAMUJU)
      .where('inputs.status', '=', 'published')
      .execute()
    const csv = (await call(apiExport.loader, get(`/api/v1/policies/${MAMUJU}/inputs.csv`), { slug: MAMUJU })) as Response
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const csvText = await csv.text()
    const ndjson = (await call(apiExport.loader, get(`/api/v1/policies/${MAMUJU}/inputs.ndjson`), { slug: MAMUJU })) as Response
    expect(ndjson.headers.get('Content-Type')).toBe('application/x-ndjson; charset=utf-8')
    const ndjsonText = await ndjson.text()
    for (const text of [csvText, ndjsonText]) {
      expect(text).not.toMatch(/@rembuk\.test/)
      expect(text).not.toContain('submitter_contact')
      expect(text).not.toContain('user_id')
    }
    expect(parseCsvRecords(csvText).map((r) => r.tracking_number).sort()).toEqual(published.map((p) => p.tracking_number).sort())
    expect(ndjsonText.trimEnd().split('\n').map((l) => JSON.parse(l).tracking_number).sort()).toEqual(published.map((p) => p.tracking_number).sort())
    expect(((await call(apiExport.loader, get('/api/v1/policies/tidak-ada/inputs.csv'), { slug: 'tidak-ada' })) as Response).status).toBe(404)
  })

  test('the summary page counts questionnaire answers and kinds per section', async () => {
    const s = (await call(summary.loader, get(`/kebijakan/${MAMUJU}/ringkasan`), { slug: MAMUJU })) as any
    expect(s.questions[0]).toMatchObject({ kind: 'scale' })
    expect(s.questions[0].respondents).toBeGreaterThan(0)
    expect(s.sections.reduce((a: number, x: { total: number }) => a + x.total, 0)).toBe(inputs.length)
    const none = (await call(matrix.loader, get('/kebijakan/tidak-ada/matriks'), { slug: 'tidak-ada' })) as Response
    expect(none.status).toBe(404)
  })
})
