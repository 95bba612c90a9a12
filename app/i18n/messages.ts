import { enRevisions, idRevisions } from './catalogues/revisions'
import { enConsultationAdmin, idConsultationAdmin } from './catalogues/consultation-admin'
import { enConsultations, idConsultations } from './catalogues/consultations'

/**
 * The interface's words. Bahasa Indonesia is the default and the source of truth for keys;
 * English must define every key too (the type checks it).
 */

import { enNotifications, idNotifications } from './catalogues/notifications'
import { enEmployees, idEmployees } from './catalogues/employees'
import { enRedline, idRedline } from './catalogues/redline'
import { enTimeline, idTimeline } from './catalogues/timeline'
import { enDrafting, idDrafting } from './catalogues/drafting'
import { enAnswers, idAnswers } from './catalogues/answers'
import { enModeration, idModeration } from './catalogues/moderation'
import { enThemes, idThemes } from './catalogues/themes'
import { enJobs, idJobs } from './catalogues/jobs'

export const LOCALES = ['id', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'id'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

const core = {
  'app.name': 'Rembuk',
  'app.tagline': 'Portal konsultasi publik penyusunan kebijakan',
  'nav.skip': 'Langsung ke isi',
  'nav.home': 'Beranda',
  'nav.signIn': 'Masuk',
  'nav.register': 'Daftar',
  'nav.signOut': 'Keluar',
  'nav.main': 'Navigasi utama',
  'nav.signedInAs': 'Masuk sebagai {name}',
  'lang.label': 'Bahasa',
  'lang.submit': 'Ganti',
  'lang.id': 'Bahasa Indonesia',
  'lang.en': 'English',
  'footer.about':
    'Rembuk mencatat setiap masukan, tanggapan, dan perubahan rancangan agar partisipasi masyarakat bermakna: didengar, dipertimbangkan, dan dijawab.',
  'footer.api': 'API data terbuka',

  'home.title': 'Kebijakan yang sedang disusun',
  'home.intro':
    'Baca rancangan kebijakan kepegawaian pemerintah daerah pasal demi pasal, sampaikan masukan Anda, dan lihat apa yang dilakukan terhadapnya.',
  'home.organisations': 'Instansi',
  'home.noPolicies': 'Belum ada kebijakan yang diterbitkan.',
  'home.policyCount': '{count} kebijakan',
  'home.empty': 'Belum ada instansi. Jalankan seed demo untuk mengisi contoh.',

  'orgKind.provinsi': 'Provinsi',
  'orgKind.kabupaten': 'Kabupaten',
  'orgKind.kota': 'Kota',
  'orgKind.kecamatan': 'Kecamatan',
  'orgKind.kementerian': 'Kementerian',

  'stage.label': 'Tahap',
  'stage.analisis_kebutuhan': 'Analisis kebutuhan',
  'stage.penyusunan': 'Penyusunan',
  'stage.konsultasi_publik': 'Konsultasi publik',
  'stage.pembahasan': 'Pembahasan',
  'stage.penetapan': 'Penetapan',
  'stage.implementasi': 'Implementasi',
  'stage.evaluasi': 'Evaluasi',

  'policy.organisation': 'Instansi',
  'policy.version': 'Versi {number}',
  'policy.versionLabel': 'Versi',
  'policy.publishedAt': 'Diterbitkan {date}',
  'policy.updatedAt': 'Diperbarui {date}',
  'policy.contents': 'Daftar isi',
  'policy.sectionLink': 'Tautan ke bagian ini',
  'policy.noVersion': 'Rancangan kebijakan ini belum diterbitkan.',
  'policy.versions': 'Semua versi',
  'policy.viewingOld': 'Anda sedang membaca versi {number}. Versi terbaru adalah versi {current}.',
  'policy.readCurrent': 'Baca versi terbaru',
  'policy.untitledSection': 'Bagian tanpa judul',
  'policy.stages': 'Tahapan kebijakan',
  'policy.currentStage': 'tahap saat ini',

  'auth.email': 'Alamat e-mail',
  'auth.password': 'Kata sandi',
  'auth.passwordHint': 'Minimal 10 karakter.',
  'auth.displayName': 'Nama tampilan',
  'auth.displayNameHint': 'Nama yang tampil bila Anda memilih tampil dengan nama.',
  'auth.signIn.title': 'Masuk',
  'auth.signIn.submit': 'Masuk',
  'auth.signIn.noAccount': 'Belum punya akun?',
  'auth.register.title': 'Daftar akun',
  'auth.register.submit': 'Daftar',
  'auth.register.haveAccount': 'Sudah punya akun?',
  'auth.signOut.title': 'Keluar',
  'auth.signOut.confirm': 'Keluar dari Rembuk di perangkat ini?',
  'auth.error.invalid': 'E-mail atau kata sandi salah.',
  'auth.error.throttled': 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.',
  'auth.error.emailTaken': 'Alamat e-mail ini sudah terdaftar. Silakan masuk.',
  'auth.signedOut': 'Anda sudah keluar.',

  'form.errorSummary': 'Periksa kembali isian yang ditandai.',
  'form.required': 'Wajib diisi.',

  'validation.required': 'Wajib diisi.',
  'validation.email': 'Masukkan alamat e-mail yang benar, misalnya nama@contoh.id.',
  'validation.tooShort': 'Minimal {min} karakter.',
  'validation.tooLong': 'Maksimal {max} karakter.',

  'error.title': 'Terjadi kesalahan',
  'error.notFound': 'Halaman tidak ditemukan',
  'error.notFoundBody': 'Alamat yang Anda buka tidak ada atau sudah dipindahkan.',
  'error.forbidden': 'Anda tidak berhak membuka halaman ini.',
  'error.server': 'Maaf, terjadi kesalahan di server. Coba lagi sebentar lagi.',
  'error.backHome': 'Kembali ke beranda',
} as const

const coreEn: Record<keyof typeof core, string> = {
  'app.name': 'Rembuk',
  'app.tagline': 'Public consultation portal for policy drafting',
  'nav.skip': 'Skip to content',
  'nav.home': 'Home',
  'nav.signIn': 'Sign in',
  'nav.register': 'Register',
  'nav.signOut': 'Sign out',
  'nav.main': 'Main navigation',
  'nav.signedInAs': 'Signed in as {name}',
  'lang.label': 'Language',
  'lang.submit': 'Change',
  'lang.id': 'Bahasa Indonesia',
  'lang.en': 'English',
  'footer.about':
    'Rembuk records every input, response and draft change so that participation is meaningful: heard, considered and answered.',
  'footer.api': 'Open data API',

  'home.title': 'Policies being drafted',
  'home.intro':
    "Read local governments' draft personnel policies clause by clause, give your input, and see what was done with it.",
  'home.organisations': 'Organisations',
  'home.noPolicies': 'No policy published yet.',
  'home.policyCount': '{count} policies',
  'home.empty': 'No organisations yet. Run the demo seed to add examples.',

  'orgKind.provinsi': 'Province',
  'orgKind.kabupaten': 'Regency',
  'orgKind.kota': 'City',
  'orgKind.kecamatan': 'District',
  'orgKind.kementerian': 'Ministry',

  'stage.label': 'Stage',
  'stage.analisis_kebutuhan': 'Needs analysis',
  'stage.penyusunan': 'Drafting',
  'stage.konsultasi_publik': 'Public consultation',
  'stage.pembahasan': 'Deliberation',
  'stage.penetapan': 'Adoption',
  'stage.implementasi': 'Implementation',
  'stage.evaluasi': 'Evaluation',

  'policy.organisation': 'Organisation',
  'policy.version': 'Version {number}',
  'policy.versionLabel': 'Version',
  'policy.publishedAt': 'Published {date}',
  'policy.updatedAt': 'Updated {date}',
  'policy.contents': 'Contents',
  'policy.sectionLink': 'Link to this section',
  'policy.noVersion': 'This draft policy has not been published yet.',
  'policy.versions': 'All versions',
  'policy.viewingOld': 'You are reading version {number}. The latest is version {current}.',
  'policy.readCurrent': 'Read the latest version',
  'policy.untitledSection': 'Untitled section',
  'policy.stages': 'Policy stages',
  'policy.currentStage': 'current stage',

  'auth.email': 'E-mail address',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least 10 characters.',
  'auth.displayName': 'Display name',
  'auth.displayNameHint': 'The name shown when you choose to be shown by name.',
  'auth.signIn.title': 'Sign in',
  'auth.signIn.submit': 'Sign in',
  'auth.signIn.noAccount': 'No account yet?',
  'auth.register.title': 'Create an account',
  'auth.register.submit': 'Register',
  'auth.register.haveAccount': 'Already have an account?',
  'auth.signOut.title': 'Sign out',
  'auth.signOut.confirm': 'Sign out of Rembuk on this device?',
  'auth.error.invalid': 'Wrong e-mail address or password.',
  'auth.error.throttled': 'Too many failed sign-in attempts. Try again in {minutes} minutes.',
  'auth.error.emailTaken': 'This e-mail address is already registered. Please sign in.',
  'auth.signedOut': 'You have signed out.',

  'form.errorSummary': 'Please check the marked fields.',
  'form.required': 'Required.',

  'validation.required': 'Required.',
  'validation.email': 'Enter a valid e-mail address, such as name@example.id.',
  'validation.tooShort': 'At least {min} characters.',
  'validation.tooLong': 'At most {max} characters.',

  'error.title': 'Something went wrong',
  'error.notFound': 'Page not found',
  'error.notFoundBody': 'The address you opened does not exist or has moved.',
  'error.forbidden': 'You are not allowed to open this page.',
  'error.server': 'Sorry, something went wrong on the server. Please try again shortly.',
  'error.backHome': 'Back to home',
}

// Each feature keeps its words in app/i18n/catalogues/<feature>.ts; add it to both lists.
const id = {
  ...core,
  ...idConsultations,
  ...idConsultationAdmin,
  ...idNotifications,
  ...idEmployees,
  ...idRedline,
  ...idTimeline,
  ...idDrafting,
  ...idRevisions,
  ...idAnswers,
  ...idModeration,
  ...idThemes,
  ...idJobs,
}
const en: Record<MessageKey, string> = {
  ...coreEn,
  ...enConsultations,
  ...enConsultationAdmin,
  ...enNotifications,
  ...enEmployees,
  ...enRedline,
  ...enTimeline,
  ...enDrafting,
  ...enRevisions,
  ...enAnswers,
  ...enModeration,
  ...enThemes,
  ...enJobs,
}

export type MessageKey = keyof typeof id

const catalogues: Record<Locale, Record<MessageKey, string>> = { id, en }

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale]
  return (key, vars) => {
    const text = catalogue[key] ?? id[key] ?? key
    if (!vars) return text
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
  }
}

/**
 * Messages travel from server to form as keys with arguments: "validation.tooShort|10" (one
 * unnamed argument, offered as min, max and minutes) or "input.error.closed|date=1 Desember 2026"
 * (named). This renders them in the reader's language.
 */
export function translateError(t: Translate, error: string): string {
  const [key, ...args] = error.split('|')
  if (!(key in id)) return error
  const vars: Record<string, string> = {}
  for (const arg of args) {
    const eq = arg.indexOf('=')
    if (eq === -1) Object.assign(vars, { min: arg, max: arg, minutes: arg })
    else vars[arg.slice(0, eq)] = arg.slice(eq + 1)
  }
  return t(key as MessageKey, vars)
}
