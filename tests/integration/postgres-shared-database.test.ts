import crypto from 'node:crypto'
import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { createDatabase, parseDatabaseUrl } from '~db/connection'
import { migrateToLatest } from '~db/migrate'

const url = process.env.TEST_DATABASE_URL

// Instances, other apps and parallel test files share one PostgreSQL database by schema: one of
// them dropping its schema must never break another's migration (Kysely's own introspection read
// every schema and failed on one dropped under it).
describe.runIf(url)('a PostgreSQL database shared by schema', () => {
  test('migrating while other schemas come and go', async () => {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    const mine = `t_${crypto.randomBytes(6).toString('hex')}`
    await admin.query(`create schema ${mine}`)
    let churning = true
    const churn = (async () => {
      const other = new pg.Client({ connectionString: url })
      await other.connect()
      let rounds = 0
      while (churning || rounds < 20) {
        const name = `t_churn_${crypto.randomBytes(4).toString('hex')}`
        await other.query(`create schema ${name}`)
        await other.query(`create table ${name}.t (id int)`)
        await other.query(`drop schema ${name} cascade`)
        rounds++
      }
      await other.end()
      return rounds
    })()
    const db = createDatabase(parseDatabaseUrl(url), { schema: mine })
    try {
      for (let i = 0; i < 3; i++) await migrateToLatest(db)
      const tables = await db.introspection.getTables()
      expect(tables.map((t) => t.name)).toContain('policies')
      expect(tables.every((t) => t.schema === mine)).toBe(true)
    } finally {
      churning = false
      expect(await churn).toBeGreaterThanOrEqual(20)
      await db.destroy()
      await admin.query(`drop schema ${mine} cascade`)
      await admin.end()
    }
  })
})
