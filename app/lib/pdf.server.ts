import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Readable } from 'node:stream'
import PDFDocument from 'pdfkit'
import type { Locale } from '~/i18n/messages'
import { clockNow } from '~/lib/clock'
import { absoluteUrl } from '~/lib/mailer.server'

/**
 * Printable documents (A4), one small API for every PDF of the portal: the response matrix, a
 * forum's attendance list and berita acara, an evaluation report (docs/decisions/022).
 *
 * - Every character prints: the text is set in Noto Sans (from the npm package
 *   @embedpdf/fonts-latin, subset and embedded), which covers Latin with all its accents,
 *   Vietnamese, Greek and Cyrillic: "Ṣiti Ñurhaliza — Dinas PU&PR" comes out as written.
 * - Tagged for screen readers: a title shown as the window title, the document language, a
 *   structure tree (headings, paragraphs, links, lists, tables with header cells), and page
 *   furniture (footers, repeated table headers, rules and shading) marked as artifacts.
 * - Links point to PUBLIC_URL.
 * - Written as it is read: pages go out as they are finished (`stream`), and a producer that reads
 *   rows from the database waits with `readerCaughtUp()` when the reader is slow.
 *
 *     const { stream, done } = streamPdf({ title, lang: 'id', footer: (n) => `Halaman ${n}` }, async (pdf) => {
 *       pdf.heading('Berita acara')
 *       pdf.paragraph('…')
 *       const table = pdf.table([{ key: 'no', header: 'No.', width: 28 }, { key: 'name', header: 'Nama' }])
 *       for (const [i, p] of people.entries()) table.row({ no: String(i + 1), name: p.name })
 *       table.end()
 *     })
 *     return new Response(stream, { headers: downloadHeaders('application/pdf', 'berita-acara.pdf') })
 */

export type PdfLanguage = Locale | `${string}-${string}`

export interface PdfOptions {
  /** The document's title: its metadata title, shown by readers instead of the file name. */
  title: string
  /** The language of the document's text; a paragraph or cell in another language says so itself. */
  lang: PdfLanguage
  subject?: string
  keywords?: string[]
  /** Defaults to "Rembuk". */
  author?: string
  layout?: 'portrait' | 'landscape'
  /** Margin on every side, in points (default 40; the footer sits inside the bottom margin). */
  margin?: number
  /** The line at the foot of each page, e.g. (page) => `Halaman ${page} · ${title}`. */
  footer?: (page: number) => string
}

export interface TextOptions {
  /** Points; the body default is 10. */
  size?: number
  bold?: boolean
  italic?: boolean
  muted?: boolean
  /** When this text is in another language than the document (Indonesian policy text in English). */
  lang?: PdfLanguage
  align?: 'left' | 'center' | 'right' | 'justify'
}

export interface PdfTableColumn<K extends string> {
  key: K
  header: string
  /** Width in points; columns without one share the rest of the line equally. */
  width?: number
  align?: 'left' | 'right' | 'center'
  /** The language of this column's cells, when it differs from the document's. */
  lang?: PdfLanguage
}

export interface PdfTableOptions {
  /** Shade every second row. */
  zebra?: boolean
  /** The least height of a body row, in points (room for a signature, say). */
  minRowHeight?: number
  /** Body text size in points (default 8.5). */
  size?: number
  /** A cell longer than this many characters is shortened with "…" (default 1500). */
  cellMax?: number
}

export interface PdfTable<K extends string> {
  /** Adds a row, kept whole on one page; on a new page the header is repeated first. */
  row(cells: Record<K, string>): void
  end(): void
}

const FONT_FILES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', italic: 'NotoSans-Italic.ttf' } as const
type FontKind = keyof typeof FONT_FILES

let fontData: Record<FontKind, Buffer> | null = null

/** The Noto Sans files, read once per process. */
function fonts(): Record<FontKind, Buffer> {
  if (!fontData) {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-latin')
    const dir = path.join(path.dirname(entry), '..', 'fonts')
    fontData = Object.fromEntries(
      Object.entries(FONT_FILES).map(([kind, file]) => [kind, fs.readFileSync(path.join(dir, file))]),
    ) as Record<FontKind, Buffer>
  }
  return fontData
}

export function pdfLanguage(lang: PdfLanguage): string {
  if (lang === 'id') return 'id-ID'
  if (lang === 'en') return 'en-GB'
  return lang
}

/** A path inside the portal becomes a full link under PUBLIC_URL; only http(s) links are kept. */
export function pdfHref(href: string): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return absoluteUrl(href)
  try {
    const url = new URL(href)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

// Characters pdfkit cannot lay out: controls (other than newline and tab).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g
function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '')
}

