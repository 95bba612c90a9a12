import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as apiInput from '~/routes/api.input'
import * as apiInputs from '~/routes/api.policy-inputs'
import * as apiExport from '~/routes/api.policy-inputs-export'
import * as apiMatrix from '~/routes/api.policy-matrix'
import * as apiTimeline from '~/routes/api.policy-timeline'
import * as compare from '~/routes/policy-compare'
import * as inputPage from '~/routes/input'
import * as inputs from '~/routes/inputs'
import * as matrix from '~/routes/matrix'
import * as matrixCsv from '~/routes/matrix-csv'
import * as matrixPdf from '~/routes/matrix-pdf'
import * as summary from '~/routes/summary'
import * as timeline from '~/routes/policy-timeline'
import * as signIn from '~/routes/sign-in'
import { getQuestions } from '~/domain/consultations.server'
import { getVerifiedRole } from '~/domain/employees.server'
import { setInputStatus, submitInput } from '~/domain/inputs.server'
import { loadActor } from '~/domain/permissions.server'
import { createTheme, updateTheme } from '~/domain/themes.server'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { TEST_NOW } from '../clock'
import { type TestDb, createTestDb, dialects } from '../db'
import { readPdf } from '../pdf-text'
import { call, cookieFrom, form, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'
const SAWAHLUNTO = 'kebijakan-pengelolaan-kinerja-asn-sawahlunto'

/** What of an unpublished input would give it (or its author) away. */
interface Secret {
  trackingNumber: string
  words: string[]
}

/** Everything a loader answered, as text: its data (what `.data` serialises) or its body. */
async function textOf(result: unknown): Promise<string> {
  if (result instanceof Response) {
    const type = result.headers.get('Content-Type') ?? ''
    if (type.includes('pdf')) return (await readPdf(new Uint8Array(await result.arrayBuffer()))).text
    return result.text()
  }
  if (result && typeof result === 'object' && 'data' in result && 'init' in result) return JSON.stringify((result as { data: unknown }).data)
  return JSON.stringify(result)
}

describe.each(dialects)('nothing unpublished in public views on %s', (dialect) => {
  let t: TestDb
  const cookies: Record<string, string> = {}
  const as = async (email: string) => {
    if (!cookies[email]) {
      const r = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
      cookies[email] = cookieFrom(r)
    }
    return cookies[email]
  }
  let plajuSlug: string
  /** Published at once (post-moderated), then held back for review after reports. */
  let held: Secret
  /** Given in a pre-moderated consultation: waiting for the moderator. */
  let waiting: Secret
  /** Cited by a change of Mamuju's version 2, then held back for review. */
  let cited: Secret

  const consultationOf = (slug: string) =>
    t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .select(['consultations.id', 'consultations.moderation'])
      .where('policies.slug', '=', slug)
      .orderBy('consultations.id', 'desc')
      .executeTakeFirstOrThrow()

  async function give(slug: string, marker: string) {
    const consultation = await consultationOf(slug)
    const user = await t.db.selectFrom('users').select('id').where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()
    const actor = (await loadActor(t.db, user.id))!
    const topic = await t.db.selectFrom('consultations').select('topics').where('id', '=', consultation.id).executeTakeFirstOrThrow()
    const result = await submitInput(
      t.db,
      {
        consultationId: consultation.id,
        sectionKey: '',
        kind: 'change',
        proposedText: `Usulan ${marker} tentang jam layanan.`,
        reason: `Alasan ${marker} yang belum boleh dibaca umum.`,
        topic: (JSON.parse(topic.topics) as string[])[0],
        groupName: `Paguyuban ${marker}`,
        groupType: 'ormas',
        answers: Object.fromEntries(
          (await getQuestions(t.db, consultation.id)).map((q) => [
            `q${q.id}`,
            q.kind === 'scale' ? '3' : q.kind === 'yesno' ? 'ya' : q.kind === 'text' ? 'Jawaban.' : q.options[0],
          ]),
        ),
        displayMode: 'pseudonym',
        pseudonym: `Nama Samaran ${marker}`,
        consents: [
          { purpose: 'processing', statement: 'Setuju diproses.' },
          { purpose: 'publication', statement: 'Setuju diterbitkan.' },
        ],
        clientToken: null,
      },
      { actor, address: null, verifiedRole: (organisationId) => getVerifiedRole(t.db, actor.id, organisationId) },
    )
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    const row = await t.db.selectFrom('inputs').select(['id', 'status']).where('tracking_number', '=', result.trackingNumber).executeTakeFirstOrThrow()
    return { id: row.id, status: row.status, consultationId: consultation.id, trackingNumber: result.trackingNumber }
  }

  async function holdForReview(inputId: number) {
    await setInputStatus(t.db, [inputId], 'pending')
    await t.db.updateTable('inputs').set({ held_reason: 'flags' }).where('id', '=', inputId).execute()
  }

  /** A theme whose summary cites the input: the way its number used to reach the public matrix. */
  async function citeInTheme(consultationId: number, inputId: number) {
    const { id } = await createTheme(t.db, { consultationId, title: `Tema uji ${inputId}`, actorId: null })
    await updateTheme(t.db, { themeId: id, title: `Tema uji ${inputId}`, summary: 'Ringkasan yang mengutip masukan.', citedInputIds: [inputId], actorId: null })
  }

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db, new Date(TEST_NOW), { story: true })
    setDb(t.db)
    plajuSlug = (await t.db.selectFrom('policies').select('slug').where('slug', 'like', '%plaju%').executeTakeFirstOrThrow()).slug

    const post = await give(plajuSlug, 'Rahasia Pasca')
    expect(post.status).toBe('published')
    await citeInTheme(post.consultationId, post.id)
    await holdForReview(post.id)
    held = { trackingNumber: post.trackingNumber, words: ['Rahasia Pasca'] }

    const pre = await give(SAWAHLUNTO, 'Rahasia Pra')
    expect((await consultationOf(SAWAHLUNTO)).moderation).toBe('pre')
    expect(pre.status).toBe('pending')
    await citeInTheme(pre.consultationId, pre.id)
    waiting = { trackingNumber: pre.trackingNumber, words: ['Rahasia Pra'] }

    const citation = await t.db
      .selectFrom('change_citations')
      .innerJoin('inputs', 'inputs.id', 'change_citations.input_id')
      .select(['inputs.id', 'inputs.tracking_number', 'inputs.display_label'])
      .where('inputs.status', '=', 'published')
      .orderBy('inputs.id')
      .executeTakeFirstOrThrow()
    await holdForReview(citation.id)
    cited = { trackingNumber: citation.tracking_number, words: [] }
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  const expectNothingOf = (text: string, secrets: Secret[], where: string) => {
    for (const s of secrets) {
      expect(text, `${where}: ${s.trackingNumber}`).not.toContain(s.trackingNumber)
      for (const w of s.words) expect(text, `${where}: ${w}`).not.toContain(w)
    }
  }

  test("an unpublished input's page shows anyone else only its number and status", async () => {
    for (const secret of [held, waiting]) {
      for (const cookie of [undefined, await as('asn.plaju@rembuk.test'), await as('moderator.mamuju@rembuk.test')]) {
        const data = (await call(inputPage.loader, get(`/masukan/${secret.trackingNumber}`, cookie), { trackingNumber: secret.trackingNumber })) as Awaited<
          ReturnType<typeof inputPage.loader>
        >
        expect(data.restricted).toBe(true)
        expect(data.input).toEqual({ trackingNumber: secret.trackingNumber, status: 'pending', held: secret === held })
        const text = await textOf(data)
        for (const w of [...secret.words, 'Paguyuban', 'Nama Samaran', 'Alasan', 'Usulan']) expect(text).not.toContain(w)
      }
    }
    // The demo's own waiting inputs of Sawahlunto: one under the citizen's name, one as a verified ASN.
    const seeded = await t.db
      .selectFrom('inputs')
      .select(['tracking_number', 'display_label'])
      .where('consultation_id', '=', (await consultationOf(SAWAHLUNTO)).id)
      .where('tracking_number', '!=', waiting.trackingNumber)
      .execute()
    expect(seeded.map((s) => s.display_label)).toContain('Siti Rahmawati')
    for (const s of seeded) {
      const text = await textOf(await call(inputPage.loader, get(`/masukan/${s.tracking_number}`), { trackingNumber: s.tracking_number }))
      expect(text).toContain(s.tracking_number)
      expect(text).not.toContain(s.display_label)
    }
    // The API said nothing either, and still does not.
    for (const secret of [held, waiting]) {
      const body = await textOf(await call(apiInput.loader, get(`/api/v1/inputs/${secret.trackingNumber}`), { trackingNumber: secret.trackingNumber }))
      for (const w of secret.words) expect(body).not.toContain(w)
    }
  })

  test('its submitter and its team still read all of it', async () => {
    const readers: [Secret, string[]][] = [
      [held, ['warga@rembuk.test', 'moderator.plaju@rembuk.test']],
      [waiting, ['warga@rembuk.test', 'moderator.sawahlunto@rembuk.test']],
    ]
    for (const [secret, emails] of readers) {
      for (const email of emails) {
        const data = (await call(inputPage.loader, get(`/masukan/${secret.trackingNumber}`, await as(email)), {
          trackingNumber: secret.trackingNumber,
        })) as Awaited<ReturnType<typeof inputPage.loader>>
        expect(data.restricted, email).toBe(false)
        if (data.restricted) continue
        expect(data.input.displayLabel).toContain('Nama Samaran')
        expect(data.input.groupName).toContain('Paguyuban')
        expect(data.input.reason).toContain('Alasan')
      }
    }
  })

  test('lists, matrix, summaries, timeline, exports and the API never show an unpublished input', async () => {
    const secrets = [held, waiting, cited]
    for (const slug of [plajuSlug, SAWAHLUNTO, MAMUJU]) {
      const consultations = await t.db
        .selectFrom('consultations')
        .innerJoin('policies', 'policies.id', 'consultations.policy_id')
        .select('consultations.id')
        .where('policies.slug', '=', slug)
        .execute()
      const views: [string, (typeof matrix)['loader'] | unknown][] = [
        [`/kebijakan/${slug}/masukan`, inputs.loader],
        [`/kebijakan/${slug}/linimasa`, timeline.loader],
        [`/api/v1/policies/${slug}/inputs`, apiInputs.loader],
        [`/api/v1/policies/${slug}/matrix`, apiMatrix.loader],
        [`/api/v1/policies/${slug}/timeline`, apiTimeline.loader],
        [`/api/v1/policies/${slug}/inputs.csv`, apiExport.loader],
        [`/api/v1/policies/${slug}/inputs.ndjson`, apiExport.loader],
        [`/kebijakan/${slug}/perbandingan?dari=1&ke=2`, compare.loader],
      ]
      for (const c of consultations) {
        views.push([`/kebijakan/${slug}/matriks?konsultasi=${c.id}`, matrix.loader])
        views.push([`/kebijakan/${slug}/matriks.csv?konsultasi=${c.id}`, matrixCsv.loader])
        views.push([`/kebijakan/${slug}/matriks.pdf?konsultasi=${c.id}`, matrixPdf.loader])
        views.push([`/kebijakan/${slug}/ringkasan?konsultasi=${c.id}`, summary.loader])
      }
      for (const [path, loader] of views) {
        const result = await call(loader as (args: unknown) => Promise<unknown>, get(path), { slug })
        expectNothingOf(await textOf(result), secrets, path)
      }
    }
  })

  test('the public matrix lists the published inputs a theme cites, and no others', async () => {
    const consultation = await consultationOf(plajuSlug)
    const published = await t.db
      .selectFrom('inputs')
      .select(['id', 'tracking_number'])
      .where('consultation_id', '=', consultation.id)
      .where('status', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const heldRow = await t.db.selectFrom('inputs').select('id').where('tracking_number', '=', held.trackingNumber).executeTakeFirstOrThrow()
    const { id } = await createTheme(t.db, { consultationId: consultation.id, title: 'Tema campuran', actorId: null })
    await updateTheme(t.db, { themeId: id, title: 'Tema campuran', summary: 'Dua kutipan.', citedInputIds: [published.id, heldRow.id], actorId: null })
    const data = (await call(matrix.loader, get(`/kebijakan/${plajuSlug}/matriks?konsultasi=${consultation.id}`), { slug: plajuSlug })) as Awaited<
      ReturnType<typeof matrix.loader>
    >
    const theme = data.consultation ? data.themes.find((x) => x.id === id) : undefined
    expect(theme?.citations.map((c) => c.trackingNumber)).toEqual([published.tracking_number])
  })
})
