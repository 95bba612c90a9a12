import { Readable } from 'node:stream'
import PDFDocument from 'pdfkit'
import type { EvaluationReport } from '~/domain/evaluations/reports.server'
import { PROFILE_FIELDS, elementCode } from '~/domain/evaluations/skm'
import type { Locale, MessageKey, Translate } from '~/i18n/messages'
import { formatDecimal, formatNrr, formatScore } from '~/lib/evaluation-format'
import { formatDate, formatDateTime } from '~/lib/time'

/**
 * A period's report (laporan hasil evaluasi) as an A4 PDF: portrait, a title block, then the
 * report's parts as headings, paragraphs and tables whose rows are never split across pages
 * (a row that does not fit starts a new page, under a repeated header). All of the report's PDF
 * code is in this file, so moving to the shared PDF module (Unicode font, tagged PDF) is one
 * change; until then it follows matrix-pdf.server.ts (built-in Helvetica, Windows-1252 text).
 */

// The built-in PDF fonts cover Windows-1252 only; anything else is decomposed, else shown as "?".
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'
function pdfSafe(text: string): string {
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

const MARGIN = 48
const PAD = 3
const FOOTER = 20

interface Column {
  header: string
  width: number
}

export function evaluationReportPdf(input: { report: EvaluationReport; t: Translate; locale: Locale; generatedAt: string; publicUrl: string }) {
  const { report, t, locale } = input
  const { period, results, indicators, followUps } = report
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    info: {
      Title: pdfSafe(`${t('evaluations.report.heading', { period: period.name })} - ${period.policy_title}`),
      Author: pdfSafe(period.organisation_name),
      Subject: pdfSafe(t('evaluations.report.pdfSubject')),
    },
  })
  const width = doc.page.width - MARGIN * 2
  let pages = 1
  const footer = () => {
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor('#4a5562')
      .text(pdfSafe(`${t('matrix.page', { page: pages })} · ${period.policy_title} · ${period.name}`), MARGIN, doc.page.height - MARGIN, {
        width,
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
    doc.fillColor('#1b1f24')
  }
  const maxY = () => doc.page.height - doc.page.margins.bottom
  const newPage = () => {
    doc.addPage()
    pages++
    footer()
    doc.x = MARGIN
    doc.y = MARGIN
  }
  const heading = (text: string) => {
    if (doc.y + 60 > maxY()) newPage()
    doc.moveDown(0.8)
    doc.x = MARGIN
    doc.font('Helvetica-Bold').fontSize(12).text(pdfSafe(text), { width })
    doc.moveDown(0.3)
  }
  const paragraph = (text: string, size = 9.5) => {
    doc.x = MARGIN
    doc.font('Helvetica').fontSize(size)
    for (const part of pdfSafe(text).split(/\n{2,}/)) {
      if (doc.y + doc.heightOfString(part, { width }) > maxY()) newPage()
      doc.text(part, { width })
      doc.moveDown(0.4)
    }
  }

  /** A table: rows kept whole, the header repeated on each page it continues on. */
  const table = (columns: Column[], rows: string[][]) => {
    const total = columns.reduce((a, c) => a + c.width, 0)
    const widths = columns.map((c) => (c.width / total) * width)
    const heightOf = (cells: string[], bold: boolean) =>
      Math.max(
        ...cells.map((cell, i) => {
          doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8)
          return doc.heightOfString(cell || ' ', { width: widths[i] - PAD * 2 })
        }),
      ) +
      PAD * 2
    const draw = (cells: string[], bold: boolean, shade: boolean) => {
      const h = heightOf(cells, bold)
      const y = doc.y
      if (bold) doc.rect(MARGIN, y, width, h).fill('#e6ebef')
      else if (shade) doc.rect(MARGIN, y, width, h).fill('#f7f9fa')
      doc.fillColor('#1b1f24')
      let x = MARGIN
      cells.forEach((cell, i) => {
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).text(cell, x + PAD, y + PAD, { width: widths[i] - PAD * 2 })
        x += widths[i]
      })
      doc.lineWidth(0.5).strokeColor('#b9c2cb').moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).stroke()
      doc.x = MARGIN
      doc.y = y + h
    }
    const header = columns.map((c) => pdfSafe(c.header))
    if (doc.y + heightOf(header, true) + 20 > maxY()) newPage()
    draw(header, true, false)
    rows.forEach((row, i) => {
      const cells = row.map((c) => pdfSafe(c))
      if (doc.y + heightOf(cells, false) > maxY()) {
        newPage()
        draw(header, true, false)
      }
      draw(cells, false, i % 2 === 1)
    })
    doc.moveDown(0.5)
  }

  const day = (d: string) => formatDate(`${d}T12:00:00Z`, 'UTC', locale)
  const element = (e: number) => `${elementCode(e)} ${t(`evaluations.element.${e}` as MessageKey)}`
  const n = (v: number) => new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB').format(v)

  const write = () => {
    footer()
    doc.x = MARGIN
    doc.y = MARGIN
    doc.font('Helvetica-Bold').fontSize(16).text(pdfSafe(t('evaluations.report.heading', { period: period.name })), { width })
    doc.moveDown(0.2)
    doc.font('Helvetica').fontSize(10).text(pdfSafe(`${period.policy_title} · ${period.organisation_name}`), { width })
    doc.fontSize(8.5).fillColor('#4a5562').text(pdfSafe(`${input.generatedAt} · ${input.publicUrl}`), { width })
    doc.fillColor('#1b1f24')

    heading(t('evaluations.report.identity'))
    table(
      [
        { header: t('chart.category'), width: 1 },
        { header: t('chart.value'), width: 2.4 },
      ],
      [
        [t('evaluations.report.period'), `${period.name} (${day(period.starts_on)} – ${day(period.ends_on)})`],
        ...(period.service_name ? [[t('evaluations.field.serviceName'), period.service_name]] : []),
        [
          t('evaluations.report.surveyWindow'),
          `${formatDateTime(period.survey_opens_at, period.time_zone, locale)} – ${formatDateTime(period.survey_closes_at, period.time_zone, locale)}`,
        ],
        [t('evaluations.report.method'), t('evaluations.report.methodText')],
        ...(period.report_published_at ? [[t('evaluations.report.publishedAt'), formatDateTime(period.report_published_at, period.time_zone, locale)]] : []),
      ],
    )

    heading(t('evaluations.period.results'))
    const ikm = results.ikm
    paragraph(
      ikm.ikm === null || ikm.grade === null
        ? t('evaluations.ikm.none')
        : `${t('evaluations.ikm.label')} ${formatScore(ikm.ikm, locale)} — ${ikm.grade} (${t(`evaluations.grade.${ikm.grade}`)})`,
      12,
    )
    paragraph(
      `${t('evaluations.sample.respondents', { count: n(ikm.respondents), online: n(results.channels.online), paper: n(results.channels.paper) })} ${
        results.sample.minimum === null
          ? t('evaluations.sample.noPopulation')
          : results.sample.met
            ? t('evaluations.sample.met', { minimum: n(results.sample.minimum), population: n(results.sample.population ?? 0) })
            : t('evaluations.sample.notMet', { minimum: n(results.sample.minimum), population: n(results.sample.population ?? 0) })
      }`,
    )
    if (ikm.missingElements.length) {
      paragraph(t('evaluations.ikm.missing', { elements: ikm.missingElements.map(element).join(', '), counted: ikm.elementsCounted }))
    }
    paragraph(t('evaluations.ikm.method'), 8.5)
    table(
      [
        { header: t('evaluations.elements.col.element'), width: 3 },
        { header: t('evaluations.elements.col.answered'), width: 1.2 },
        { header: t('evaluations.elements.col.nrr'), width: 1 },
        { header: t('evaluations.elements.col.converted'), width: 1.1 },
        { header: t('evaluations.elements.col.grade'), width: 1.4 },
      ],
      ikm.elements.map((e) => [
        `${element(e.element)}${e.priority ? ` (${t('evaluations.elements.priority')})` : ''}`,
        `${n(e.answered)}${e.unanswered ? ` (${t('evaluations.elements.blank', { count: n(e.unanswered) })})` : ''}`,
        e.nrr === null ? '-' : formatNrr(e.nrr, locale),
        e.converted === null ? '-' : formatScore(e.converted, locale),
        e.grade ? `${e.grade} (${t(`evaluations.grade.${e.grade}`)})` : '-',
      ]),
    )

    heading(t('evaluations.report.profile'))
    for (const field of PROFILE_FIELDS) {
      table(
        [
          { header: t(`evaluations.profile.${field}`), width: 3 },
          { header: t('chart.value'), width: 1 },
          { header: t('chart.share'), width: 1 },
        ],
        results.profile[field].map((row) => [
          row.value ? t(`evaluations.profile.${field}.${row.value}` as MessageKey) : t('evaluations.profile.unstated'),
          n(row.count),
          `${ikm.respondents ? Math.round((row.count / ikm.respondents) * 100) : 0}%`,
        ]),
      )
    }

    heading(t('evaluations.indicators.title'))
    if (indicators.length === 0) paragraph(t('evaluations.indicators.noneForPeriod'))
    else
      table(
        [
          { header: t('evaluations.indicator.name'), width: 2.6 },
          { header: t('evaluations.indicator.valueCol'), width: 1.2 },
          { header: t('evaluations.indicator.target'), width: 1.4 },
          { header: t('evaluations.indicator.baseline'), width: 1.2 },
          { header: t('evaluations.indicator.status'), width: 1.1 },
          { header: t('evaluations.indicator.evidence'), width: 2.2 },
        ],
        indicators.map((i) => [
          i.name,
          i.value === null ? '-' : `${formatDecimal(i.value, locale)} ${i.unit}`,
          `${formatDecimal(i.target, locale)} ${i.unit} (${t(`evaluations.direction.${i.direction}`)})`,
          `${formatDecimal(i.baseline, locale)} ${i.unit}`,
          t(`evaluations.status.${i.status}`),
          [i.evidenceNote, i.evidenceUrl].filter(Boolean).join(' '),
        ]),
      )

    heading(t('evaluations.report.analysis'))
    paragraph(period.analysis || t('evaluations.report.noAnalysis'))

    heading(t('evaluations.report.followUps'))
    if (followUps.length === 0) paragraph(t('evaluations.report.noFollowUps'))
    else
      table(
        [
          { header: t('evaluations.followUp.finding'), width: 2.4 },
          { header: t('evaluations.followUp.action'), width: 2.4 },
          { header: t('evaluations.followUp.owner'), width: 1.4 },
          { header: t('evaluations.followUp.dueOn'), width: 1.1 },
          { header: t('evaluations.followUp.status'), width: 1 },
        ],
        followUps.map((f) => [
          `${f.finding}${f.element ? ` (${element(f.element)})` : f.indicator_name ? ` (${f.indicator_name})` : ''}`,
          f.action,
          f.owner,
          day(f.due_on),
          t(`evaluations.followUp.status.${f.status}`),
        ]),
      )
    doc.end()
  }

  const stream = Readable.toWeb(doc) as unknown as ReadableStream<Uint8Array>
  try {
    write()
  } catch (error) {
    doc.destroy(error instanceof Error ? error : new Error(String(error)))
  }
  return stream
}
