import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  BANDS,
  NEAR_DUPLICATE_THRESHOLD,
  SIGNATURE_LENGTH,
  bandBuckets,
  comparableText,
  estimateJaccard,
  jaccard,
  minhash,
  normaliseText,
  shingles,
} from '~/domain/minhash'

// A campaign text as a group would circulate it: long, and copied with small edits.
const CAMPAIGN =
  'Kami menolak Pasal 12 ayat (3) karena pengumuman rekrutmen hanya dimuat tujuh hari sebelum seleksi. ' +
  'Waktu itu terlalu singkat bagi warga di desa yang jauh dari kantor BKPSDM dan tidak punya akses internet yang baik. ' +
  'Kami meminta pengumuman rekrutmen dimuat paling lambat tiga puluh hari sebelum seleksi, di situs resmi, papan ' +
  'pengumuman kantor desa, dan radio daerah, agar semua warga punya kesempatan yang sama untuk mendaftar.'

const UNRELATED = [
  'Tunjangan kinerja sebaiknya dibayar tepat waktu setiap bulan dan besarnya diumumkan terbuka kepada seluruh pegawai.',
  'Pelatihan digital untuk pegawai kecamatan perlu diperbanyak, terutama penggunaan aplikasi layanan kependudukan.',
  'Saya mendukung pasal tentang disiplin jam kerja, tetapi atasan langsung juga harus diawasi dengan aturan yang sama.',
]

function similarity(a: string, b: string) {
  return jaccard(shingles(normaliseText(a)), shingles(normaliseText(b)))
}

function signatureOf(text: string) {
  return minhash(shingles(normaliseText(text)))
}

describe('normaliseText', () => {
  test('lower case, punctuation stripped, spaces collapsed', () => {
    expect(normaliseText('  Rekrutmen   ASN, harus TERBUKA!!  (Pasal 3)  ')).toBe('rekrutmen asn harus terbuka pasal 3')
  })
  test('Unicode NFKC: full-width letters and ligatures become plain letters', () => {
    expect(normaliseText('ＡＳＮ ﬁnal')).toBe('asn final')
  })
  test('Indonesian reduplication keeps both words; line breaks are spaces', () => {
    expect(normaliseText('pegawai-pegawai\ndi kantor‐kantor')).toBe('pegawai pegawai di kantor kantor')
  })
  test('a text of only punctuation normalises to nothing', () => {
    expect(normaliseText('!!! ... ???')).toBe('')
  })
  test('the compared text is the proposed text and the reason', () => {
    expect(comparableText({ proposed_text: 'Ubah pasal.', reason: 'Karena jelas.' })).toBe('ubah pasal karena jelas')
  })
})

describe('shingles', () => {
  test('overlapping runs of three words', () => {
    expect([...shingles('a b c d')]).toEqual(['a b c', 'b c d'])
  })
  test('a text of three words or fewer is one shingle', () => {
    expect([...shingles('setuju sekali')]).toEqual(['setuju sekali'])
    expect(shingles('').size).toBe(0)
  })
})

