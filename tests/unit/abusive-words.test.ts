import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ABUSIVE_PHRASES, ABUSIVE_WORDS, containsAbusiveLanguage, findAbusiveLanguage } from '~/domain/abusive-words'

describe('Indonesian abusive language', () => {
  test.each([
    ['Panitia seleksi itu bangsat semua.', ['bangsat']],
    ['Dasar GOBLOK!!!', ['goblok']],
    ['anjiiiing', ['anjing']],
    ['4nj1ng', ['anjing']],
    ['b@ngs@t', ['bangsat']],
    ['t0l0l', ['tolol']],
    ['a n j i n g', ['anjing']],
    ['k.o.n.t.o.l', ['kontol']],
    ['bangsatnya kepala dinas', ['bangsat']],
    ['jangan goblokin warga', ['goblok']],
    ['otaknya otak udang', ['otak udang']],
    ['Dia anak haram jadah', ['anak haram', 'haram jadah']],
    ['Brengsek! Dasar bajingan', ['brengsek', 'bajingan']],
  ])('%j is held for %j', (text, words) => {
    expect(findAbusiveLanguage(text).sort()).toEqual([...words].sort())
  })

  test.each([
    'Tolok ukur kinerja ditetapkan setiap tahun.',
    'Demi bangsa dan negara.',
    'Babinsa ikut mengawasi pelaksanaan seleksi.',
    'Perekrutan ASN dilakukan terbuka.',
    'Asuransi kesehatan pegawai dijamin; pola asuh anak pegawai juga diperhatikan.',
    'Suasana kerja santai tetapi disiplin.',
    'Tahi lalat di wajah bukan alasan menolak pelamar.',
    'Cukup jelas.',
    'Pasal 1 huruf a, b, c, dan ayat 2a.',
    'Pohon mahoni di halaman kantor.',
    'Jaringan telekomunikasi kecamatan.',
    'Tolong! Layanan KTP lambat.',
    'Anggaran 2026: Rp 1.500.000.000.',
    'Asisten, asesor, dan penguji independen.',
    'Pengaduan disampaikan melalui SP4N-LAPOR!',
  ])('%j is not held', (text) => {
    expect(findAbusiveLanguage(text)).toEqual([])
  })

  test('every listed word and phrase is found on its own, in capitals and between punctuation', () => {
    for (const word of [...ABUSIVE_WORDS, ...ABUSIVE_PHRASES]) {
      expect(containsAbusiveLanguage(word), word).toBe(true)
      expect(containsAbusiveLanguage(`"${word.toUpperCase()}!"`), word).toBe(true)
    }
  })

  test('ordinary Indonesian policy words never make a text abusive, in any order', () => {
    const vocabulary = [
      'rekrutmen', 'seleksi', 'terbuka', 'pegawai', 'kinerja', 'tolok', 'ukur', 'bangsa', 'negara', 'asuransi',
      'pelayanan', 'publik', 'kecamatan', 'santai', 'cukup', 'jelas', 'tahi', 'lalat', 'perekrutan', 'babinsa',
      'pasal', 'ayat', 'huruf', 'a', 'b', 'c', '1', '2026', 'anak', 'haram', 'udang', 'otak', 'muka',
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary), { maxLength: 20 }), fc.constantFrom(' ', ', ', '. ', '; '), (words, sep) => {
        const text = words.join(sep)
        // Only the listed phrases ("anak haram", "otak udang") can be found, and only where their words meet.
        return findAbusiveLanguage(text).every((p) => ABUSIVE_PHRASES.includes(p) && ` ${words.join(' ')} `.includes(` ${p} `))
      }),
    )
  })

  test('a listed word stays found whatever letters it repeats', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ABUSIVE_WORDS), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 12, maxLength: 12 }), (word, repeats) => {
        const stretched = [...word].map((c, i) => c.repeat(repeats[i])).join('')
        return findAbusiveLanguage(`Kalian ${stretched} semua`).length === 1
      }),
    )
  })
})
