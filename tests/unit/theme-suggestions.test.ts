import { describe, expect, test } from 'vitest'
import { keywordTokens, suggestFromDocs } from '~/domain/theme-suggestions'

const doc = (id: number, text: string) => ({ inputIds: [id], unassignedIds: [id], text })

describe('keywordTokens', () => {
  test('Indonesian stop words and the consultation’s own vocabulary go; the rest is stemmed', () => {
    expect(keywordTokens('Pengumuman rekrutmen ASN harus dibuka secara terbuka bagi pegawai, sesuai Pasal 3 kebijakan ini.')).toEqual([
      { stem: 'umum', word: 'pengumuman' },
      { stem: 'rekrutmen', word: 'rekrutmen' },
      { stem: 'buka', word: 'dibuka' },
      { stem: 'buka', word: 'terbuka' },
      { stem: 'sesuai', word: 'sesuai' },
    ])
  })
  test('numbers and very short words are not keywords', () => {
    expect(keywordTokens('30 hari di TPS 12')).toEqual([{ stem: 'hari', word: 'hari' }, { stem: 'tps', word: 'tps' }])
  })
})

describe('suggestFromDocs', () => {
  test('nothing to suggest from nothing, or from texts that share no words', () => {
    expect(suggestFromDocs([])).toEqual([])
    expect(suggestFromDocs([doc(1, 'Tunjangan dibayar tepat waktu'), doc(2, 'Cuti melahirkan diperpanjang')])).toEqual([])
  })

  test('inputs already in a theme weigh in the vocabulary but are not covered again', () => {
    const docs = [
      { inputIds: [1], unassignedIds: [], text: 'Rekrutmen terbuka untuk umum' },
      doc(2, 'Rekrutmen terbuka dan jujur'),
      doc(3, 'Rekrutmen terbuka tanpa titipan'),
      doc(4, 'Tunjangan dibayar tepat waktu'),
      doc(5, 'Cuti melahirkan diperpanjang'),
    ]
    expect(suggestFromDocs(docs)).toEqual([
      { key: expect.any(String), keywords: expect.arrayContaining(['rekrutmen', 'terbuka']), label: 'Rekrutmen, terbuka', inputIds: [2, 3] },
    ])
  })

  // Its speed is measured by the benchmarks, not here (a timed assertion fails on a busy machine).
  test('groups a few thousand inputs, each in at most one suggestion', () => {
    const words = ['rekrutmen', 'pelatihan', 'digital', 'terbuka', 'kinerja', 'tunjangan', 'mutasi', 'disiplin', 'cuti', 'aplikasi', 'seleksi', 'jabatan']
    const docs = Array.from({ length: 4000 }, (_, i) =>
      doc(
        i + 1,
        `${words[i % 12]} ${words[(i * 7) % 12]} ${words[(i * 5) % 12]} menurut warga nomor ${i}: ${words[(i * 11) % 12]} yang perlu diperbaiki segera, ` +
          'karena selama ini pelaksanaannya belum sesuai harapan masyarakat dan pegawai di lapangan.',
      ),
    )
    const out = suggestFromDocs(docs)
    expect(out.length).toBeGreaterThan(1)
    expect(new Set(out.flatMap((s) => s.inputIds)).size).toBe(out.flatMap((s) => s.inputIds).length)
  })
})
