import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as account from '~/routes/account'
import * as claimRoute from '~/routes/account.claim'
import * as manage from '~/routes/kelola.verification'
import * as register from '~/routes/register'
import * as signIn from '~/routes/sign-in'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, countRows, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

const NIP = '19850312 201001 1 002'
const ADMIN_PAGE = '/kelola/organisasi/sawahlunto/verifikasi'

type Reply = { result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } }

describe.each(dialects)('civil-servant verification routes on %s', (dialect) => {
  let t: TestDb
  let sawahlunto: number
  const cookies: Record<string, string> = {}

  async function signInAs(email: string) {
    const response = (await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response
    return cookieFrom(response)
  }
  async function registerAs(displayName: string, email: string) {
    // Registering mails a link and signs nobody in; an unverified account may still sign in.
    expect(await call(register.action, form('/daftar', { displayName, email, password: 'jembatan-kayu-hujan-sore' }))).toEqual({ sent: email })
    const response = (await call(signIn.action, form('/masuk', { email, password: 'jembatan-kayu-hujan-sore' }))) as Response
    return cookieFrom(response)
  }
  const claimForm = (fields: Record<string, string>) => ({
    organisationId: String(sawahlunto),
    nip: NIP,
    unit: 'BKPSDM',
    position: 'Analis SDM Aparatur',
    ...fields,
  })

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    sawahlunto = (await t.db.selectFrom('organisations').select('id').where('slug', '=', 'sawahlunto').executeTakeFirstOrThrow()).id
    for (const who of ['admin.sawahlunto', 'admin.mamuju', 'moderator.sawahlunto', 'asn.sawahlunto', 'admin', 'warga']) {
      cookies[who] = await signInAs(`${who}@rembuk.test`)
    }
    cookies.dewi = await registerAs('Dewi Lestari', 'dewi@contoh.id')
    cookies.eko = await registerAs('Eko Prasetyo', 'eko@contoh.id')
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('the admin page is for the organisation admin and platform admins only', async () => {
    for (const who of ['moderator.sawahlunto', 'asn.sawahlunto', 'admin.mamuju', 'warga', 'dewi']) {
      const loaded = (await call(manage.loader, get(ADMIN_PAGE, cookies[who]), { slug: 'sawahlunto' })) as Response
      expect(loaded.status, who).toBe(403)
      const acted = (await call(
        manage.action,
        form(ADMIN_PAGE, { claimId: '1', intent: 'approve' }, cookies[who]),
        { slug: 'sawahlunto' },
      )) as Response
      expect(acted.status, who).toBe(403)
    }
    const anonymous = (await call(manage.loader, get(ADMIN_PAGE), { slug: 'sawahlunto' })) as Response
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe(`/masuk?redirectTo=${encodeURIComponent(ADMIN_PAGE)}`)
    const unknown = (await call(manage.loader, get('/kelola/organisasi/atlantis/verifikasi', cookies.admin), { slug: 'atlantis' })) as Response
    expect(unknown.status).toBe(404)

    for (const who of ['admin.sawahlunto', 'admin']) {
      const data = (await call(manage.loader, get(ADMIN_PAGE, cookies[who]), { slug: 'sawahlunto' })) as Awaited<ReturnType<typeof manage.loader>>
      expect(data.organisation.name).toBe('Pemerintah Kota Sawahlunto')
      expect(data.decided.map((c) => [c.display_name, c.status])).toEqual([['ASN Kota Sawahlunto', 'approved']])
    }
  })

  test('the account and claim pages send anonymous visitors to sign in', async () => {
    const pages: [(args: any) => Promise<unknown>, string][] = [
      [account.loader, '/akun'],
      [claimRoute.loader, '/akun/verifikasi-asn'],
    ]
    for (const [route, path] of pages) {
      const response = (await call(route, get(path))) as Response
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toBe(`/masuk?redirectTo=${encodeURIComponent(path)}`)
    }
    const posted = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({})))) as Response
    expect(posted.status).toBe(302)
    expect(await countRows(t.db, 'employee_claims')).toBe(5)
  })

  test('a bad NIP is reported next to the field, changes nothing, and is not sent back', async () => {
    const before = await countRows(t.db, 'employee_claims')
    const cases: [string, string][] = [
      ['19850312 201001 3 002', 'employees.nip.sex'],
      ['1985-0312-2010', 'employees.nip.notDigits'],
      ['3275014501850001', 'employees.nip.tooShort'],
      ['19850230 201001 1 002', 'employees.nip.birthDate'],
      ['19850312 201013 1 002', 'employees.nip.startMonth'],
      ['19850312 200001 1 002', 'employees.nip.startTooEarly'],
      ['19850312 201001 1 000', 'employees.nip.sequence'],
      ['', 'validation.required'],
    ]
    for (const [nip, error] of cases) {
      const reply = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({ nip }), cookies.dewi))) as Reply
      expect(reply.result.error?.nip, nip).toEqual([error])
      expect(reply.result.initialValue).toMatchObject({ unit: 'BKPSDM', position: 'Analis SDM Aparatur', organisationId: String(sawahlunto) })
      expect(reply.result.initialValue).not.toHaveProperty('nip')
    }
    const noOrganisation = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({ organisationId: '' }), cookies.dewi))) as Reply
    expect(noOrganisation.result.error?.organisationId).toEqual(['employees.claim.error.organisation'])
    const garbage = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({ organisationId: 'abc' }), cookies.dewi))) as Reply
    expect(garbage.result.error?.organisationId).toEqual(['employees.claim.error.organisation'])
    const unknownOrganisation = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({ organisationId: '99999' }), cookies.dewi))) as Reply
    expect(unknownOrganisation.result.error?.organisationId).toEqual(['employees.claim.error.organisation'])
    expect(unknownOrganisation.result.initialValue).not.toHaveProperty('nip')
    expect(await countRows(t.db, 'employee_claims')).toBe(before)
  })

  test('a claim goes from the form to the admin and back to the account page, never showing the NIP', async () => {
    const page = (await call(claimRoute.loader, get('/akun/verifikasi-asn?instansi=sawahlunto', cookies.dewi))) as Awaited<
      ReturnType<typeof claimRoute.loader>
    >
    expect(page.preselected).toBe(sawahlunto)
    expect(page.organisations).toHaveLength(5)

    const sent = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({}), cookies.dewi))) as Response
    expect(sent.status).toBe(302)
    expect(sent.headers.get('Location')).toBe('/akun?dikirim=1')

    // The same NIP from another account is refused with a message next to the NIP field.
    const taken = (await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({}), cookies.eko))) as Reply
    expect(taken.result.error?.nip).toEqual(['employees.claim.error.nipTaken'])

    const mine = (await call(account.loader, get('/akun?dikirim=1', cookies.dewi))) as Awaited<ReturnType<typeof account.loader>>
    expect(mine.claims.map((c) => [c.organisation_name, c.status, c.verifiedRole])).toEqual([['Pemerintah Kota Sawahlunto', 'pending', null]])
    expect(JSON.stringify(mine)).not.toMatch(/19850312|nip_hash/)

    const queue = (await call(manage.loader, get(ADMIN_PAGE, cookies['admin.sawahlunto']), { slug: 'sawahlunto' })) as Awaited<
      ReturnType<typeof manage.loader>
    >
    const pending = queue.pending.find((c) => c.email === 'dewi@contoh.id')!
    expect(pending).toMatchObject({ display_name: 'Dewi Lestari', unit: 'BKPSDM', position: 'Analis SDM Aparatur' })
    expect(JSON.stringify(queue)).not.toMatch(/19850312|nip_hash/)

    // Rejecting without a reason is refused next to the reason field; nothing changes.
    const noReason = (await call(
      manage.action,
      form(ADMIN_PAGE, { claimId: String(pending.id), intent: 'reject', reason: ' ' }, cookies['admin.sawahlunto']),
      { slug: 'sawahlunto' },
    )) as Reply & { claimId: number }
    expect(noReason.claimId).toBe(pending.id)
    expect(noReason.result.error?.reason).toEqual(['employees.decide.error.reasonRequired'])
    expect((await t.db.selectFrom('employee_claims').select('status').where('id', '=', pending.id).executeTakeFirstOrThrow()).status).toBe('pending')

    // An admin of another organisation cannot decide it through their own page.
    const elsewhere = (await call(
      manage.action,
      form('/kelola/organisasi/mamuju/verifikasi', { claimId: String(pending.id), intent: 'approve' }, cookies['admin.mamuju']),
      { slug: 'mamuju' },
    )) as Reply
    expect(elsewhere.result.error?.['']).toEqual(['employees.decide.error.notFound'])

    // Tampered input answers with an error, not a crash.
    const tampered = (await call(
      manage.action,
      form(ADMIN_PAGE, { claimId: 'abc', intent: 'hapus' }, cookies['admin.sawahlunto']),
      { slug: 'sawahlunto' },
    )) as Reply
    expect(tampered.result.status).toBe('error')

    const approved = (await call(
      manage.action,
      form(ADMIN_PAGE, { claimId: String(pending.id), intent: 'approve', reason: '' }, cookies['admin.sawahlunto']),
      { slug: 'sawahlunto' },
    )) as Response
    expect(approved.status).toBe(302)
    expect(approved.headers.get('Location')).toBe(`${ADMIN_PAGE}?diputuskan=${pending.id}`)
    const after = (await call(manage.loader, get(`${ADMIN_PAGE}?diputuskan=${pending.id}`, cookies['admin.sawahlunto']), {
      slug: 'sawahlunto',
    })) as Awaited<ReturnType<typeof manage.loader>>
    expect(after.justDecided).toEqual({ name: 'Dewi Lestari', status: 'approved' })
    expect(after.pending.find((c) => c.id === pending.id)).toBeUndefined()

    // Deciding again (a second admin, a resubmitted form) says it is already decided.
    const twice = (await call(
      manage.action,
      form(ADMIN_PAGE, { claimId: String(pending.id), intent: 'reject', reason: 'Terlambat.' }, cookies.admin),
      { slug: 'sawahlunto' },
    )) as Reply
    expect(twice.result.error?.['']).toEqual(['employees.decide.error.alreadyDecided'])

    const verified = (await call(account.loader, get('/akun', cookies.dewi))) as Awaited<ReturnType<typeof account.loader>>
    expect(verified.claims.map((c) => [c.status, c.verifiedRole])).toEqual([['approved', 'ASN, BKPSDM Kota Sawahlunto']])
    expect(verified.organisations).toEqual([{ slug: 'sawahlunto', name: 'Pemerintah Kota Sawahlunto', roles: ['employee'] }])
  })

  test('a pending claim can be withdrawn by its owner only', async () => {
    const nip = '19900101 201502 2 003'
    await call(claimRoute.action, form('/akun/verifikasi-asn', claimForm({ nip }), cookies.eko))
    const claim = await t.db
      .selectFrom('employee_claims')
      .innerJoin('users', 'users.id', 'employee_claims.user_id')
      .select('employee_claims.id')
      .where('users.email', '=', 'eko@contoh.id')
      .executeTakeFirstOrThrow()
    const notMine = (await call(account.action, form('/akun', { intent: 'withdraw', claimId: String(claim.id) }, cookies.dewi))) as {
      error: string
    }
    expect(notMine.error).toBe('account.claim.cannotWithdraw')
    const garbage = (await call(account.action, form('/akun', { intent: 'hapus', claimId: 'x' }, cookies.eko))) as { error: string }
    expect(garbage.error).toBe('account.claim.cannotWithdraw')
    const withdrawn = (await call(account.action, form('/akun', { intent: 'withdraw', claimId: String(claim.id) }, cookies.eko))) as Response
    expect(withdrawn.headers.get('Location')).toBe('/akun?dibatalkan=1')
    const mine = (await call(account.loader, get('/akun', cookies.eko))) as Awaited<ReturnType<typeof account.loader>>
    expect(mine.claims).toEqual([])
  })

  test('the account page lists roles and, for admins, where to verify', async () => {
    const asn = (await call(account.loader, get('/akun', cookies['asn.sawahlunto']))) as Awaited<ReturnType<typeof account.loader>>
    expect(asn.user).toEqual({ displayName: 'ASN Kota Sawahlunto', email: 'asn.sawahlunto@rembuk.test', isPlatformAdmin: false, emailVerified: true })
    expect(asn.claims.map((c) => c.verifiedRole)).toEqual(['ASN, BKPSDM Kota Sawahlunto'])
    expect(asn.verifyQueues).toEqual([])
    const admin = (await call(account.loader, get('/akun', cookies['admin.sawahlunto']))) as Awaited<ReturnType<typeof account.loader>>
    expect(admin.organisations).toEqual([{ slug: 'sawahlunto', name: 'Pemerintah Kota Sawahlunto', roles: ['admin'] }])
    expect(admin.verifyQueues).toEqual([{ slug: 'sawahlunto', name: 'Pemerintah Kota Sawahlunto', pending: 0 }])
    const platform = (await call(account.loader, get('/akun', cookies.admin))) as Awaited<ReturnType<typeof account.loader>>
    expect(platform.verifyQueues).toHaveLength(5)
    const citizen = (await call(account.loader, get('/akun', cookies.warga))) as Awaited<ReturnType<typeof account.loader>>
    expect(citizen.organisations).toEqual([])
    expect(citizen.claims).toEqual([])
  })
})
