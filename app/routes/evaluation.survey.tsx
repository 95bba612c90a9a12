import type { PageHandle } from '~/lib/page-handle'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/evaluation.survey'
import { FormErrors } from '~/components/Field'
import { QuestionnaireFields } from '~/components/QuestionnaireFields'
import { SkmElementFields, SkmProfileFields } from '~/components/evaluation/SkmFields'
import { useEvaluationForm } from '~/components/evaluation/useEvaluationForm'
import { Checkbox, ChoiceGroup, TextArea, TextInput } from '~/components/form-controls'
import { consultationState, listConsultations } from '~/domain/consultations.server'
import { surveyState } from '~/domain/evaluations/periods.server'
import { COMMENT_KINDS, SURVEY_LIMITS } from '~/domain/evaluations/skm'
import { getSurveyQuestions, submitSurveyResponse } from '~/domain/evaluations/survey.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { scoresFrom, surveyFormSchema } from '~/lib/evaluation-forms'
import { loadPublicPeriod } from '~/lib/evaluation-public.server'
import { formatDateTime } from '~/lib/time'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'consultations', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

/** The satisfaction survey of one period, answered with or without an account, with or without JavaScript. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy, period, actor } = await loadPublicPeriod(request, params.slug, params.period)
  const locale = getLocale(request)
  const consultation = (await listConsultations(db, policy.id)).find((c) => consultationState(c) === 'open' && (c.audience !== 'employees' || actor?.memberships.some((m) => m.organisationId === policy.organisation_id)))
  const answered = actor
    ? Boolean(await db.selectFrom('survey_responses').select('id').where('period_id', '=', period.id).where('user_id', '=', actor.id).executeTakeFirst())
    : false
  return {
    title: translator(locale)('evaluations.survey.title', { period: period.name }),
    policy: { slug: policy.slug, title: policy.title, organisation: policy.organisation_name },
    period: {
      slug: period.slug,
      name: period.name,
      serviceName: period.service_name,
      state: surveyState(period),
      opensAt: formatDateTime(period.survey_opens_at, policy.time_zone, locale),
      closesAt: formatDateTime(period.survey_closes_at, policy.time_zone, locale),
      requireReceiptCode: Boolean(period.require_receipt_code),
      employeesOnly: period.audience === 'employees',
    },
    signedIn: Boolean(actor),
    isEmployee: Boolean(actor?.memberships.some((m) => m.organisationId === policy.organisation_id)),
    answered,
    consultation: consultation ? { title: consultation.title } : null,
    questions: await getSurveyQuestions(db, period.id),
    clientToken: crypto.randomUUID(),
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, period, actor, policy } = await loadPublicPeriod(request, params.slug, params.period)
  const questions = await getSurveyQuestions(db, period.id)
  const submission = await parseForm(request, surveyFormSchema(questions))
  if (submission.status !== 'success') return { form: 'survei', result: submission.reply() }
  const v = submission.value
  const result = await submitSurveyResponse(
    db,
    {
      periodId: period.id,
      scores: scoresFrom(v),
      profile: { age: v.age, sex: v.sex, education: v.education, occupation: v.occupation },
      answers: v.answers as Record<string, unknown>,
      comment: v.comment,
      commentKind: v.commentKind ?? '',
      shareComment: v.shareComment === 'on',
      receiptCode: v.receiptCode,
      clientToken: v.clientToken ?? null,
    },
    { actor, address: context?.clientAddress ?? null },
  )
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> = {}
    const formErrors: string[] = []
    for (const e of result.errors) {
      const message = `evaluations.error.${e.code}${e.detail ? `|${e.detail}` : ''}`
      if (e.field) (fieldErrors[e.field] ??= []).push(message)
      else formErrors.push(message)
    }
    return { form: 'survei', result: submission.reply({ fieldErrors, formErrors }) }
  }
  const query = new URLSearchParams({ terkirim: '1' })
  if (result.trackingNumber) query.set('nomor', result.trackingNumber)
  throw redirect(`/kebijakan/${policy.slug}/evaluasi/${period.slug}/survei?${query}`)
}

export default function SurveyPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const [params] = useSearchParams()
  const { policy, period, questions, consultation } = loaderData
  const { form, initial, errors } = useEvaluationForm('survei', surveyFormSchema(questions), actionData)
  const sent = params.get('terkirim') === '1'
  const number = params.get('nomor')
  const back = `/kebijakan/${policy.slug}/evaluasi/${period.slug}`
  const header = (
    <header className="policy__header">
      <p className="policy__org">{policy.organisation}</p>
      <p className="breadcrumb">
        <Link to={back}>{period.name}</Link> · <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
      </p>
      <h1 id="survei-judul">{t('evaluations.survey.heading')}</h1>
      {period.serviceName ? <p className="lead">{t('evaluations.period.service', { service: period.serviceName })}</p> : null}
    </header>
  )
  if (sent) {
    return (
      <div className="page narrow survey">
        {header}
        <div className="receipt" role="status">
          <p>{t('evaluations.survey.thanks')}</p>
          {number ? (
            <p>
              {t('evaluations.survey.commentNumber', { number })} <Link to={`/masukan/${number}`}>{t('evaluations.survey.commentLink', { number })}</Link>
            </p>
          ) : null}
        </div>
        <p>
          <Link to={`/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.survey.seeResults')}</Link>
        </p>
      </div>
    )
  }
  const closed =
    period.state !== 'open'
      ? period.state === 'upcoming'
        ? t('evaluations.period.upcoming', { date: period.opensAt })
        : t('evaluations.survey.closed', { date: period.closesAt })
      : period.employeesOnly && !loaderData.isEmployee
        ? t('evaluations.error.employees_only')
        : loaderData.answered
          ? t('evaluations.error.already_answered')
          : null
  if (closed) {
    return (
      <div className="page narrow survey">
        {header}
        <p className="notice">{closed}</p>
        {period.employeesOnly && !loaderData.signedIn ? (
          <p>
            <Link to={`/masuk?redirectTo=${encodeURIComponent(`${back}/survei`)}`}>{t('nav.signIn')}</Link>
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <div className="page narrow survey">
      {header}
      <p>{t('evaluations.survey.intro')}</p>
      <p className="privacy-note">{loaderData.signedIn ? t('evaluations.survey.privacySignedIn') : t('evaluations.survey.privacy')}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="clientToken" value={loaderData.clientToken} />
        {period.requireReceiptCode ? (
          <TextInput
            id="survei-kode"
            name="receiptCode"
            label={t('evaluations.survey.receiptCode')}
            hint={t('evaluations.survey.receiptCode.hint')}
            defaultValue={initial.receiptCode}
            errors={errors('receiptCode')}
            maxLength={SURVEY_LIMITS.receiptCode}
            autoComplete="off"
          />
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('evaluations.survey.elements')}</legend>
          <p className="field__hint">{t('evaluations.survey.elementsHint')}</p>
          <SkmElementFields initial={initial} errors={errors} />
        </fieldset>
        {questions.length ? (
          <fieldset className="fieldset">
            <legend>{t('evaluations.survey.ownQuestions')}</legend>
            <QuestionnaireFields questions={questions} initial={initial.answers} errors={errors} idPrefix="survei-pertanyaan" />
          </fieldset>
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('evaluations.survey.profile')}</legend>
          <p className="field__hint">{t('evaluations.survey.profileHint')}</p>
          <SkmProfileFields initial={initial} errors={errors} />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('evaluations.survey.comment')}</legend>
          <TextArea id="survei-komentar" name="comment" label={t('evaluations.survey.commentLabel')} hint={t('evaluations.survey.commentHint')} defaultValue={initial.comment} errors={errors('comment')} maxLength={SURVEY_LIMITS.comment} rows={4} />
          {consultation ? (
            <>
              <ChoiceGroup
                id="survei-sifat"
                name="commentKind"
                type="radio"
                legend={t('evaluations.survey.commentKind')}
                defaultValue={initial.commentKind ?? 'question'}
                errors={errors('commentKind')}
                options={COMMENT_KINDS.map((k) => ({ value: k, label: t(`evaluations.commentKind.${k}`) }))}
              />
              <Checkbox
                id="survei-teruskan"
                name="shareComment"
                label={t('evaluations.survey.share', { consultation: consultation.title })}
                defaultChecked={initial.shareComment === 'on'}
              />
            </>
          ) : (
            <p className="field__hint">{t('evaluations.survey.commentTeamOnly')}</p>
          )}
        </fieldset>
        <button type="submit" className="button">
          {t('evaluations.survey.submit')}
        </button>
      </Form>
    </div>
  )
}
