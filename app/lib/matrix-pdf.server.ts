import { Readable } from 'node:stream'
import PDFDocument from 'pdfkit'
import type { MatrixRow } from '~/domain/matrix.server'
import type { Translate } from '~/i18n/messages'

/**
 * The response matrix as a printable PDF: landscape A4, a title block, a table whose header
 * repeats on every page, text wrapped in its cell, and "Halaman N" at the foot of each page.
 * Rows are written as they are read, and the file is sent as it is written.
 */

// The built-in PDF fonts cover Windows-1252 only; anything else is decomposed, else shown as "?".
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
export function pdfSafe(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.includes(ch)) {
      out += ch
      continue
    }
    if (ch === '\r' || ch === '\t') {
      out += ch === '\t' ? ' ' : ''
      continue
    }
    const base = ch.normalize('NFKD')[0]
    const baseCode = base?.codePointAt(0) ?? 0
    out += base && baseCode >= 0x20 && baseCode <= 0x7e ? base : '?'
  }
  return out
}

interface Column {
  key: 'no' | 'number' | 'section' | 'kind' | 'who' | 'input' | 'decision' | 'reason'
  width: number
}

const MARGIN = 32
const PAD = 3
const BODY_SIZE = 7.5
const HEAD_SIZE = 7.5
const FOOTER_SPACE = 18
// The longest a cell may get before it is shortened; the full text stays on the input's page.
const CELL_MAX = 1500

export interface MatrixPdfInput {
  title: string
  subtitle: string
  summary: string
  generatedAt: string
  publicUrl: string
  rows: AsyncIterable<MatrixRow[]>
  t: Translate
  sectionLabel: (row: MatrixRow) => string
}

export interface MatrixPdf {
  stream: ReadableStream<Uint8Array>
  /** Resolves with the number of pages when the document is finished. */
  done: Promise<{ pages: number }>
}

