import type { Kysely } from 'kysely'
import type { Database } from '../schema'
import type { ParsedSection } from '../../app/domain/draft-text'
import { publishVersion, updateSection } from '../../app/domain/drafting.server'
import { addIndicator, recordIndicatorValue, retireIndicator } from '../../app/domain/evaluations/indicators.server'
import { dayAfter, periodContaining } from '../../app/domain/evaluations/periods'
import { getPeriodWithPolicy, openNextPeriod, updateSurveySettings } from '../../app/domain/evaluations/periods.server'
import { addFollowUp, publishReport, saveAnalysis, setFollowUpStatus, startRevision } from '../../app/domain/evaluations/reports.server'
import { PROFILE, type SkmElement } from '../../app/domain/evaluations/skm'
import { addSurveyQuestion, recordPaperResponse, submitSurveyResponse } from '../../app/domain/evaluations/survey.server'
import { changeStage, createPolicyWithPublishedVersion } from '../../app/domain/policies.server'
import { citeChange } from '../../app/domain/revisions.server'
import { zonedLocalToUtc } from '../../app/lib/time'

const DAY = 24 * 60 * 60_000
const HOUR = 60 * 60_000
export const DEMO_EVALUATED_POLICY = 'perwako-pengelolaan-kinerja-asn-sawahlunto'
const ZONE = 'Asia/Jakarta'

/** A small deterministic generator, so the demo tells the same story on every seed. */
function generator(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function pick<T>(random: () => number, values: readonly T[], weights: number[]): T {
  const total = weights.reduce((a, b) => a + b, 0)
  let r = random() * total
  for (let i = 0; i < values.length; i++) {
    r -= weights[i]
    if (r < 0) return values[i]
  }
  return values[values.length - 1]
}

/** A score 1–4 around `mean`: mostly the two nearest scores, now and then one further. */
function score(random: () => number, mean: number): number {
  const low = Math.max(1, Math.min(3, Math.floor(mean)))
  const up = mean - low
  const r = random()
  if (r < 0.06) return Math.max(1, low - 1)
  return random() < up ? low + 1 : low
}

function questionnaire(random: () => number, means: number[], blankCost: number) {
  const scores = Object.fromEntries(
    means.map((m, i) => [i + 1, i === 3 && random() < blankCost ? null : score(random, m)]),
  ) as Record<SkmElement, number | null>
  return {
    scores,
    profile: {
      age: pick(random, PROFILE.age, [1, 5, 9, 8, 5, 1]),
      sex: pick(random, PROFILE.sex, [1, 1]),
      education: pick(random, PROFILE.education, [1, 1, 5, 3, 8, 2]),
      occupation: pick(random, PROFILE.occupation, [9, 1, 2, 2, 1, 1]),
    },
    answers: {},
    comment: '',
    shareComment: false,
  }
}

const instant = (day: string) => new Date(zonedLocalToUtc(`${day}T00:00`, ZONE)!)

function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10)
}

/**
 * Sawahlunto's performance-management regulation as adopted (its text is the seed text), in its
 * evaluation cycle: two past semesters (IKM rising from C to B, complaint handling the lowest
 * element both times), indicators over both, a follow-up of the first that opened a revision
 * (version 2, citing the finding), and the current semester's survey open.
 */