describe('near-duplicate measure', () => {
  test('identical texts: same signature, similarity 1', () => {
    expect(signatureOf(CAMPAIGN)).toEqual(signatureOf(CAMPAIGN))
    expect(similarity(CAMPAIGN, CAMPAIGN)).toBe(1)
    expect(signatureOf(CAMPAIGN)).toHaveLength(SIGNATURE_LENGTH)
  })

  test('case, punctuation and spacing do not matter', () => {
    const shouted = CAMPAIGN.toUpperCase().replace(/[.,()]/g, ' ').replace(/ /g, '   ')
    expect(normaliseText(shouted)).toBe(normaliseText(CAMPAIGN))
  })

  test('one word changed: still the same text', () => {
    const edited = CAMPAIGN.replace('tiga puluh hari', 'empat puluh hari')
    expect(similarity(CAMPAIGN, edited)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD)
    expect(estimateJaccard(signatureOf(CAMPAIGN), signatureOf(edited))).toBeGreaterThan(0.6)
  })

  test('a sentence added to the campaign text: still the same text', () => {
    const extended = `${CAMPAIGN} Saya sendiri tinggal di Kecamatan Kalukku dan baru tahu ada seleksi setelah pendaftaran ditutup.`
    expect(similarity(CAMPAIGN, extended)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD)
  })

  test('several small edits at once: typo fixed, word dropped, greeting added', () => {
    const edited = `Salam. ${CAMPAIGN.replace('terlalu singkat', 'terlalu sangat singkat').replace(' dan radio daerah', '')}`
    expect(similarity(CAMPAIGN, edited)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD)
  })

  test('unrelated texts stay apart, even on the same subject', () => {
    for (const text of UNRELATED) {
      expect(similarity(CAMPAIGN, text)).toBeLessThan(0.1)
      expect(estimateJaccard(signatureOf(CAMPAIGN), signatureOf(text))).toBeLessThan(0.2)
    }
    expect(similarity(UNRELATED[0], UNRELATED[1])).toBeLessThan(0.1)
  })

  test('short texts are the same only when identical: one word can turn support into objection', () => {
    expect(similarity('Saya mendukung pasal ini.', 'Saya menolak pasal ini.')).toBeLessThan(NEAR_DUPLICATE_THRESHOLD)
    expect(similarity('Saya mendukung pasal ini.', 'saya mendukung pasal ini')).toBe(1)
  })

  test('near-identical texts share LSH buckets; unrelated ones share none', () => {
    const a = bandBuckets(signatureOf(CAMPAIGN))
    const b = bandBuckets(signatureOf(CAMPAIGN.replace('tujuh hari', 'delapan hari')))
    expect(a).toHaveLength(BANDS)
    expect(a.filter((bucket, i) => b[i] === bucket).length).toBeGreaterThan(0)
    const c = bandBuckets(signatureOf(UNRELATED[0]))
    expect(a.filter((bucket, i) => c[i] === bucket)).toEqual([])
  })
})

describe('MinHash estimate (property)', () => {
  const vocabulary = [
    'rekrutmen', 'terbuka', 'pengumuman', 'seleksi', 'pegawai', 'pelatihan', 'digital', 'kinerja', 'tunjangan',
    'disiplin', 'kantor', 'desa', 'warga', 'hari', 'pasal', 'ayat', 'situs', 'resmi', 'radio', 'daerah', 'kesempatan',
    'sama', 'mendaftar', 'jauh', 'internet', 'baik', 'waktu', 'singkat', 'lambat', 'bulan', 'atasan', 'aturan',
  ]
  const word = fc.constantFrom(...vocabulary)
  const edit = fc.record({ at: fc.nat(), op: fc.constantFrom('replace', 'insert', 'delete'), word })

  test('estimates stay within 0.2 of the exact Jaccard similarity (over 4 standard deviations)', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 15, maxLength: 120 }), fc.array(edit, { maxLength: 60 }), (base, edits) => {
        const other = [...base]
        for (const e of edits) {
          const at = other.length ? e.at % other.length : 0
          if (e.op === 'replace' && other.length) other[at] = e.word
          else if (e.op === 'insert') other.splice(at, 0, e.word)
          else if (other.length > 1) other.splice(at, 1)
        }
        const a = shingles(base.join(' '))
        const b = shingles(other.join(' '))
        const exact = jaccard(a, b)
        const estimate = estimateJaccard(minhash(a), minhash(b))
        expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(0.2)
      }),
      { numRuns: 300, seed: 20261123 },
    )
  })

  test('over many pairs the estimate is unbiased', () => {
    const pairs = fc.sample(
      fc.tuple(fc.array(word, { minLength: 30, maxLength: 80 }), fc.array(edit, { minLength: 1, maxLength: 20 })),
      { numRuns: 200, seed: 7 },
    )
    let bias = 0
    for (const [base, edits] of pairs) {
      const other = [...base]
      for (const e of edits) other[e.at % other.length] = e.word
      const a = shingles(base.join(' '))
      const b = shingles(other.join(' '))
      bias += estimateJaccard(minhash(a), minhash(b)) - jaccard(a, b)
    }
    expect(Math.abs(bias / pairs.length)).toBeLessThan(0.02)
  })
})
