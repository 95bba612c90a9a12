import { describe, expect, test } from 'vitest'
import type { MatrixRow } from '~/domain/matrix.server'
import { translator } from '~/i18n/messages.server'
import { absoluteUrl } from '~/lib/mailer.server'
import { matrixPdf } from '~/lib/matrix-pdf.server'
import { streamPdf } from '~/lib/pdf.server'
import { collect, readPdf, roles } from '../pdf-text'

const NAME = 'Ṣiti Ñurhaliza — Dinas PU&PR'

describe('the shared PDF module', () => {
  test('prints every character of an Indonesian name as text, in an embedded Unicode font', async () => {
    const { stream, done } = streamPdf({ title: `Daftar hadir · ${NAME}`, lang: 'id' }, (pdf) => {
      pdf.heading('Daftar hadir')
      pdf.paragraph(`Peserta: ${NAME}; Nguyễn Văn Ân; Łukasz Żółć; Ğülşen; Зоя`)
    })
    const bytes = await collect(stream)
    expect(await done).toEqual({ pages: 1 })
    const read = await readPdf(bytes)
    expect(read.text).toContain(NAME)
    expect(read.text).toContain('Nguyễn Văn Ân; Łukasz Żółć; Ğülşen; Зоя')
    expect(read.text).not.toContain('?')
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toMatch(/\/FontFile2/) // the TrueType font travels inside the file
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/)
    expect(read.info.Title).toBe(`Daftar hadir · ${NAME}`)
  })

  test('is tagged: marked, titled, in its language, with headings, paragraphs, links, lists and tables', async () => {
    process.env.PUBLIC_URL = 'https://rembuk.example.id/'
    const { stream } = streamPdf({ title: 'Berita acara', lang: 'en' }, (pdf) => {
      pdf.heading('Minutes')
      pdf.paragraph('Pasal 3 ayat (1) diubah.', { lang: 'id' })
      pdf.link('Read it online', '/kebijakan/contoh/matriks')
      pdf.list(['one', 'two'])
      const table = pdf.table([
        { key: 'no', header: 'No.', width: 30 },
        { key: 'name', header: 'Name' },
      ])
      table.row({ no: '1', name: NAME })
      table.end()
    })
    const bytes = await collect(stream)
    delete process.env.PUBLIC_URL
    const read = await readPdf(bytes)
    expect(read.markInfo?.Marked).toBe(true)
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toMatch(/\/Lang \(en-GB\)/)
    expect(raw).toMatch(/\/DisplayDocTitle true/)
    expect(raw).toMatch(/\/Lang \(id-ID\)/) // the Indonesian paragraph says so
    const tags = roles(read.structTrees[0])
    for (const role of ['Document', 'H1', 'P', 'Link', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD']) {
      expect(tags, role).toContain(role)
    }
    expect(read.links).toEqual(['https://rembuk.example.id/kebijakan/contoh/matriks'])
    // Page furniture is no part of the text a screen reader follows: the structure has the cells once.
    expect(tags.filter((r) => r === 'TH')).toHaveLength(2)
  })

  test('a long table repeats its header on each page, keeps each row whole, and numbers the pages', async () => {
    const long = 'Usul perubahan yang panjang. '.repeat(12)
    const { stream, done } = streamPdf(
      { title: 'Matriks', lang: 'id', layout: 'landscape', footer: (n) => `Halaman ${n}` },
      (pdf) => {
        const table = pdf.table(
          [
            { key: 'no', header: 'No.', width: 30 },
            { key: 'text', header: 'Masukan' },
          ],
          { zebra: true },
        )
        for (let i = 1; i <= 120; i++) table.row({ no: String(i), text: `Baris ${i}. ${long}` })
        table.end()
      },
    )
    const read = await readPdf(await collect(stream))
    const { pages } = await done
    expect(pages).toBeGreaterThan(3)
    expect(read.pages).toHaveLength(pages)
    for (const [i, page] of read.pages.entries()) {
      // The footer is drawn first on each page (marked as page furniture), then the table's header.
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`^Halaman ${i + 1}\\s+No\\.\\s*Masukan`))
    }
    // Each row begins and ends on the same page.
    for (let i = 1; i <= 120; i++) {
      const on = read.pages.findIndex((p) => p.includes(`Baris ${i}. `))
      expect(on, `row ${i}`).toBeGreaterThanOrEqual(0)
      const rest = read.pages[on]!.slice(read.pages[on]!.indexOf(`Baris ${i}. `))
      expect(rest.replace(/\s+/g, ' '), `row ${i}`).toContain(long.trim().split(' ').slice(-3).join(' '))
    }
  })

  test('a row taller than a page is shortened to fit, and a link outside http(s) is not made a link', async () => {
    const { stream } = streamPdf({ title: 'Panjang', lang: 'id' }, (pdf) => {
      const table = pdf.table([{ key: 'text', header: 'Teks' }])
      table.row({ text: 'kata '.repeat(5000) })
      table.end()
      pdf.link('jangan', 'javascript:alert(1)')
    })
    const read = await readPdf(await collect(stream))
    expect(read.pages).toHaveLength(1)
    expect(read.text).toContain('kata kata…')
    expect(read.links).toEqual([])
  })
})

