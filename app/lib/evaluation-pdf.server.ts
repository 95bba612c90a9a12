import type { EvaluationReport } from '~/domain/evaluations/reports.server'
import { PROFILE_FIELDS, elementCode } from '~/domain/evaluations/skm'
import type { Locale, MessageKey, Translate } from '~/i18n/messages'
import { formatDecimal, formatNrr, formatScore } from '~/lib/evaluation-format'
import { type PdfTableColumn, type PdfWriter, type StreamedPdf, streamPdf } from '~/lib/pdf.server'
import { formatDate, formatDateTime } from '~/lib/time'

/**
 * A period's report (laporan hasil evaluasi) as an A4 PDF, written with the shared PDF module
 * (docs/decisions/022): Noto Sans, so every character of a name or an analysis prints; tagged,
 * with the document language; tables whose rows never split and whose header repeats.
 * The report's own words (policy title, organisation, indicators, evidence, analysis, follow-ups)
 * are the team's, in Bahasa Indonesia: in an English report they carry lang="id".
 */

/** Columns as relative widths, turned into points across the text column. */
function columnsOf<K extends string>(pdf: PdfWriter, columns: { key: K; header: string; width: number; lang?: 'id' }[]): PdfTableColumn<K>[] {
  const total = columns.reduce((a, c) => a + c.width, 0)
  return columns.map((c) => ({ key: c.key, header: c.header, width: (c.width / total) * pdf.width, ...(c.lang ? { lang: c.lang } : {}) }))
}

