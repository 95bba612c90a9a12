import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// Accounts hardening (issue 8 items 7–9; docs/decisions/019-accounts-hardening.md):
// - login_throttle.last_attempt_at: counters decay an hour after the last failure, not a fixed
//   window, so waiting out a lock does not hand an attacker a fresh set of free guesses.
// - sign_in_addresses: where each account has signed in successfully before (a keyed hash of the
//   address, never the address), so its owner still signs in there while others hammer it.
// - sessions.user_agent: shown on /akun so a person can tell their sessions apart.
// - users.email_verified_at and email_verifications: an account proves its e-mail before it
//   submits or flags input; only a SHA-256 of the token is stored.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('login_throttle').addColumn('last_attempt_at', 'text').execute()

  await db.schema
    .createTable('sign_in_addresses')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_addresses_pk', ['user_id', 'address_hash'])
    .execute()

  await db.schema.alterTable('sessions').addColumn('user_agent', 'text', (c) => c.notNull().defaultTo('')).execute()

  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute()
  // Every account that exists before this migration was created without verification; treat
  // them as verified so nobody already taking part is suddenly locked out of it.
  await sql`update users set email_verified_at = created_at`.execute(db)

  await db.schema
    .createTable('email_verifications')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('email_verifications_user_id').on('email_verifications').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_verifications').execute()
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute()
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute()
  await db.schema.dropTable('sign_in_addresses').execute()
  await db.schema.alterTable('login_throttle').dropColumn('last_attempt_at').execute()
}