describe('the response matrix PDF', () => {
  test('is tagged, in the reader’s language, and prints names beyond Windows-1252; links use PUBLIC_URL', async () => {
    const row = (n: number, type: MatrixRow['type'] = 'input'): MatrixRow => ({
      id: n,
      type,
      consultationId: 1,
      trackingNumber: `K7QM-${String(n).padStart(4, '0')}`,
      count: 1,
      sectionKey: 'pasal-3',
      sectionHeading: 'Pasal 3 — Pengumuman',
      kind: 'change',
      topic: 'Rekrutmen',
      proposedText: 'Pengumuman paling lambat 30 hari sebelum pendaftaran.',
      reason: 'Agar pelamar dari daerah terpencil punya waktu.',
      displayLabel: NAME,
      verified: false,
      groupName: '',
      groupType: '',
      channel: 'online',
      receivedAt: '2026-11-20T03:00:00.000Z',
      publishedAt: '2026-11-20T03:00:00.000Z',
      decision: type === 'complaint' ? null : 'diterima_sebagian',
      responseReason: type === 'complaint' ? null : 'Diakomodasi di Pasal 3 ayat (2).',
      responseSource: type === 'complaint' ? null : 'input',
      themeTitle: null,
      respondedAt: null,
    })
    async function* rows() {
      yield [row(1), row(2)]
      yield [row(3, 'complaint')]
    }
    const t = translator('en')
    const pdf = matrixPdf({
      title: 'Ranperbup Manajemen ASN',
      subtitle: 'Kabupaten Mamuju',
      summary: '2 of 2 inputs answered.',
      generatedAt: 'Made 25 November 2026',
      publicUrl: absoluteUrl('/kebijakan/uji/matriks?konsultasi=1'),
      rows: rows(),
      t,
      locale: 'en',
      sectionLabel: (r) => r.sectionHeading,
    })
    const bytes = await collect(pdf.stream)
    expect(await pdf.done).toEqual({ pages: 1 })
    const read = await readPdf(bytes)
    const text = read.text.replace(/\s+/g, ' ')
    expect(text).toContain(NAME)
    expect(text).toContain('Pasal 3 — Pengumuman')
    expect(text).toContain(t('matrix.complaints.title'))
    expect(read.markInfo?.Marked).toBe(true)
    expect(read.info.Title).toBe(`${t('matrix.title')}: Ranperbup Manajemen ASN`)
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw).toMatch(/\/Lang \(en-GB\)/)
    expect(raw).toMatch(/\/Lang \(id-ID\)/) // inputs and answers are marked as Indonesian
    const tags = roles(read.structTrees[0])
    expect(tags.filter((r) => r === 'Table')).toHaveLength(2)
    // Eight columns for the inputs; the complaints have no reason column.
    expect(tags.filter((r) => r === 'TH')).toHaveLength(15)
    expect(read.links).toEqual(['http://localhost:3000/kebijakan/uji/matriks?konsultasi=1'])
  })
})
