import { createConsultation } from '~/domain/consultations.server'
import { type OfflineInput, recordOfflineInput } from '~/domain/inputs.server'
import { type Actor, loadActor } from '~/domain/permissions.server'
import { getPolicyBySlug } from '~/domain/policies.server'
import type { ModerationMode } from '~db/schema'
import { seedDemo } from '~db/seed/demo'
import type { TestDb } from '../db'

// Shared by the duplicate and theme tests: a consultation on Mamuju's draft and a quick way to
// record many inputs (staff key them in, so no rate limit applies).

export const NOW = new Date('2026-11-23T05:00:00.000Z')
const HOUR = 60 * 60_000

export const CAMPAIGN =
  'Kami menolak Pasal 12 ayat (3) karena pengumuman rekrutmen hanya dimuat tujuh hari sebelum seleksi. ' +
  'Waktu itu terlalu singkat bagi warga di desa yang jauh dari kantor BKPSDM dan tidak punya akses internet yang baik. ' +
  'Kami meminta pengumuman rekrutmen dimuat paling lambat tiga puluh hari sebelum seleksi, di situs resmi, papan ' +
  'pengumuman kantor desa, dan radio daerah, agar semua warga punya kesempatan yang sama untuk mendaftar.'

/** Thirty copies of the campaign as people send them: some verbatim, some with a small edit of their own. */
export function campaignCopies(count = 30): string[] {
  const edits = [
    (t: string) => t,
    (t: string) => t.toUpperCase(),
    (t: string) => t.replace('tiga puluh hari', 'empat puluh hari'),
    (t: string, i: number) => `${t} Saya warga Kecamatan ${['Kalukku', 'Tapalang', 'Simboro', 'Papalang'][i % 4]} yang ikut menandatangani.`,
    (t: string) => t.replace(/,/g, '').replace('terlalu singkat', 'sangat singkat'),
    (t: string, i: number) => `Salam hormat, nomor ${i}. ${t}`,
  ]
  return Array.from({ length: count }, (_, i) => edits[i % edits.length](CAMPAIGN, i))
}

export const UNRELATED = [
  'Tunjangan kinerja sebaiknya dibayar tepat waktu setiap bulan dan besarnya diumumkan terbuka.',
  'Pelatihan digital untuk pegawai kecamatan perlu diperbanyak, terutama aplikasi layanan kependudukan.',
  'Saya mendukung pasal disiplin jam kerja, tetapi atasan langsung juga harus diawasi dengan aturan yang sama.',
  'Cuti melahirkan bagi pegawai perempuan perlu diperpanjang menjadi enam bulan seperti di daerah lain.',
  'Penilaian kinerja harus melibatkan masyarakat penerima layanan, bukan hanya atasan.',
  'Mutasi jabatan jangan dilakukan menjelang pemilihan kepala daerah agar pegawai tetap netral.',
  'Kantor kecamatan perlu ruang laktasi dan akses kursi roda bagi pegawai dan warga penyandang disabilitas.',
  'Promosi jabatan harus berdasarkan sistem merit dan hasil uji kompetensi yang diumumkan kepada peserta.',
  'Aplikasi presensi sering gagal di daerah tanpa sinyal; sediakan cara presensi luring yang sah.',
  'Honorarium narasumber pelatihan internal perlu standar yang jelas dan sama di semua perangkat daerah.',
]

export interface Fixture {
  consultationId: number
  policyId: number
  versionId: number
  staff: Actor
  citizen: Actor
  record: (reason: string, extra?: Partial<OfflineInput>) => Promise<{ id: number; trackingNumber: string }>
}

export async function setUpConsultation(t: TestDb, moderation: ModerationMode = 'post'): Promise<Fixture> {
  await seedDemo(t.db, NOW, { consultations: false })
  const policy = (await getPolicyBySlug(t.db, 'kebijakan-kepegawaian-asn-mamuju'))!
  const staffUser = await t.db.selectFrom('users').select('id').where('email', '=', 'moderator.mamuju@rembuk.test').executeTakeFirstOrThrow()
  const citizenUser = await t.db.selectFrom('users').select('id').where('email', '=', 'warga@rembuk.test').executeTakeFirstOrThrow()
  const created = await createConsultation(t.db, {
    policyId: policy.id,
    versionId: policy.current_version_id!,
    title: 'Konsultasi uji pengelompokan',
    description: '',
    opensAt: new Date(NOW.getTime() - 24 * HOUR).toISOString(),
    closesAt: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
    audience: 'public',
    moderation,
    topics: ['rekrutmen', 'pelatihan', 'kinerja'],
    actorId: null,
  })
  const staff = (await loadActor(t.db, staffUser.id))!
  const consultationId = created.id
  const record: Fixture['record'] = async (reason, extra = {}) => {
    const result = await recordOfflineInput(
      t.db,
      {
        consultationId,
        channel: 'letter',
        receivedAt: new Date(NOW.getTime() - HOUR).toISOString(),
        submitterName: 'Pengirim surat',
        submitterContact: '',
        showName: false,
        consentRecorded: true,
        clientToken: null,
        sectionKey: '',
        kind: 'objection',
        proposedText: '',
        reason,
        topic: 'rekrutmen',
        groupName: '',
        groupType: '',
        ...extra,
      },
      { staffId: staff.id, now: NOW },
    )
    if (!result.ok) throw new Error(`input refused: ${JSON.stringify(result.errors)}`)
    const row = await t.db.selectFrom('inputs').select('id').where('tracking_number', '=', result.trackingNumber).executeTakeFirstOrThrow()
    return { id: row.id, trackingNumber: result.trackingNumber }
  }
  return {
    consultationId,
    policyId: policy.id,
    versionId: policy.current_version_id!,
    staff,
    citizen: (await loadActor(t.db, citizenUser.id))!,
    record,
  }
}
