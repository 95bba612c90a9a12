import type { Kysely } from 'kysely'
import type { Audience, Channel, Database, GroupType, InputKind, ModerationMode } from '../schema'
import { type QuestionInput, createConsultation, getQuestions } from '../../app/domain/consultations.server'
import { getVerifiedRole } from '../../app/domain/employees.server'
import { type ConsentPurpose, recordOfflineInput, submitInput } from '../../app/domain/inputs.server'
import { loadActor } from '../../app/domain/permissions.server'
import { DEFAULT_TOPICS } from '../../app/domain/input-rules'
import { seedDemoAnswers } from './demo-answers'

const DAY = 24 * 60 * 60_000
const HOUR = 60 * 60_000

interface DemoInput {
  /** Part of Mamuju's story only (see demo-answers.ts). */
  story?: boolean
  by: string
  section: string
  kind: InputKind
  proposedText?: string
  reason: string
  topic: string
  display?: 'name' | 'pseudonym' | 'verified_role'
  pseudonym?: string
  group?: { name: string; type: GroupType }
  /** Answers by question position (1-based). */
  answers?: Record<number, string | string[]>
}

interface DemoOffline {
  /** Part of Mamuju's story only (see demo-answers.ts). */
  story?: boolean
  channel: Channel
  submitterName: string
  showName: boolean
  section: string
  kind: InputKind
  proposedText?: string
  reason: string
  topic: string
  group?: { name: string; type: GroupType }
}

interface DemoConsultation {
  policySlug: string
  /** Days before the seed's "now" that it opened (7 unless said), and after it that it closes (21). */
  opensDaysAgo?: number
  closesInDays?: number
  title: string
  description: string
  audience: Audience
  moderation: ModerationMode
  questions: QuestionInput[]
  inputs: DemoInput[]
  offline: DemoOffline[]
}

