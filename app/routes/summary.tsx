import { Form, Link } from 'react-router'
import type { Route } from './+types/summary'
import { BarChart, share } from '~/components/charts/BarChart'
import { DecisionChart } from '~/components/charts/DecisionChart'
import { Select } from '~/components/form-controls'
import { INPUT_KINDS } from '~/domain/input-rules'
import { answeredCounts } from '~/domain/responses.server'
import { kindsBySection, questionnaireSummary } from '~/domain/summary.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useLocale, useT } from '~/i18n/use-t'
import { loadPolicyConsultation } from '~/lib/matrix-scope.server'
import { formatNumber } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['answers', 'consultations'] }

export const meta: Route.MetaFunction = ({ data }) => pageMeta(data?.title, data?.description)

/** Charts of a consultation's published input: questionnaire answers, kinds per section, decisions. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, consultations, consultation } = await loadPolicyConsultation(request, params.slug)
  const t = translator(getLocale(request))
  const base = {
    title: t('summary.metaTitle', { policy: policy.title }),
    description: describePage(t, 'summary', { title: policy.title, organisation: policy.organisation_name }),
    policy: { slug: policy.slug, title: policy.title, organisation: policy.organisation_name },
    consultations: consultations.map((c) => ({ id: c.id, title: c.title, versionNumber: c.version_number })),
  }
  if (!consultation) return { ...base, consultation: null }
  return {
    ...base,
    consultation: { id: consultation.id, title: consultation.title, versionNumber: consultation.version_number },
    questions: await questionnaireSummary(db, consultation.id),
    sections: await kindsBySection(db, consultation.id),
    counts: await answeredCounts(db, consultation.id),
  }
}

export default function SummaryPage({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const n = (v: number) => formatNumber(v, locale)
  const { policy } = loaderData
  const breadcrumb = (
    <p className="breadcrumb">
      <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
    </p>
  )
  if (!loaderData.consultation) {
    return (
      <div className="page">
        {breadcrumb}
        <h1>{t('summary.title')}</h1>
        <p>{t('matrix.noConsultation')}</p>
      </div>
    )
  }
  const { consultation, questions, sections, counts } = loaderData
  const scaleLabel = (v: string) => (v === '1' ? t('summary.scale.1') : v === '5' ? t('summary.scale.5') : v)
  const optionLabel = (kind: string, v: string) =>
    kind === 'scale' ? scaleLabel(v) : kind === 'yesno' ? (v === 'ya' ? t('input.yes') : t('input.no')) : v
  const sectionName = (s: { sectionKey: string; heading: string }) => (s.sectionKey ? s.heading : t('input.section.whole'))
  const kindTotals = Object.fromEntries(INPUT_KINDS.map((k) => [k, sections.reduce((a, s) => a + s.kinds[k], 0)]))
  const allInputs = sections.reduce((a, s) => a + s.total, 0)
  return (
    <div className="page summary">
      {breadcrumb}
      <h1>{t('summary.title')}</h1>
      <p className="lead">{t('summary.intro')}</p>
      <p>
        {policy.organisation} · {t('matrix.consultationOf', { title: consultation.title, version: consultation.versionNumber })}
      </p>
      {loaderData.consultations.length > 1 ? (
        <Form method="get" className="filters">
          <Select
            id="pilih-konsultasi"
            name="konsultasi"
            label={t('matrix.chooseConsultation')}
            defaultValue={String(consultation.id)}
            options={loaderData.consultations.map((c) => ({
              value: String(c.id),
              label: `${c.title} (${t('policy.version', { number: c.versionNumber })})`,
            }))}
          />
          <button type="submit" className="button button--secondary">
            {t('matrix.show')}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to={`/kebijakan/${policy.slug}/matriks?konsultasi=${consultation.id}`}>{t('summary.matrixLink')}</Link>
      </p>

      <section aria-labelledby="grafik-keputusan-judul" className="summary__part">
        <DecisionChart id="grafik-keputusan" counts={counts} headingLevel={2} withNote />
      </section>

      <section aria-labelledby="kuesioner-judul" className="summary__part">
        <h2 id="kuesioner-judul">{t('summary.questionnaire.title')}</h2>
        {questions.length === 0 ? <p>{t('summary.questionnaire.none')}</p> : null}
        {questions.map((q) =>
          q.kind === 'text' ? (
            <div key={q.id} className="chart">
              <h3 className="chart__title">{q.prompt}</h3>
              <p className="chart__note">{t('summary.question.text', { count: n(q.respondents) })}</p>
            </div>
          ) : (
            <BarChart
              key={q.id}
              id={`pertanyaan-${q.id}`}
              headingLevel={3}
              title={q.prompt}
              total={q.respondents}
              note={
                <>
                  {t('summary.question.answers', { count: n(q.respondents) })}
                  {q.mean !== null ? ` ${t('summary.question.mean', { mean: q.mean.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }) })}` : null}
                  {q.kind === 'multiple' ? ` ${t('summary.question.multiple')}` : null}
                </>
              }
              groups={[{ bars: q.options.map((o) => ({ label: optionLabel(q.kind, o.value), value: o.count })) }]}
            />
          ),
        )}
      </section>

      <section aria-labelledby={sections.length === 0 ? 'jenis-judul' : 'jenis-per-bagian-judul'} className="summary__part">
        {sections.length === 0 ? (
          <>
            <h2 id="jenis-judul">{t('summary.kinds.title')}</h2>
            <p>{t('summary.kinds.none')}</p>
          </>
        ) : (
          <BarChart
            id="jenis-per-bagian"
            headingLevel={2}
            title={t('summary.kinds.title')}
            note={t('summary.inputs', { count: n(allInputs) })}
            groups={sections.map((s) => ({
              label: sectionName(s),
              bars: INPUT_KINDS.filter((k) => s.kinds[k] > 0).map((k) => ({ label: t(`kind.${k}`), value: s.kinds[k] })),
            }))}
            table={
              <div className="table-wrap">
                <table className="chart__table">
                  <caption className="visually-hidden">{t('summary.kinds.tableCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('matrix.col.section')}</th>
                      {INPUT_KINDS.map((k) => (
                        <th key={k} scope="col">
                          {t(`kind.${k}`)}
                        </th>
                      ))}
                      <th scope="col">{t('chart.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sections.map((s) => (
                      <tr key={s.sectionKey}>
                        <th scope="row">{sectionName(s)}</th>
                        {INPUT_KINDS.map((k) => (
                          <td key={k}>{n(s.kinds[k])}</td>
                        ))}
                        <td>{n(s.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('chart.total')}</th>
                      {INPUT_KINDS.map((k) => (
                        <td key={k}>
                          {n(kindTotals[k])} ({share(kindTotals[k], allInputs)}%)
                        </td>
                      ))}
                      <td>{n(allInputs)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            }
          />
        )}
      </section>
    </div>
  )
}
