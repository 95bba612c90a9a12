import type { Kysely } from 'kysely'
import type { Database } from '../schema'
import { createConsultation } from '../../app/domain/consultations.server'
import { addSection, publishVersion, startNextVersion, updateSection } from '../../app/domain/drafting.server'
import { DEFAULT_TOPICS } from '../../app/domain/input-rules'
import { moderateInputs } from '../../app/domain/moderation.server'
import { changeStage } from '../../app/domain/policies.server'
import { respondToInput, respondToTheme } from '../../app/domain/responses.server'
import { citeChange } from '../../app/domain/revisions.server'
import { assignInputsToTheme, createTheme, updateTheme } from '../../app/domain/themes.server'

const DAY = 24 * 60 * 60_000
const MAMUJU = 'kebijakan-kepegawaian-asn-mamuju'

/**
 * Mamuju's story after its first consultation closed: moderated (a spam post hidden, a service
 * complaint marked), grouped into themes whose summaries cite inputs, every input answered, and
 * version 2 written from the answers, each change citing the themes and inputs behind it; then a
 * new consultation on version 2. So a first-time visitor sees the whole loop.
 */
export async function seedDemoAnswers(db: Kysely<Database>, now: Date) {
  const policy = await db.selectFrom('policies').select(['id', 'organisation_id']).where('slug', '=', MAMUJU).executeTakeFirstOrThrow()
  const consultation = await db
    .selectFrom('consultations')
    .select(['id', 'closes_at'])
    .where('policy_id', '=', policy.id)
    .executeTakeFirstOrThrow()
  const moderator = (
    await db.selectFrom('users').select('id').where('email', '=', 'moderator.mamuju@rembuk.test').executeTakeFirstOrThrow()
  ).id
  const closedAt = new Date(consultation.closes_at)
  const at = (days: number) => new Date(closedAt.getTime() + days * DAY)

  const inputs = await db
    .selectFrom('inputs')
    .select(['id', 'tracking_number', 'reason', 'kind', 'section_key', 'channel', 'duplicate_group_id'])
    .where('consultation_id', '=', consultation.id)
    .orderBy('id')
    .execute()
  const find = (text: string) => {
    const found = inputs.find((i) => i.reason.includes(text))
    if (!found) throw new Error(`demo input "${text}" not found`)
    return found
  }
  const values = find('Pengumuman nilai per tahap')
  const campaign = find('Kami mendukung agar nilai setiap peserta')
  const competency = find('Standar kompetensi cepat usang')
  const training = find('Pelatihan teknologi informasi secara berkala')
  const evaluation = find('Siapa yang menilai efektivitas kebijakan')
  const honorer = find('Tenaga honorer yang sudah lama mengabdi')
  const spam = find('Jual pulsa')
  const complaint = find('Pengurusan kartu pegawai')

  await moderateInputs(db, {
    consultationId: consultation.id,
    inputIds: [spam.id],
    action: 'hide',
    reasonCategory: 'spam',
    note: 'Iklan, bukan masukan atas rancangan.',
    actorId: moderator,
    now: at(1),
  })
  await moderateInputs(db, {
    consultationId: consultation.id,
    inputIds: [complaint.id],
    action: 'markComplaint',
    note: 'Pengaduan layanan; diteruskan ke SP4N-LAPOR!.',
    actorId: moderator,
    now: at(1),
  })

  const theme = async (title: string, members: number[], summary: string, cited: number[]) => {
    const { id } = await createTheme(db, { consultationId: consultation.id, title, actorId: moderator })
    await assignInputsToTheme(db, { consultationId: consultation.id, themeId: id, inputIds: members, actorId: moderator })
    await updateTheme(db, { themeId: id, title, summary, citedInputIds: cited, actorId: moderator })
    return id
  }
  const openness = await theme(
    'Keterbukaan nilai dan tahapan seleksi',
    [values.id, campaign.id],
    'Warga dan empat pengirim surat dukungan meminta nilai setiap peserta diumumkan pada setiap tahap seleksi, paling lambat 14 hari sebelum tahap berikutnya, agar seleksi dapat diawasi bersama.',
    [values.id, campaign.id],
  )
  const involvement = await theme(
    'Pelibatan tenaga honorer dan kelompok masyarakat',
    [honorer.id],
    'Paguyuban tenaga honorer meminta dilibatkan dalam forum penyusunan kebijakan, bukan hanya diberi tahu hasilnya.',
    [honorer.id],
  )
  const competencies = await theme(
    'Standar kompetensi dan pelatihan berkala',
    [competency.id, training.id],
    'ASN dan forum warga meminta standar kompetensi ditinjau berkala bersama asosiasi profesi dan pelatihan teknologi informasi dijadwalkan tetap.',
    [competency.id, training.id],
  )

  await respondToTheme(db, {
    themeId: openness,
    decision: 'diterima',
    reason: 'Pasal Proses Penyusunan Kebijakan pada versi 2 mewajibkan pengumuman nilai setiap peserta pada setiap tahap di situs resmi, paling lambat 14 hari sebelum tahap berikutnya.',
    actorId: moderator,
    now: at(2),
  })
  await respondToTheme(db, {
    themeId: involvement,
    decision: 'diterima_sebagian',
    reason: 'Versi 2 menambah bagian tentang pelibatan tenaga honorer dan kelompok masyarakat dalam forum penyusunan; keikutsertaan dalam panitia seleksi tidak diatur karena menjadi kewenangan instansi pusat.',
    actorId: moderator,
    now: at(2),
  })
  await respondToTheme(db, {
    themeId: competencies,
    decision: 'diterima',
    reason: 'Bagian Implementasi Kebijakan pada versi 2 mengatur peninjauan standar kompetensi setiap dua tahun bersama asosiasi profesi.',
    actorId: moderator,
    now: at(2),
  })
  // An answer of its own overrides the theme's for this input.
  await respondToInput(db, {
    inputId: training.id,
    decision: 'sudah_diakomodasi',
    reason: 'Pelatihan teknologi informasi berkala sudah diatur pada bagian Tujuan Penyusunan Kebijakan sejak versi 1.',
    actorId: moderator,
    now: at(2),
  })
  await respondToInput(db, {
    inputId: evaluation.id,
    decision: 'dicatat',
    reason: 'Evaluasi berkala dilakukan oleh BKPSDM bersama Inspektorat; hasilnya akan diumumkan di portal ini. Ketentuan rinci diatur dalam peraturan pelaksanaan.',
    actorId: moderator,
    now: at(2),
  })

  await changeStage(db, { policyId: policy.id, to: 'pembahasan', actorId: moderator, note: 'Masukan konsultasi dibahas dan dijawab.', at: at(1).toISOString() })

  // Version 2, written from the answers.
  const draft = await startNextVersion(db, { policyId: policy.id, actorId: moderator, at: at(3).toISOString() })
  const sections = await db.selectFrom('sections').select(['id', 'key', 'heading', 'body']).where('version_id', '=', draft.versionId).execute()
  const section = (key: string) => sections.find((s) => s.key === key)!
  const process = section('proses-penyusunan-kebijakan')
  await updateSection(db, {
    versionId: draft.versionId,
    sectionId: process.id,
    heading: process.heading,
    body: `${process.body}\n\nUntuk itu, nilai setiap peserta pada setiap tahap seleksi ASN diumumkan di situs resmi pemerintah daerah paling lambat 14 hari sebelum tahap berikutnya, disertai masa sanggah.`,
  })
  const implementation = section('implementasi-kebijakan')
  await updateSection(db, {
    versionId: draft.versionId,
    sectionId: implementation.id,
    heading: implementation.heading,
    body: implementation.body.replace(
      'Salah satu langkah awal yang diambil adalah penyusunan standar kompetensi bagi ASN di berbagai bidang.',
      'Salah satu langkah awal yang diambil adalah penyusunan standar kompetensi bagi ASN di berbagai bidang, yang ditinjau setiap dua tahun bersama asosiasi profesi.',
    ),
  })
  const added = await addSection(db, {
    versionId: draft.versionId,
    heading: 'Pelibatan Tenaga Honorer dan Kelompok Masyarakat',
    body: 'Forum penyusunan kebijakan kepegawaian mengundang perwakilan tenaga honorer, organisasi kemasyarakatan, dan kelompok penyandang disabilitas. Masukan mereka dicatat sebagai masukan resmi dan dijawab dalam matriks tanggapan.',
    place: { after: process.id },
  })
  const conclusion = section('kesimpulan')
  await updateSection(db, { versionId: draft.versionId, sectionId: conclusion.id, heading: 'Penutup', body: conclusion.body })

  await citeChange(db, { versionId: draft.versionId, sectionKey: process.key, themeIds: [openness], trackingNumbers: [values.tracking_number] })
  await citeChange(db, { versionId: draft.versionId, sectionKey: implementation.key, themeIds: [competencies], trackingNumbers: [competency.tracking_number] })
  await citeChange(db, { versionId: draft.versionId, sectionKey: added.key, themeIds: [involvement], trackingNumbers: [honorer.tracking_number] })

  const published = new Date(now.getTime() - 5 * DAY)
  await publishVersion(db, {
    versionId: draft.versionId,
    actorId: moderator,
    note: 'Disusun dari masukan konsultasi publik: keterbukaan nilai seleksi, peninjauan standar kompetensi, dan pelibatan tenaga honorer.',
    at: published.toISOString(),
  })
  await changeStage(db, {
    policyId: policy.id,
    to: 'konsultasi_publik',
    actorId: moderator,
    note: 'Versi 2 dibuka untuk konsultasi lanjutan.',
    at: new Date(now.getTime() - 4 * DAY).toISOString(),
  })
  const second = await createConsultation(db, {
    policyId: policy.id,
    versionId: draft.versionId,
    title: 'Konsultasi lanjutan versi 2 kebijakan kepegawaian ASN Mamuju',
    description: 'Versi 2 ditulis dari masukan konsultasi pertama. Apakah perubahan ini sudah menjawab masukan Anda?',
    opensAt: new Date(now.getTime() - 4 * DAY).toISOString(),
    closesAt: new Date(now.getTime() + 25 * DAY).toISOString(),
    audience: 'public',
    moderation: 'post',
    topics: DEFAULT_TOPICS,
    questions: [{ kind: 'scale', prompt: 'Seberapa baik versi 2 menjawab masukan konsultasi pertama?', required: false }],
    actorId: moderator,
  })
  await db
    .updateTable('consultations')
    .set({ opened_notified_at: new Date(now.getTime() - 4 * DAY).toISOString() })
    .where('id', '=', second.id)
    .execute()
}
