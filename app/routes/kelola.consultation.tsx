import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, data } from 'react-router'
import type { Route } from './+types/kelola.consultation'
import { FormErrors } from '~/components/Field'
import { Checkbox, Select, TextArea, TextInput } from '~/components/form-controls'
import {
  ConsultationError,
  addQuestion,
  closeConsultationNow,
  consultationState,
  countInputsByStatus,
  getQuestions,
  removeQuestion,
  updateConsultationSchedule,
} from '~/domain/consultations.server'
import { QUESTION_KINDS } from '~/domain/input-rules'
import { getModerationScope, setFlagThreshold } from '~/domain/moderation.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { QuestionSchema, ScheduleSchema } from '~/lib/consultation-form'
import { requireConsultationTeam } from '~/lib/consultation-team.server'
import { ThresholdSchema } from '~/lib/moderation-form'
import { formatDateTime, utcToZonedLocal, zoneName, zonedLocalToUtc } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['answers', 'consultation-admin', 'consultations', 'moderation', 'themes'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.consultation.title ?? ''} · Rembuk` }]

const load = (request: Request, id: string) => requireConsultationTeam(request, id, 'consultation.manage')

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, consultation, policy } = await load(request, params.id)
  const locale = getLocale(request)
  const questions = await getQuestions(db, consultation.id)
  const counts = await countInputsByStatus(db, consultation.id)
  const flagThreshold = (await getModerationScope(db, consultation.id))!.flag_threshold
  return {
    flagThreshold,
    consultation: {
      id: consultation.id,
      title: consultation.title,
      description: consultation.description,
      versionNumber: consultation.version_number,
      state: consultationState(consultation),
      opensAtText: formatDateTime(consultation.opens_at, policy.time_zone, locale),
      closesAtText: formatDateTime(consultation.closes_at, policy.time_zone, locale),
      opensAtLocal: utcToZonedLocal(consultation.opens_at, policy.time_zone),
      closesAtLocal: utcToZonedLocal(consultation.closes_at, policy.time_zone),
      audience: consultation.audience,
      moderation: consultation.moderation,
      topics: consultation.topics,
    },
    policy: { slug: policy.slug, title: policy.title, organisation: policy.organisation_name },
    zone: zoneName(policy.time_zone),
    questions,
    counts,
    saved: new URL(request.url).searchParams.get('tersimpan') === '1',
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, consultation, policy, actor } = await load(request, params.id)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const t = translator(getLocale(request))
  if (intent === 'flagThreshold') {
    const submission = parseSubmission(formData, { schema: ThresholdSchema })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
    const { held } = await setFlagThreshold(db, { consultationId: consultation.id, threshold: submission.value.flagThreshold, actorId: actor.id })
    const message = [t('moderation.threshold.saved', { count: submission.value.flagThreshold }), held ? t('moderation.threshold.heldNow', { count: held }) : '']
    return data({ intent, result: submission.reply(), message: message.filter(Boolean).join(' ') })
  }
  if (intent === 'close') {
    await closeConsultationNow(db, consultation.id)
    return data({ intent, message: t('cadmin.closed') })
  }
  if (intent === 'removeQuestion') {
    try {
      await removeQuestion(db, consultation.id, Number(formData.get('questionId')))
      return data({ intent, message: null })
    } catch (error) {
      if (error instanceof ConsultationError) return data({ intent, message: t('cadmin.questionnaire.locked') }, { status: 409 })
      throw error
    }
  }
  if (intent === 'addQuestion') {
    const submission = parseSubmission(formData, { schema: QuestionSchema })
    if (submission.status !== 'success') return data({ intent, result: submission.reply() })
    try {
      await addQuestion(db, consultation.id, {
        kind: submission.value.kind as never,
        prompt: submission.value.prompt,
        options: submission.value.options.split('\n'),
        required: submission.value.required === 'on',
      })
    } catch (error) {
      if (!(error instanceof ConsultationError)) throw error
      return data({ intent, result: submission.reply({ formErrors: ['cadmin.questionnaire.locked'] }) })
    }
    return data({ intent, result: submission.reply({ resetForm: true }) })
  }
  const submission = parseSubmission(formData, { schema: ScheduleSchema })
  if (submission.status !== 'success') return data({ intent: 'schedule', result: submission.reply() })
  const opensAt = zonedLocalToUtc(submission.value.opensAt, policy.time_zone)
  const closesAt = zonedLocalToUtc(submission.value.closesAt, policy.time_zone)
  if (!opensAt || !closesAt) {
    const fieldErrors: Record<string, string[]> = {}
    if (!opensAt) fieldErrors.opensAt = ['cadmin.error.badTime']
    if (!closesAt) fieldErrors.closesAt = ['cadmin.error.badTime']
    return data({ intent: 'schedule', result: submission.reply({ fieldErrors }) })
  }
  try {
    await updateConsultationSchedule(db, {
      consultationId: consultation.id,
      opensAt,
      closesAt,
      title: submission.value.title,
      description: submission.value.description,
    })
  } catch (error) {
    if (!(error instanceof ConsultationError)) throw error
    return data({ intent: 'schedule', result: submission.reply({ fieldErrors: { closesAt: ['cadmin.error.closesBeforeOpens'] } }) })
  }
  return data({ intent: 'schedule', result: submission.reply(), message: t('cadmin.saved') })
}

export default function ManageConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { consultation, policy, zone, questions, counts } = loaderData
  const ad = actionData as { intent?: string; result?: any; message?: string | null } | undefined
  const [scheduleForm] = useForm({
    id: 'jadwal',
    lastResult: ad?.intent === 'schedule' ? ad.result : undefined,
    constraint: getZodConstraint(ScheduleSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScheduleSchema }),
  })
  const [questionForm] = useForm({
    id: 'pertanyaan',
    lastResult: ad?.intent === 'addQuestion' ? ad.result : undefined,
    constraint: getZodConstraint(QuestionSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: QuestionSchema }),
  })
  const [thresholdForm] = useForm({
    id: 'batas-laporan',
    lastResult: ad?.intent === 'flagThreshold' ? ad.result : undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThresholdSchema }),
  })
  const s = (scheduleForm.initialValue ?? {}) as Record<string, string>
  const q = (questionForm.initialValue ?? {}) as Record<string, string>
  const locked = counts.total > 0
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}`}>{policy.title}</Link>
      </p>
      <h1>{consultation.title}</h1>
      {ad?.message ? (
        <p className="notice" role="status">
          {ad.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('cadmin.state')}</dt>
        <dd>
          <strong>{t(`consultation.state.${consultation.state}`)}</strong> · {consultation.opensAtText} – {consultation.closesAtText}
        </dd>
        <dt>{t('cadmin.version')}</dt>
        <dd>{t('policy.version', { number: consultation.versionNumber })}</dd>
        <dt>{t('cadmin.audience')}</dt>
        <dd>{t(`cadmin.audience.${consultation.audience}`)}</dd>
        <dt>{t('cadmin.moderation')}</dt>
        <dd>{t(`cadmin.moderation.${consultation.moderation}`)}</dd>
        <dt>{t('cadmin.topics')}</dt>
        <dd>{consultation.topics.join(', ')}</dd>
        <dt>{t('nav.track')}</dt>
        <dd>{t('cadmin.counts', counts)}</dd>
      </dl>
      <p className="actions">
        <Link className="button" to={`/kelola/konsultasi/${consultation.id}/moderasi`}>{t('moderation.queue.link', { pending: counts.pending })}</Link>
        <Link className="button" to={`/kelola/konsultasi/${consultation.id}/masukan-luring`}>
          {t('cadmin.offline.link')}
        </Link>
        <Link to={`/kelola/konsultasi/${consultation.id}/tanggapan`}>{t('answer.link')}</Link>
        <Link to={`/kebijakan/${policy.slug}`}>{t('cadmin.publicPage')}</Link>
        <Link to={`/kelola/konsultasi/${consultation.id}/tema`}>{t('themes.link')}</Link>
      </p>

      <section aria-labelledby="jadwal-judul" className="panel">
        <h2 id="jadwal-judul">{t('cadmin.schedule')}</h2>
        <Form method="post" {...getFormProps(scheduleForm)} className="stack">
          <input type="hidden" name="intent" value="schedule" />
          <FormErrors id={scheduleForm.errorId} errors={scheduleForm.errors} />
          <TextInput id="j-judul" name="title" label={t('cadmin.title')} defaultValue={s.title ?? consultation.title} errors={scheduleForm.allErrors.title} />
          <TextArea id="j-keterangan" name="description" label={t('cadmin.description')} defaultValue={s.description ?? consultation.description} errors={scheduleForm.allErrors.description} rows={3} />
          <TextInput id="j-buka" name="opensAt" type="datetime-local" label={t('cadmin.opensAt', { zone })} defaultValue={s.opensAt ?? consultation.opensAtLocal} errors={scheduleForm.allErrors.opensAt} />
          <TextInput id="j-tutup" name="closesAt" type="datetime-local" label={t('cadmin.closesAt', { zone })} defaultValue={s.closesAt ?? consultation.closesAtLocal} errors={scheduleForm.allErrors.closesAt} />
          <button type="submit" className="button">
            {t('cadmin.save')}
          </button>
        </Form>
        {consultation.state !== 'closed' ? (
          <Form method="post" className="stack close-form">
            <input type="hidden" name="intent" value="close" />
            <p className="field__hint">{t('cadmin.closeNow.hint')}</p>
            <button type="submit" className="button button--secondary">
              {t('cadmin.closeNow')}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="batas-judul" className="panel">
        <h2 id="batas-judul">{t('moderation.threshold.title')}</h2>
        <Form method="post" {...getFormProps(thresholdForm)} className="stack">
          <input type="hidden" name="intent" value="flagThreshold" />
          <TextInput
            id="batas-laporan-jumlah"
            name="flagThreshold"
            inputMode="numeric"
            label={t('moderation.threshold.label')}
            hint={t('moderation.threshold.hint')}
            defaultValue={String((thresholdForm.initialValue as Record<string, string> | undefined)?.flagThreshold ?? loaderData.flagThreshold)}
            errors={thresholdForm.allErrors.flagThreshold}
          />
          <button type="submit" className="button button--secondary">
            {t('moderation.threshold.save')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="kuesioner-judul" className="panel">
        <h2 id="kuesioner-judul">{t('cadmin.questionnaire')}</h2>
        {locked ? <p className="notice">{t('cadmin.questionnaire.locked')}</p> : null}
        {questions.length === 0 ? (
          <p>{t('cadmin.questionnaire.empty')}</p>
        ) : (
          <ol className="question-list">
            {questions.map((question) => (
              <li key={question.id}>
                <strong>{question.prompt}</strong>{' '}
                <span className="muted">
                  ({t(`cadmin.question.kind.${question.kind}`)}
                  {question.required ? `, ${t('input.required')}` : ''})
                </span>
                {question.options.length ? <span className="muted"> — {question.options.join(' / ')}</span> : null}
                {!locked ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="removeQuestion" />
                    <input type="hidden" name="questionId" value={question.id} />
                    <button type="submit" className="link-button">
                      {t('cadmin.question.remove')}
                      <span className="visually-hidden">: {question.prompt}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {!locked ? (
          <Form method="post" {...getFormProps(questionForm)} className="stack">
            <input type="hidden" name="intent" value="addQuestion" />
            <FormErrors id={questionForm.errorId} errors={questionForm.errors} />
            <Select
              id="p-jenis"
              name="kind"
              label={t('cadmin.question.kind')}
              defaultValue={q.kind ?? 'scale'}
              errors={questionForm.allErrors.kind}
              options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`cadmin.question.kind.${k}`) }))}
            />
            <TextInput id="p-pertanyaan" name="prompt" label={t('cadmin.question.prompt')} defaultValue={q.prompt} errors={questionForm.allErrors.prompt} />
            <TextArea
              id="p-pilihan"
              name="options"
              label={t('cadmin.question.options')}
              hint={t('cadmin.question.options.hint')}
              defaultValue={q.options}
              errors={questionForm.allErrors.options}
              rows={4}
            />
            <Checkbox id="p-wajib" name="required" label={t('cadmin.question.required')} defaultChecked={q.required === 'on'} />
            <button type="submit" className="button button--secondary">
              {t('cadmin.question.add')}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  )
}