const INK = '#1b1f24'
const MUTED = '#4a5562'
const RULE = '#b9c2cb'
const HEAD_FILL = '#e6ebef'
const ZEBRA_FILL = '#f7f9fa'
const PAD = 3
const HEADING_SIZES = { 1: 16, 2: 12.5, 3: 11 } as const

type Struct = PDFKit.PDFStructureElement

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument
  readonly stream: ReadableStream<Uint8Array>
  readonly lang: string
  private readonly root: Struct
  private readonly margin: number
  private readonly footer?: (page: number) => string
  private pageCount = 0
  private font: { kind: FontKind; size: number } = { kind: 'regular', size: 10 }
  /** Set while a table is open: repeats its header on each new page. */
  private onNewPage: (() => void) | null = null

  constructor(options: PdfOptions) {
    this.margin = options.margin ?? 40
    this.footer = options.footer
    this.lang = pdfLanguage(options.lang)
    const files = fonts()
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.layout ?? 'portrait',
      margins: { top: this.margin, bottom: this.margin + (options.footer ? 14 : 0), left: this.margin, right: this.margin },
      pdfVersion: '1.7',
      tagged: true,
      lang: this.lang,
      displayTitle: true,
      info: {
        Title: options.title,
        Author: options.author ?? 'Rembuk',
        ...(options.subject ? { Subject: options.subject } : {}),
        ...(options.keywords?.length ? { Keywords: options.keywords.join(', ') } : {}),
        Creator: 'Rembuk',
        CreationDate: clockNow(),
      },
      autoFirstPage: false,
    })
    // pdfkit starts on Helvetica; it is never used, so it is never written into the file.
    for (const kind of Object.keys(files) as FontKind[]) this.doc.registerFont(kind, files[kind])
    this.doc.font('regular')
    this.doc.on('pageAdded', () => this.pageAdded())
    this.stream = Readable.toWeb(this.doc) as unknown as ReadableStream<Uint8Array>
    this.doc.addPage()
    this.root = this.doc.struct('Document')
    this.doc.addStructure(this.root)
  }

  /** Pages so far (the final count once ended). */
  get pages(): number {
    return this.pageCount
  }

  /** Width of the text column, in points. */
  get width(): number {
    return this.doc.page.width - this.margin * 2
  }

  private get left(): number {
    return this.margin
  }

  private maxY(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  private setFont(kind: FontKind, size: number) {
    this.font = { kind, size }
    this.doc.font(kind).fontSize(size)
  }

  private pageAdded() {
    // Every page counts, also one begun by pdfkit itself (a paragraph running over).
    this.pageCount++
    if (!this.footer) return
    const { x, y } = this.doc
    const font = this.font
    const bottom = this.doc.page.margins.bottom
    this.doc.page.margins.bottom = 0
    this.doc.markContent('Artifact', { type: 'Pagination' })
    this.doc.save()
    this.doc.font('regular').fontSize(7.5).fillColor(MUTED)
    this.doc.text(clean(this.footer(this.pageCount)), this.left, this.doc.page.height - this.margin - 4, {
      width: this.width,
      lineBreak: false,
    })
    this.doc.restore()
    this.doc.endMarkedContent()
    this.doc.page.margins.bottom = bottom
    this.doc.font(font.kind).fontSize(font.size).fillColor(INK)
    this.doc.x = x
    this.doc.y = y
  }

  /** Starts a new page (a table open on this page repeats its header there). */
  newPage() {
    this.doc.addPage()
    this.doc.x = this.left
    this.doc.y = this.doc.page.margins.top
    this.onNewPage?.()
  }

  /** Makes sure `height` points are left on this page, else starts a new one. */
  ensureSpace(height: number) {
    if (this.doc.y + height > this.maxY()) this.newPage()
  }

  private textHeight(text: string, width: number, kind: FontKind, size: number): number {
    this.doc.font(kind).fontSize(size)
    const height = this.doc.heightOfString(text || ' ', { width })
    this.doc.font(this.font.kind).fontSize(this.font.size)
    return height
  }

  private fontKind(options: TextOptions): FontKind {
    return options.bold ? 'bold' : options.italic ? 'italic' : 'regular'
  }

  /**
   * A heading (H1–H3). It never ends a page alone: when its lines and two body lines after it do
   * not fit, it starts the next page.
   */
  heading(text: string, level: 1 | 2 | 3 = 1, options: { lang?: PdfLanguage } = {}) {
    const size = HEADING_SIZES[level]
    const body = clean(text)
    if (this.doc.y > this.doc.page.margins.top) this.doc.moveDown(level === 1 ? 0.2 : 0.6)
    this.ensureSpace(this.textHeight(body, this.width, 'bold', size) + 2 * 14)
    this.write(`H${level}`, body, { bold: true, size, lang: options.lang })
    this.doc.moveDown(0.25)
  }

  /** A paragraph; it may run on to the next page. */
  paragraph(text: string, options: TextOptions = {}) {
    this.write('P', clean(text), options)
    this.doc.moveDown(0.35)
  }

  private write(type: string, text: string, options: TextOptions) {
    const size = options.size ?? 10
    const kind = this.fontKind(options)
    this.setFont(kind, size)
    this.doc.fillColor(options.muted ? MUTED : INK)
    this.root.add(
      this.doc.struct(type, options.lang ? { lang: pdfLanguage(options.lang) } : {}, () => {
        this.doc.text(text, this.left, this.doc.y, { width: this.width, align: options.align ?? 'left' })
      }),
    )
    this.doc.fillColor(INK)
    this.setFont('regular', 10)
  }

  /**
   * A link on a line of its own: `href` is a path inside the portal (it becomes PUBLIC_URL + path)
   * or an http(s) address; anything else is written as plain text.
   */
  link(text: string, href: string, options: TextOptions = {}) {
    const target = pdfHref(href)
    this.setFont(this.fontKind(options), options.size ?? 10)
    const p = this.doc.struct('P', options.lang ? { lang: pdfLanguage(options.lang) } : {})
    this.root.add(p)
    p.add(
      this.doc.struct('Link', target ? { alt: target } : {}, () => {
        this.doc.fillColor(target ? '#0b5d4b' : INK)
        this.doc.text(clean(text), this.left, this.doc.y, { width: this.width, link: target, underline: Boolean(target) })
      }),
    )
    p.end()
    this.doc.fillColor(INK)
    this.setFont('regular', 10)
    this.doc.moveDown(0.35)
  }

  /** A bulleted list. */
  list(items: string[], options: TextOptions = {}) {
    const size = options.size ?? 10
    const list = this.doc.struct('L')
    this.root.add(list)
    for (const item of items) {
      const body = clean(item)
      const height = this.textHeight(body, this.width - 14, 'regular', size)
      this.ensureSpace(Math.min(height, 3 * size * 1.4))
      const y = this.doc.y
      const li = this.doc.struct('LI')
      list.add(li)
      this.setFont('regular', size)
      li.add(
        this.doc.struct('Lbl', {}, () => {
          this.doc.text('•', this.left, y, { width: 10, lineBreak: false })
        }),
      )
      li.add(
        this.doc.struct('LBody', options.lang ? { lang: pdfLanguage(options.lang) } : {}, () => {
          this.doc.text(body, this.left + 14, y, { width: this.width - 14 })
        }),
      )
      li.end()
      this.doc.x = this.left
    }
    list.end()
    this.setFont('regular', 10)
    this.doc.moveDown(0.35)
  }

  /** Empty space, in body lines. */
  space(lines = 1) {
    this.doc.moveDown(lines)
  }

  /**
   * A table whose header repeats on every page it runs onto and whose rows are never split
   * across pages: a row that does not fit below starts the next page, and a row taller than a
   * whole page has its longest cells shortened with "…". Call `end()` before writing on.
   */
  table<K extends string>(columns: PdfTableColumn<K>[], options: PdfTableOptions = {}): PdfTable<K> {
    if (this.onNewPage) throw new Error('A table is still open: end it before starting another.')
    const size = options.size ?? 8.5
    const cellMax = options.cellMax ?? 1500
    const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0)
    const free = columns.filter((c) => c.width === undefined).length
    const share = free > 0 ? Math.max(24, (this.width - fixed) / free) : 0
    const widths = columns.map((c) => c.width ?? share)
    const lineHeight = size * 1.5

    const table = this.doc.struct('Table')
    this.root.add(table)
    let body: Struct | null = null
    let rows = 0

    const rowHeight = (cells: string[], kind: FontKind) =>
      Math.max(options.minRowHeight ?? 0, ...cells.map((text, i) => this.textHeight(text, widths[i]! - PAD * 2, kind, size))) + PAD * 2

    /** Draws one row of the given height; `cellType` null draws it as page furniture (a repeated header). */
    const drawRow = (parent: Struct | null, cells: string[], height: number, cellType: 'TH' | 'TD' | null, fill: string | null) => {
      const kind: FontKind = cellType === 'TD' ? 'regular' : 'bold'
      const y = this.doc.y
      this.doc.markContent('Artifact', { type: 'Layout' })
      if (fill) this.doc.save().rect(this.left, y, this.width, height).fill(fill).restore()
      this.doc.save().lineWidth(0.5).strokeColor(RULE).moveTo(this.left, y + height).lineTo(this.left + this.width, y + height).stroke().restore()
      this.doc.endMarkedContent()
      this.setFont(kind, size)
      this.doc.fillColor(INK)
      const tr = parent ? this.doc.struct('TR') : null
      if (tr) parent!.add(tr)
      let x = this.left
      cells.forEach((text, i) => {
        const column = columns[i]!
        const draw = () => {
          this.doc.text(text, x + PAD, y + PAD, { width: widths[i]! - PAD * 2, align: column.align ?? 'left' })
        }
        if (tr && cellType) {
          const lang = cellType === 'TD' && column.lang ? { lang: pdfLanguage(column.lang) } : {}
          // Header cells name the column they head (pdfkit writes /Scope in the cell's attributes).
          const cellOptions = cellType === 'TH' ? { ...lang, scope: 'Column' } : lang
          tr.add(this.doc.struct(cellType, cellOptions as PDFKit.Mixins.StructureElementOptions, draw))
        } else {
          this.doc.markContent('Artifact', { type: 'Pagination' })
          draw()
          this.doc.endMarkedContent()
        }
        x += widths[i]!
      })
      tr?.end()
      this.doc.x = this.left
      this.doc.y = y + height
      this.setFont('regular', 10)
    }

    const headers = columns.map((c) => clean(c.header))
    const headerHeight = rowHeight(headers, 'bold')
    const room = this.doc.page.height - this.doc.page.margins.top - this.doc.page.margins.bottom - headerHeight

    /** The row's cells and height, its longest cells shortened until it fits on a page below the header. */
    const fit = (cells: string[]): { texts: string[]; height: number } => {
      let limit = cellMax
      const cut = () => cells.map((text) => (text.length > limit ? `${text.slice(0, limit).trimEnd()}…` : text))
      let texts = cells.some((text) => text.length > limit) ? cut() : cells
      let height = rowHeight(texts, 'regular')
      while (height > room && limit > 40) {
        limit = Math.floor(Math.min(limit, Math.max(...texts.map((t) => t.length))) * 0.7)
        texts = cut()
        height = rowHeight(texts, 'regular')
      }
      return { texts, height }
    }

    this.ensureSpace(headerHeight + lineHeight * 2 + PAD * 2)
    const head = this.doc.struct('THead')
    table.add(head)
    drawRow(head, headers, headerHeight, 'TH', HEAD_FILL)
    head.end()

    // One TBody per page: each is written out when its page is done, so memory stays flat.
    const closeBody = () => {
      body?.end()
      body = null
    }
    this.onNewPage = () => drawRow(null, headers, headerHeight, null, HEAD_FILL)

    return {
      row: (cells: Record<K, string>) => {
        const { texts, height } = fit(columns.map((c) => clean(cells[c.key] ?? '')))
        if (this.doc.y + height > this.maxY()) {
          closeBody()
          this.newPage()
        }
        if (!body) {
          body = this.doc.struct('TBody')
          table.add(body)
        }
        rows++
        drawRow(body, texts, height, 'TD', options.zebra && rows % 2 === 0 ? ZEBRA_FILL : null)
      },
      end: () => {
        closeBody()
        table.end()
        this.onNewPage = null
        this.doc.moveDown(0.6)
      },
    }
  }

  /** Resolves when the reader has taken most of what is written (call between pages of rows). */
  async readerCaughtUp(): Promise<void> {
    while (!this.doc.destroyed && this.doc.readableLength > 2 * 1024 * 1024) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** Whether the reader went away (the download was cancelled): stop writing. */
  get cancelled(): boolean {
    return this.doc.destroyed
  }

  /** Finishes the document. */
  end(): { pages: number } {
    this.root.end()
    this.doc.end()
    return { pages: this.pageCount }
  }

  fail(error: unknown) {
    this.doc.destroy(error instanceof Error ? error : new Error(String(error)))
  }
}

export function createPdf(options: PdfOptions): PdfWriter {
  return new PdfWriter(options)
}

export interface StreamedPdf {
  stream: ReadableStream<Uint8Array>
  /** Resolves with the page count once written; rejects (and fails the stream) on an error. */
  done: Promise<{ pages: number }>
}

/** Writes a document with `write` and streams it as it is written. */
export function streamPdf(options: PdfOptions, write: (pdf: PdfWriter) => Promise<void> | void): StreamedPdf {
  const pdf = createPdf(options)
  const done = (async () => {
    await write(pdf)
    return pdf.end()
  })()
  done.catch((error: unknown) => pdf.fail(error))
  return { stream: pdf.stream, done }
}
