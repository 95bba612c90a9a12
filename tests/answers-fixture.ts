import type { Kysely } from 'kysely'
import type { Database, InputKind, InputStatus } from '~db/schema'
import { createConsultation } from '~/domain/consultations.server'
import { generateTrackingNumber } from '~/domain/inputs.server'
import { getPolicyBySlug } from '~/domain/policies.server'

/**
 * Data for the responses, matrix and open-data tests: a consultation on Mamuju's draft, inputs
 * written straight into the table (in bulk, many at once), and themes and duplicate groups as the
 * moderation features would leave them.
 */

export const MAMUJU_SLUG = 'kebijakan-kepegawaian-asn-mamuju'
export const PRIVATE_EMAIL = 'rahasia.pengirim@contoh.id'
export const PRIVATE_CONTACT = '0812-9999-0000 Jl. Rahasia 7'

export interface Fixture {
  policyId: number
  versionId: number
  organisationId: number
  consultationId: number
  sectionKeys: string[]
  userId: number
}

export async function setUpConsultation(db: Kysely<Database>, now = new Date('2026-11-23T05:00:00.000Z')): Promise<Fixture> {
  const policy = (await getPolicyBySlug(db, MAMUJU_SLUG))!
  const created = await createConsultation(db, {
    policyId: policy.id,
    versionId: policy.current_version_id!,
    title: 'Konsultasi tanggapan',
    description: '',
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    audience: 'public',
    moderation: 'post',
    topics: ['rekrutmen', 'kompetensi'],
    questions: [
      { kind: 'scale', prompt: 'Seberapa transparan rekrutmen saat ini?', required: true },
      { kind: 'single', prompt: 'Pengumuman sebaiknya di mana?', options: ['Situs web', 'Papan pengumuman'], required: false },
      { kind: 'multiple', prompt: 'Informasi apa yang perlu terbuka?', options: ['Formasi', 'Nilai', 'Panitia'], required: false },
      { kind: 'yesno', prompt: 'Perlu penilai independen?', required: false },
      { kind: 'text', prompt: 'Saran lain', required: false },
    ],
    actorId: null,
  })
  const sections = await db.selectFrom('sections').select('key').where('version_id', '=', policy.current_version_id!).orderBy('position').execute()
  const user = await db
    .insertInto('users')
    .values({ email: PRIVATE_EMAIL, display_name: 'Pengirim Rahasia', password_hash: 'x', created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return {
    policyId: policy.id,
    versionId: policy.current_version_id!,
    organisationId: policy.organisation_id,
    consultationId: created.id,
    sectionKeys: sections.map((s) => s.key),
    userId: user.id,
  }
}

export interface NewInput {
  sectionKey?: string
  kind?: InputKind
  status?: InputStatus
  userId?: number | null
  isComplaint?: boolean
  themeId?: number | null
  displayLabel?: string
  proposedText?: string
  reason?: string
}

/** Inserts inputs in bulk (published by default); returns their ids and tracking numbers in order. */
export async function addInputs(db: Kysely<Database>, f: Fixture, count: number, make: (i: number) => NewInput = () => ({})) {
  const out: { id: number; trackingNumber: string }[] = []
  const at = '2026-11-23T04:00:00.000Z'
  for (let start = 0; start < count; start += 100) {
    const values = []
    for (let i = start; i < Math.min(count, start + 100); i++) {
      const o = make(i)
      const status = o.status ?? 'published'
      values.push({
        tracking_number: generateTrackingNumber(),
        consultation_id: f.consultationId,
        policy_id: f.policyId,
        version_id: f.versionId,
        section_key: o.sectionKey ?? '',
        kind: o.kind ?? 'change',
        proposed_text: o.proposedText ?? `Usul teks nomor ${i + 1}.`,
        reason: o.reason ?? `Alasan masukan nomor ${i + 1}, dengan "kutipan", koma, dan\nbaris baru.`,
        topic: 'rekrutmen',
        display_mode: 'name' as const,
        display_label: o.displayLabel ?? `Warga ${i + 1}`,
        user_id: o.userId === undefined ? f.userId : o.userId,
        channel: 'online' as const,
        submitter_name: 'Pengirim Rahasia',
        submitter_contact: `${PRIVATE_EMAIL} ${PRIVATE_CONTACT}`,
        group_name: '',
        group_type: '' as const,
        status,
        client_token: null,
        entered_by: null,
        received_at: at,
        created_at: at,
        published_at: status === 'published' ? at : null,
        is_complaint: o.isComplaint ? 1 : 0,
        theme_id: o.themeId ?? null,
      })
    }
    const rows = await db.insertInto('inputs').values(values).returning(['id', 'tracking_number']).execute()
    out.push(...rows.map((r) => ({ id: r.id, trackingNumber: r.tracking_number })))
  }
  return out
}

export async function addTheme(db: Kysely<Database>, f: Fixture, title: string, inputIds: number[] = []) {
  const at = '2026-11-23T04:30:00.000Z'
  const theme = await db
    .insertInto('themes')
    .values({ consultation_id: f.consultationId, title, summary: `Ringkasan tema ${title}.`, created_by: null, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (inputIds.length) await db.updateTable('inputs').set({ theme_id: theme.id }).where('id', 'in', inputIds).execute()
  return theme.id
}

/** Groups inputs as duplicates; the first is the representative. */
export async function addDuplicateGroup(db: Kysely<Database>, f: Fixture, inputIds: number[]) {
  const group = await db
    .insertInto('duplicate_groups')
    .values({ consultation_id: f.consultationId, representative_input_id: inputIds[0], created_at: '2026-11-23T04:30:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.updateTable('inputs').set({ duplicate_group_id: group.id }).where('id', 'in', inputIds).execute()
  return group.id
}