export async function seedDemoEvaluations(db: Kysely<Database>, now: Date, input: { sections: ParsedSection[] }) {
  const org = await db.selectFrom('organisations').select('id').where('slug', '=', 'sawahlunto').executeTakeFirstOrThrow()
  const moderator = (await db.selectFrom('users').select('id').where('email', '=', 'moderator.sawahlunto@rembuk.test').executeTakeFirstOrThrow()).id

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now)
  const current = periodContaining(today, 6)
  const second = periodContaining(dayBefore(current.startsOn), 6)
  const first = periodContaining(dayBefore(second.startsOn), 6)
  const s1 = instant(first.startsOn).getTime()
  const e1 = instant(dayAfter(first.endsOn)).getTime()
  const e2 = instant(dayAfter(second.endsOn)).getTime()
  // How long the current semester has run: the events after it started are spread within it.
  const sinceCurrent = Math.max(now.getTime() - e2, 2 * HOUR)
  const at = (ms: number) => new Date(ms).toISOString()

  const policy = await createPolicyWithPublishedVersion(db, {
    organisationId: org.id,
    slug: DEMO_EVALUATED_POLICY,
    title: 'Peraturan Wali Kota Sawahlunto tentang Pengelolaan Kinerja ASN',
    summary:
      'Peraturan yang ditetapkan dari rancangan kebijakan pengelolaan kinerja ASN: indikator kinerja yang jelas, pelatihan dan sosialisasi, serta evaluasi berkala setiap semester.',
    topic: 'indikator kinerja, kepuasan masyarakat, evaluasi',
    stage: 'penyusunan',
    sections: input.sections,
    actorId: moderator,
    at: at(s1 - 200 * DAY),
  })
  for (const [stage, days, note] of [
    ['konsultasi_publik', 180, ''],
    ['pembahasan', 120, ''],
    ['penetapan', 60, 'Ditetapkan sebagai Peraturan Wali Kota.'],
    ['implementasi', 30, 'Workshop manajemen kinerja untuk seluruh ASN dimulai.'],
  ] as const) {
    await changeStage(db, { policyId: policy.id, to: stage, actorId: moderator, note, at: at(s1 - days * DAY) })
  }

  const service = 'Layanan administrasi kinerja ASN (penyusunan dan penilaian SKP) di BKPSDM Kota Sawahlunto'
  const indicators = {
    timely: await addIndicator(db, { policyId: policy.id, actorId: moderator, name: 'ASN yang menyusun SKP tepat waktu', unit: '%', baseline: '62', target: '90', direction: 'higher', dataSource: 'Aplikasi e-Kinerja', responsibleUnit: 'BKPSDM, Bidang Penilaian Kinerja' }),
    complaints: await addIndicator(db, { policyId: policy.id, actorId: moderator, name: 'Pengaduan layanan kepegawaian selesai dalam 14 hari', unit: '%', baseline: '40', target: '80', direction: 'higher', dataSource: 'SP4N-LAPOR! dan register pengaduan BKPSDM', responsibleUnit: 'Inspektorat Kota Sawahlunto' }),
    workshop: await addIndicator(db, { policyId: policy.id, actorId: moderator, name: 'ASN yang telah mengikuti workshop manajemen kinerja', unit: '%', baseline: '0', target: '100', direction: 'higher', dataSource: 'Daftar hadir workshop', responsibleUnit: 'BKPSDM, Bidang Pengembangan Kompetensi' }),
    verification: await addIndicator(db, { policyId: policy.id, actorId: moderator, name: 'Rata-rata waktu verifikasi SKP', unit: 'hari', baseline: '10', target: '5', direction: 'lower', dataSource: 'Aplikasi e-Kinerja', responsibleUnit: 'BKPSDM, Bidang Penilaian Kinerja' }),
  }

  async function survey(
    periodId: number,
    options: { count: number; from: number; to: number; means: number[]; seed: number; paperShare: number; comments: string[] },
  ) {
    const random = generator(options.seed)
    for (let i = 0; i < options.count; i++) {
      const when = new Date(options.from + ((options.to - options.from) * (i + 0.5)) / options.count)
      const answers = questionnaire(random, options.means, 0.08)
      const comment = i % 9 === 4 ? options.comments[(i / 9) % options.comments.length | 0] : ''
      const result =
        random() < options.paperShare
          ? await recordPaperResponse(db, { ...answers, comment, periodId, clientToken: null }, { staffId: moderator, now: when })
          : await submitSurveyResponse(db, { ...answers, comment, periodId, receiptCode: '', clientToken: null }, { actor: null, address: null, now: when })
      if (!result.ok) throw new Error(`Demo survey response refused: ${JSON.stringify(result.errors)}`)
    }
  }
  const comments = [
    'Pengaduan tentang nilai SKP tidak jelas ke mana disampaikan dan lama dijawab.',
    'Petugas BKPSDM ramah dan membantu saat menyusun SKP.',
    'Verifikasi SKP di aplikasi e-Kinerja masih lama, mohon dipercepat.',
    'Ruang layanan sempit ketika banyak pegawai datang bersamaan.',
  ]

  // Semester one: the policy in its first months; a small sample; complaint handling weakest.
  const p1 = (await getPeriodWithPolicy(db, (await openNextPeriod(db, { policyId: policy.id, actorId: moderator, now: new Date(s1 + DAY) })).id))!
  await updateSurveySettings(db, { periodId: p1.id, serviceName: service, population: 170, audience: 'public', requireReceiptCode: false, surveyOpensAt: p1.survey_opens_at, surveyClosesAt: p1.survey_closes_at })
  await survey(p1.id, { count: 110, from: s1 + 2 * DAY, to: e1 - 3 * DAY, means: [3.0, 2.9, 2.65, 3.3, 2.9, 3.05, 3.15, 2.15, 2.8], seed: 1, paperShare: 0.2, comments })
  await recordIndicatorValue(db, { periodId: p1.id, indicatorId: indicators.timely.id, value: '71', evidenceNote: 'Rekap aplikasi e-Kinerja per 31 Desember.', evidenceUrl: '', actorId: moderator })
  await recordIndicatorValue(db, { periodId: p1.id, indicatorId: indicators.complaints.id, value: '45', evidenceNote: 'Register pengaduan BKPSDM dan tiket SP4N-LAPOR!.', evidenceUrl: '', actorId: moderator })
  await recordIndicatorValue(db, { periodId: p1.id, indicatorId: indicators.workshop.id, value: '64', evidenceNote: 'Daftar hadir enam angkatan workshop.', evidenceUrl: '', actorId: moderator })
  await recordIndicatorValue(db, { periodId: p1.id, indicatorId: indicators.verification.id, value: '8', evidenceNote: 'Rata-rata dari aplikasi e-Kinerja.', evidenceUrl: '', actorId: moderator })
  await changeStage(db, { policyId: policy.id, to: 'evaluasi', actorId: moderator, note: `Evaluasi ${first.name}.`, at: at(e1 + DAY) })
  await saveAnalysis(db, {
    periodId: p1.id,
    analysis:
      'IKM semester ini berada pada mutu C (Kurang Baik). Unsur penanganan pengaduan, saran, dan masukan bernilai terendah: pegawai tidak tahu ke mana menyampaikan keberatan atas nilai SKP, dan pengaduan rata-rata dijawab lebih dari dua minggu. Waktu penyelesaian juga di bawah unsur lain karena verifikasi SKP menumpuk di akhir semester.\n\nJumlah responden (110) belum memenuhi sampel minimum untuk 170 pengguna layanan, sehingga hasil ini dibaca dengan hati-hati; semester berikutnya kuesioner kertas disediakan di loket.',
  })
  const complaintFollowUp = await addFollowUp(db, {
    periodId: p1.id,
    finding: 'Unsur penanganan pengaduan, saran, dan masukan bernilai terendah.',
    action: 'Menetapkan kanal pengaduan atas penilaian kinerja dengan batas jawab 14 hari dalam revisi peraturan.',
    owner: 'Inspektorat Kota Sawahlunto bersama BKPSDM',
    dueOn: `${second.startsOn.slice(0, 8)}31`,
    element: 8,
    indicatorId: null,
  })
  const speedFollowUp = await addFollowUp(db, {
    periodId: p1.id,
    finding: 'Waktu penyelesaian verifikasi SKP lama di akhir semester.',
    action: 'Menyederhanakan alur verifikasi SKP di aplikasi e-Kinerja dan membaginya sepanjang semester.',
    owner: 'BKPSDM, Bidang Penilaian Kinerja',
    dueOn: second.endsOn,
    element: 3,
    indicatorId: indicators.verification.id,
  })
  await publishReport(db, { periodId: p1.id, actorId: moderator, at: at(e1 + 20 * DAY) })
  await setFollowUpStatus(db, { periodId: p1.id, followUpId: complaintFollowUp.id, status: 'done' })
  await setFollowUpStatus(db, { periodId: p1.id, followUpId: speedFollowUp.id, status: 'in_progress' })

  // The finding opens the next revision: version 2 adds the complaint channel, citing it.
  const revision = await startRevision(db, { periodId: p1.id, actorId: moderator, at: at(e1 + 21 * DAY) })
  const draft = await db.selectFrom('policy_versions').select('id').where('policy_id', '=', policy.id).where('number', '=', revision.number).executeTakeFirstOrThrow()
  const evaluation = await db.selectFrom('sections').select(['id', 'key', 'heading', 'body']).where('version_id', '=', draft.id).where('key', '=', 'evaluasi-dan-tindak-lanjut').executeTakeFirstOrThrow()
  await updateSection(db, {
    versionId: draft.id,
    sectionId: evaluation.id,
    heading: evaluation.heading,
    body: `${evaluation.body}\n\nKeberatan dan pengaduan atas penilaian kinerja disampaikan melalui kanal pengaduan BKPSDM atau SP4N-LAPOR! dan dijawab paling lambat 14 hari kerja. Rekapitulasi pengaduan dilaporkan kepada Wali Kota setiap semester bersama hasil survei kepuasan.`,
  })
  await citeChange(db, {
    versionId: draft.id,
    sectionKey: evaluation.key,
    themeIds: [],
    trackingNumbers: [],
    findings: [`element:${p1.id}:8`, `followup:${complaintFollowUp.id}`],
  })
  await publishVersion(db, {
    versionId: draft.id,
    actorId: moderator,
    note: `Revisi dari hasil evaluasi ${first.name}: kanal pengaduan atas penilaian kinerja dengan batas jawab 14 hari.`,
    at: at(e1 + 35 * DAY),
  })
  await changeStage(db, { policyId: policy.id, to: 'penetapan', actorId: moderator, note: 'Perubahan ditetapkan.', at: at(e1 + 45 * DAY) })
  await changeStage(db, { policyId: policy.id, to: 'implementasi', actorId: moderator, at: at(e1 + 50 * DAY) })

  // Semester two: the channel in use; the sample met; IKM B; complaints still the lowest element.
  const p2 = (await getPeriodWithPolicy(db, (await openNextPeriod(db, { policyId: policy.id, actorId: moderator, now: new Date(e1 + 50 * DAY) })).id))!
  await updateSurveySettings(db, { periodId: p2.id, serviceName: service, population: 180, audience: 'public', requireReceiptCode: false, surveyOpensAt: p2.survey_opens_at, surveyClosesAt: p2.survey_closes_at })
  await survey(p2.id, { count: 140, from: e1 + 52 * DAY, to: e2 - 3 * DAY, means: [3.3, 3.25, 3.1, 3.5, 3.2, 3.35, 3.4, 2.8, 3.1], seed: 2, paperShare: 0.3, comments })
  // Verification time is measured another way from now on (part of "SKP on time"): retired, its history kept.
  await retireIndicator(db, { indicatorId: indicators.verification.id, policyId: policy.id, at: at(e1 + 40 * DAY) })
  await recordIndicatorValue(db, { periodId: p2.id, indicatorId: indicators.timely.id, value: '86', evidenceNote: 'Rekap aplikasi e-Kinerja per 30 Juni.', evidenceUrl: '', actorId: moderator })
  await recordIndicatorValue(db, { periodId: p2.id, indicatorId: indicators.complaints.id, value: '68', evidenceNote: 'Register kanal pengaduan penilaian kinerja.', evidenceUrl: '', actorId: moderator })
  await recordIndicatorValue(db, { periodId: p2.id, indicatorId: indicators.workshop.id, value: '100', evidenceNote: 'Seluruh ASN telah mengikuti workshop.', evidenceUrl: '', actorId: moderator })
  await changeStage(db, { policyId: policy.id, to: 'evaluasi', actorId: moderator, note: `Evaluasi ${second.name}.`, at: at(e2 + sinceCurrent * 0.05) })
  await saveAnalysis(db, {
    periodId: p2.id,
    analysis:
      'IKM naik ke mutu B (Baik) setelah kanal pengaduan dibuka dan seluruh ASN mengikuti workshop manajemen kinerja. Penanganan pengaduan masih unsur terendah meskipun membaik: 68% pengaduan selesai dalam 14 hari, di bawah target 80%.\n\nSampel minimum terpenuhi berkat kuesioner kertas di loket layanan.',
  })
  await addFollowUp(db, {
    periodId: p2.id,
    finding: 'Penanganan pengaduan masih unsur terendah; 68% pengaduan selesai dalam 14 hari (target 80%).',
    action: 'Melatih petugas penanganan pengaduan dan melaporkan rekap pengaduan bulanan kepada Sekretaris Daerah.',
    owner: 'Inspektorat Kota Sawahlunto',
    dueOn: current.endsOn,
    element: 8,
    indicatorId: indicators.complaints.id,
  })
  await publishReport(db, { periodId: p2.id, actorId: moderator, at: at(e2 + sinceCurrent * 0.3) })

  // The current semester: its survey is open, with a question for the city's own civil servants.
  const p3 = (await getPeriodWithPolicy(db, (await openNextPeriod(db, { policyId: policy.id, actorId: moderator, now: new Date(e2 + sinceCurrent * 0.32) })).id))!
  await updateSurveySettings(db, { periodId: p3.id, serviceName: service, population: 190, audience: 'public', requireReceiptCode: false, surveyOpensAt: p3.survey_opens_at, surveyClosesAt: p3.survey_closes_at })
  await addSurveyQuestion(db, { periodId: p3.id, kind: 'yesno', prompt: 'Apakah Anda ASN di lingkungan Pemerintah Kota Sawahlunto?', options: [], required: false })
  const count = Math.min(36, Math.floor(sinceCurrent / (3 * DAY)))
  if (count > 0) {
    await survey(p3.id, { count, from: e2 + sinceCurrent * 0.35, to: now.getTime() - HOUR, means: [3.35, 3.3, 3.2, 3.5, 3.3, 3.4, 3.45, 3.0, 3.15], seed: 3, paperShare: 0.2, comments })
  }
  return { policyId: policy.id }
}
