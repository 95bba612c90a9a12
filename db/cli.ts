import { backupDatabase, restoreDatabase } from './backup'
import { DatabaseConfigError, connectDatabase, describeDatabase, parseDatabaseUrl } from './connection'
import { migrateToLatest } from './migrate'
import { seedDemo } from './seed/demo'

// `npm run db:migrate`, `npm run db:seed`, `npm run db:backup -- <file>` and
// `npm run db:restore -- <file>`: one clear line on failure, never a stack trace for a
// configuration mistake.
async function main() {
  const command = process.argv[2]
  const config = parseDatabaseUrl(process.env.DATABASE_URL)
  if (command === 'backup' || command === 'restore') {
    const file = process.argv[3]
    if (!file) {
      console.error(`Usage: npm run db:${command} -- <file>`)
      process.exit(2)
    }
    if (command === 'backup') {
      const { bytes } = await backupDatabase(config, file)
      console.log(`${describeDatabase(config)} backed up to ${file} (${bytes} bytes).`)
    } else {
      await restoreDatabase(config, file)
      console.log(`${file} restored into ${describeDatabase(config)}.`)
    }
    return
  }
  if (command !== 'migrate' && command !== 'seed') {
    console.error('Usage: db/cli.ts migrate|seed|backup <file>|restore <file>')
    process.exit(2)
  }
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