export const DEMO_CONSULTATIONS: DemoConsultation[] = [
  {
    policySlug: 'kebijakan-kepegawaian-asn-mamuju',
    // Mamuju's first consultation is over: answered, and written into version 2 (demo-answers.ts).
    opensDaysAgo: 40,
    closesInDays: -12,
    title: 'Konsultasi publik rancangan kebijakan kepegawaian ASN Mamuju',
    description: 'Pemerintah Kabupaten Mamuju meminta masukan tentang transparansi rekrutmen, standar kompetensi, dan pelatihan ASN.',
    audience: 'public',
    moderation: 'post',
    questions: [
      { kind: 'scale', prompt: 'Seberapa transparan proses rekrutmen ASN di Mamuju saat ini?', required: true },
      {
        kind: 'multiple',
        prompt: 'Informasi rekrutmen apa yang perlu diumumkan terbuka?',
        options: ['Formasi dan kualifikasi', 'Jadwal setiap tahap seleksi', 'Nilai setiap peserta per tahap', 'Susunan panitia seleksi', 'Hasil akhir dan masa sanggah'],
        required: false,
      },
      { kind: 'yesno', prompt: 'Apakah Anda pernah mendengar dugaan nepotisme dalam rekrutmen ASN di daerah Anda?', required: false },
      { kind: 'text', prompt: 'Saran lain untuk mencegah nepotisme dalam rekrutmen', required: false },
    ],
    inputs: [
      {
        by: 'warga@rembuk.test',
        section: 'proses-penyusunan-kebijakan',
        kind: 'change',
        proposedText:
          'Setiap tahap rekrutmen ASN diumumkan di situs resmi pemerintah daerah paling lambat 14 hari sebelum pelaksanaan, termasuk nilai setiap peserta.',
        reason: 'Pengumuman nilai per tahap membuat peserta dan masyarakat bisa mengawasi sendiri, sehingga ruang nepotisme mengecil.',
        topic: 'rekrutmen',
        answers: { 1: '2', 2: ['Nilai setiap peserta per tahap', 'Hasil akhir dan masa sanggah'], 3: 'ya' },
      },
      {
        by: 'asn.mamuju@rembuk.test',
        section: 'implementasi-kebijakan',
        kind: 'add',
        proposedText: 'Standar kompetensi ditinjau bersama asosiasi profesi setiap dua tahun.',
        reason: 'Standar kompetensi cepat usang, terutama di bidang teknologi informasi.',
        topic: 'kompetensi',
        display: 'verified_role',
        answers: { 1: '3', 3: 'tidak' },
      },
      {
        by: 'asn.plaju@rembuk.test',
        section: 'evaluasi-dan-perbaikan-berkelanjutan',
        kind: 'question',
        reason: 'Siapa yang menilai efektivitas kebijakan dalam evaluasi berkala, dan apakah hasilnya diumumkan?',
        topic: 'kinerja',
        display: 'pseudonym',
        pseudonym: 'Pegawai dari luar daerah',
        answers: { 1: '3' },
      },
      {
        by: 'warga@rembuk.test',
        section: 'tujuan-penyusunan-kebijakan',
        kind: 'support',
        reason: 'Pelatihan teknologi informasi secara berkala sangat dibutuhkan agar layanan di kecamatan tidak tertinggal.',
        topic: 'pelatihan',
        group: { name: 'Forum Warga Peduli Layanan Publik Mamuju', type: 'ngo' },
        answers: { 1: '2' },
      },
      {
        story: true,
        by: 'asn.sawahlunto@rembuk.test',
        section: 'kesimpulan',
        kind: 'support',
        reason: 'Jual pulsa dan paket data murah untuk semua operator, hubungi kami sekarang juga.',
        topic: 'layanan digital',
        display: 'pseudonym',
        pseudonym: 'Promo Pulsa',
        answers: { 1: '3' },
      },
    ],
    offline: [
      {
        channel: 'letter',
        submitterName: 'Paguyuban Tenaga Honorer Kabupaten Mamuju',
        showName: true,
        section: 'proses-penyusunan-kebijakan',
        kind: 'objection',
        reason: 'Tenaga honorer yang sudah lama mengabdi belum dilibatkan dalam forum diskusi penyusunan kebijakan ini.',
        topic: 'rekrutmen',
        group: { name: 'Paguyuban Tenaga Honorer Kabupaten Mamuju', type: 'ormas' },
      },
      // A letter campaign: the same text from several people, counted openly as one group.
      ...['Ahmad Fauzi', 'Nurhayati', 'Muhammad Ridwan', 'Sitti Aisyah'].map((name, i) => ({
        story: true,
        channel: 'letter' as const,
        submitterName: name,
        showName: true,
        section: 'proses-penyusunan-kebijakan',
        kind: 'support' as const,
        reason:
          i === 3
            ? 'Kami mendukung agar nilai setiap peserta seleksi ASN diumumkan secara terbuka di situs resmi pemerintah daerah pada setiap tahap!'
            : 'Kami mendukung agar nilai setiap peserta seleksi ASN diumumkan secara terbuka di situs resmi pemerintah daerah pada setiap tahap.',
        topic: 'rekrutmen',
      })),
      {
        story: true,
        channel: 'hearing',
        submitterName: 'Peserta RDPU Kabupaten Mamuju',
        showName: false,
        section: '',
        kind: 'objection',
        reason: 'Pengurusan kartu pegawai di BKPSDM sudah tiga minggu belum selesai; mohon pelayanannya dipercepat.',
        topic: 'layanan digital',
      },
    ],
  },
  {
    policySlug: 'kebijakan-kepegawaian-asn-tanjungbalai',
    title: 'Forum Diskusi ASN: sistem promosi dan evaluasi enam bulanan',
    description: 'Konsultasi khusus pegawai Pemerintah Kota Tanjungbalai tentang sistem promosi, evaluasi enam bulanan, dan Forum Diskusi ASN tahunan.',
    audience: 'employees',
    moderation: 'post',
    questions: [
      { kind: 'scale', prompt: 'Seberapa adil sistem promosi ASN saat ini menurut Anda?', required: true },
      {
        kind: 'single',
        prompt: 'Seberapa sering Forum Diskusi ASN sebaiknya diadakan?',
        options: ['Setahun sekali', 'Enam bulan sekali', 'Tiga bulan sekali'],
        required: true,
      },
      { kind: 'yesno', prompt: 'Pernahkah Anda menyampaikan usulan di Forum Diskusi ASN?', required: false },
    ],
    inputs: [
      {
        by: 'asn.tanjungbalai@rembuk.test',
        section: 'evaluasi-dan-perbaikan-kebijakan',
        kind: 'change',
        proposedText:
          'Hasil evaluasi enam bulanan sistem promosi diumumkan kepada seluruh pegawai beserta tindak lanjutnya paling lambat satu bulan setelah evaluasi.',
        reason: 'Pegawai yang tidak puas dengan sistem promosi perlu tahu apakah keluhannya ditindaklanjuti.',
        topic: 'promosi & mutasi',
        display: 'verified_role',
        answers: { 1: '2', 2: 'Enam bulan sekali', 3: 'ya' },
      },
      {
        by: 'moderator.tanjungbalai@rembuk.test',
        section: 'proses-penyusunan-kebijakan',
        kind: 'question',
        reason: 'Apakah usulan yang disampaikan di Forum Diskusi ASN akan dicatat sebagai masukan resmi dalam portal ini?',
        topic: 'budaya kerja',
        answers: { 1: '3', 2: 'Setahun sekali' },
      },
    ],
    offline: [
      {
        channel: 'forum',
        submitterName: 'Peserta Forum Diskusi ASN 2026',
        showName: false,
        section: 'implementasi-kebijakan',
        kind: 'add',
        proposedText: 'Pelatihan sistem penilaian kinerja diberikan juga kepada atasan langsung sebagai penilai.',
        reason: 'Dalam forum, banyak pegawai menyampaikan bahwa penilai belum memahami sistem penilaian kinerja yang baru.',
        topic: 'kinerja',
      },
    ],
  },
  {
    policySlug: 'implementasi-kebijakan-kepegawaian-plaju',
    title: 'Masukan tentang seleksi terbuka dengan penilaian independen di Plaju',
    description: 'Kecamatan Plaju meminta pendapat warga dan ASN tentang seleksi terbuka yang melibatkan penilai independen, pelatihan, dan layanan digital.',
    audience: 'both',
    moderation: 'post',
    questions: [
      {
        kind: 'single',
        prompt: 'Siapa yang sebaiknya menjadi penilai independen dalam seleksi terbuka?',
        options: ['Perguruan tinggi', 'Lembaga asesmen profesional', 'Badan Kepegawaian Negara', 'Gabungan beberapa lembaga'],
        required: true,
      },
      { kind: 'scale', prompt: 'Seberapa percaya Anda pada hasil seleksi terbuka saat ini?', required: true },
      { kind: 'yesno', prompt: 'Perlukah hasil penilaian independen diumumkan per tahap?', required: false },
    ],
    inputs: [
      {
        by: 'warga@rembuk.test',
        section: 'kebijakan-rekrutmen-yang-transparan',
        kind: 'change',
        proposedText:
          'Penilaian independen dilakukan oleh lembaga asesmen yang dipilih melalui pengadaan terbuka, dan hasilnya diumumkan per tahap.',
        reason: 'Pihak ketiga yang ditunjuk langsung belum tentu independen; proses pemilihannya juga harus terbuka.',
        topic: 'rekrutmen',
        answers: { 1: 'Gabungan beberapa lembaga', 2: '3', 3: 'ya' },
      },
      {
        by: 'asn.plaju@rembuk.test',
        section: 'penerapan-teknologi-dalam-pelayanan-publik',
        kind: 'support',
        reason: 'Aplikasi pengajuan izin usaha mengurangi antrean di kantor kecamatan dan memudahkan pemantauan layanan.',
        topic: 'layanan digital',
        display: 'verified_role',
        answers: { 1: 'Lembaga asesmen profesional', 2: '4' },
      },
      {
        by: 'warga@rembuk.test',
        section: 'membangun-budaya-kerja-yang-positif',
        kind: 'delete',
        proposedText: 'kegiatan sosial yang melibatkan masyarakat',
        reason: 'Kegiatan sosial bukan bagian dari kebijakan kepegawaian dan sebaiknya diatur terpisah.',
        topic: 'budaya kerja',
        display: 'pseudonym',
        pseudonym: 'Warga Plaju Ilir',
        answers: { 1: 'Perguruan tinggi', 2: '2' },
      },
    ],
    offline: [],
  },
  {
    policySlug: 'kebijakan-pengelolaan-kepegawaian-mulyorejo',
    title: 'Konsultasi pelatihan kompetensi digital ASN Mulyorejo',
    description: 'Kecamatan Mulyorejo meminta masukan tentang kebutuhan pegawai, perubahan cara kerja, dan pelatihan kompetensi digital.',
    audience: 'public',
    moderation: 'post',
    questions: [
      {
        kind: 'multiple',
        prompt: 'Pelatihan digital apa yang paling dibutuhkan ASN?',
        options: ['Aplikasi layanan publik', 'Keamanan dan pelindungan data', 'Pengolahan data', 'Komunikasi daring dengan warga'],
        required: true,
      },
      { kind: 'scale', prompt: 'Seberapa siap ASN di kecamatan menggunakan aplikasi layanan publik?', required: true },
      { kind: 'single', prompt: 'Format pelatihan yang paling cocok', options: ['Tatap muka', 'Daring', 'Campuran'], required: false },
    ],
    inputs: [
      {
        by: 'warga@rembuk.test',
        section: 'studi-kasus-pelatihan-asn-di-mulyorejo',
        kind: 'add',
        proposedText: 'Pelatihan digital mencakup pelindungan data pribadi warga sesuai UU 27/2022.',
        reason: 'Aplikasi layanan publik mengolah data pribadi warga; ASN perlu tahu kewajibannya.',
        topic: 'layanan digital',
        answers: { 1: ['Aplikasi layanan publik', 'Keamanan dan pelindungan data'], 2: '3', 3: 'Campuran' },
      },
      {
        by: 'asn.mulyorejo@rembuk.test',
        section: 'tantangan-dalam-pengelolaan-kepegawaian',
        kind: 'objection',
        reason: 'Resistensi terhadap perubahan sering muncul karena beban kerja, bukan karena sikap pegawai; kebijakan perlu mengatur pendampingan.',
        topic: 'budaya kerja',
        display: 'verified_role',
        answers: { 1: ['Komunikasi daring dengan warga'], 2: '2' },
      },
    ],
    offline: [
      {
        channel: 'hearing',
        submitterName: 'Dewan Kelurahan Mulyorejo',
        showName: true,
        section: 'implementasi-kebijakan',
        kind: 'question',
        reason: 'Bagaimana warga dapat menyampaikan keluhan bila jam layanan tidak dipatuhi?',
        topic: 'disiplin & etika',
      },
    ],
  },
  {
    policySlug: 'kebijakan-pengelolaan-kinerja-asn-sawahlunto',
    title: 'Indikator kinerja ASN Kota Sawahlunto, termasuk kepuasan masyarakat',
    description: 'Pemerintah Kota Sawahlunto meminta masukan tentang indikator kinerja ASN, workshop manajemen kinerja, dan evaluasi berkala.',
    audience: 'both',
    moderation: 'pre',
    questions: [
      { kind: 'scale', prompt: 'Seberapa penting kepuasan masyarakat sebagai indikator kinerja ASN?', required: true },
      {
        kind: 'multiple',
        prompt: 'Indikator lain yang perlu dipakai',
        options: ['Ketepatan waktu layanan', 'Jumlah pengaduan yang diselesaikan', 'Capaian SKP', 'Penilaian rekan kerja'],
        required: false,
      },
      { kind: 'text', prompt: 'Bagaimana kepuasan masyarakat sebaiknya diukur?', required: false },
    ],
    inputs: [
      {
        by: 'warga@rembuk.test',
        section: 'tujuan-penyusunan-kebijakan',
        kind: 'change',
        proposedText: 'Kepuasan masyarakat diukur dengan survei kepuasan masyarakat (SKM) setiap enam bulan dan hasilnya diumumkan per unit layanan.',
        reason: 'Indikator kepuasan hanya bermakna bila cara ukurnya baku dan hasilnya terbuka.',
        topic: 'kinerja',
        answers: { 1: '5', 2: ['Ketepatan waktu layanan', 'Jumlah pengaduan yang diselesaikan'], 3: 'Survei SKM sesuai PermenPANRB 14/2017.' },
      },
      {
        by: 'asn.sawahlunto@rembuk.test',
        section: 'implementasi-kebijakan',
        kind: 'support',
        reason: 'Workshop manajemen kinerja membantu pegawai menyusun rencana kerja yang terukur.',
        topic: 'pelatihan',
        display: 'verified_role',
        answers: { 1: '4', 2: ['Capaian SKP'] },
      },
    ],
    offline: [],
  },
]

