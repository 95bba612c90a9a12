import type { Kysely } from 'kysely'
import type { Database } from '../schema'
import { claimEmployment, decideClaim } from '../../app/domain/employees.server'
import { addMembership } from '../../app/domain/policies.server'
import { clockNow } from '../../app/lib/clock'

const DAY = 24 * 60 * 60_000

/**
 * A structurally valid NIP for the i-th demo civil servant: born 1980+i, started service at 25,
 * sex alternating, sequence i+1. Made up; it identifies nobody.
 */
export function demoNip(i: number): string {
  const birthYear = 1980 + i
  const month = String((i % 12) + 1).padStart(2, '0')
  const day = String(10 + i).padStart(2, '0')
  const start = `${birthYear + 25}${month}`
  const sex = i % 2 === 0 ? '1' : '2'
  return `${birthYear}${month}${day}${start}${sex}${String(i + 1).padStart(3, '0')}`
}

/**
 * Every demo `asn.<region>@rembuk.test` account gets an approved verification at its region, through
 * the same rules as everyone (claim, then the region's admin approves). The citizen account gets none.
 */
export async function seedDemoEmployees(db: Kysely<Database>, userIdsByEmail: Map<string, number>, now = clockNow()) {
  let i = 0
  for (const [email, userId] of userIdsByEmail) {
    const slug = /^asn\.([a-z0-9-]+)@rembuk\.test$/.exec(email)?.[1]
    if (!slug) continue
    const organisation = await db
      .selectFrom('organisations')
      .select(['id', 'kind'])
      .where('slug', '=', slug)
      .executeTakeFirst()
    const adminId = userIdsByEmail.get(`admin.${slug}@rembuk.test`)
    if (!organisation || adminId === undefined) continue
    const claim = await claimEmployment(
      db,
      {
        userId,
        organisationId: organisation.id,
        nip: demoNip(i),
        unit: organisation.kind === 'kecamatan' ? 'Kantor Kecamatan' : 'BKPSDM',
        position: 'Analis Sumber Daya Manusia Aparatur',
        at: new Date(now.getTime() - (80 - i) * DAY).toISOString(),
      },
      now,
    )
    await decideClaim(db, {
      claimId: claim.id,
      actorId: adminId,
      approve: true,
      at: new Date(now.getTime() - (79 - i) * DAY).toISOString(),
    })
    // The approval made them an employee; said again so the demo holds even if memberships came first.
    await addMembership(db, organisation.id, userId, 'employee')
    i++
  }
}
