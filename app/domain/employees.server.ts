import type { Kysely, Transaction } from 'kysely'
import type { Database } from '~db/schema'

type Db = Kysely<Database> | Transaction<Database>

// Replaced by the employee verification module when it lands.
export async function getVerifiedRole(_db: Db, _userId: number, _organisationId: number): Promise<string | null> {
  return null
}
