import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as root from '~/root'
import * as language from '~/routes/language'
import * as notificationsPage from '~/routes/notifications'
import * as outbox from '~/routes/admin.outbox'
import * as outboxMail from '~/routes/admin.outbox-mail'
import * as policy from '~/routes/policy'
import * as policyVersion from '~/routes/policy-version'
import * as follow from '~/routes/policy-follow'
import * as signIn from '~/routes/sign-in'
import { countUnread, isFollowing, notify } from '~/domain/notifications.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import { setDb } from '~/lib/db.server'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

describe.each(dialects)('notification, follow and outbox routes on %s', (dialect) => {
  let t: TestDb
  let cookies: Record<'warga' | 'asn' | 'orgAdmin' | 'platformAdmin', string>
  let warga: number
  let asn: number
  let policyId: number

  async function signInAs(email: string) {
    return cookieFrom((await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response)
  }

  beforeAll(async () => {
    delete process.env.SMTP_URL
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    cookies = {
      warga: await signInAs('warga@rembuk.test'),
      asn: await signInAs('asn.mamuju@rembuk.test'),
      orgAdmin: await signInAs('admin.mamuju@rembuk.test'),
      platformAdmin: await signInAs('admin@rembuk.test'),
    }
    const users = await t.db.selectFrom('users').select(['id', 'email']).execute()
    warga = users.find((u) => u.email === 'warga@rembuk.test')!.id
    asn = users.find((u) => u.email === 'asn.mamuju@rembuk.test')!.id
    policyId = (await getPolicyBySlug(t.db, MAMUJU))!.id
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  test('an anonymous visitor is sent to sign in before seeing notifications', async () => {
    const response = (await call(notificationsPage.loader, get('/akun/pemberitahuan?sebelum=5'))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/masuk?redirectTo=%2Fakun%2Fpemberitahuan%3Fsebelum%3D5')
    const post = (await call(notificationsPage.action, form('/akun/pemberitahuan', { intent: 'read-all' }))) as Response
    expect(post.headers.get('Location')).toMatch(/^\/masuk/)
  })

  test('following from the policy page, and stopping, return to the page', async () => {
    const before = (await call(policy.loader, get(`/kebijakan/${MAMUJU}`, cookies.warga), { slug: MAMUJU })) as any
    expect(before.follow).toEqual({ signedIn: true, following: false })

    const followed = (await call(
      follow.action,
      form(`/kebijakan/${MAMUJU}/ikuti`, { intent: 'follow', redirectTo: `/kebijakan/${MAMUJU}/versi/1` }, cookies.warga),
      { slug: MAMUJU },
    )) as Response
    expect(followed.status).toBe(302)
    expect(followed.headers.get('Location')).toBe(`/kebijakan/${MAMUJU}/versi/1`)
    expect(await isFollowing(t.db, warga, policyId)).toBe(true)
    const version = (await call(policyVersion.loader, get(`/kebijakan/${MAMUJU}/versi/1`, cookies.warga), {
      slug: MAMUJU,
      number: '1',
    })) as any
    expect(version.follow).toEqual({ signedIn: true, following: true })

    // Following twice changes nothing.
    await call(follow.action, form(`/kebijakan/${MAMUJU}/ikuti`, { intent: 'follow' }, cookies.warga), { slug: MAMUJU })
    expect(await isFollowing(t.db, warga, policyId)).toBe(true)

    const unfollowed = (await call(
      follow.action,
      form(`/kebijakan/${MAMUJU}/ikuti`, { intent: 'unfollow', redirectTo: '//evil.example/' }, cookies.warga),
      { slug: MAMUJU },
    )) as Response
    expect(unfollowed.headers.get('Location')).toBe(`/kebijakan/${MAMUJU}`)
    expect(await isFollowing(t.db, warga, policyId)).toBe(false)
  })

  test('anonymous visitors see the sign-in path; bad follow requests change nothing', async () => {
    const page = (await call(policy.loader, get(`/kebijakan/${MAMUJU}`), { slug: MAMUJU })) as any
    expect(page.follow).toEqual({ signedIn: false, following: false })

    const anonymous = (await call(
      follow.action,
      form(`/kebijakan/${MAMUJU}/ikuti`, { intent: 'follow', redirectTo: `/kebijakan/${MAMUJU}` }),
      { slug: MAMUJU },
    )) as Response
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toBe(`/masuk?redirectTo=${encodeURIComponent(`/kebijakan/${MAMUJU}`)}`)

    const unknown = (await call(follow.action, form('/kebijakan/tidak-ada/ikuti', { intent: 'follow' }, cookies.warga), {
      slug: 'tidak-ada',
    })) as Response
    expect(unknown.status).toBe(404)
    const badIntent = (await call(follow.action, form(`/kebijakan/${MAMUJU}/ikuti`, { intent: 'hapus' }, cookies.warga), {
      slug: MAMUJU,
    })) as Response
    expect(badIntent.status).toBe(400)
    expect(await isFollowing(t.db, warga, policyId)).toBe(false)

    const opened = (await call(follow.loader, get(`/kebijakan/${MAMUJU}/ikuti`), { slug: MAMUJU })) as Response
    expect(opened.headers.get('Location')).toBe(`/kebijakan/${MAMUJU}`)
  })

  test('my notifications: listed newest first, counted in the header, marked read one by one and all at once', async () => {
    await notify(t.db, { userIds: [warga], kind: 'consultation_opened', title: 'Kabar pertama', body: 'Isi pertama', link: '/kebijakan/a' })
    await notify(t.db, { userIds: [warga], kind: 'version_published', title: 'Kabar kedua', body: 'Isi kedua', link: '/kebijakan/b' })
    await notify(t.db, { userIds: [asn], kind: 'version_published', title: 'Milik ASN', body: '', link: '/' })

    const header = (await call(root.loader, get('/', cookies.warga))) as Awaited<ReturnType<typeof root.loader>>
    expect(header.unreadNotifications).toBe(2)
    const anonymousHeader = (await call(root.loader, get('/'))) as Awaited<ReturnType<typeof root.loader>>
    expect(anonymousHeader.unreadNotifications).toBe(0)

    const page = (await call(notificationsPage.loader, get('/akun/pemberitahuan', cookies.warga))) as any
    expect(page.items.map((n: { title: string }) => n.title)).toEqual(['Kabar kedua', 'Kabar pertama'])
    expect(page.unread).toBe(2)
    expect(page.nextCursor).toBeNull()

    const asnPage = (await call(notificationsPage.loader, get('/akun/pemberitahuan', cookies.asn))) as any
    const asnId = asnPage.items[0].id
    // Marking someone else's notification does nothing.
    await call(notificationsPage.action, form('/akun/pemberitahuan', { intent: 'read', id: String(asnId) }, cookies.warga))
    expect(await countUnread(t.db, asn)).toBe(1)

    const one = (await call(
      notificationsPage.action,
      form('/akun/pemberitahuan', { intent: 'read', id: String(page.items[0].id) }, cookies.warga),
    )) as Response
    expect(one.status).toBe(302)
    expect(one.headers.get('Location')).toBe('/akun/pemberitahuan')
    expect(await countUnread(t.db, warga)).toBe(1)

    for (const id of ['', 'abc', '-1', '1e9', '99999999999999999999']) {
      const odd = (await call(notificationsPage.action, form('/akun/pemberitahuan', { intent: 'read', id }, cookies.warga))) as Response
      expect(odd.status).toBe(302)
    }
    expect(await countUnread(t.db, warga)).toBe(1)

    const all = (await call(notificationsPage.action, form('/akun/pemberitahuan?sebelum=7', { intent: 'read-all' }, cookies.warga))) as Response
    expect(all.headers.get('Location')).toBe('/akun/pemberitahuan?sebelum=7')
    expect(await countUnread(t.db, warga)).toBe(0)
    expect(await countUnread(t.db, asn)).toBe(1)
  })

  test('notifications page by cursor; a strange cursor shows the first page', async () => {
    for (let i = 0; i < 25; i++) {
      await notify(t.db, { userIds: [asn], kind: 'version_published', title: `Kabar ${i}`, body: '', link: '/' })
    }
    const first = (await call(notificationsPage.loader, get('/akun/pemberitahuan', cookies.asn))) as any
    expect(first.items).toHaveLength(20)
    expect(first.isFirstPage).toBe(true)
    const second = (await call(notificationsPage.loader, get(`/akun/pemberitahuan?sebelum=${first.nextCursor}`, cookies.asn))) as any
    expect(second.items).toHaveLength(6)
    expect(second.isFirstPage).toBe(false)
    expect(second.nextCursor).toBeNull()
    for (const cursor of ['x', '-3', '0', "1' or 1=1"]) {
      const odd = (await call(notificationsPage.loader, get(`/akun/pemberitahuan?sebelum=${encodeURIComponent(cursor)}`, cookies.asn))) as any
      expect(odd.items[0].id).toBe(first.items[0].id)
    }
  })

  test('the outbox is for platform admins only', async () => {
    for (const cookie of [cookies.warga, cookies.orgAdmin]) {
      const list = (await call(outbox.loader, get('/admin/kotak-keluar', cookie))) as Response
      expect(list.status).toBe(403)
      const mail = (await call(outboxMail.loader, get('/admin/kotak-keluar/1', cookie), { id: '1' })) as Response
      expect(mail.status).toBe(403)
      const retry = (await call(outbox.action, form('/admin/kotak-keluar', { intent: 'retry' }, cookie))) as Response
      expect(retry.status).toBe(403)
    }
    const anonymous = (await call(outbox.loader, get('/admin/kotak-keluar'))) as Response
    expect(anonymous.status).toBe(302)
  })

  test('the platform admin reads every mail and what became of it', async () => {
    await notify(t.db, { userIds: [warga], kind: 'input_answered', title: 'Untuk kotak keluar', body: 'Isi mail', link: '/x' })
    const list = (await call(outbox.loader, get('/admin/kotak-keluar', cookies.platformAdmin))) as any
    expect(list.server).toBeNull()
    const item = list.items.find((m: { subject: string }) => m.subject === 'Untuk kotak keluar')
    expect(item).toMatchObject({ to_address: 'warga@rembuk.test', status: 'waiting', attempts: 0 })

    const mail = (await call(outboxMail.loader, get(`/admin/kotak-keluar/${item.id}`, cookies.platformAdmin), {
      id: String(item.id),
    })) as any
    expect(mail.mail.body).toContain('Isi mail')
    expect(mail.mail.body).toContain('http://localhost:3000/x')
    for (const id of ['999999', 'abc', '0']) {
      const missing = (await call(outboxMail.loader, get(`/admin/kotak-keluar/${id}`, cookies.platformAdmin), { id })) as Response
      expect(missing.status).toBe(404)
    }

    const retried = (await call(outbox.action, form('/admin/kotak-keluar', { intent: 'retry' }, cookies.platformAdmin))) as any
    expect(retried.retried).toEqual({ tried: 0, sent: 0, failed: 0 })
    const bad = (await call(outbox.action, form('/admin/kotak-keluar', { intent: 'hapus' }, cookies.platformAdmin))) as Response
    expect(bad.status).toBe(400)
  })

  test('choosing a language while signed in sets the language of one’s mail', async () => {
    await call(language.action, form('/bahasa', { lang: 'en', redirectTo: '/' }, cookies.asn))
    const row = await t.db.selectFrom('users').select('locale').where('id', '=', asn).executeTakeFirstOrThrow()
    expect(row.locale).toBe('en')
    await notify(t.db, {
      userIds: [asn],
      kind: 'input_answered',
      title: { key: 'notify.inputAnswered.title', vars: { trackingNumber: 'RBK-7' } },
      body: '',
      link: '/',
    })
    const page = (await call(notificationsPage.loader, get('/akun/pemberitahuan', cookies.asn))) as any
    expect(page.items[0].title).toBe('Input RBK-7 has been answered')
  })
})
