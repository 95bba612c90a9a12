import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import type { Kysely } from 'kysely'
import { createDatabase } from '~db/connection'
import type { Database } from '~db/schema'
import { markRead, notify, notifyPolicyEvent } from '~/domain/notifications.server'
import { MAMUJU, expectAccessible, signIn, uniqueSuffix } from './helpers'

// Notifications are made the way the features that cause them make them: through the domain,
// here on the database the test server uses (SQLite in WAL mode, so both may open it).
const E2E_DATABASE = path.resolve('tests/.tmp/e2e.sqlite')
let db: Kysely<Database>

test.beforeAll(async () => {
  db = createDatabase({ dialect: 'sqlite', file: E2E_DATABASE })
  // Other tests may have switched the citizen to English, which also sets the language of her mail.
  await db.updateTable('users').set({ locale: null }).where('email', '=', 'warga@rembuk.test').execute()
  // …and may have left her following a policy: she starts following none.
  const warga = await db.selectFrom('users').select('id').where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()
  await db.deleteFrom('policy_followers').where('user_id', '=', warga.id).execute()
})
test.afterAll(async () => {
  await db.destroy()
})

async function policyId(slug: string) {
  const row = await db.selectFrom('policies').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  return row.id
}

async function userId(email: string) {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  return row.id
}

function header(page: Page) {
  return page.getByRole('navigation', { name: 'Navigasi utama' })
}

test('a citizen follows a policy, is notified when its consultation opens, and marks it read', async ({ page }) => {
  await signIn(page, 'warga@rembuk.test')
  await page.goto(MAMUJU)
  await page.getByRole('button', { name: 'Ikuti kebijakan ini' }).click()
  await expect(page.getByRole('button', { name: 'Berhenti mengikuti' })).toBeVisible()
  await expect(page.getByText('Anda mengikuti kebijakan ini.')).toBeVisible()
  await expect(page).toHaveURL(MAMUJU)
  await expectAccessible(page)

  const slug = MAMUJU.split('/').pop()!
  await markRead(db, await userId('warga@rembuk.test'), 'all')
  const result = await notifyPolicyEvent(db, {
    policyId: await policyId(slug),
    event: 'consultation_opened',
    closesAt: '2026-12-31T15:00:00.000Z',
  })
  expect(result.notified).toBe(1)

  await page.goto('/')
  const link = header(page).getByRole('link', { name: 'Pemberitahuan (1 belum dibaca)' })
  await expect(link).toBeVisible()
  await expectAccessible(page)
  await link.click()

  await expect(page.getByRole('heading', { level: 1, name: 'Pemberitahuan' })).toBeVisible()
  await expect(page.getByText('1 pemberitahuan belum dibaca.')).toBeVisible()
  const item = page.getByRole('listitem').filter({ hasText: 'Konsultasi publik dibuka: Penyusunan Kebijakan Kepegawaian ASN di Mamuju' })
  await expect(item).toContainText('sebelum 31 Desember 2026 pukul 23.00 WITA')
  await expect(item).toContainText('Belum dibaca')
  await expectAccessible(page)

  await item.getByRole('button', { name: /Tandai sudah dibaca/ }).click()
  // Only this one is checked: the server's minute sweep may announce another test's consultation
  // (consultations.spec opens one on Sawahlunto) to her at any moment.
  await expect(item).not.toContainText('Belum dibaca')
  await expectAccessible(page)

  await item.getByRole('link', { name: /Konsultasi publik dibuka/ }).click()
  await expect(page).toHaveURL(MAMUJU)
  await page.getByRole('button', { name: 'Berhenti mengikuti' }).click()
  await expect(page.getByRole('button', { name: 'Ikuti kebijakan ini' })).toBeVisible()
})

