import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import {
  EmailTakenError,
  FREE_FAILURES,
  createSession,
  invalidateSession,
  registerUser,
  signIn,
  validateSessionToken,
} from '~/domain/auth.server'
import { type TestDb, createTestDb, dialects } from '../db'

describe.each(dialects)('accounts on %s', (dialect) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb(dialect)
  })
  afterEach(async () => {
    await t.destroy()
  })

  test('registering stores an Argon2id hash, never the password', async () => {
    const user = await registerUser(t.db, { email: ' Rina@Contoh.ID ', displayName: 'Rina', password: 'kata-sandi-rahasia' })
    expect(user.email).toBe('rina@contoh.id')
    const row = await t.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(row.password_hash).not.toContain('kata-sandi-rahasia')
  })

  test('an e-mail address registers once, whatever its case', async () => {
    await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    await expect(
      registerUser(t.db, { email: 'A@CONTOH.ID', displayName: 'B', password: 'kata-sandi-lainnya' }),
    ).rejects.toBeInstanceOf(EmailTakenError)
  })

  test('signing in checks the password', async () => {
    await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    expect(await signIn(t.db, { email: 'A@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.1' })).toMatchObject({ ok: true })
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'salah-sekali', address: '10.0.0.1' })).toEqual({ ok: false, reason: 'invalid' })
    expect(await signIn(t.db, { email: 'tidak@ada.id', password: 'apa-saja-boleh', address: '10.0.0.1' })).toEqual({ ok: false, reason: 'invalid' })
  })

  test('40 parallel wrong passwords on one account from one address: only the free five are checked', async () => {
    await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    const now = new Date('2026-11-23T03:00:00Z')
    const results = await Promise.all(
      Array.from({ length: 40 }, () => signIn(t.db, { email: 'a@contoh.id', password: 'salah', address: '10.0.0.1' }, now)),
    )
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(FREE_FAILURES.pair)
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(40 - FREE_FAILURES.pair)
  })

  test('one address guessing one account waits longer after each failure past the free five', async () => {
    await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    const now = new Date('2026-11-23T03:00:00Z')
    for (let i = 0; i < 5; i++) {
      expect(await signIn(t.db, { email: 'a@contoh.id', password: 'salah', address: '10.0.0.9' }, now)).toMatchObject({ reason: 'invalid' })
    }
    const locked = await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.9' }, now)
    expect(locked).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 30_000 })
    // Another address is not held by this one's failures.
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.10' }, now)).toMatchObject({ ok: true })
    const later = new Date(now.getTime() + 30_000)
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'salah', address: '10.0.0.9' }, later)).toMatchObject({ reason: 'invalid' })
    const again = await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.9' }, later)
    expect(again).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 60_000 })
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.9' }, new Date(later.getTime() + 60_000))).toMatchObject({ ok: true })
  })

  test('the owner at an address with a good history signs in while many addresses hammer the account', async () => {
    await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    const now = new Date('2026-11-23T03:00:00Z')
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.50' }, now)).toMatchObject({ ok: true })
    for (let i = 0; i < 30; i++) {
      await signIn(t.db, { email: 'a@contoh.id', password: 'salah', address: `203.0.113.${i}` }, now)
    }
    // The account as a whole is now held for addresses it has never signed in from …
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '203.0.113.200' }, now)).toMatchObject({ reason: 'throttled' })
    // … but not for its owner.
    expect(await signIn(t.db, { email: 'a@contoh.id', password: 'kata-sandi-rahasia', address: '10.0.0.50' }, now)).toMatchObject({ ok: true })
  })

  test('20 failures from one address do not lock every account behind it; a flood does, except for known owners', async () => {
    await registerUser(t.db, { email: 'b@contoh.id', displayName: 'B', password: 'kata-sandi-rahasia' })
    await registerUser(t.db, { email: 'c@contoh.id', displayName: 'C', password: 'kata-sandi-rahasia' })
    const now = new Date('2026-11-23T03:00:00Z')
    const office = '198.51.100.4'
    expect(await signIn(t.db, { email: 'c@contoh.id', password: 'kata-sandi-rahasia', address: office }, now)).toMatchObject({ ok: true })
    for (let i = 0; i < 21; i++) {
      await signIn(t.db, { email: `orang${i}@contoh.id`, password: 'salah', address: office }, now)
    }
    expect(await signIn(t.db, { email: 'b@contoh.id', password: 'kata-sandi-rahasia', address: office }, now)).toMatchObject({ ok: true })
    for (let i = 21; i < FREE_FAILURES.address + 1; i++) {
      await signIn(t.db, { email: `orang${i}@contoh.id`, password: 'salah', address: office }, now)
    }
    expect(await signIn(t.db, { email: 'baru@contoh.id', password: 'kata-sandi-rahasia', address: office }, now)).toMatchObject({ reason: 'throttled' })
    expect(await signIn(t.db, { email: 'c@contoh.id', password: 'kata-sandi-rahasia', address: office }, now)).toMatchObject({ ok: true })
  })

  test('sessions store only a hash of the secret and can be revoked', async () => {
    const user = await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    const token = await createSession(t.db, user.id)
    const [id, secret] = token.split('.')
    const row = await t.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.secret_hash).not.toContain(secret)
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(await validateSessionToken(t.db, token)).toEqual({ id, userId: user.id })
    expect(await validateSessionToken(t.db, `${id}.${'a'.repeat(secret.length)}`)).toBeNull()
    expect(await validateSessionToken(t.db, 'garbage')).toBeNull()
    await invalidateSession(t.db, id)
    expect(await validateSessionToken(t.db, token)).toBeNull()
  })

  test('a session expires after ten idle days and is kept alive by use', async () => {
    const user = await registerUser(t.db, { email: 'a@contoh.id', displayName: 'A', password: 'kata-sandi-rahasia' })
    const start = new Date('2026-11-01T00:00:00Z')
    const token = await createSession(t.db, user.id, start)
    const day = 24 * 60 * 60_000
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + 9 * day))).not.toBeNull()
    // Used on day 9, so still alive on day 18.
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + 18 * day))).not.toBeNull()
    expect(await validateSessionToken(t.db, token, new Date(start.getTime() + 29 * day))).toBeNull()
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0)
  })
})
