import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { MatrixCursorError, type MatrixRow, countComplaints, getMatrix, iterateMatrix, iteratePublishedInputs } from '~/domain/matrix.server'
import { respondToInput, respondToTheme } from '~/domain/responses.server'
import { kindsBySection, questionnaireSummary } from '~/domain/summary.server'
import { csvStream, ndjsonStream } from '~/lib/export.server'
import { matrixPdf } from '~/lib/matrix-pdf.server'
import { translator } from '~/i18n/messages.server'
import { seedDemo } from '~db/seed/demo'
import { type Fixture, PRIVATE_CONTACT, PRIVATE_EMAIL, addDuplicateGroup, addInputs, addTheme, setUpConsultation } from '../answers-fixture'
import { parseCsvRecords } from '../csv'
import { type TestDb, createTestDb, dialects } from '../db'

const TOTAL = 1200

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

async function allRows(t: TestDb, scope: { consultationId: number } | { policyId: number }, limit: number) {
  const rows: MatrixRow[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const page: { rows: MatrixRow[]; nextCursor: string | null } = await getMatrix(t.db, scope, { cursor, limit })
    rows.push(...page.rows)
    cursor = page.nextCursor
    pages++
    expect(page.rows.length).toBeLessThanOrEqual(limit)
  } while (cursor)
  return { rows, pages }
}

