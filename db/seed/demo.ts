import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { Database, OrganisationKind, Stage } from '../schema'
import { hashPassword, normaliseEmail } from '../../app/domain/auth.server'
import { parsePlainTextDraft } from '../../app/domain/draft-text'
import { seedDemoConsultations } from './demo-consultations'
import {
  addMembership,
  changeStage,
  createOrganisation,
  createPolicyWithPublishedVersion,
} from '../../app/domain/policies.server'
import { seedDemoEmployees } from './demo-employees'
import { seedDemoEvaluations } from './demo-evaluations'
import { clockNow } from '../../app/lib/clock'

export const DEMO_PASSWORD = 'rembuk-demo-2026'

interface RegionSeed {
  file: string
  slug: string
  name: string
  kind: OrganisationKind
  timeZone: string
  policySlug: string
  /** Used when the text has no title line of its own. */
  fallbackTitle: string
  topic: string
  stage: Stage
}

// Kinds and zones from shared/seeds/README.md; the texts themselves are read at seed time.
export const REGIONS: RegionSeed[] = [
  {
    file: '000_4fab4cc32c68fe4b.txt',
    slug: 'mamuju',
    name: 'Pemerintah Kabupaten Mamuju',
    kind: 'kabupaten',
    timeZone: 'Asia/Makassar',
    policySlug: 'kebijakan-kepegawaian-asn-mamuju',
    fallbackTitle: 'Penyusunan Kebijakan Kepegawaian ASN di Mamuju',
    topic: 'rekrutmen, kompetensi, pelatihan',
    stage: 'konsultasi_publik',
  },
  {
    file: '001_4fada374653be76a.txt',
    slug: 'tanjungbalai',
    name: 'Pemerintah Kota Tanjungbalai',
    kind: 'kota',
    timeZone: 'Asia/Jakarta',
    policySlug: 'kebijakan-kepegawaian-asn-tanjungbalai',
    fallbackTitle: 'Penyusunan Kebijakan Kepegawaian ASN di Tanjungbalai',
    topic: 'forum ASN, evaluasi, promosi',
    stage: 'konsultasi_publik',
  },
  {
    file: '002_b91647f123de846e.txt',
    slug: 'plaju',
    name: 'Kecamatan Plaju, Kota Palembang',
    kind: 'kecamatan',
    timeZone: 'Asia/Jakarta',
    policySlug: 'implementasi-kebijakan-kepegawaian-plaju',
    fallbackTitle: 'Implementasi Kebijakan Kepegawaian di Plaju',
    topic: 'rekrutmen terbuka, pelatihan, layanan digital, budaya kerja',
    stage: 'konsultasi_publik',
  },
  {
    file: '003_6dfc125886885c1c.txt',
    slug: 'mulyorejo',
    name: 'Kecamatan Mulyorejo, Kota Surabaya',
    kind: 'kecamatan',
    timeZone: 'Asia/Jakarta',
    policySlug: 'kebijakan-pengelolaan-kepegawaian-mulyorejo',
    fallbackTitle: 'Kebijakan Pengelolaan Kepegawaian ASN di Mulyorejo',
    topic: 'kebutuhan pegawai, perubahan, pelatihan digital',
    stage: 'konsultasi_publik',
  },
  {
    file: '004_3fa00ddc8068722a.txt',
    slug: 'sawahlunto',
    name: 'Pemerintah Kota Sawahlunto',
    kind: 'kota',
    timeZone: 'Asia/Jakarta',
    policySlug: 'kebijakan-pengelolaan-kinerja-asn-sawahlunto',
    fallbackTitle: 'Penyusunan Kebijakan Pengelolaan Kinerja ASN di Sawahlunto',
    topic: 'indikator kinerja, kepuasan masyarakat, evaluasi',
    stage: 'konsultasi_publik',
  },
]

export function seedsDirectory(): string {
  if (process.env.SEEDS_DIR) return path.resolve(process.env.SEEDS_DIR)
  // shared/ sits beside the project's root; this file is <root>/db/seed/demo.ts (or bundled under <root>/build).
  const candidates = [path.resolve(process.cwd(), '..', 'shared', 'seeds')]
  try {
    candidates.push(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'seeds'))
  } catch {}
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, REGIONS[0].file)))
  if (!found) {
    throw new Error(
      `Demo seed texts not found (looked in ${candidates.join(', ')}). Set SEEDS_DIR to the folder holding them.`,
    )
  }
  return found
}

