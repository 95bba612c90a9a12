import type { MatrixRow } from '~/domain/matrix.server'
import type { Locale, Translate } from '~/i18n/messages'
import { type PdfTableColumn, streamPdf } from '~/lib/pdf.server'

/**
 * The response matrix as a printable PDF (landscape A4) through the shared PDF module: a title
 * block, a table whose header repeats on every page and whose rows are never split, the
 * complaints in a table of their own, and "Halaman N" at the foot of each page. Rows are written
 * as they are read, and the file is sent as it is written.
 */

type ColumnKey = 'no' | 'number' | 'section' | 'kind' | 'who' | 'input' | 'decision' | 'reason'

export interface MatrixPdfInput {
  title: string
  subtitle: string
  summary: string
  generatedAt: string
  publicUrl: string
  rows: AsyncIterable<MatrixRow[]>
  t: Translate
  /** The language the matrix is written in (its headers and labels); Bahasa Indonesia by default. */
  locale?: Locale
  sectionLabel: (row: MatrixRow) => string
}

export interface MatrixPdf {
  stream: ReadableStream<Uint8Array>
  /** Resolves with the number of pages when the document is finished. */
  done: Promise<{ pages: number }>
}

export function matrixPdf(input: MatrixPdfInput): MatrixPdf {
  const { t } = input
  return streamPdf(
    {
      title: `${t('matrix.title')}: ${input.title}`,
      subject: input.subtitle,
      lang: input.locale ?? 'id',
      layout: 'landscape',
      margin: 32,
      footer: (page) => `${t('matrix.page', { page })} · ${input.title}`,
    },
    async (pdf) => {
      /** The matrix's columns; the complaints get a follow-up instead of a decision, and no reason. */
      const columns = (complaints: boolean): PdfTableColumn<ColumnKey>[] => {
        const headers: Partial<Record<ColumnKey, string>> = {
          no: t('matrix.col.no'),
          number: t('matrix.col.number'),
          section: t('matrix.col.section'),
          kind: `${t('matrix.col.kind')} / ${t('matrix.col.topic')}`,
          who: t('matrix.col.who'),
          input: t('matrix.col.input'),
          decision: complaints ? t('matrix.col.followUp') : t('matrix.col.decision'),
          ...(complaints ? {} : { reason: t('matrix.col.reason') }),
        }
        const fixed = { no: 26, number: 66, section: 92, kind: 62, who: 80, decision: 72 }
        const rest = pdf.width - Object.values(fixed).reduce((a, b) => a + b, 0)
        const input = complaints ? rest : Math.floor(rest * 0.55)
        const widths: Record<ColumnKey, number> = { ...fixed, input, reason: rest - input }
        // Section headings, names, inputs and answers are in Bahasa Indonesia, whatever the reader's language.
        const indonesian = new Set<ColumnKey>(['section', 'who', 'input', 'reason'])
        return (Object.keys(headers) as ColumnKey[]).map((key) => ({
          key,
          header: headers[key]!,
          width: widths[key],
          ...(indonesian.has(key) ? { lang: 'id' as const } : {}),
        }))
      }

      pdf.heading(`${t('matrix.title')}: ${input.title}`, 1)
      pdf.paragraph(input.subtitle, { size: 9.5 })
      pdf.paragraph(input.generatedAt, { size: 9.5, muted: true })
      pdf.link(input.publicUrl, input.publicUrl, { size: 9.5 })
      pdf.paragraph(input.summary, { size: 9.5 })

      let table = pdf.table(columns(false), { zebra: true, size: 7.5 })
      let n = 0
      let inComplaints = false
      for await (const page of input.rows) {
        if (pdf.cancelled) break
        for (const row of page) {
          if (row.type === 'complaint' && !inComplaints) {
            inComplaints = true
            table.end()
            pdf.heading(t('matrix.complaints.title'), 2)
            pdf.paragraph(t('matrix.complaints.intro'), { size: 8.5 })
            table = pdf.table(columns(true), { zebra: true, size: 7.5 })
          }
          n++
          const text = [row.proposedText ? `${t('matrix.proposed')} ${row.proposedText}` : '', `${t('matrix.because')} ${row.reason}`]
            .filter(Boolean)
            .join('\n')
          const who = [
            row.displayLabel || t('matrix.anonymous'),
            row.verified ? `[${t('shownAs.verified')}]` : '',
            row.groupName !== row.displayLabel ? row.groupName : '',
          ]
            .filter(Boolean)
            .join('\n')
          const decision =
            row.type === 'complaint'
              ? t('matrix.complaint.decision')
              : row.decision
                ? t(`decision.${row.decision}`) +
                  (row.responseSource === 'theme' && row.themeTitle ? `\n(${t('matrix.viaTheme', { theme: row.themeTitle })})` : '')
                : t('decision.none')
          table.row({
            no: String(n),
            number: row.count > 1 ? `${row.trackingNumber}\n${t('matrix.group', { count: row.count })}` : row.trackingNumber,
            section: input.sectionLabel(row),
            kind: `${t(`kind.${row.kind}`)}\n${row.topic}`,
            who,
            input: text,
            decision,
            reason: row.responseReason ?? '',
          })
        }
        // Let a slow reader catch up before reading more rows.
        await pdf.readerCaughtUp()
      }
      table.end()
      if (n === 0) pdf.paragraph(t('matrix.empty'), { size: 9 })
    },
  )
}
