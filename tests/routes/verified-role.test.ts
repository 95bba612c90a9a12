import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as apiInput from '~/routes/api.input'
import * as apiInputs from '~/routes/api.policy-inputs'
import * as apiExport from '~/routes/api.policy-inputs-export'
import * as apiMatrix from '~/routes/api.policy-matrix'
import * as inputNew from '~/routes/input-new'
import * as inputPage from '~/routes/input'
import * as inputs from '~/routes/inputs'
import * as queue from '~/routes/kelola.moderation'
import * as matrix from '~/routes/matrix'
import * as matrixCsv from '~/routes/matrix-csv'
import * as matrixPdf from '~/routes/matrix-pdf'
import * as signIn from '~/routes/sign-in'
import { getQuestions } from '~/domain/consultations.server'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { parseCsv } from '../csv'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { readPdf } from '../pdf-text'
import { call, cookieFrom, form, get } from './helpers'

// Plaju's demo consultation publishes at once; one input is from a verified civil servant, one under a pseudonym.
const PLAJU = 'implementasi-kebijakan-kepegawaian-plaju'
const ROLE = 'ASN, Kantor Kecamatan Plaju, Kota Palembang'
const PSEUDONYM = 'Warga Plaju Ilir'

describe.each(dialects)('verified civil-servant roles on %s', (dialect) => {
  let t: TestDb
  let role: string
  let pseudonym: string
  let consultationId: number
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
    const numberOf = async (label: string) =>
      (await t.db.selectFrom('inputs').select('tracking_number').where('display_label', '=', label).where('status', '=', 'published').executeTakeFirstOrThrow())
        .tracking_number
    role = await numberOf(ROLE)
    pseudonym = await numberOf(PSEUDONYM)
    consultationId = (
      await t.db
        .selectFrom('consultations')
        .innerJoin('policies', 'policies.id', 'consultations.policy_id')
        .select('consultations.id')
        .where('policies.slug', '=', PLAJU)
        .executeTakeFirstOrThrow()
    ).id
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('a pseudonym that imitates a verified role is refused with a field error, and nothing is stored', async () => {
    const questions = await getQuestions(t.db, consultationId)
    const answers = Object.fromEntries(
      questions.map((q) => [`answers.q${q.id}`, q.kind === 'scale' ? '3' : q.kind === 'yesno' ? 'ya' : q.kind === 'text' ? 'Jawaban.' : q.options[0]]),
    )
    const fields = (name: string) => ({
      kind: 'support',
      reason: 'Saya mendukung bagian ini.',
      topic: 'kinerja',
      displayMode: 'pseudonym',
      pseudonym: name,
      'consent.processing': 'on',
      'consent.publication': 'on',
      ...answers,
    })
    const before = await countRows(t.db, 'inputs')
    for (const fake of ['ASN, BKPSDM Kabupaten Mamuju', 'a.s.n. bkpsdm kab. mamuju', 'Kantor Kecamatan P1aju']) {
      const result = (await call(inputNew.action, form(`/kebijakan/${PLAJU}/masukan/baru`, fields(fake), await as('warga@rembuk.test')), {
        slug: PLAJU,
      })) as any
      expect(result.result?.error?.pseudonym, fake).toEqual(['input.error.pseudonymImitatesRole'])
      expect(result.result.initialValue).toMatchObject({ pseudonym: fake })
    }
    expect(await countRows(t.db, 'inputs')).toBe(before)

    // An ordinary pseudonym still goes through.
    const ok = (await call(inputNew.action, form(`/kebijakan/${PLAJU}/masukan/baru`, fields('Asnawi dari Plaju'), await as('warga@rembuk.test')), {
      slug: PLAJU,
    })) as Response
    expect(ok.status).toBe(302)
    expect(await countRows(t.db, 'inputs')).toBe(before + 1)
  })

  test('every view tells a verified role from a chosen name', async () => {
    const page = (name: string) => call(inputPage.loader, get(`/masukan/${name}`), { trackingNumber: name }) as Promise<any>
    expect((await page(role)).input).toMatchObject({ displayLabel: ROLE, verified: true })
    expect((await page(pseudonym)).input).toMatchObject({ displayLabel: PSEUDONYM, verified: false })

    const list = (await call(inputs.loader, get(`/kebijakan/${PLAJU}/masukan`), { slug: PLAJU })) as any
    const byNumber = (items: any[], key: string, n: string) => items.find((i) => i[key] === n)
    expect(byNumber(list.items, 'tracking_number', role).display_mode).toBe('verified_role')
    expect(byNumber(list.items, 'tracking_number', pseudonym).display_mode).toBe('pseudonym')

    const matrixPage = (await call(matrix.loader, get(`/kebijakan/${PLAJU}/matriks`), { slug: PLAJU })) as any
    expect(byNumber(matrixPage.rows, 'trackingNumber', role).verified).toBe(true)
    expect(byNumber(matrixPage.rows, 'trackingNumber', pseudonym).verified).toBe(false)

    // The team's queue marks it too.
    const queued = (await call(queue.loader, get(`/kelola/konsultasi/${consultationId}/moderasi?status=terbit`, await as('moderator.plaju@rembuk.test')), {
      id: String(consultationId),
    })) as any
    expect(byNumber(queued.items, 'trackingNumber', role).verified).toBe(true)
    expect(byNumber(queued.items, 'trackingNumber', pseudonym).verified).toBe(false)

    const api = async (loader: any, path: string, params: Record<string, string>) => (await ((await call(loader, get(path), params)) as Response).json()) as any
    expect((await api(apiInput.loader, `/api/v1/inputs/${role}`, { trackingNumber: role })).data).toMatchObject({ shownAs: ROLE, verified: true })
    expect((await api(apiInput.loader, `/api/v1/inputs/${pseudonym}`, { trackingNumber: pseudonym })).data).toMatchObject({
      shownAs: PSEUDONYM,
      verified: false,
    })
    const listed = (await api(apiInputs.loader, `/api/v1/policies/${PLAJU}/inputs`, { slug: PLAJU })).data
    expect(byNumber(listed, 'trackingNumber', role).verified).toBe(true)
    expect(byNumber(listed, 'trackingNumber', pseudonym).verified).toBe(false)
    const matrixApi = (await api(apiMatrix.loader, `/api/v1/policies/${PLAJU}/matrix`, { slug: PLAJU })).data
    expect(byNumber(matrixApi, 'trackingNumber', role).verified).toBe(true)
    expect(byNumber(matrixApi, 'trackingNumber', pseudonym).verified).toBe(false)

    const ndjson = await ((await call(apiExport.loader, get(`/api/v1/policies/${PLAJU}/inputs.ndjson`), { slug: PLAJU })) as Response).text()
    const lines = ndjson.trim().split('\n').map((l) => JSON.parse(l))
    expect(byNumber(lines, 'tracking_number', role).verified).toBe(true)
    expect(byNumber(lines, 'tracking_number', pseudonym).verified).toBe(false)

    const csv = parseCsv(await ((await call(apiExport.loader, get(`/api/v1/policies/${PLAJU}/inputs.csv`), { slug: PLAJU })) as Response).text())
    const header = csv[0]
    const row = (n: string) => csv.find((r) => r[header.indexOf('tracking_number')] === n)!
    expect(row(role)[header.indexOf('verified')]).toBe('true')
    expect(row(pseudonym)[header.indexOf('verified')]).toBe('false')

    const matrixCsvText = await ((await call(matrixCsv.loader, get(`/kebijakan/${PLAJU}/matriks.csv`), { slug: PLAJU })) as Response).text()
    const mcsv = parseCsv(matrixCsvText.replace(/^\uFEFF/, ''))
    const col = mcsv[0].indexOf('Terverifikasi ASN')
    expect(col).toBeGreaterThan(-1)
    expect(mcsv.find((r) => r.includes(role))![col]).toBe('Ya')
    expect(mcsv.find((r) => r.includes(pseudonym))![col]).toBe('Tidak')

    const pdf = await readPdf(
      new Uint8Array(await ((await call(matrixPdf.loader, get(`/kebijakan/${PLAJU}/matriks.pdf`), { slug: PLAJU })) as Response).arrayBuffer()),
    )
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('[Terverifikasi ASN]')
    expect(pdf.text.match(/Terverifikasi ASN/g)).toHaveLength(1)
  })
})