test('the platform admin reads the outbox and each mail in it', async ({ page }) => {
  const subject = `Uji kotak keluar ${uniqueSuffix()}`
  await notify(db, {
    userIds: [await userId('asn.plaju@rembuk.test')],
    kind: 'input_answered',
    title: subject,
    body: 'Masukan Anda sudah ditanggapi.',
    link: '/kebijakan/kebijakan-kepegawaian-asn-mamuju',
  })
  await signIn(page, 'admin@rembuk.test')
  await header(page).getByRole('link', { name: 'Kotak keluar e-mail' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Kotak keluar e-mail' })).toBeVisible()
  await expect(page.getByText('Server SMTP belum diatur')).toBeVisible()
  const row = page.getByRole('row').filter({ hasText: subject })
  await expect(row).toContainText('asn.plaju@rembuk.test')
  await expect(row).toContainText('Belum dikirim')
  await expectAccessible(page)

  await row.getByRole('link', { name: subject }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(subject)
  const body = page.locator('pre')
  await expect(body).toContainText(/Halo ASN .*Plaju/)
  await expect(body).toContainText('Masukan Anda sudah ditanggapi.')
  await expect(body).toContainText('http://localhost:3000/kebijakan/kebijakan-kepegawaian-asn-mamuju')
  await expectAccessible(page)
  await page.getByRole('link', { name: /Kembali ke kotak keluar/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Kotak keluar e-mail' })).toBeVisible()
})

test('others may not open the outbox; visitors are asked to sign in to follow', async ({ page }) => {
  await page.goto(MAMUJU)
  const followLink = page.getByRole('link', { name: 'Ikuti kebijakan ini' })
  await expect(followLink).toHaveAccessibleDescription('Anda akan diminta masuk atau mendaftar lebih dulu.')
  await expectAccessible(page)
  await followLink.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Masuk', exact: true })).toBeVisible()
  await page.getByLabel('Alamat e-mail').fill('asn.mamuju@rembuk.test')
  await page.getByLabel('Kata sandi').fill('rembuk-demo-2026')
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page).toHaveURL(MAMUJU)
  await expect(page.getByRole('button', { name: 'Ikuti kebijakan ini' })).toBeVisible()

  const response = await page.goto('/admin/kotak-keluar')
  expect(response?.status()).toBe(403)
  await expect(page.getByText('Anda tidak berhak membuka halaman ini.')).toBeVisible()
  await expectAccessible(page)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('following, being notified and marking everything read all work', async ({ page }) => {
    const slug = 'kebijakan-kepegawaian-asn-tanjungbalai'
    await signIn(page, 'warga@rembuk.test')
    await page.goto(`/kebijakan/${slug}`)
    await page.getByRole('button', { name: 'Ikuti kebijakan ini' }).click()
    await expect(page).toHaveURL(`/kebijakan/${slug}`)
    await expect(page.getByRole('button', { name: 'Berhenti mengikuti' })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    const id = await policyId(slug)
    await markRead(db, await userId('warga@rembuk.test'), 'all')
    await notifyPolicyEvent(db, { policyId: id, event: 'version_published', versionNumber: 1 })
    await notifyPolicyEvent(db, { policyId: id, event: 'consultation_closed' })

    await page.goto('/')
    await header(page).getByRole('link', { name: 'Pemberitahuan (2 belum dibaca)' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Konsultasi publik ditutup: Penyusunan Kebijakan Kepegawaian ASN di Tanjungbalai' })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: 'Versi 1 diterbitkan: Penyusunan Kebijakan Kepegawaian ASN di Tanjungbalai' })).toBeVisible()
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('button', { name: 'Tandai semua sudah dibaca' }).click()
    await expect(page.getByText('Semua pemberitahuan sudah dibaca.')).toBeVisible()
    await expect(header(page).getByRole('link', { name: 'Pemberitahuan', exact: true })).toBeVisible()
    await expect(page.getByRole('button', { name: /Tandai sudah dibaca/ })).toHaveCount(0)
    await expectAccessible(page, { javaScriptDisabled: true })

    await page.getByRole('link', { name: /Versi 1 diterbitkan/ }).click()
    await expect(page).toHaveURL(`/kebijakan/${slug}/versi/1`)
    await page.getByRole('button', { name: 'Berhenti mengikuti' }).click()
    await expect(page).toHaveURL(`/kebijakan/${slug}/versi/1`)
    await expect(page.getByRole('button', { name: 'Ikuti kebijakan ini' })).toBeVisible()
  })
})