describe.each(dialects)('response matrix and open data on %s', (dialect) => {
  let t: TestDb
  let f: Fixture
  let inputs: { id: number; trackingNumber: string }[]
  let groupIds: number[]
  let themeId: number

  // One consultation: 1,200 published inputs across the sections and the whole draft, a duplicate
  // group of 5, two complaints, and hidden and pending inputs that must never show.
  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date('2026-11-23T00:00:00Z'), { consultations: false })
    f = await setUpConsultation(t.db)
    const keys = ['', ...f.sectionKeys]
    inputs = await addInputs(t.db, f, TOTAL, (i) => ({
      sectionKey: keys[i % keys.length],
      kind: (['add', 'change', 'delete', 'question', 'support', 'objection'] as const)[i % 6],
      isComplaint: i === 7 || i === 900,
      displayLabel: i === 3 ? '' : `Warga ${i + 1}`,
    }))
    await addInputs(t.db, f, 3, (i) => ({ status: i === 0 ? 'pending' : 'hidden', proposedText: 'TEKS TERSEMBUNYI', sectionKey: keys[1] }))
    // Group members in one section; the representative is the first.
    const sameSection = inputs.filter((_, i) => i % keys.length === 1 && i !== 7 && i !== 900).slice(0, 5)
    groupIds = sameSection.map((i) => i.id)
    await addDuplicateGroup(t.db, f, groupIds)
    themeId = await addTheme(t.db, f, 'Pengumuman rekrutmen', inputs.slice(0, 40).map((i) => i.id))
    await respondToTheme(t.db, { themeId, decision: 'diterima_sebagian', reason: 'Sebagian dimasukkan ke Pasal 3.', actorId: null })
    await respondToInput(t.db, { inputId: inputs[10].id, decision: 'ditolak', reason: 'Di luar kewenangan.', actorId: null })
    await respondToInput(t.db, { inputId: groupIds[2], decision: 'sudah_diakomodasi', reason: 'Sudah di Pasal 2.', actorId: null })
    // Answers to the questionnaire for the summary.
    const questions = await t.db.selectFrom('questions').select(['id', 'kind']).where('consultation_id', '=', f.consultationId).orderBy('position').execute()
    const answers = [
      [inputs[0].id, questions[0].id, '4'],
      [inputs[1].id, questions[0].id, '2'],
      [inputs[2].id, questions[0].id, '4'],
      [inputs[0].id, questions[1].id, '"Situs web"'],
      [inputs[0].id, questions[2].id, '["Formasi","Nilai"]'],
      [inputs[1].id, questions[2].id, '["Nilai"]'],
      [inputs[0].id, questions[3].id, 'true'],
      [inputs[1].id, questions[3].id, 'false'],
      [inputs[0].id, questions[4].id, '"Saran bebas"'],
    ] as const
    await t.db
      .insertInto('input_answers')
      .values(answers.map(([input_id, question_id, value]) => ({ input_id, question_id, value })))
      .execute()
  }, 120_000)
  afterAll(async () => {
    await t.destroy()
  })

  test('a duplicate group is one row with its count; complaints come last, outside the decisions', async () => {
    const { rows, pages } = await allRows(t, { consultationId: f.consultationId }, 50)
    expect(pages).toBeGreaterThan(20)
    // 1,200 published: 2 complaints, 4 group members folded into their representative.
    expect(rows).toHaveLength(TOTAL - 4)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    const group = rows.find((r) => r.id === groupIds[0])!
    expect(group).toMatchObject({ type: 'group', count: 5, decision: 'sudah_diakomodasi', responseSource: 'input' })
    for (const member of groupIds.slice(1)) expect(rows.some((r) => r.id === member)).toBe(false)

    const complaints = rows.filter((r) => r.type === 'complaint')
    expect(complaints.map((r) => r.id)).toEqual([inputs[7].id, inputs[900].id])
    expect(rows.slice(-2)).toEqual(complaints)
    expect(complaints.every((r) => r.decision === null)).toBe(true)
    expect(await countComplaints(t.db, f.consultationId)).toBe(2)

    // In the order of the draft: the whole draft first, then section by section.
    const order = ['', ...f.sectionKeys]
    const positions = rows.filter((r) => r.type !== 'complaint').map((r) => order.indexOf(r.sectionKey))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    const inSection = rows.find((r) => r.sectionKey === f.sectionKeys[0])!
    expect(inSection.sectionHeading).not.toBe('')

    const viaTheme = rows.find((r) => r.id === inputs[0].id)!
    expect(viaTheme).toMatchObject({ decision: 'diterima_sebagian', responseSource: 'theme', themeTitle: 'Pengumuman rekrutmen' })
    expect(rows.find((r) => r.id === inputs[10].id)).toMatchObject({ decision: 'ditolak', responseSource: 'input', themeTitle: null })
    expect(rows.find((r) => r.id === inputs[200].id)).toMatchObject({ decision: null, responseReason: null })
    expect(rows.some((r) => r.proposedText === 'TEKS TERSEMBUNYI')).toBe(false)

    // Pages of any size give the same rows; a policy-wide matrix is the same with one consultation.
    expect((await allRows(t, { consultationId: f.consultationId }, 500)).rows).toEqual(rows)
    expect((await allRows(t, { policyId: f.policyId }, 333)).rows).toEqual(rows)
    const streamed: MatrixRow[] = []
    for await (const page of iterateMatrix(t.db, { consultationId: f.consultationId }, 200)) streamed.push(...page)
    expect(streamed).toEqual(rows)
  })

  test('a cursor the matrix did not give is refused', async () => {
    for (const cursor of ['abc', Buffer.from('[1,"x",3]').toString('base64url'), Buffer.from('{}').toString('base64url')]) {
      await expect(getMatrix(t.db, { consultationId: f.consultationId }, { cursor })).rejects.toBeInstanceOf(MatrixCursorError)
    }
  })

  test('the CSV and NDJSON exports hold every published input and nothing private', async () => {
    const fields = ['tracking_number', 'section_key', 'kind', 'proposed_text', 'reason', 'decision', 'complaint', 'duplicate_of'] as const
    const csv = (await readAll(csvStream(iteratePublishedInputs(t.db, f.policyId, 500), fields.map((field) => ({ header: field, value: (r: any) => r[field] }))))).toString('utf8')
    const ndjson = (await readAll(ndjsonStream(iteratePublishedInputs(t.db, f.policyId, 500)))).toString('utf8')
    for (const text of [csv, ndjson]) {
      expect(text).not.toContain(PRIVATE_EMAIL)
      expect(text).not.toContain(PRIVATE_CONTACT)
      expect(text).not.toContain('Pengirim Rahasia')
      expect(text).not.toContain('TEKS TERSEMBUNYI')
    }
    const records = parseCsvRecords(csv)
    expect(records).toHaveLength(TOTAL)
    expect(new Set(records.map((r) => r.tracking_number))).toEqual(new Set(inputs.map((i) => i.trackingNumber)))
    expect(records[0].reason).toBe('Alasan masukan nomor 1, dengan "kutipan", koma, dan\nbaris baru.')

    const lines = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(lines).toHaveLength(TOTAL)
    const keys = Object.keys(lines[0]).sort()
    expect(keys).toEqual(
      [
        'tracking_number', 'consultation_id', 'version', 'section_key', 'section_heading', 'kind', 'proposed_text', 'reason', 'topic',
        'shown_as', 'verified', 'group_name', 'group_type', 'channel', 'received_at', 'published_at', 'complaint', 'duplicate_of', 'theme',
        'decision', 'response_reason', 'response_via', 'responded_at',
      ].sort(),
    )
    const byNumber = new Map(lines.map((l) => [l.tracking_number, l]))
    expect(byNumber.get(inputs[0].trackingNumber)).toMatchObject({ decision: 'diterima_sebagian', response_via: 'theme', theme: 'Pengumuman rekrutmen' })
    expect(byNumber.get(inputs[7].trackingNumber)).toMatchObject({ complaint: true, decision: null })
    const numberOf = (id: number) => inputs.find((i) => i.id === id)!.trackingNumber
    expect(byNumber.get(numberOf(groupIds[1]))).toMatchObject({
      duplicate_of: numberOf(groupIds[0]),
      decision: 'sudah_diakomodasi',
    })
  })

  test('a spreadsheet formula in an input is neutralised in the CSV', async () => {
    const [evil] = await addInputs(t.db, f, 1, () => ({ reason: '=HYPERLINK("http://contoh.id","klik")' }))
    const csv = (await readAll(csvStream(iteratePublishedInputs(t.db, f.policyId, 500), [{ header: 'reason', value: (r) => r.reason }]))).toString('utf8')
    expect(csv).toContain(`'=HYPERLINK`)
    await t.db.deleteFrom('inputs').where('id', '=', evil.id).execute()
  })

  test('the PDF is a landscape table over many pages, numbered', async () => {
    const t_ = translator('id')
    const pdf = matrixPdf({
      title: 'Kebijakan Uji',
      subtitle: 'Pemerintah Kabupaten Mamuju · Konsultasi tanggapan',
      summary: '3 dari 1.196 masukan sudah ditanggapi.',
      generatedAt: 'Dibuat 23 November 2026',
      publicUrl: 'http://localhost:3000/kebijakan/uji/matriks',
      rows: iterateMatrix(t.db, { consultationId: f.consultationId }),
      t: t_,
      sectionLabel: (r) => r.sectionHeading || 'Seluruh rancangan',
    })
    const bytes = await readAll(pdf.stream)
    const { pages } = await pdf.done
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(bytes.subarray(-6).toString('latin1')).toContain('%%EOF')
    const pageObjects = bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []
    expect(pageObjects).toHaveLength(pages)
    expect(pages).toBeGreaterThan(20)
    // Landscape A4: 841.89 × 595.28 points.
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/)
  })

  test('summary: questionnaire answers by option, and kinds of input per section', async () => {
    const questions = await questionnaireSummary(t.db, f.consultationId)
    expect(questions.map((q) => [q.kind, q.respondents, q.options.map((o) => o.count)])).toEqual([
      ['scale', 3, [0, 1, 0, 2, 0]],
      ['single', 1, [1, 0]],
      ['multiple', 2, [1, 2, 0]],
      ['yesno', 2, [1, 1]],
      ['text', 1, []],
    ])
    expect(questions[0].mean).toBeCloseTo(10 / 3)
    const kinds = await kindsBySection(t.db, f.consultationId)
    expect(kinds[0].sectionKey).toBe('')
    expect(kinds.reduce((a, s) => a + s.total, 0)).toBe(TOTAL - 2)
    expect(kinds.map((s) => s.sectionKey)).toEqual(['', ...f.sectionKeys].filter((k) => kinds.some((s) => s.sectionKey === k)))
  })
})