const CONSENT_TEXT: Record<ConsentPurpose, string> = {
  processing: 'Saya setuju {organisation} memproses masukan dan data akun saya untuk menyusun dan menanggapi kebijakan ini.',
  publication: 'Saya setuju teks masukan saya diterbitkan di portal ini dengan tampilan identitas yang saya pilih di atas.',
  contact: 'Saya bersedia dihubungi melalui e-mail tentang tindak lanjut masukan saya.',
}

/** An open consultation for every demo policy, with input from demo accounts and offline channels. */
export async function seedDemoConsultations(db: Kysely<Database>, now: Date, options: { story: boolean }) {
  for (const template of DEMO_CONSULTATIONS) {
    // Without the story, Mamuju's consultation is simply open, like the others.
    const demo = options.story
      ? template
      : {
          ...template,
          opensDaysAgo: undefined,
          closesInDays: undefined,
          inputs: template.inputs.filter((i) => !i.story),
          offline: template.offline.filter((i) => !i.story),
        }
    const policy = await db
      .selectFrom('policies')
      .innerJoin('organisations', 'organisations.id', 'policies.organisation_id')
      .select(['policies.id', 'policies.current_version_id', 'organisations.name as organisation_name'])
      .where('policies.slug', '=', demo.policySlug)
      .executeTakeFirstOrThrow()
    const moderator = await db
      .selectFrom('memberships')
      .select('user_id')
      .where('role', '=', 'moderator')
      .where('organisation_id', '=', db.selectFrom('policies').select('organisation_id').where('id', '=', policy.id))
      .executeTakeFirstOrThrow()
    const opensAt = new Date(now.getTime() - (demo.opensDaysAgo ?? 7) * DAY)
    const closesAt = new Date(now.getTime() + (demo.closesInDays ?? 21) * DAY)
    const { id: consultationId } = await createConsultation(db, {
      policyId: policy.id,
      versionId: policy.current_version_id!,
      title: demo.title,
      description: demo.description,
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      audience: demo.audience,
      moderation: demo.moderation,
      topics: DEFAULT_TOPICS,
      questions: demo.questions,
      actorId: moderator.user_id,
    })
    const questions = await getQuestions(db, consultationId)
    // The demo's consultations opened before anyone followed them: nothing to announce at start.
    await db
      .updateTable('consultations')
      .set({ opened_notified_at: opensAt.toISOString(), closed_notified_at: closesAt < now ? closesAt.toISOString() : null })
      .where('id', '=', consultationId)
      .execute()

    for (const [i, input] of demo.inputs.entries()) {
      const user = await db.selectFrom('users').select('id').where('email', '=', input.by).executeTakeFirstOrThrow()
      const actor = (await loadActor(db, user.id))!
      const answers: Record<string, unknown> = {}
      for (const [position, value] of Object.entries(input.answers ?? {})) {
        answers[`q${questions[Number(position) - 1].id}`] = value
      }
      const result = await submitInput(
        db,
        {
          consultationId,
          sectionKey: input.section,
          kind: input.kind,
          proposedText: input.proposedText ?? '',
          reason: input.reason,
          topic: input.topic,
          groupName: input.group?.name ?? '',
          groupType: input.group?.type ?? '',
          answers,
          displayMode: input.display ?? 'name',
          pseudonym: input.pseudonym ?? '',
          consents: (['processing', 'publication'] as ConsentPurpose[]).map((purpose) => ({
            purpose,
            statement: CONSENT_TEXT[purpose].replace('{organisation}', policy.organisation_name),
          })),
          clientToken: null,
        },
        {
          actor,
          address: null,
          verifiedRole: (organisationId) => getVerifiedRole(db, actor.id, organisationId),
          now: new Date(opensAt.getTime() + (i + 1) * DAY + 3 * HOUR),
        },
      )
      if (!result.ok) throw new Error(`Demo input for ${demo.policySlug} refused: ${JSON.stringify(result.errors)}`)
    }

    for (const [i, input] of demo.offline.entries()) {
      const result = await recordOfflineInput(
        db,
        {
          consultationId,
          channel: input.channel,
          receivedAt: new Date(opensAt.getTime() + (i + 2) * DAY).toISOString(),
          submitterName: input.submitterName,
          submitterContact: '',
          showName: input.showName,
          consentRecorded: true,
          sectionKey: input.section,
          kind: input.kind,
          proposedText: input.proposedText ?? '',
          reason: input.reason,
          topic: input.topic,
          groupName: input.group?.name ?? '',
          groupType: input.group?.type ?? '',
          clientToken: null,
        },
        { staffId: moderator.user_id, now: new Date(opensAt.getTime() + (i + 3) * DAY) },
      )
      if (!result.ok) throw new Error(`Demo offline input for ${demo.policySlug} refused: ${JSON.stringify(result.errors)}`)
    }
  }
  if (options.story) await seedDemoAnswers(db, now)
}