export interface DemoAccount {
  email: string
  displayName: string
  role: 'platform admin' | 'citizen' | 'admin' | 'moderator' | 'employee'
  organisation?: string
}

export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    { email: 'admin@rembuk.test', displayName: 'Admin Platform Rembuk', role: 'platform admin' },
    { email: 'warga@rembuk.test', displayName: 'Siti Rahmawati', role: 'citizen' },
  ]
  for (const region of REGIONS) {
    const place = region.name.replace(/^Pemerintah /, '')
    accounts.push(
      { email: `admin.${region.slug}@rembuk.test`, displayName: `Admin ${place}`, role: 'admin', organisation: region.slug },
      { email: `moderator.${region.slug}@rembuk.test`, displayName: `Moderator ${place}`, role: 'moderator', organisation: region.slug },
      { email: `asn.${region.slug}@rembuk.test`, displayName: `ASN ${place}`, role: 'employee', organisation: region.slug },
    )
  }
  return accounts
}

const DAY = 24 * 60 * 60_000

/** Fills an empty database with the five demo regions; does nothing when any organisation exists. */
export async function seedDemo(
  db: Kysely<Database>,
  now = clockNow(),
  /**
   * `consultations: false`: the regions and accounts alone. `story: false`: without Mamuju's
   * answered consultation and version 2 (DEMO_STORY=0 sets this default; the Vitest suite uses it,
   * so its tests start from first versions).
   */
  options: { consultations?: boolean; story?: boolean } = {},
): Promise<{ seeded: boolean }> {
  const existing = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst()
  if (existing) return { seeded: false }
  const dir = seedsDirectory()
  const texts = REGIONS.map((r) => fs.readFileSync(path.join(dir, r.file), 'utf8'))

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const userIds = new Map<string, number>()
  for (const account of demoAccounts()) {
    const user = await db
      .insertInto('users')
      .values({
        email: normaliseEmail(account.email),
        display_name: account.displayName,
        password_hash: passwordHash,
        is_platform_admin: account.role === 'platform admin' ? 1 : 0,
        is_demo: 1,
        created_at: new Date(now.getTime() - 90 * DAY).toISOString(),
        email_verified_at: new Date(now.getTime() - 90 * DAY).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    userIds.set(account.email, user.id)
  }

  for (const [i, region] of REGIONS.entries()) {
    const org = await createOrganisation(db, {
      slug: region.slug,
      name: region.name,
      kind: region.kind,
      timeZone: region.timeZone,
    })
    for (const account of demoAccounts().filter((a) => a.organisation === region.slug)) {
      await addMembership(db, org.id, userIds.get(account.email)!, account.role as 'admin' | 'moderator' | 'employee')
    }
    const parsed = parsePlainTextDraft(texts[i])
    const title = parsed.title ?? region.fallbackTitle
    const intro = parsed.sections[0]?.body.split(/(?<=\.)\s/)[0] ?? ''
    const actorId = userIds.get(`moderator.${region.slug}@rembuk.test`)!
    const created = new Date(now.getTime() - (60 - i) * DAY)
    const policy = await createPolicyWithPublishedVersion(db, {
      organisationId: org.id,
      slug: region.policySlug,
      title,
      summary: intro,
      topic: region.topic,
      stage: 'penyusunan',
      sections: parsed.sections,
      actorId,
      at: created.toISOString(),
    })
    // A stage history a visitor can follow: drafted, then opened for consultation.
    await changeStage(db, {
      policyId: policy.id,
      to: region.stage,
      actorId,
      at: new Date(created.getTime() + 14 * DAY).toISOString(),
    })
  }
  await seedDemoEmployees(db, userIds, now)
  if (options.consultations !== false) {
    const story = options.story ?? process.env.DEMO_STORY !== '0'
    await seedDemoConsultations(db, now, { story })
    // Sawahlunto's adopted regulation in its evaluation cycle is part of the story (demo-evaluations.ts).
    if (story) {
      const sawahlunto = REGIONS.findIndex((r) => r.slug === 'sawahlunto')
      await seedDemoEvaluations(db, now, { sections: parsePlainTextDraft(texts[sawahlunto]).sections })
    }
  }
  return { seeded: true }
}
