// A pseudonym may say anything but that its author is a verified civil servant: only the portal
// says that, with its badge, after an organisation checked the person (docs/decisions/018).
// The check compares a "skeleton" of the pseudonym, so case, spacing, punctuation, accents and
// look-alike characters (digits, Cyrillic and Greek letters, "rn" for "m") do not get around it.

// Characters that read as the same letter map to one; "l" and "1" read as "i", "0" as "o".
const LOOK_ALIKES: Record<string, string> = {
  '0': 'o', '1': 'i', '!': 'i', '|': 'i', l: 'i', '3': 'e', '4': 'a', '@': 'a', '5': 's', $: 's',
  '7': 't', '+': 't', '8': 'b', '9': 'g', '6': 'g', '2': 'z',
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', п: 'n',
  // Greek
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', μ: 'u',
}

/** Words of a text in their look-alike-free form; runs of single letters ("A. S. N.") joined. */
export function skeletonWords(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
  let mapped = ''
  for (const ch of plain) mapped += LOOK_ALIKES[ch] ?? ch
  mapped = mapped.replace(/rn/g, 'm').replace(/vv/g, 'w')
  const words = mapped.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const out: string[] = []
  let letters = ''
  for (const w of words) {
    if (w.length === 1) {
      letters += w
      continue
    }
    if (letters) out.push(letters)
    letters = ''
    out.push(w)
  }
  if (letters) out.push(letters)
  return out
}

const skeleton = (text: string) => skeletonWords(text).join('')

/** Words a verified role begins with: the civil-service statuses. */
const STATUS_WORDS = ['asn', 'pns', 'pppk', 'cpns'].map(skeleton)
/** Personnel agencies (BKPSDM, BKD, BKN, BKPP, …), by the start of a word. */
const AGENCY_PREFIXES = ['bkpsdm', 'bkd', 'bkn', 'bkpp'].map(skeleton)
/** Words that claim the portal's own mark. */
const BADGE_WORDS = ['terverifikasi', 'verifikasi', 'verified', 'verifiziert'].map(skeleton)
/** Words that name a government office or its staff: with a place, they read as a verified role. */
const OFFICE_WORDS = [
  'kantor', 'dinas', 'badan', 'bagian', 'biro', 'sekretariat', 'setda', 'inspektorat', 'pegawai', 'aparatur',
  'instansi', 'pemerintah', 'pemkab', 'pemkot', 'pemprov', 'kecamatan', 'kelurahan',
].map(skeleton)

/** "Pemerintah Kabupaten Mamuju" → the place it names, "Kabupaten Mamuju"; "Kecamatan Plaju, Kota Palembang" → "Plaju". */
function placesOf(organisationName: string): string[] {
  const name = organisationName.replace(/^\s*pemerintah\s+/i, '')
  const first = name.split(',')[0]
  const core = first.replace(/^\s*(kabupaten|kota|kecamatan|provinsi|kementerian)\s+/i, '')
  return [...new Set([skeleton(name), skeleton(first), skeleton(core)])].filter((s) => s.length >= 4)
}

/**
 * Whether a pseudonym imitates a verified role: it starts with a civil-service status ("ASN, …"),
 * names a personnel agency (BKPSDM, BKD), claims verification, spells an organisation's full name,
 * or names a government office of an organisation's place ("Kantor Kecamatan Plaju"). Ordinary
 * names that merely start alike ("Asnawi") or that mention a place ("Warga Plaju Ilir") pass.
 */
export function imitatesVerifiedRole(pseudonym: string, organisationNames: string[]): boolean {
  const words = skeletonWords(pseudonym)
  if (words.length === 0) return false
  const compact = words.join('')
  const places = organisationNames.flatMap(placesOf)
  if (STATUS_WORDS.includes(words[0])) return true
  // "ASNBKPSDM …", "PNSMamuju": a status run into an agency, office or place.
  for (const status of STATUS_WORDS.filter((s) => words[0].startsWith(s))) {
    const rest = words[0].slice(status.length)
    if ([...AGENCY_PREFIXES, ...OFFICE_WORDS, ...places].some((p) => p.startsWith(rest) || rest.startsWith(p))) return true
  }
  if (words.some((w) => AGENCY_PREFIXES.some((a) => w.startsWith(a)))) return true
  if (compact.includes(skeleton('bkpsdm'))) return true
  if (words.some((w) => BADGE_WORDS.some((b) => w.startsWith(b)))) return true
  if (organisationNames.some((name) => compact.includes(skeleton(name)))) return true
  const office = words.some((w) => OFFICE_WORDS.includes(w))
  return office && places.some((p) => compact.includes(p))
}