export function matrixPdf(input: MatrixPdfInput): MatrixPdf {
  const { t } = input
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_SPACE, left: MARGIN, right: MARGIN },
    info: { Title: pdfSafe(`${input.title} - ${input.subtitle}`), Author: 'Rembuk', Subject: pdfSafe(t('matrix.title')) },
    autoFirstPage: true,
  })
  const tableWidth = doc.page.width - MARGIN * 2
  const fixed = { no: 26, number: 66, section: 92, kind: 62, who: 80, decision: 72 }
  const rest = tableWidth - Object.values(fixed).reduce((a, b) => a + b, 0)
  const columns: Column[] = [
    { key: 'no', width: fixed.no },
    { key: 'number', width: fixed.number },
    { key: 'section', width: fixed.section },
    { key: 'kind', width: fixed.kind },
    { key: 'who', width: fixed.who },
    { key: 'input', width: Math.floor(rest * 0.55) },
    { key: 'decision', width: fixed.decision },
    { key: 'reason', width: rest - Math.floor(rest * 0.55) },
  ]
  const headers: Record<Column['key'], string> = {
    no: t('matrix.col.no'),
    number: t('matrix.col.number'),
    section: t('matrix.col.section'),
    kind: `${t('matrix.col.kind')} / ${t('matrix.col.topic')}`,
    who: t('matrix.col.who'),
    input: t('matrix.col.input'),
    decision: t('matrix.col.decision'),
    reason: t('matrix.col.reason'),
  }

  let pages = 1
  const footer = () => {
    // Written inside the bottom margin: lift the margin for a moment so pdfkit does not add a page.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#4a5562')
      .text(pdfSafe(`${t('matrix.page', { page: pages })} · ${input.title}`), MARGIN, doc.page.height - MARGIN - 8, {
        width: tableWidth,
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
    doc.fillColor('#1b1f24')
  }
  const maxY = () => doc.page.height - doc.page.margins.bottom

  const cellHeight = (text: string, width: number, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(bold ? HEAD_SIZE : BODY_SIZE)
    return doc.heightOfString(text || ' ', { width: width - PAD * 2 })
  }

  const drawRow = (cells: Record<Column['key'], string>, options: { header?: boolean; shade?: boolean } = {}) => {
    const heights = columns.map((c) => cellHeight(cells[c.key], c.width, options.header))
    const height = Math.max(...heights) + PAD * 2
    const y = doc.y
    let x = MARGIN
    if (options.header) doc.rect(MARGIN, y, tableWidth, height).fill('#e6ebef')
    else if (options.shade) doc.rect(MARGIN, y, tableWidth, height).fill('#f7f9fa')
    doc.fillColor('#1b1f24')
    for (const c of columns) {
      doc.font(options.header ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.header ? HEAD_SIZE : BODY_SIZE)
      doc.text(cells[c.key], x + PAD, y + PAD, { width: c.width - PAD * 2 })
      x += c.width
    }
    doc.lineWidth(0.5).strokeColor('#b9c2cb')
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + tableWidth, y + height).stroke()
    doc.x = MARGIN
    doc.y = y + height
    return height
  }

  const rowHeight = (cells: Record<Column['key'], string>) =>
    Math.max(...columns.map((c) => cellHeight(cells[c.key], c.width))) + PAD * 2

  let currentHeaders = headers
  const newPage = () => {
    doc.addPage()
    pages++
    footer()
    doc.x = MARGIN
    doc.y = MARGIN
    drawRow(currentHeaders, { header: true })
  }

  /** Shortens the longest cells until the row fits on one page below the header. */
  const fit = (cells: Record<Column['key'], string>) => {
    const room = maxY() - MARGIN - 30
    let limit = CELL_MAX
    let fitted = { ...cells }
    for (const key of Object.keys(fitted) as Column['key'][]) {
      if (fitted[key].length > limit) fitted[key] = `${fitted[key].slice(0, limit)}…`
    }
    while (rowHeight(fitted) > room && limit > 100) {
      limit = Math.floor(limit * 0.7)
      fitted = { ...cells }
      for (const key of Object.keys(fitted) as Column['key'][]) {
        if (fitted[key].length > limit) fitted[key] = `${fitted[key].slice(0, limit)}…`
      }
    }
    return fitted
  }

  const stream = Readable.toWeb(doc) as unknown as ReadableStream<Uint8Array>

  const write = async () => {
    footer()
    doc.x = MARGIN
    doc.y = MARGIN
    doc.font('Helvetica-Bold').fontSize(15).text(pdfSafe(`${t('matrix.title')}: ${input.title}`), { width: tableWidth })
    doc.moveDown(0.2)
    doc.font('Helvetica').fontSize(9.5).text(pdfSafe(input.subtitle), { width: tableWidth })
    doc.text(pdfSafe(`${input.generatedAt} · ${input.publicUrl}`), { width: tableWidth })
    doc.text(pdfSafe(input.summary), { width: tableWidth })
    doc.moveDown(0.6)
    doc.x = MARGIN
    drawRow(headers, { header: true })

    let n = 0
    let inComplaints = false
    for await (const page of input.rows) {
      if (doc.destroyed) break
      for (const row of page) {
        if (row.type === 'complaint' && !inComplaints) {
          inComplaints = true
          currentHeaders = { ...headers, decision: t('matrix.col.followUp'), reason: '' }
          if (doc.y + 60 > maxY()) {
            doc.addPage()
            pages++
            footer()
            doc.y = MARGIN
          } else doc.moveDown(1)
          doc.x = MARGIN
          doc.font('Helvetica-Bold').fontSize(11).text(pdfSafe(t('matrix.complaints.title')), { width: tableWidth })
          doc.font('Helvetica').fontSize(8.5).text(pdfSafe(t('matrix.complaints.intro')), { width: tableWidth })
          doc.moveDown(0.4)
          doc.x = MARGIN
          drawRow(currentHeaders, { header: true })
        }
        n++
        const text = [row.proposedText ? `${t('matrix.proposed')} ${row.proposedText}` : '', `${t('matrix.because')} ${row.reason}`]
          .filter(Boolean)
          .join('\n')
        const who = [row.displayLabel || t('matrix.anonymous'), row.groupName !== row.displayLabel ? row.groupName : ''].filter(Boolean).join('\n')
        const decision =
          row.type === 'complaint'
            ? t('matrix.complaint.decision')
            : row.decision
              ? t(`decision.${row.decision}`) + (row.responseSource === 'theme' && row.themeTitle ? `\n(${t('matrix.viaTheme', { theme: row.themeTitle })})` : '')
              : t('decision.none')
        const cells = fit({
          no: String(n),
          number: pdfSafe(row.count > 1 ? `${row.trackingNumber}\n${t('matrix.group', { count: row.count })}` : row.trackingNumber),
          section: pdfSafe(input.sectionLabel(row)),
          kind: pdfSafe(`${t(`kind.${row.kind}`)}\n${row.topic}`),
          who: pdfSafe(who),
          input: pdfSafe(text),
          decision: pdfSafe(decision),
          reason: pdfSafe(row.responseReason ?? ''),
        })
        if (doc.y + rowHeight(cells) > maxY()) newPage()
        drawRow(cells, { shade: n % 2 === 0 })
      }
      // Let a slow reader catch up before reading more rows.
      while (!doc.destroyed && doc.readableLength > 2 * 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    if (n === 0) {
      doc.moveDown(0.5)
      doc.font('Helvetica').fontSize(9).text(pdfSafe(t('matrix.empty')), MARGIN, doc.y, { width: tableWidth })
    }
    doc.end()
    return { pages }
  }

  const done = write().catch((error: unknown) => {
    doc.destroy(error instanceof Error ? error : new Error(String(error)))
    throw error
  })
  // The stream reports the failure to its reader; this keeps it from being an unhandled rejection.
  done.catch(() => undefined)
  return { stream, done }
}
