import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parsePlainTextDraft, sectionKey } from '~/domain/draft-text'
import { REGIONS, seedsDirectory } from '~db/seed/demo'

describe('parsePlainTextDraft', () => {
  test('a short line standing alone is a heading; paragraphs under it are its body', () => {
    const draft = parsePlainTextDraft(
      'Judul Rancangan\nPasal 1\nIsi pertama.\nIsi kedua.\n\nPasal 2\nIsi pasal dua.',
    )
    expect(draft.title).toBe('Judul Rancangan')
    expect(draft.sections).toEqual([
      { key: 'pasal-1', heading: 'Pasal 1', body: 'Isi pertama.\n\nIsi kedua.' },
      { key: 'pasal-2', heading: 'Pasal 2', body: 'Isi pasal dua.' },
    ])
  })

  test('text without a title line starts at its first heading', () => {
    const draft = parsePlainTextDraft('Pendahuluan\nKalimat pembuka yang panjang.\nPenutup\nSelesai.')
    expect(draft.title).toBeNull()
    expect(draft.sections.map((s) => s.heading)).toEqual(['Pendahuluan', 'Penutup'])
  })

  test('repeated headings get distinct keys', () => {
    const draft = parsePlainTextDraft('Ketentuan\nSatu.\nKetentuan\nDua.')
    expect(draft.sections.map((s) => s.key)).toEqual(['ketentuan', 'ketentuan-2'])
  })

  test('web-page residue is dropped', () => {
    const draft = parsePlainTextDraft(
      'Pendahuluan\nIsi.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *',
    )
    expect(draft.sections).toHaveLength(1)
    expect(draft.dropped).toHaveLength(2)
  })

  test('keys are readable slugs without accents or punctuation', () => {
    expect(sectionKey('Studi Kasus: Pelatihan ASN di Mulyorejo')).toBe('studi-kasus-pelatihan-asn-di-mulyorejo')
    expect(sectionKey('Ketentuan Umum — Bagian Kesatu (Tahap Awal)')).toBe('ketentuan-umum-bagian-kesatu-tahap-awal')
    expect(sectionKey('!!!')).toBe('bagian')
  })

  test('the five seed texts parse into titled drafts with stable keys', () => {
    const dir = seedsDirectory()
    for (const region of REGIONS) {
      const draft = parsePlainTextDraft(fs.readFileSync(path.join(dir, region.file), 'utf8'))
      expect(draft.sections.length, region.slug).toBeGreaterThanOrEqual(6)
      expect(draft.sections[0].heading).toMatch(/Pendahuluan|Pentingnya/)
      expect(new Set(draft.sections.map((s) => s.key)).size).toBe(draft.sections.length)
      for (const s of draft.sections) expect(s.body.length, s.key).toBeGreaterThan(100)
      expect(draft.sections.some((s) => /Leave a Reply|email address/.test(s.body + s.heading))).toBe(false)
    }
    const mulyorejo = parsePlainTextDraft(fs.readFileSync(path.join(dir, REGIONS[3].file), 'utf8'))
    expect(mulyorejo.title).toBeNull()
    const sawahlunto = parsePlainTextDraft(fs.readFileSync(path.join(dir, REGIONS[4].file), 'utf8'))
    expect(sawahlunto.title).toBe('Penyusunan Kebijakan Pengelolaan Kinerja ASN di Sawahlunto')
    expect(sawahlunto.dropped).toEqual([
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ])
  })
})
