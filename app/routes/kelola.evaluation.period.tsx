import type { PageHandle } from '~/lib/page-handle'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/kelola.evaluation.period'
import { FormErrors } from '~/components/Field'
import { IkmSummary } from '~/components/evaluation/IkmSummary'
import { useEvaluationForm } from '~/components/evaluation/useEvaluationForm'
import { Checkbox, ChoiceGroup, Select, TextArea, TextInput } from '~/components/form-controls'
import { indicatorsForPeriods, recordIndicatorValue } from '~/domain/evaluations/indicators.server'
import { closeSurveyNow, surveyState, updateSurveySettings } from '~/domain/evaluations/periods.server'
import { periodResults } from '~/domain/evaluations/results.server'
import { SURVEY_AUDIENCES } from '~/domain/evaluations/skm'
import { addSurveyQuestion, createReceiptCodes, getSurveyQuestions, receiptCodeCounts, removeSurveyQuestion } from '~/domain/evaluations/survey.server'
import { QUESTION_KINDS } from '~/domain/input-rules'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { CodesSchema, IndicatorValueSchema, QuestionSchema, SurveySettingsSchema } from '~/lib/evaluation-forms'
import { formatDecimal } from '~/lib/evaluation-format'
import { requirePeriodTeam, withEvaluationErrors } from '~/lib/evaluation-team.server'
import { formatDate, formatDateTime, utcToZonedLocal, zoneName, zonedLocalToUtc } from '~/lib/time'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['answers', 'consultation-admin', 'consultations', 'drafting', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

/** One evaluation period for the team: survey settings, own questions, indicator values, receipt codes. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  const locale = getLocale(request)
  const t = translator(locale)
  const indicators = (await indicatorsForPeriods(db, period.policy_id, [period])).get(period.id) ?? []
  return {
    title: t('evaluations.period.manageTitle', { period: period.name, policy: period.policy_title }),
    period: {
      id: period.id,
      name: period.name,
      slug: period.slug,
      startsOn: formatDate(`${period.starts_on}T12:00:00Z`, 'UTC', locale),
      endsOn: formatDate(`${period.ends_on}T12:00:00Z`, 'UTC', locale),
      serviceName: period.service_name,
      population: period.population,
      audience: period.audience,
      requireReceiptCode: Boolean(period.require_receipt_code),
      opensAt: utcToZonedLocal(period.survey_opens_at, period.time_zone),
      closesAt: utcToZonedLocal(period.survey_closes_at, period.time_zone),
      closesAtText: formatDateTime(period.survey_closes_at, period.time_zone, locale),
      state: surveyState(period),
      respondents: period.respondents,
      reportStatus: period.report_status,
    },
    policy: { slug: period.policy_slug, title: period.policy_title },
    zone: zoneName(period.time_zone),
    results: await periodResults(db, period),
    questions: await getSurveyQuestions(db, period.id),
    indicators,
    codes: await receiptCodeCounts(db, period.id),
    newCodes: null as string[] | null,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, period, actor } = await requirePeriodTeam(request, params.id)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const here = `/kelola/evaluasi/${period.id}`
  switch (intent) {
    case 'settings': {
      const submission = parseSubmission(formData, { schema: SurveySettingsSchema })
      if (submission.status !== 'success') return { form: 'survei', result: submission.reply() }
      const v = submission.value
      const opensAt = zonedLocalToUtc(v.surveyOpensAt, period.time_zone)
      const closesAt = zonedLocalToUtc(v.surveyClosesAt, period.time_zone)
      if (!opensAt || !closesAt) {
        return { form: 'survei', result: submission.reply({ fieldErrors: { [opensAt ? 'surveyClosesAt' : 'surveyOpensAt']: ['cadmin.error.badTime'] } }) }
      }
      const done = await withEvaluationErrors(() =>
        updateSurveySettings(db, {
          periodId: period.id,
          serviceName: v.serviceName,
          population: v.population ?? null,
          audience: v.audience,
          requireReceiptCode: v.requireReceiptCode === 'on',
          surveyOpensAt: opensAt,
          surveyClosesAt: closesAt,
        }),
      )
      if (!done.ok) return { form: 'survei', result: submission.reply({ fieldErrors: done.fieldErrors }) }
      throw redirect(`${here}?selesai=survei#survei`)
    }
    case 'close':
      await closeSurveyNow(db, period.id)
      throw redirect(`${here}?selesai=ditutup`)
    case 'addQuestion': {
      const submission = parseSubmission(formData, { schema: QuestionSchema })
      if (submission.status !== 'success') return { form: 'pertanyaan', result: submission.reply() }
      const v = submission.value
      const done = await withEvaluationErrors(
        () =>
          addSurveyQuestion(db, {
            periodId: period.id,
            kind: v.kind as never,
            prompt: v.prompt,
            options: v.options.split('\n'),
            required: v.required === 'on',
          }),
        'prompt',
      )
      if (!done.ok) return { form: 'pertanyaan', result: submission.reply({ fieldErrors: done.fieldErrors }) }
      throw redirect(`${here}?selesai=pertanyaan#pertanyaan`)
    }
    case 'removeQuestion': {
      const questionId = Number(formData.get('questionId'))
      const done = await withEvaluationErrors(() => removeSurveyQuestion(db, { periodId: period.id, questionId }))
      if (!done.ok) throw new Response('Conflict', { status: 409 })
      throw redirect(`${here}#pertanyaan`)
    }
    case 'value': {
      const submission = parseSubmission(formData, { schema: IndicatorValueSchema })
      const form = `nilai-${formData.get('indicatorId')}`
      if (submission.status !== 'success') return { form, result: submission.reply() }
      const done = await withEvaluationErrors(() => recordIndicatorValue(db, { ...submission.value, periodId: period.id, actorId: actor.id }), 'value')
      if (!done.ok) return { form, result: submission.reply({ fieldErrors: done.fieldErrors }) }
      throw redirect(`${here}?selesai=nilai#indikator-${submission.value.indicatorId}`)
    }
    case 'codes': {
      const submission = parseSubmission(formData, { schema: CodesSchema })
      if (submission.status !== 'success') return { form: 'kode', result: submission.reply() }
      await createReceiptCodes(db, { periodId: period.id, count: submission.value.count })
      throw redirect(`${here}?selesai=kode#kode`)
    }
  }
  throw new Response('Bad request', { status: 400 })
}

const NOTICES = {
  dibuka: 'evaluations.notice.periodOpened',
  survei: 'evaluations.notice.settings',
  ditutup: 'evaluations.notice.closed',
  pertanyaan: 'evaluations.notice.question',
  nilai: 'evaluations.notice.value',
  kode: 'evaluations.notice.codes',
} as const

export default function ManagePeriod({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  const { period, policy, zone, results, questions, indicators, codes } = loaderData
  const notice = params.get('selesai')
  const noticeKey = notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
  const settings = useEvaluationForm('survei', SurveySettingsSchema, actionData)
  const question = useEvaluationForm('pertanyaan', QuestionSchema, actionData)
  const codeForm = useEvaluationForm('kode', CodesSchema, actionData)
  const published = period.reportStatus === 'published'
  const s = actionData?.form === 'survei' ? settings.initial : null
  return (
    <div className="page manage">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.manage.heading')}</Link>
      </nav>
      <header className="policy__header">
        <p className="policy__org">{policy.title}</p>
        <h1>{period.name}</h1>
        <p className="policy__meta">
          <span>
            {period.startsOn} – {period.endsOn}
          </span>
          <span className="stage-badge">{t(`evaluations.survey.state.${period.state}`)}</span>
          <span className="stage-badge">{t(`evaluations.report.status.${period.reportStatus}`)}</span>
        </p>
        {noticeKey ? (
          <p className="notice notice--success" role="status">
            {t(noticeKey)}
          </p>
        ) : null}
        <ul className="inline-links">
          <li>
            <Link to={`/kebijakan/${policy.slug}/evaluasi/${period.slug}/survei`}>{t('evaluations.period.surveyLink')}</Link>
          </li>
          {!published ? (
            <>
              <li>
                <Link to={`/kelola/evaluasi/${period.id}/kuesioner`}>{t('evaluations.paper.title')}</Link>
              </li>
              <li>
                <Link to={`/kelola/evaluasi/${period.id}/impor`}>{t('evaluations.import.title')}</Link>
              </li>
            </>
          ) : null}
          <li>
            <Link to={`/kelola/evaluasi/${period.id}/laporan`}>{t('evaluations.report.manageLink')}</Link>
          </li>
        </ul>
      </header>

      <section aria-labelledby="hasil-judul" className="panel">
        <h2 id="hasil-judul">{t('evaluations.period.resultsSoFar')}</h2>
        <IkmSummary results={results} />
      </section>

      <div className="manage__grid">
        <section aria-labelledby="survei-judul" className="panel" id="survei">
          <h2 id="survei-judul">{t('evaluations.period.settings')}</h2>
          <Form method="post" {...getFormProps(settings.form)} className="stack">
            <FormErrors id={settings.form.errorId} errors={settings.form.errors} />
            <input type="hidden" name="intent" value="settings" />
            <TextInput id="survei-layanan" name="serviceName" label={t('evaluations.field.serviceName')} hint={t('evaluations.field.serviceName.hint')} defaultValue={s?.serviceName ?? period.serviceName} errors={settings.errors('serviceName')} maxLength={200} />
            <TextInput id="survei-populasi" name="population" label={t('evaluations.field.population')} hint={t('evaluations.field.population.hint')} defaultValue={s?.population ?? (period.population === null ? '' : String(period.population))} errors={settings.errors('population')} inputMode="numeric" />
            <ChoiceGroup
              id="survei-peserta"
              name="audience"
              type="radio"
              legend={t('evaluations.field.audience')}
              defaultValue={s?.audience ?? period.audience}
              errors={settings.errors('audience')}
              options={SURVEY_AUDIENCES.map((a) => ({ value: a, label: t(`evaluations.audience.${a}`) }))}
            />
            <Checkbox id="survei-kode" name="requireReceiptCode" label={t('evaluations.field.requireReceiptCode')} defaultChecked={s ? s.requireReceiptCode === 'on' : period.requireReceiptCode} />
            <TextInput id="survei-buka" name="surveyOpensAt" type="datetime-local" label={t('evaluations.field.opensAt', { zone })} defaultValue={s?.surveyOpensAt ?? period.opensAt} errors={settings.errors('surveyOpensAt')} />
            <TextInput id="survei-tutup" name="surveyClosesAt" type="datetime-local" label={t('evaluations.field.closesAt', { zone })} defaultValue={s?.surveyClosesAt ?? period.closesAt} errors={settings.errors('surveyClosesAt')} />
            <button type="submit" className="button button--secondary">
              {t('evaluations.period.saveSettings')}
            </button>
          </Form>
          {period.state === 'open' ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="close" />
              <p className="field__hint" id="tutup-petunjuk">
                {t('evaluations.period.closeHint', { date: period.closesAtText })}
              </p>
              <button type="submit" className="button button--secondary" aria-describedby="tutup-petunjuk">
                {t('evaluations.period.close')}
              </button>
            </Form>
          ) : null}
        </section>

        <section aria-labelledby="pertanyaan-judul" className="panel" id="pertanyaan">
          <h2 id="pertanyaan-judul">{t('evaluations.questions.title')}</h2>
          <p className="muted">{t('evaluations.questions.intro')}</p>
          {questions.length ? (
            <ol>
              {questions.map((q) => (
                <li key={q.id}>
                  {q.prompt} <span className="muted">({t(`cadmin.question.kind.${q.kind}`)})</span>
                  {period.respondents === 0 ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="removeQuestion" />
                      <input type="hidden" name="questionId" value={q.id} />
                      <button type="submit" className="button button--link">
                        {t('evaluations.questions.remove')}
                        <span className="visually-hidden">: {q.prompt}</span>
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t('evaluations.questions.none')}</p>
          )}
          {period.respondents === 0 ? (
            <Form method="post" {...getFormProps(question.form)} className="stack">
              <FormErrors id={question.form.errorId} errors={question.form.errors} />
              <input type="hidden" name="intent" value="addQuestion" />
              <TextInput id="pertanyaan-teks" name="prompt" label={t('evaluations.questions.prompt')} defaultValue={question.initial.prompt} errors={question.errors('prompt')} maxLength={300} />
              <Select
                id="pertanyaan-jenis"
                name="kind"
                label={t('evaluations.questions.kind')}
                defaultValue={question.initial.kind ?? 'scale'}
                errors={question.errors('kind')}
                options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`cadmin.question.kind.${k}`) }))}
              />
              <TextArea id="pertanyaan-pilihan" name="options" label={t('evaluations.questions.options')} hint={t('evaluations.questions.options.hint')} defaultValue={question.initial.options} errors={question.errors('options')} rows={3} />
              <Checkbox id="pertanyaan-wajib" name="required" label={t('evaluations.questions.required')} defaultChecked={question.initial.required === 'on'} />
              <button type="submit" className="button button--secondary">
                {t('evaluations.questions.add')}
              </button>
            </Form>
          ) : (
            <p className="muted">{t('evaluations.questions.locked')}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="indikator-judul" className="panel" id="indikator">
        <h2 id="indikator-judul">{t('evaluations.indicators.values')}</h2>
        {indicators.length === 0 ? (
          <p className="muted">
            {t('evaluations.indicators.noneForPeriod')} <Link to={`/kelola/kebijakan/${policy.slug}/evaluasi#indikator`}>{t('evaluations.indicators.add')}</Link>
          </p>
        ) : (
          indicators.map((i) => <IndicatorValueForm key={i.id} indicator={i} published={published} actionData={actionData} locale={locale} />)
        )}
      </section>

      <section aria-labelledby="kode-judul" className="panel" id="kode">
        <h2 id="kode-judul">{t('evaluations.codes.title')}</h2>
        <p className="muted">{t('evaluations.codes.intro')}</p>
        <p>{t('evaluations.codes.counts', { total: codes.total, used: codes.used })}</p>
        {codes.total > 0 ? (
          <p>
            <a href={`/kelola/evaluasi/${period.id}/kode.csv`} download>
              {t('evaluations.codes.download')}
            </a>
          </p>
        ) : null}
        <Form method="post" {...getFormProps(codeForm.form)} className="stack">
          <FormErrors id={codeForm.form.errorId} errors={codeForm.form.errors} />
          <input type="hidden" name="intent" value="codes" />
          <TextInput id="kode-jumlah" name="count" label={t('evaluations.codes.count')} hint={t('evaluations.codes.count.hint')} defaultValue={codeForm.initial.count ?? '50'} errors={codeForm.errors('count')} inputMode="numeric" />
          <button type="submit" className="button button--secondary">
            {t('evaluations.codes.create')}
          </button>
        </Form>
      </section>
    </div>
  )
}

function IndicatorValueForm(props: {
  indicator: Route.ComponentProps['loaderData']['indicators'][number]
  published: boolean
  actionData: Route.ComponentProps['actionData']
  locale: 'id' | 'en'
}) {
  const t = useT()
  const { indicator: i, locale } = props
  const id = `nilai-${i.id}`
  const { form, initial, errors } = useEvaluationForm(id, IndicatorValueSchema, props.actionData)
  const mine = props.actionData?.form === id
  return (
    <div className="indicator-entry" id={`indikator-${i.id}`}>
      <h3>{i.name}</h3>
      <p className="muted">
        {t('evaluations.indicator.summary', {
          baseline: `${formatDecimal(i.baseline, locale)} ${i.unit}`,
          target: `${formatDecimal(i.target, locale)} ${i.unit}`,
          direction: t(`evaluations.direction.${i.direction}`),
        })}{' '}
        · {t(`evaluations.status.${i.status}`)}
        {i.value !== null ? ` · ${t('evaluations.indicator.recorded', { value: `${formatDecimal(i.value, locale)} ${i.unit}` })}` : ''}
      </p>
      {props.published ? null : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="value" />
          <input type="hidden" name="indicatorId" value={i.id} />
          <TextInput id={`${id}-nilai`} name="value" label={t('evaluations.indicator.value', { unit: i.unit })} hint={t('evaluations.indicator.number.hint')} defaultValue={mine ? initial.value : (i.value ?? '')} errors={errors('value')} />
          <TextArea id={`${id}-catatan`} name="evidenceNote" label={t('evaluations.indicator.evidenceNote')} hint={t('evaluations.indicator.evidence.hint')} defaultValue={mine ? initial.evidenceNote : i.evidenceNote} errors={errors('evidenceNote')} rows={2} />
          <TextInput id={`${id}-tautan`} name="evidenceUrl" label={t('evaluations.indicator.evidenceUrl')} defaultValue={mine ? initial.evidenceUrl : i.evidenceUrl} errors={errors('evidenceUrl')} />
          <button type="submit" className="button button--secondary">
            {t('evaluations.indicator.saveValue')}
            <span className="visually-hidden">: {i.name}</span>
          </button>
        </Form>
      )}
    </div>
  )
}
