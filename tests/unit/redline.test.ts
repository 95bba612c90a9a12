import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  type RedlineSectionInput,
  type SectionChange,
  computeRedline,
  diffWords,
  longestIncreasingSubsequence,
  textFromOps,
  toParagraphs,
  tokenize,
} from '~/domain/redline'

const s = (key: string, body: string, heading = key.toUpperCase()): RedlineSectionInput => ({ key, heading, body })

const SIX = [
  s('a', 'Ketentuan umum tentang pegawai.'),
  s('b', 'Pengadaan ASN dilakukan secara terbuka.'),
  s('c', 'Pengembangan kompetensi paling sedikit 20 jam pelajaran.'),
  s('d', 'Penilaian kinerja berdasarkan SKP.'),
  s('e', 'Hukuman disiplin sesuai peraturan.'),
  s('f', 'Ketentuan penutup.'),
]

const byKey = (sections: SectionChange[]) => Object.fromEntries(sections.map((c) => [c.key, c]))
const ofType = (ops: { type: string; text: string }[], type: string) => ops.filter((o) => o.type === type).map((o) => o.text)

describe('computeRedline', () => {
  test('identical versions: every section unchanged, nothing moved, summary says so', () => {
    const redline = computeRedline(SIX, SIX.map((x) => ({ ...x })))
    expect(redline.sections.map((c) => [c.key, c.status, c.moved, c.renamed])).toEqual(
      SIX.map((x) => [x.key, 'unchanged', false, false]),
    )
    expect(redline.summary).toEqual({ changed: 0, added: 0, removed: 0, moved: 0, renamed: 0, unchanged: 6 })
    expect(redline.sections[0].bodyOps).toEqual([{ type: 'equal', text: 'Ketentuan umum tentang pegawai.' }])
    expect(redline.sections[0].anchor).toBe('perubahan-a')
  })

  test('one changed word is the only insertion and deletion', () => {
    const to = SIX.map((x) => (x.key === 'c' ? { ...x, body: 'Pengembangan kompetensi paling sedikit 24 jam pelajaran.' } : x))
    const redline = computeRedline(SIX, to)
    const c = byKey(redline.sections).c
    expect(c.status).toBe('changed')
    expect(c.renamed).toBe(false)
    expect(c.bodyOps).toEqual([
      { type: 'equal', text: 'Pengembangan kompetensi paling sedikit ' },
      { type: 'delete', text: '20' },
      { type: 'insert', text: '24' },
      { type: 'equal', text: ' jam pelajaran.' },
    ])
    expect(redline.summary).toMatchObject({ changed: 1, added: 0, removed: 0, moved: 0, unchanged: 5 })
  })

  test('an added section is all insertion, placed where it is in the new version', () => {
    const to = [...SIX.slice(0, 2), s('b2', 'Seleksi dilakukan dengan sistem CAT.', 'Seleksi'), ...SIX.slice(2)]
    const redline = computeRedline(SIX, to)
    expect(redline.sections.map((c) => c.key)).toEqual(['a', 'b', 'b2', 'c', 'd', 'e', 'f'])
    const added = byKey(redline.sections).b2
    expect(added).toMatchObject({ status: 'added', moved: false, fromPosition: null, toPosition: 3, fromHeading: null, toHeading: 'Seleksi' })
    expect(added.bodyOps).toEqual([{ type: 'insert', text: 'Seleksi dilakukan dengan sistem CAT.' }])
    expect(added.headingOps).toEqual([{ type: 'insert', text: 'Seleksi' }])
    expect(redline.summary).toMatchObject({ added: 1, moved: 0, changed: 0, unchanged: 6 })
  })

  test('a removed section is all deletion and stays where it was', () => {
    const to = SIX.filter((x) => x.key !== 'd')
    const redline = computeRedline(SIX, to)
    expect(redline.sections.map((c) => c.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    const removed = byKey(redline.sections).d
    expect(removed).toMatchObject({ status: 'removed', fromPosition: 4, toPosition: null, toHeading: null, moved: false })
    expect(removed.bodyOps).toEqual([{ type: 'delete', text: 'Penilaian kinerja berdasarkan SKP.' }])
    // The others shifted up one place, which is not a move.
    expect(redline.sections.filter((c) => c.moved)).toEqual([])
    expect(redline.summary).toMatchObject({ removed: 1, moved: 0, unchanged: 5 })
  })

  test('removing the first section puts it first', () => {
    const redline = computeRedline(SIX, SIX.slice(1))
    expect(redline.sections.map((c) => [c.key, c.status])[0]).toEqual(['a', 'removed'])
  })

  test('a renamed heading only: changed and renamed, body equal, heading diffed word by word', () => {
    const to = SIX.map((x) => (x.key === 'b' ? { ...x, heading: 'Pengadaan Pegawai ASN' } : x))
    const from = SIX.map((x) => (x.key === 'b' ? { ...x, heading: 'Pengadaan ASN' } : x))
    const b = byKey(computeRedline(from, to).sections).b
    expect(b).toMatchObject({ status: 'changed', renamed: true, fromHeading: 'Pengadaan ASN', toHeading: 'Pengadaan Pegawai ASN' })
    expect(b.headingOps).toEqual([
      { type: 'equal', text: 'Pengadaan ' },
      { type: 'insert', text: 'Pegawai ' },
      { type: 'equal', text: 'ASN' },
    ])
    expect(ofType(b.bodyOps, 'insert')).toEqual([])
    expect(computeRedline(from, to).summary).toMatchObject({ changed: 1, renamed: 1 })
  })

  test('one section moved among six: only it is marked moved, with its old and new place', () => {
    // b moves from place 2 to place 5: a c d e b f
    const to = ['a', 'c', 'd', 'e', 'b', 'f'].map((k) => SIX.find((x) => x.key === k)!)
    const redline = computeRedline(SIX, to)
    expect(redline.sections.filter((c) => c.moved).map((c) => c.key)).toEqual(['b'])
    expect(byKey(redline.sections).b).toMatchObject({ status: 'unchanged', moved: true, fromPosition: 2, toPosition: 5 })
    expect(redline.sections.map((c) => c.key)).toEqual(['a', 'c', 'd', 'e', 'b', 'f'])
    expect(redline.summary).toMatchObject({ moved: 1, changed: 0, unchanged: 5 })
  })

  test('moving the last section to the front marks just that one', () => {
    const to = [SIX[5], ...SIX.slice(0, 5)]
    const moved = computeRedline(SIX, to).sections.filter((c) => c.moved)
    expect(moved.map((c) => [c.key, c.fromPosition, c.toPosition])).toEqual([['f', 6, 1]])
  })

  test('a moved section that also changed is both changed and moved', () => {
    const to = ['a', 'b', 'd', 'e', 'c', 'f'].map((k) => SIX.find((x) => x.key === k)!).map((x) =>
      x.key === 'c' ? { ...x, body: x.body.replace('20', '40') } : x,
    )
    const c = byKey(computeRedline(SIX, to).sections).c
    expect(c).toMatchObject({ status: 'changed', moved: true })
  })

  test('a removed section sits after the nearest earlier section that stayed in place', () => {
    // c removed, b moved to the end: c's neighbour that did not move is a.
    const to = ['a', 'd', 'e', 'f', 'b'].map((k) => SIX.find((x) => x.key === k)!)
    const redline = computeRedline(SIX, to)
    expect(redline.sections.map((c) => c.key)).toEqual(['a', 'c', 'd', 'e', 'f', 'b'])
    expect(redline.sections.filter((c) => c.moved).map((c) => c.key)).toEqual(['b'])
  })

  test('a split section: the key continues with the first half, a new key takes the second', () => {
    const from = [
      s('umum', 'Ketentuan umum.'),
      s(
        'pengembangan',
        'Setiap ASN berhak atas pengembangan kompetensi paling sedikit 20 jam pelajaran setahun.\n\nPelatihan dilaksanakan secara klasikal atau daring melalui platform pembelajaran daerah.',
        'Pengembangan Kompetensi',
      ),
      s('penutup', 'Penutup.'),
    ]
    const to = [
      from[0],
      s('pengembangan', 'Setiap ASN berhak atas pengembangan kompetensi paling sedikit 20 jam pelajaran setahun.', 'Hak Pengembangan Kompetensi'),
      s(
        'metode-pelatihan',
        'Pelatihan dilaksanakan secara klasikal atau daring melalui platform pembelajaran daerah.',
        'Metode Pelatihan',
      ),
      from[2],
    ]
    const redline = computeRedline(from, to)
    const changes = byKey(redline.sections)
    expect(redline.sections.map((c) => c.key)).toEqual(['umum', 'pengembangan', 'metode-pelatihan', 'penutup'])
    expect(changes.pengembangan).toMatchObject({ status: 'changed', renamed: true, moved: false })
    expect(ofType(changes.pengembangan.bodyOps, 'insert')).toEqual([])
    expect(ofType(changes.pengembangan.bodyOps, 'delete').join('')).toBe(
      '\n\nPelatihan dilaksanakan secara klasikal atau daring melalui platform pembelajaran daerah.',
    )
    expect(changes['metode-pelatihan']).toMatchObject({ status: 'added', textFrom: 'pengembangan' })
    expect(changes.penutup).toMatchObject({ status: 'unchanged', moved: false })
    expect(redline.summary).toMatchObject({ changed: 1, added: 1, removed: 0, moved: 0, renamed: 1, unchanged: 2 })
  })

  test('merged sections: one absorbs the other, which is removed and says where its text went', () => {
    const from = [
      s('cuti', 'Cuti tahunan diberikan paling lama 12 hari kerja.', 'Cuti Tahunan'),
      s('cuti-besar', 'Cuti besar diberikan paling lama 3 bulan bagi ASN yang telah bekerja 5 tahun.', 'Cuti Besar'),
      s('penutup', 'Penutup.'),
    ]
    const to = [
      s(
        'cuti',
        'Cuti tahunan diberikan paling lama 12 hari kerja. Cuti besar diberikan paling lama 3 bulan bagi ASN yang telah bekerja 5 tahun.',
        'Cuti',
      ),
      from[2],
    ]
    const redline = computeRedline(from, to)
    const changes = byKey(redline.sections)
    expect(redline.sections.map((c) => [c.key, c.status])).toEqual([
      ['cuti', 'changed'],
      ['cuti-besar', 'removed'],
      ['penutup', 'unchanged'],
    ])
    expect(changes['cuti-besar'].textMovedTo).toBe('cuti')
    expect(changes.cuti.textMovedTo).toBeNull()
    expect(ofType(changes.cuti.bodyOps, 'delete')).toEqual([])
  })

  test('unrelated additions are not traced to anything', () => {
    const to = [...SIX, s('baru', 'Sama sekali tidak berhubungan dengan teks lain mana pun di rancangan.')]
    expect(byKey(computeRedline(SIX, to).sections).baru.textFrom).toBeNull()
  })

  test('Indonesian punctuation: "ASN, PNS, dan PPPK;" → "ASN (PNS dan PPPK)." keeps the words', () => {
    const from = [s('pasal-1', 'Pegawai adalah ASN, PNS, dan PPPK; sesuai undang-undang.')]
    const to = [s('pasal-1', 'Pegawai adalah ASN (PNS dan PPPK). sesuai undang-undang.')]
    const ops = computeRedline(from, to).sections[0].bodyOps
    // The words themselves are never deleted or inserted, only the punctuation around them.
    for (const word of ['ASN', 'PNS', 'dan', 'PPPK', 'undang-undang']) {
      expect(ofType(ops, 'delete').join('|')).not.toContain(word)
      expect(ofType(ops, 'insert').join('|')).not.toContain(word)
    }
    expect(ofType(ops, 'delete').map((x) => x.trim())).toEqual([',', ',', ';'])
    expect(ofType(ops, 'insert').map((x) => x.trim())).toEqual(['(', ').'])
    expect(textFromOps(ops, 'from')).toBe(from[0].body)
    expect(textFromOps(ops, 'to')).toBe(to[0].body)
  })

  test('hyphenated words and parenthesised abbreviations are whole tokens', () => {
    expect(tokenize('pegawai-pegawai (ASN) ke-2 Rp5.000.000, 13/2022.')).toEqual([
      'pegawai-pegawai', ' ', '(', 'ASN', ')', ' ', 'ke-2', ' ', 'Rp5.000.000', ',', ' ', '13', '/', '2022', '.',
    ])
    expect(diffWords('Setiap pegawai wajib hadir.', 'Setiap pegawai-pegawai wajib hadir.')).toEqual([
      { type: 'equal', text: 'Setiap ' },
      { type: 'delete', text: 'pegawai' },
      { type: 'insert', text: 'pegawai-pegawai' },
      { type: 'equal', text: ' wajib hadir.' },
    ])
    expect(diffWords('Aparatur Sipil Negara (ASN)', 'Aparatur Sipil Negara (ASN) daerah')).toEqual([
      { type: 'equal', text: 'Aparatur Sipil Negara (ASN)' },
      { type: 'insert', text: ' daerah' },
    ])
  })

  test('a replaced run of words reads as one deletion then one insertion', () => {
    expect(diffWords('wajib mengikuti pelatihan teknis', 'wajib menyelesaikan kursus daring')).toEqual([
      { type: 'equal', text: 'wajib ' },
      { type: 'delete', text: 'mengikuti pelatihan teknis' },
      { type: 'insert', text: 'menyelesaikan kursus daring' },
    ])
  })

  test('empty versions', () => {
    expect(computeRedline([], [])).toEqual({
      sections: [],
      summary: { changed: 0, added: 0, removed: 0, moved: 0, renamed: 0, unchanged: 0 },
    })
    const all = computeRedline([], SIX)
    expect(all.sections.map((c) => c.status)).toEqual(Array(6).fill('added'))
    const none = computeRedline(SIX, [])
    expect(none.sections.map((c) => [c.key, c.status])).toEqual(SIX.map((x) => [x.key, 'removed']))
    const emptyBody = computeRedline([s('a', '')], [s('a', '')])
    expect(emptyBody.sections[0]).toMatchObject({ status: 'unchanged', bodyOps: [] })
  })

  test('long texts with little in common read as one deletion and one insertion, quickly', () => {
    let seed = 7
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296
    }
    const vocabulary = ['pegawai', 'ASN', 'kinerja', 'pelatihan', 'daerah', 'kebijakan', 'dan', 'yang', '(PNS)', 'disiplin,', 'merit.']
    const text = () => Array.from({ length: 6000 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ')
    const [a, b] = [text(), text()]
    const ops = diffWords(a, b)
    expect(ops).toEqual([
      { type: 'delete', text: a },
      { type: 'insert', text: b },
    ])
    // With a few scattered edits the same long text still gets a word-level redline.
    const edited = a.split(' ').map((w, i) => (i % 100 === 0 ? 'diubah' : w)).join(' ')
    const fine = diffWords(a, edited)
    expect(ofType(fine, 'insert')).toEqual(Array(60).fill('diubah'))
    expect(textFromOps(fine, 'from')).toBe(a)
  })

  test('whitespace-only change is still a change and rebuilds exactly', () => {
    const ops = diffWords('satu  dua', 'satu dua')
    expect(ops.some((o) => o.type !== 'equal')).toBe(true)
    expect(textFromOps(ops, 'from')).toBe('satu  dua')
    expect(textFromOps(ops, 'to')).toBe('satu dua')
  })
})

describe('longestIncreasingSubsequence', () => {
  test('keeps the longest run in order', () => {
    expect([...longestIncreasingSubsequence([0, 2, 3, 4, 1, 5])].sort()).toEqual([0, 1, 2, 3, 5])
    expect(longestIncreasingSubsequence([]).size).toBe(0)
    expect(longestIncreasingSubsequence([3, 2, 1]).size).toBe(1)
  })
})

describe('toParagraphs', () => {
  test('blank lines start paragraphs; an inserted break leaves a mark', () => {
    const ops = diffWords('Satu. Dua.', 'Satu.\n\nDua.')
    const paragraphs = toParagraphs(ops)
    expect(paragraphs).toHaveLength(2)
    expect(paragraphs[0]).toContainEqual({ type: 'insert', text: '', paragraphBreak: true })
    expect(toParagraphs([{ type: 'equal', text: 'A\n\nB' }])).toEqual([[{ type: 'equal', text: 'A' }], [{ type: 'equal', text: 'B' }]])
  })
})

// Text made of Indonesian-looking words, punctuation and white space, so that tokens repeat.
const piece = fc.constantFrom(
  'pegawai', 'pegawai-pegawai', 'ASN', 'PNS', 'PPPK', 'dan', 'atau', 'yang', 'Pasal', '5.000', '(', ')', ',', ';', '.', ':', '“', '”',
  ' ', ' ', ' ', '  ', '\n', '\n\n', 'é', '-', '—', '/',
)
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))

describe('word ops (property)', () => {
  test('equal + delete rebuild the old text and equal + insert the new, exactly', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 60 })), text, (a, b) => {
        const ops = diffWords(a, b)
        expect(textFromOps(ops, 'from')).toBe(a)
        expect(textFromOps(ops, 'to')).toBe(b)
        // Tidy: no empty runs, no two runs of one type side by side, a deletion never after an insertion in one change.
        for (const [i, op] of ops.entries()) {
          expect(op.text).not.toBe('')
          if (i > 0) {
            expect(op.type).not.toBe(ops[i - 1].type)
            expect([ops[i - 1].type, op.type]).not.toEqual(['insert', 'delete'])
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  test('tokens cover the text exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (a) => {
        expect(tokenize(a).join('')).toBe(a)
      }),
    )
  })

  test('every section of both versions appears once, in the new order with removed ones kept', () => {
    const keys = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 8 })
    fc.assert(
      fc.property(keys, keys, (fromKeys, toKeys) => {
        const redline = computeRedline(
          fromKeys.map((k) => s(k, `isi ${k}`)),
          toKeys.map((k) => s(k, `isi ${k}`)),
        )
        const listed = redline.sections.map((c) => c.key)
        expect(new Set(listed)).toEqual(new Set([...fromKeys, ...toKeys]))
        expect(listed).toHaveLength(new Set([...fromKeys, ...toKeys]).size)
        expect(listed.filter((k) => (toKeys as string[]).includes(k))).toEqual(toKeys)
        // Kept sections not marked moved keep their old relative order.
        const stayed = redline.sections.filter((c) => c.status !== 'added' && c.status !== 'removed' && !c.moved)
        const positions = stayed.map((c) => c.fromPosition!)
        expect(positions).toEqual([...positions].sort((x, y) => x - y))
      }),
    )
  })
})
