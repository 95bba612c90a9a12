import type { PageHandle } from '~/lib/page-handle'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/kelola.evaluation'
import { FormErrors } from '~/components/Field'
import { StageBadge } from '~/components/StageBadge'
import { IndicatorFields } from '~/components/evaluation/IndicatorFields'
import { useEvaluationForm } from '~/components/evaluation/useEvaluationForm'
import { Select } from '~/components/form-controls'
import { addIndicator, listIndicators } from '~/domain/evaluations/indicators.server'
import { EVALUATION_STAGES, getPlan, listPeriods, openNextPeriod, setPlan, surveyState } from '~/domain/evaluations/periods.server'
import { PERIOD_MONTHS } from '~/domain/evaluations/skm'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { IndicatorSchema, OpenPeriodSchema, PlanSchema } from '~/lib/evaluation-forms'
import { formatDecimal } from '~/lib/evaluation-format'
import { withEvaluationErrors } from '~/lib/evaluation-team.server'
import { formatDate } from '~/lib/time'
import { managePath } from '~/lib/workspace-paths'
import { requirePolicyTeam, withNotice } from '~/lib/workspace.server'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'consultations', 'drafting', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

const AddIndicatorSchema = IndicatorSchema.extend({})

/** The policy team's evaluation plan: period length, the periods, and the policy's indicators. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { policy } = await requirePolicyTeam(request, params.slug, 'policy.edit')
  const db = getDb()
  const t = translator(getLocale(request))
  return {
    title: t('evaluations.manage.title', { policy: policy.title }),
    policy: { slug: policy.slug, title: policy.title, stage: policy.stage, organisation: policy.organisation_name, timeZone: policy.time_zone },
    canOpen: EVALUATION_STAGES.includes(policy.stage),
    plan: await getPlan(db, policy.id),
    periods: (await listPeriods(db, policy.id)).map((p) => ({ ...p, state: surveyState(p) })),
    indicators: await listIndicators(db, policy.id),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { policy, actor } = await requirePolicyTeam(request, params.slug, 'policy.edit')
  const db = getDb()
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const here = `/kelola/kebijakan/${policy.slug}/evaluasi`
  if (intent === 'plan') {
    const submission = parseSubmission(formData, { schema: PlanSchema })
    if (submission.status !== 'success') return { form: 'rencana', result: submission.reply() }
    const done = await withEvaluationErrors(() => setPlan(db, { policyId: policy.id, periodMonths: submission.value.periodMonths, actorId: actor.id }), 'periodMonths')
    if (!done.ok) return { form: 'rencana', result: submission.reply({ fieldErrors: done.fieldErrors }) }
    throw redirect(withNotice(here, 'rencana'))
  }
  if (intent === 'openPeriod') {
    const submission = parseSubmission(formData, { schema: OpenPeriodSchema })
    if (submission.status !== 'success') throw new Response('Bad request', { status: 400 })
    const done = await withEvaluationErrors(() => openNextPeriod(db, { policyId: policy.id, actorId: actor.id }))
    if (!done.ok) return { form: 'periode', result: submission.reply({ formErrors: Object.values(done.fieldErrors).flat() }) }
    throw redirect(`/kelola/evaluasi/${done.value.id}?selesai=dibuka`)
  }
  if (intent === 'indicator') {
    const submission = parseSubmission(formData, { schema: AddIndicatorSchema })
    if (submission.status !== 'success') return { form: 'indikator', result: submission.reply() }
    const done = await withEvaluationErrors(() => addIndicator(db, { ...submission.value, policyId: policy.id, actorId: actor.id }), 'name')
    if (!done.ok) return { form: 'indikator', result: submission.reply({ fieldErrors: done.fieldErrors }) }
    throw redirect(withNotice(here, 'indikator', {}, 'indikator'))
  }
  throw new Response('Bad request', { status: 400 })
}

const NOTICES = { rencana: 'evaluations.notice.plan', indikator: 'evaluations.notice.indicatorAdded', diubah: 'evaluations.notice.indicatorSaved', dihentikan: 'evaluations.notice.indicatorRetired' } as const

export default function ManageEvaluation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  const { policy, plan, periods, indicators, canOpen } = loaderData
  const notice = params.get('selesai')
  const noticeKey = notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
  const planForm = useEvaluationForm('rencana', PlanSchema, actionData)
  const periodForm = useEvaluationForm('periode', OpenPeriodSchema, actionData)
  const indicatorForm = useEvaluationForm('indikator', AddIndicatorSchema, actionData)
  return (
    <div className="page manage">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to={managePath(policy.slug)}>{policy.title}</Link>
      </nav>
      <header className="policy__header">
        <p className="policy__org">{policy.organisation}</p>
        <h1>{t('evaluations.manage.heading')}</h1>
        <p className="policy__meta">
          <StageBadge stage={policy.stage} />
          <Link to={`/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.manage.publicPage')}</Link>
        </p>
        {noticeKey ? (
          <p className="notice notice--success" role="status">
            {t(noticeKey)}
          </p>
        ) : null}
        {!canOpen ? <p className="notice">{t('evaluations.manage.notYet', { stage: t(`stage.${policy.stage}`) })}</p> : null}
      </header>

      <div className="manage__grid">
        <section aria-labelledby="periode-judul" className="panel">
          <h2 id="periode-judul">{t('evaluations.manage.periods')}</h2>
          {periods.length === 0 ? (
            <p className="muted">{t('evaluations.manage.noPeriods')}</p>
          ) : (
            <ul className="consultation-list">
              {[...periods].reverse().map((p) => (
                <li key={p.id}>
                  <Link to={`/kelola/evaluasi/${p.id}`}>{p.name}</Link>{' '}
                  <span className="muted">
                    ({formatDate(`${p.starts_on}T12:00:00Z`, 'UTC', locale)} – {formatDate(`${p.ends_on}T12:00:00Z`, 'UTC', locale)} ·{' '}
                    {t(`evaluations.survey.state.${p.state}`)} · {t('evaluations.respondents', { count: p.respondents })} ·{' '}
                    {t(`evaluations.report.status.${p.report_status}`)})
                  </span>
                </li>
              ))}
            </ul>
          )}
          {canOpen ? (
            <Form method="post" {...getFormProps(periodForm.form)} className="stack">
              <FormErrors id={periodForm.form.errorId} errors={periodForm.form.errors} />
              <input type="hidden" name="intent" value="openPeriod" />
              <p className="field__hint" id="periode-berikut-petunjuk">
                {t('evaluations.manage.openHint', { months: plan.periodMonths })}
              </p>
              <button type="submit" className="button" aria-describedby="periode-berikut-petunjuk">
                {t('evaluations.manage.open')}
              </button>
            </Form>
          ) : null}
        </section>

        <section aria-labelledby="rencana-judul" className="panel">
          <h2 id="rencana-judul">{t('evaluations.manage.plan')}</h2>
          <Form method="post" {...getFormProps(planForm.form)} className="stack">
            <FormErrors id={planForm.form.errorId} errors={planForm.form.errors} />
            <input type="hidden" name="intent" value="plan" />
            <Select
              id="rencana-bulan"
              name="periodMonths"
              label={t('evaluations.field.periodMonths')}
              hint={t('evaluations.field.periodMonths.hint')}
              defaultValue={String(planForm.initial.periodMonths ?? plan.periodMonths)}
              errors={planForm.errors('periodMonths')}
              options={PERIOD_MONTHS.map((m) => ({ value: String(m), label: t(`evaluations.months.${m}`) }))}
            />
            <button type="submit" className="button button--secondary">
              {t('evaluations.manage.savePlan')}
            </button>
          </Form>
        </section>

        <section aria-labelledby="indikator-judul" className="panel manage__wide" id="indikator">
          <h2 id="indikator-judul">{t('evaluations.indicators.title')}</h2>
          <p className="muted">{t('evaluations.indicators.intro')}</p>
          {indicators.length ? (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('evaluations.indicators.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluations.indicator.name')}</th>
                    <th scope="col">{t('evaluations.indicator.baseline')}</th>
                    <th scope="col">{t('evaluations.indicator.target')}</th>
                    <th scope="col">{t('evaluations.indicator.source')}</th>
                    <th scope="col">{t('evaluations.indicator.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {indicators.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">
                        <Link to={`/kelola/kebijakan/${policy.slug}/evaluasi/indikator/${i.id}`}>{i.name}</Link>
                      </th>
                      <td>
                        {formatDecimal(i.baseline, locale)} {i.unit}
                      </td>
                      <td>
                        {formatDecimal(i.target, locale)} {i.unit} ({t(`evaluations.direction.${i.direction}`)})
                      </td>
                      <td>
                        {i.data_source}
                        {i.responsible_unit ? ` · ${i.responsible_unit}` : ''}
                      </td>
                      <td>{i.retired_at ? t('evaluations.indicator.retiredOn', { date: formatDate(i.retired_at, policy.timeZone, locale) }) : t('evaluations.indicator.active')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t('evaluations.indicators.none')}</p>
          )}
          <h3>{t('evaluations.indicators.add')}</h3>
          <Form method="post" {...getFormProps(indicatorForm.form)} className="stack">
            <FormErrors id={indicatorForm.form.errorId} errors={indicatorForm.form.errors} />
            <input type="hidden" name="intent" value="indicator" />
            <IndicatorFields prefix="indikator-baru" initial={indicatorForm.initial} errors={indicatorForm.errors} />
            <button type="submit" className="button button--secondary">
              {t('evaluations.indicators.addSubmit')}
            </button>
          </Form>
        </section>
      </div>
    </div>
  )
}
