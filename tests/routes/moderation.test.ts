import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as input from '~/routes/input'
import * as inputFlag from '~/routes/input-flag'
import * as inputs from '~/routes/inputs'
import * as audit from '~/routes/kelola.audit'
import * as manageConsultation from '~/routes/kelola.consultation'
import * as queue from '~/routes/kelola.moderation'
import * as signIn from '~/routes/sign-in'
import * as workspace from '~/routes/kelola'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

const SAWAHLUNTO = 'kebijakan-pengelolaan-kinerja-asn-sawahlunto'
const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('moderation routes on %s', (dialect) => {
  let t: TestDb
  const cookies: Record<string, string> = {}
  const as = async (email: string) => {
    if (!cookies[email]) {
      const r = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
      cookies[email] = cookieFrom(r)
    }
    return cookies[email]
  }
  let sawahlunto: number
  let mamuju: number
  let queuePath: string

  const consultationOf = (slug: string) =>
    t.db
      .selectFrom('consultations')
      .innerJoin('policies', 'policies.id', 'consultations.policy_id')
      .select('consultations.id')
      .where('policies.slug', '=', slug)
      .executeTakeFirstOrThrow()
      .then((c) => c.id)
  const inputsOf = (consultationId: number) =>
    t.db
      .selectFrom('inputs')
      .innerJoin('users', 'users.id', 'inputs.user_id')
      .select(['inputs.id', 'inputs.tracking_number', 'inputs.status', 'inputs.hidden_reason', 'users.email'])
      .where('consultation_id', '=', consultationId)
      .orderBy('inputs.id')
      .execute()
  const statuses = async (consultationId: number) => (await inputsOf(consultationId)).map((i) => `${i.status}:${i.hidden_reason}`)

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    sawahlunto = await consultationOf(SAWAHLUNTO)
    mamuju = await consultationOf(MAMUJU)
    queuePath = `/kelola/konsultasi/${sawahlunto}/moderasi`
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('only the organisation team opens the queue and acts in it', async () => {
    const pending = await inputsOf(sawahlunto)
    const ids = { ids: String(pending[0].id), action: 'publish' }
    for (const email of ['warga@rembuk.test', 'asn.sawahlunto@rembuk.test', 'moderator.plaju@rembuk.test', 'admin.mamuju@rembuk.test']) {
      const page = (await call(queue.loader, get(queuePath, await as(email)), { id: String(sawahlunto) })) as Response
      expect(page.status, email).toBe(403)
      const post = (await call(queue.action, form(queuePath, ids, await as(email)), { id: String(sawahlunto) })) as Response
      expect(post.status, email).toBe(403)
    }
    const anonymous = (await call(queue.loader, get(queuePath), { id: String(sawahlunto) })) as Response
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/masuk\?redirectTo=/)
    expect(await statuses(sawahlunto)).toEqual(['pending:', 'pending:'])
    for (const id of ['abc', '0', '999999', '1.5']) {
      const response = (await call(queue.loader, get(`/kelola/konsultasi/${id}/moderasi`, await as('moderator.sawahlunto@rembuk.test')), { id })) as Response
      expect(response.status, id).toBe(404)
    }
    for (const email of ['moderator.sawahlunto@rembuk.test', 'admin.sawahlunto@rembuk.test', 'admin@rembuk.test']) {
      const page = (await call(queue.loader, get(queuePath, await as(email)), { id: String(sawahlunto) })) as Awaited<ReturnType<typeof queue.loader>>
      expect(page.items.map((i) => i.trackingNumber).sort(), email).toEqual(pending.map((p) => p.tracking_number).sort())
      expect(page.counts).toEqual({ pending: 2, published: 0, hidden: 0 })
    }
  })

  test('a bad bulk request says what is wrong, next to the field, and changes nothing', async () => {
    const cookie = await as('moderator.sawahlunto@rembuk.test')
    const [first] = await inputsOf(sawahlunto)
    const [mamujuInput] = await inputsOf(mamuju)
    const auditBefore = await countRows(t.db, 'audit_log')
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ action: 'publish' }, 'ids', 'moderation.error.no_inputs'],
      [{ ids: 'abc', action: 'publish' }, 'ids', 'moderation.error.no_inputs'],
      [{ ids: String(first.id), action: 'hide' }, 'reasonCategory', 'moderation.error.reason_required'],
      [{ ids: String(first.id), action: 'hide', reasonCategory: 'jelek' }, 'reasonCategory', 'moderation.error.unknown_reason'],
      [{ ids: String(first.id), action: 'delete' }, 'action', 'moderation.error.unknown_action'],
      [{ ids: String(first.id), action: 'publish', note: 'x'.repeat(501) }, 'note', 'validation.tooLong|500'],
      [{ ids: [String(first.id), String(mamujuInput.id)], action: 'publish' }, 'ids', 'moderation.error.not_in_consultation'],
      [{ ids: Array.from({ length: 201 }, (_, i) => String(i + 1)), action: 'publish' }, 'ids', 'moderation.error.too_many|max=200'],
    ]
    for (const [fields, field, message] of cases) {
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v)
      const request = new Request(`http://localhost:3000${queuePath}?status=menunggu`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      })
      const result = (await call(queue.action, request, { id: String(sawahlunto) })) as any
      expect(result.init?.status, message).toBe(400)
      expect(result.data.result.error[field], JSON.stringify(fields).slice(0, 80)).toEqual([message])
    }
    expect(await statuses(sawahlunto)).toEqual(['pending:', 'pending:'])
    expect(await statuses(mamuju)).not.toContain('hidden:')
    expect(await countRows(t.db, 'audit_log')).toBe(auditBefore)
  })

  test('a bulk publish and a hide come back to the same filters and say what was done', async () => {
    const cookie = await as('moderator.sawahlunto@rembuk.test')
    const [a, b] = await inputsOf(sawahlunto)
    const filters = 'status=menunggu&jenis=change&cari=survei'
    const filtered = (await call(queue.loader, get(`${queuePath}?${filters}`, cookie), { id: String(sawahlunto) })) as any
    expect(filtered.items.map((i: any) => i.trackingNumber)).toEqual([a.tracking_number])

    const body = new URLSearchParams([['ids', String(a.id)], ['ids', String(b.id)], ['action', 'publish'], ['note', 'Sesuai tata tertib.']])
    const response = (await call(
      queue.action,
      new Request(`http://localhost:3000${queuePath}?${filters}&pilih=semua`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      }),
      { id: String(sawahlunto) },
    )) as Response
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('Location')!, 'http://localhost:3000')
    expect(location.pathname).toBe(queuePath)
    expect(Object.fromEntries(location.searchParams)).toEqual({ status: 'menunggu', jenis: 'change', cari: 'survei', selesai: 'publish', jumlah: '2' })
    const after = (await call(queue.loader, get(location.pathname + location.search, cookie), { id: String(sawahlunto) })) as any
    expect(after.done).toBe('2 masukan diterbitkan.')
    expect(after.counts).toEqual({ pending: 0, published: 2, hidden: 0 })
    expect(after.filters).toMatchObject({ status: 'pending', kind: 'change', q: 'survei' })
    expect(await statuses(sawahlunto)).toEqual(['published:', 'published:'])

    const hide = (await call(
      queue.action,
      form(`${queuePath}?status=terbit`, { ids: String(a.id), action: 'hide', reasonCategory: 'di_luar_topik' }, cookie),
      { id: String(sawahlunto) },
    )) as Response
    const hidden = (await call(queue.loader, get(hide.headers.get('Location')!, cookie), { id: String(sawahlunto) })) as any
    expect(hidden.done).toBe('1 masukan disembunyikan (di luar topik).')
    expect(await statuses(sawahlunto)).toEqual(['hidden:di_luar_topik', 'published:'])

    // Signed out, the input's page and the policy's list show the reason, never the text.
    const page = (await call(input.loader, get(`/masukan/${a.tracking_number}`), { trackingNumber: a.tracking_number })) as any
    expect(page.input).toMatchObject({ status: 'hidden', hiddenReason: 'di_luar_topik', proposedText: null, reason: null, displayLabel: '' })
    const list = (await call(inputs.loader, get(`/kebijakan/${SAWAHLUNTO}/masukan`), { slug: SAWAHLUNTO })) as any
    const placeholder = list.items.find((i: any) => i.tracking_number === a.tracking_number)
    expect(placeholder).toMatchObject({ status: 'hidden', hidden_reason: 'di_luar_topik', proposed_text: '', reason: '' })
    expect(JSON.stringify(list.items)).not.toContain('survei kepuasan masyarakat (SKM)')
    // The team still reads it.
    const teamView = (await call(input.loader, get(`/masukan/${a.tracking_number}`, cookie), { trackingNumber: a.tracking_number })) as any
    expect(teamView.input.reason).toContain('Indikator kepuasan')

    // Every step is in the audit log, which the organisation's admin reads and its moderator does not.
    const log = (await call(audit.loader, get('/kelola/organisasi/sawahlunto/audit', await as('admin.sawahlunto@rembuk.test')), {
      slug: 'sawahlunto',
    })) as any
    expect(log.items.map((i: any) => [i.what, i.target.text, i.why])).toEqual([
      ['Menyembunyikan masukan', `Masukan ${a.tracking_number}`, 'di luar topik'],
      ['Menerbitkan masukan', `Masukan ${b.tracking_number}`, 'Sesuai tata tertib.'],
      ['Menerbitkan masukan', `Masukan ${a.tracking_number}`, 'Sesuai tata tertib.'],
    ])
    expect(log.items[0].who).toBe('Moderator Kota Sawahlunto')
    const onlyHides = (await call(audit.loader, get('/kelola/organisasi/sawahlunto/audit?tindakan=input.hide', await as('admin@rembuk.test')), {
      slug: 'sawahlunto',
    })) as any
    expect(onlyHides.items).toHaveLength(1)
  })

  test('the audit log is for the organisation’s admins and platform admins only', async () => {
    const org = await t.db.selectFrom('organisations').select('slug').where('slug', 'like', '%sawahlunto%').executeTakeFirstOrThrow()
    const path = `/kelola/organisasi/${org.slug}/audit`
    for (const email of ['warga@rembuk.test', 'asn.sawahlunto@rembuk.test', 'moderator.sawahlunto@rembuk.test', 'admin.plaju@rembuk.test']) {
      const response = (await call(audit.loader, get(path, await as(email)), { slug: org.slug })) as Response
      expect(response.status, email).toBe(403)
    }
    expect(((await call(audit.loader, get(path), { slug: org.slug })) as Response).status).toBe(302)
    expect(((await call(audit.loader, get('/kelola/organisasi/tidak-ada/audit', await as('admin@rembuk.test')), { slug: 'tidak-ada' })) as Response).status).toBe(404)
    // Unknown filters and cursors are ignored, not errors.
    const odd = (await call(audit.loader, get(`${path}?tindakan=drop%20table&setelah=-4`, await as('admin.sawahlunto@rembuk.test')), { slug: org.slug })) as any
    expect(odd.action).toBe('')
    // The workspace links the log for admins only.
    const adminSpace = (await call(workspace.loader, get('/kelola', await as('admin.sawahlunto@rembuk.test')))) as any
    expect(adminSpace.organisations.map((o: any) => o.auditHref)).toEqual([path])
    const modSpace = (await call(workspace.loader, get('/kelola', await as('moderator.sawahlunto@rembuk.test')))) as any
    expect(modSpace.organisations.map((o: any) => o.auditHref)).toEqual([null])
  })

  test('a signed-in reader flags a published input once, never their own, and comes back told so', async () => {
    const [own, other] = await inputsOf(mamuju).then((rows) => [
      rows.find((r) => r.email === 'warga@rembuk.test')!,
      rows.find((r) => r.email === 'asn.mamuju@rembuk.test')!,
    ])
    const path = (n: string) => `/masukan/${n}/laporkan`
    const anonymous = (await call(inputFlag.action, form(path(other.tracking_number), { reason: 'spam' }), { trackingNumber: other.tracking_number })) as Response
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/masuk\?redirectTo=/)

    const cookie = await as('warga@rembuk.test')
    const missing = (await call(inputFlag.action, form(path(other.tracking_number), { redirectTo: '/x' }, cookie), { trackingNumber: other.tracking_number })) as any
    expect(missing.data.result.error.reason).toEqual(['flag.error.unknown_reason'])
    const mine = (await call(inputFlag.action, form(path(own.tracking_number), { reason: 'spam' }, cookie), { trackingNumber: own.tracking_number })) as any
    expect(mine.data.result.error['']).toEqual(['flag.error.own_input'])
    expect(await countRows(t.db, 'input_flags')).toBe(0)

    const listPath = `/kebijakan/${MAMUJU}/masukan?jenis=add`
    const done = (await call(
      inputFlag.action,
      form(path(other.tracking_number), { reason: 'bahasa_kasar', redirectTo: listPath }, cookie),
      { trackingNumber: other.tracking_number },
    )) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe(`/kebijakan/${MAMUJU}/masukan?jenis=add&dilaporkan=${other.tracking_number}`)
    const list = (await call(inputs.loader, get(done.headers.get('Location')!, cookie), { slug: MAMUJU })) as any
    expect(list.reported).toBe(other.tracking_number)
    expect(list.flagging.flagged).toContain(other.id)
    expect(list.flagging.redirectTo).toBe(`/kebijakan/${MAMUJU}/masukan?jenis=add`)

    const again = (await call(inputFlag.action, form(path(other.tracking_number), { reason: 'spam' }, cookie), { trackingNumber: other.tracking_number })) as any
    expect(again.data.result.error['']).toEqual(['flag.error.already_flagged'])
    const page = (await call(inputFlag.loader, get(path(other.tracking_number), cookie), { trackingNumber: other.tracking_number })) as any
    expect(page.refusal).toBe('flag.error.already_flagged')
    // An open redirect is refused: the reader lands on the input instead.
    const evil = (await call(
      inputFlag.action,
      form(path(other.tracking_number), { reason: 'spam', redirectTo: '//evil.example/x' }, await as('asn.plaju@rembuk.test')),
      { trackingNumber: other.tracking_number },
    )) as Response
    expect(evil.headers.get('Location')).toBe(`/masukan/${other.tracking_number}?dilaporkan=${other.tracking_number}`)
    expect(await countRows(t.db, 'input_flags')).toBe(2)
  })

  test('the team sets the flag threshold on the consultation page, audited', async () => {
    const cookie = await as('moderator.mamuju@rembuk.test')
    const path = `/kelola/konsultasi/${mamuju}`
    for (const bad of ['0', '101', 'dua', '1.5', '']) {
      const result = (await call(manageConsultation.action, form(path, { intent: 'flagThreshold', flagThreshold: bad }, cookie), { id: String(mamuju) })) as any
      expect(result.data.result.error.flagThreshold, bad).toEqual(['moderation.threshold.error'])
    }
    const forbidden = (await call(
      manageConsultation.action,
      form(path, { intent: 'flagThreshold', flagThreshold: '1' }, await as('moderator.plaju@rembuk.test')),
      { id: String(mamuju) },
    )) as Response
    expect(forbidden.status).toBe(403)
    expect((await t.db.selectFrom('consultations').select('flag_threshold').where('id', '=', mamuju).executeTakeFirstOrThrow()).flag_threshold).toBe(3)

    const saved = (await call(manageConsultation.action, form(path, { intent: 'flagThreshold', flagThreshold: '5' }, cookie), { id: String(mamuju) })) as any
    expect(saved.data.message).toBe('Batas laporan disimpan: 5 pembaca.')
    const page = (await call(manageConsultation.loader, get(path, cookie), { id: String(mamuju) })) as any
    expect(page.flagThreshold).toBe(5)
    const row = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'consultation.flagThreshold').executeTakeFirstOrThrow()
    expect(JSON.parse(row.details)).toMatchObject({ from: 3, to: 5 })
  })
})
