import type { PageHandle } from '~/lib/page-handle'
import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/kelola.evaluation.paper'
import { FormErrors } from '~/components/Field'
import { QuestionnaireFields } from '~/components/QuestionnaireFields'
import { SkmElementFields, SkmProfileFields } from '~/components/evaluation/SkmFields'
import { useEvaluationForm } from '~/components/evaluation/useEvaluationForm'
import { TextArea } from '~/components/form-controls'
import { SURVEY_LIMITS } from '~/domain/evaluations/skm'
import { getSurveyQuestions, recordPaperResponse } from '~/domain/evaluations/survey.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { paperFormSchema, scoresFrom } from '~/lib/evaluation-forms'
import { requirePeriodTeam } from '~/lib/evaluation-team.server'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'consultations', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

/** Staff key in paper questionnaires one at a time. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  return {
    title: translator(getLocale(request))('evaluations.paper.title'),
    period: { id: period.id, name: period.name, respondents: period.respondents, published: period.report_status === 'published' },
    questions: await getSurveyQuestions(db, period.id),
    clientToken: crypto.randomUUID(),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, period, actor } = await requirePeriodTeam(request, params.id)
  const questions = await getSurveyQuestions(db, period.id)
  const submission = await parseForm(request, paperFormSchema(questions))
  if (submission.status !== 'success') return { form: 'kuesioner', result: submission.reply() }
  const v = submission.value
  const result = await recordPaperResponse(
    db,
    {
      periodId: period.id,
      scores: scoresFrom(v),
      profile: { age: v.age, sex: v.sex, education: v.education, occupation: v.occupation },
      answers: v.answers as Record<string, unknown>,
      comment: v.comment,
      shareComment: false,
      clientToken: v.clientToken ?? null,
    },
    { staffId: actor.id },
  )
  if (!result.ok) {
    const fieldErrors: Record<string, string[]> = {}
    const formErrors: string[] = []
    for (const e of result.errors) {
      const message = `evaluations.error.${e.code}${e.detail ? `|${e.detail}` : ''}`
      if (e.field) (fieldErrors[e.field] ??= []).push(message)
      else formErrors.push(message)
    }
    return { form: 'kuesioner', result: submission.reply({ fieldErrors, formErrors }) }
  }
  throw redirect(`/kelola/evaluasi/${period.id}/kuesioner?disimpan=1`)
}

export default function PaperEntry({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const [params] = useSearchParams()
  const { period, questions } = loaderData
  const { form, initial, errors } = useEvaluationForm('kuesioner', paperFormSchema(questions), actionData)
  return (
    <div className="page narrow survey">
      <p className="breadcrumb">
        <Link to={`/kelola/evaluasi/${period.id}`}>{period.name}</Link>
      </p>
      <h1>{t('evaluations.paper.title')}</h1>
      {params.get('disimpan') ? (
        <p className="notice notice--success" role="status">
          {t('evaluations.paper.saved', { count: period.respondents })}
        </p>
      ) : (
        <p>{t('evaluations.paper.intro')}</p>
      )}
      <p>
        <Link to={`/kelola/evaluasi/${period.id}/impor`}>{t('evaluations.paper.orImport')}</Link>
      </p>
      {period.published ? (
        <p className="notice">{t('evaluations.error.report_published')}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack" key={loaderData.clientToken}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="clientToken" value={loaderData.clientToken} />
          <fieldset className="fieldset">
            <legend>{t('evaluations.survey.elements')}</legend>
            <p className="field__hint">{t('evaluations.paper.blankHint')}</p>
            <SkmElementFields initial={initial} errors={errors} idPrefix="kertas-unsur" />
          </fieldset>
          {questions.length ? (
            <fieldset className="fieldset">
              <legend>{t('evaluations.survey.ownQuestions')}</legend>
              <QuestionnaireFields questions={questions} initial={initial.answers} errors={errors} idPrefix="kertas-pertanyaan" />
            </fieldset>
          ) : null}
          <fieldset className="fieldset">
            <legend>{t('evaluations.survey.profile')}</legend>
            <SkmProfileFields initial={initial} errors={errors} idPrefix="kertas-profil" />
          </fieldset>
          <TextArea id="kertas-komentar" name="comment" label={t('evaluations.paper.comment')} hint={t('evaluations.paper.commentHint')} defaultValue={initial.comment} errors={errors('comment')} maxLength={SURVEY_LIMITS.comment} rows={3} />
          <button type="submit" className="button">
            {t('evaluations.paper.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}