export function evaluationReportPdf(input: {
  report: EvaluationReport
  t: Translate
  locale: Locale
  generatedAt: string
  publicUrl: string
}): StreamedPdf {
  const { report, t, locale } = input
  const { period, results, indicators, followUps } = report
  // The team's words are Indonesian; in an Indonesian document they need no mark of their own.
  const id = locale === 'id' ? undefined : ('id' as const)
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, 'UTC', locale)
  const element = (e: number) => `${elementCode(e)} ${t(`evaluations.element.${e}` as MessageKey)}`
  const n = (v: number) => new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB').format(v)

  return streamPdf(
    {
      title: `${t('evaluations.report.heading', { period: period.name })} – ${period.policy_title}`,
      subject: t('evaluations.report.pdfSubject'),
      author: period.organisation_name,
      lang: locale,
      margin: 48,
      footer: (page) => `${t('matrix.page', { page })} · ${period.policy_title} · ${period.name}`,
    },
    (pdf) => {
      const table = <K extends string>(columns: { key: K; header: string; width: number; lang?: 'id' }[], rows: Record<K, string>[]) => {
        const tbl = pdf.table(columnsOf(pdf, columns), { zebra: true, size: 8 })
        for (const row of rows) tbl.row(row)
        tbl.end()
      }

      pdf.heading(t('evaluations.report.heading', { period: period.name }), 1)
      pdf.paragraph(`${period.policy_title} · ${period.organisation_name}`, { lang: id })
      pdf.paragraph(input.generatedAt, { size: 8.5, muted: true })
      pdf.link(input.publicUrl, input.publicUrl, { size: 8.5 })

      pdf.heading(t('evaluations.report.identity'), 2)
      table(
        [
          { key: 'label', header: t('chart.category'), width: 1 },
          { key: 'value', header: t('chart.value'), width: 2.4 },
        ],
        [
          { label: t('evaluations.report.period'), value: `${period.name} (${day(period.starts_on)} – ${day(period.ends_on)})` },
          ...(period.service_name ? [{ label: t('evaluations.field.serviceName'), value: period.service_name }] : []),
          {
            label: t('evaluations.report.surveyWindow'),
            value: `${formatDateTime(period.survey_opens_at, period.time_zone, locale)} – ${formatDateTime(period.survey_closes_at, period.time_zone, locale)}`,
          },
          { label: t('evaluations.report.method'), value: t('evaluations.report.methodText') },
          ...(period.report_published_at
            ? [{ label: t('evaluations.report.publishedAt'), value: formatDateTime(period.report_published_at, period.time_zone, locale) }]
            : []),
        ],
      )

      pdf.heading(t('evaluations.period.results'), 2)
      const ikm = results.ikm
      pdf.paragraph(
        ikm.ikm === null || ikm.grade === null
          ? t('evaluations.ikm.none')
          : `${t('evaluations.ikm.label')} ${formatScore(ikm.ikm, locale)} — ${ikm.grade} (${t(`evaluations.grade.${ikm.grade}`)})`,
        { size: 12, bold: true },
      )
      pdf.paragraph(
        `${t('evaluations.sample.respondents', { count: n(ikm.respondents), online: n(results.channels.online), paper: n(results.channels.paper) })} ${
          results.sample.minimum === null
            ? t('evaluations.sample.noPopulation')
            : results.sample.met
              ? t('evaluations.sample.met', { minimum: n(results.sample.minimum), population: n(results.sample.population ?? 0) })
              : t('evaluations.sample.notMet', { minimum: n(results.sample.minimum), population: n(results.sample.population ?? 0) })
        }`,
        { size: 9.5 },
      )
      if (ikm.missingElements.length) {
        pdf.paragraph(t('evaluations.ikm.missing', { elements: ikm.missingElements.map(element).join(', '), counted: ikm.elementsCounted }), {
          size: 9.5,
        })
      }
      pdf.paragraph(t('evaluations.ikm.method'), { size: 8.5, muted: true })
      table(
        [
          { key: 'element', header: t('evaluations.elements.col.element'), width: 3 },
          { key: 'answered', header: t('evaluations.elements.col.answered'), width: 1.2 },
          { key: 'nrr', header: t('evaluations.elements.col.nrr'), width: 1 },
          { key: 'converted', header: t('evaluations.elements.col.converted'), width: 1.1 },
          { key: 'grade', header: t('evaluations.elements.col.grade'), width: 1.4 },
        ],
        ikm.elements.map((e) => ({
          element: `${element(e.element)}${e.priority ? ` (${t('evaluations.elements.priority')})` : ''}`,
          answered: `${n(e.answered)}${e.unanswered ? ` (${t('evaluations.elements.blank', { count: n(e.unanswered) })})` : ''}`,
          nrr: e.nrr === null ? '-' : formatNrr(e.nrr, locale),
          converted: e.converted === null ? '-' : formatScore(e.converted, locale),
          grade: e.grade ? `${e.grade} (${t(`evaluations.grade.${e.grade}`)})` : '-',
        })),
      )

      pdf.heading(t('evaluations.report.profile'), 2)
      for (const field of PROFILE_FIELDS) {
        table(
          [
            { key: 'value', header: t(`evaluations.profile.${field}`), width: 3 },
            { key: 'count', header: t('chart.value'), width: 1 },
            { key: 'share', header: t('chart.share'), width: 1 },
          ],
          results.profile[field].map((row) => ({
            value: row.value ? t(`evaluations.profile.${field}.${row.value}` as MessageKey) : t('evaluations.profile.unstated'),
            count: n(row.count),
            share: `${ikm.respondents ? Math.round((row.count / ikm.respondents) * 100) : 0}%`,
          })),
        )
      }

      pdf.heading(t('evaluations.indicators.title'), 2)
      if (indicators.length === 0) pdf.paragraph(t('evaluations.indicators.noneForPeriod'))
      else
        table(
          [
            { key: 'name', header: t('evaluations.indicator.name'), width: 2.6, lang: id },
            { key: 'value', header: t('evaluations.indicator.valueCol'), width: 1.2 },
            { key: 'target', header: t('evaluations.indicator.target'), width: 1.4 },
            { key: 'baseline', header: t('evaluations.indicator.baseline'), width: 1.2 },
            { key: 'status', header: t('evaluations.indicator.status'), width: 1.1 },
            { key: 'evidence', header: t('evaluations.indicator.evidence'), width: 2.2, lang: id },
          ],
          indicators.map((i) => ({
            name: i.name,
            value: i.value === null ? '-' : `${formatDecimal(i.value, locale)} ${i.unit}`,
            target: `${formatDecimal(i.target, locale)} ${i.unit} (${t(`evaluations.direction.${i.direction}`)})`,
            baseline: `${formatDecimal(i.baseline, locale)} ${i.unit}`,
            status: t(`evaluations.status.${i.status}`),
            evidence: [i.evidenceNote, i.evidenceUrl].filter(Boolean).join(' '),
          })),
        )

      pdf.heading(t('evaluations.report.analysis'), 2)
      if (period.analysis) for (const part of period.analysis.split(/\n{2,}/)) pdf.paragraph(part, { size: 9.5, lang: id })
      else pdf.paragraph(t('evaluations.report.noAnalysis'), { size: 9.5 })

      pdf.heading(t('evaluations.report.followUps'), 2)
      if (followUps.length === 0) pdf.paragraph(t('evaluations.report.noFollowUps'), { size: 9.5 })
      else
        table(
          [
            { key: 'finding', header: t('evaluations.followUp.finding'), width: 2.4, lang: id },
            { key: 'action', header: t('evaluations.followUp.action'), width: 2.4, lang: id },
            { key: 'owner', header: t('evaluations.followUp.owner'), width: 1.4, lang: id },
            { key: 'due', header: t('evaluations.followUp.dueOn'), width: 1.1 },
            { key: 'status', header: t('evaluations.followUp.status'), width: 1 },
          ],
          followUps.map((f) => ({
            finding: `${f.finding}${f.element ? ` (${element(f.element)})` : f.indicator_name ? ` (${f.indicator_name})` : ''}`,
            action: f.action,
            owner: f.owner,
            due: day(f.due_on),
            status: t(`evaluations.followUp.status.${f.status}`),
          })),
        )
    },
  )
}
