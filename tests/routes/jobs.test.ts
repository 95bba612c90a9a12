import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { enqueueJob } from '~/jobs/jobs.server'
import { setDb } from '~/lib/db.server'
import * as jobStatus from '~/routes/job-status'
import * as signIn from '~/routes/sign-in'
import { DEMO_PASSWORD, seedDemo } from '~db/seed/demo'
import { type TestDb, createTestDb, dialects } from '../db'
import { call, cookieFrom, form, get } from './helpers'

describe.each(dialects)('a background job’s status route on %s', (dialect) => {
  let t: TestDb
  let teamJob: number
  let publicJob: number
  const signInAs = async (email: string) =>
    cookieFrom((await call(signIn.action, form('/masuk', { email, password: DEMO_PASSWORD }))) as Response)

  beforeAll(async () => {
    t = await createTestDb(dialect)
    await seedDemo(t.db)
    setDb(t.db)
    const mamuju = await t.db.selectFrom('organisations').select('id').where('slug', 'like', '%mamuju%').executeTakeFirstOrThrow()
    teamJob = (await enqueueJob(t.db, 'test.team', 'a', {}, { organisationId: mamuju.id })).id
    publicJob = (await enqueueJob(t.db, 'test.public', 'b')).id
    await t.db.updateTable('jobs').set({ status: 'running', progress_done: 30, progress_total: 120 }).where('id', '=', teamJob).execute()
  })
  afterAll(async () => {
    setDb(null)
    await t.destroy()
  })

  const status = async (id: string | number, cookie?: string) => (await call(jobStatus.loader, get(`/tugas/${id}`, cookie), { id: String(id) })) as Response

  test('the organisation’s team reads its job’s progress as JSON, never cached', async () => {
    const response = await status(teamJob, await signInAs('moderator.mamuju@rembuk.test'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({
      id: teamJob,
      status: 'running',
      active: true,
      done: 30,
      total: 120,
      percent: 25,
      resultAt: null,
      failed: false,
    })
  })

  test('anyone else gets the same 404 as for a job that does not exist', async () => {
    for (const cookie of [undefined, await signInAs('moderator.plaju@rembuk.test'), await signInAs('warga@rembuk.test')]) {
      const response = await status(teamJob, cookie)
      expect(response.status).toBe(404)
      expect(await response.json()).toEqual({ error: { status: 404, message: 'No such job.' } })
    }
    for (const id of ['999999', '0', 'abc', '99999999999']) expect((await status(id)).status).toBe(404)
  })

  test('a job of no organisation (a public export) is readable by anyone', async () => {
    const response = await status(publicJob)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: publicJob, status: 'queued', active: true, total: null, percent: null })
  })
})
