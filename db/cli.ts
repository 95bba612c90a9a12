import { DatabaseConfigError, connectDatabase, describeDatabase, parseDatabaseUrl } from './connection'
import { migrateToLatest } from './migrate'
import { seedDemo } from './seed/demo'

// `npm run db:migrate` and `npm run db:seed`: one clear line on failure, never a stack trace
// for a configuration mistake.
async function main() {
  const command = process.argv[2]
  if (command !== 'migrate' && command !== 'seed') {
    console.error('Usage: db/cli.ts migrate|seed')
    process.exit(2)
  }
  const config = parseDatabaseUrl(process.env.DATABASE_URL)
  const db = await connectDatabase(config)
  try {
    const result = await migrateToLatest(db)
    const applied = result.results?.filter((r) => r.status === 'Success').length ?? 0
    console.log(`${describeDatabase(config)}: ${applied} migration(s) applied.`)
    if (command === 'seed') {
      const { seeded } = await seedDemo(db)
      console.log(seeded ? 'Demo data seeded.' : 'Database already has data; demo seed skipped.')
    }
  } finally {
    await db.destroy()
  }
}

main().catch((error) => {
  console.error(error instanceof DatabaseConfigError ? error.message : `Error: ${(error as Error).message}`)
  process.exit(1)
})
