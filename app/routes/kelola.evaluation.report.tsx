import { getFormProps } from '@conform-to/react'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/kelola.evaluation.report'
import { FormErrors } from '~/components/Field'
import { IkmValue } from '~/components/evaluation/IkmSummary'
import { useEvaluationForm } from '~/components/evaluation/useEvaluationForm'
import { Select, TextArea, TextInput } from '~/components/form-controls'
import { indicatorsForPeriods } from '~/domain/evaluations/indicators.server'
import { surveyState } from '~/domain/evaluations/periods.server'
import {
  addFollowUp,
  listFollowUps,
  publishReport,
  removeFollowUp,
  saveAnalysis,
  setFollowUpStatus,
  startRevision,
} from '~/domain/evaluations/reports.server'
import { periodResults } from '~/domain/evaluations/results.server'
import { FOLLOW_UP_STATUSES, SKM_ELEMENTS, elementCode } from '~/domain/evaluations/skm'
import { getLocale } from '~/i18n/locale.server'
import { type MessageKey } from '~/i18n/messages'
import type { PageHandle } from '~/lib/page-handle'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { AnalysisSchema, FollowUpSchema } from '~/lib/evaluation-forms'
import { requirePeriodTeam, withEvaluationErrors } from '~/lib/evaluation-team.server'
import { formatDate } from '~/lib/time'
import { editorPath } from '~/lib/workspace-paths'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['answers', 'consultation-admin', 'consultations', 'drafting', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

/** The team writes a period's report: analysis and follow-up plan; publishes it; starts the next revision from it. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  const locale = getLocale(request)
  const results = await periodResults(db, period)
  const revision = period.revision_version_id
    ? await db.selectFrom('policy_versions').select(['number', 'status']).where('id', '=', period.revision_version_id).executeTakeFirst()
    : undefined
  return {
    title: translator(locale)('evaluations.report.manageTitle', { period: period.name }),
    period: {
      id: period.id,
      name: period.name,
      slug: period.slug,
      analysis: period.analysis,
      published: period.report_status === 'published',
      state: surveyState(period),
      respondents: period.respondents,
      policyStage: period.policy_stage,
    },
    policy: { slug: period.policy_slug, title: period.policy_title },
    ikm: { ikm: results.ikm.ikm, grade: results.ikm.grade },
    priorities: results.ikm.elements.filter((e) => e.priority).map((e) => e.element),
    followUps: (await listFollowUps(db, period.id)).map((f) => ({ ...f, dueText: formatDate(`${f.due_on}T12:00:00Z`, 'UTC', locale) })),
    indicators: ((await indicatorsForPeriods(db, period.policy_id, [period])).get(period.id) ?? []).map((i) => ({ id: i.id, name: i.name })),
    revision: revision ? { number: revision.number, draft: revision.status === 'draft' } : null,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, period, actor } = await requirePeriodTeam(request, params.id)
  const formData = await readForm(request)
  const here = `/kelola/evaluasi/${period.id}/laporan`
  switch (formData.get('intent')) {
    case 'analysis': {
      const submission = parseSubmission(formData, { schema: AnalysisSchema })
      if (submission.status !== 'success') return { form: 'analisis', result: submission.reply() }
      const done = await withEvaluationErrors(() => saveAnalysis(db, { periodId: period.id, analysis: submission.value.analysis }), 'analysis')
      if (!done.ok) return { form: 'analisis', result: submission.reply({ fieldErrors: done.fieldErrors }) }
      throw redirect(`${here}?selesai=analisis#analisis`)
    }
    case 'followUp': {
      const submission = parseSubmission(formData, { schema: FollowUpSchema })
      if (submission.status !== 'success') return { form: 'tindak-lanjut', result: submission.reply() }
      const v = submission.value
      const done = await withEvaluationErrors(
        () => addFollowUp(db, { ...v, periodId: period.id, element: v.element ?? null, indicatorId: v.indicatorId ?? null }),
        'finding',
      )
      if (!done.ok) return { form: 'tindak-lanjut', result: submission.reply({ fieldErrors: done.fieldErrors }) }
      throw redirect(`${here}?selesai=tindakLanjut#tindak-lanjut`)
    }
    case 'removeFollowUp':
      await withEvaluationErrors(() => removeFollowUp(db, { periodId: period.id, followUpId: Number(formData.get('followUpId')) }))
      throw redirect(`${here}#tindak-lanjut`)
    case 'followUpStatus':
      await withEvaluationErrors(() =>
        setFollowUpStatus(db, { periodId: period.id, followUpId: Number(formData.get('followUpId')), status: String(formData.get('status')) as never }),
      )
      throw redirect(`${here}?selesai=status#tindak-lanjut`)
    case 'publish': {
      const done = await withEvaluationErrors(() => publishReport(db, { periodId: period.id, actorId: actor.id }))
      if (!done.ok) return { form: 'terbit', messages: Object.values(done.fieldErrors).flat() }
      throw redirect(`${here}?selesai=terbit`)
    }
    case 'revision': {
      const done = await withEvaluationErrors(() => startRevision(db, { periodId: period.id, actorId: actor.id }))
      if (!done.ok) return { form: 'revisi', messages: Object.values(done.fieldErrors).flat() }
      throw redirect(`${editorPath(period.policy_slug, done.value.number)}?selesai=revisi`)
    }
  }
  throw new Response('Bad request', { status: 400 })
}

const NOTICES = {
  analisis: 'evaluations.notice.analysis',
  tindakLanjut: 'evaluations.notice.followUp',
  status: 'evaluations.notice.followUpStatus',
  terbit: 'evaluations.notice.published',
} as const

export default function ManageReport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const [params] = useSearchParams()
  const { period, policy, followUps, indicators, revision, priorities } = loaderData
  const notice = params.get('selesai')
  const noticeKey = notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null
  const analysis = useEvaluationForm('analisis', AnalysisSchema, actionData)
  const followUp = useEvaluationForm('tindak-lanjut', FollowUpSchema, actionData)
  const publishErrors = actionData && 'messages' in actionData ? actionData.messages : []
  const element = (e: number) => `${elementCode(e)} ${t(`evaluations.element.${e}` as MessageKey)}`
  return (
    <div className="page narrow">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to={`/kelola/evaluasi/${period.id}`}>{period.name}</Link> · <Link to={`/kelola/kebijakan/${policy.slug}/evaluasi`}>{t('evaluations.manage.heading')}</Link>
      </nav>
      <h1>{loaderData.title}</h1>
      {noticeKey ? (
        <p className="notice notice--success" role="status">
          {t(noticeKey)}
        </p>
      ) : null}
      <FormErrors id="laporan-galat" errors={publishErrors} />
      <p>
        {t('evaluations.ikm.label')} <IkmValue ikm={loaderData.ikm} /> · {t('evaluations.respondents', { count: period.respondents })}
        {priorities.length ? ` · ${t('evaluations.report.priorities', { elements: priorities.map(element).join(', ') })}` : ''}
      </p>
      <p>
        <Link to={`/kebijakan/${policy.slug}/evaluasi/${period.slug}/laporan`}>{period.published ? t('evaluations.report.read') : t('evaluations.report.preview')}</Link>
      </p>

      <section aria-labelledby="analisis-judul" className="panel" id="analisis">
        <h2 id="analisis-judul">{t('evaluations.report.analysis')}</h2>
        {period.published ? (
          <div className="prewrap">{period.analysis}</div>
        ) : (
          <Form method="post" {...getFormProps(analysis.form)} className="stack">
            <FormErrors id={analysis.form.errorId} errors={analysis.form.errors} />
            <input type="hidden" name="intent" value="analysis" />
            <TextArea id="analisis-teks" name="analysis" label={t('evaluations.report.analysisLabel')} hint={t('evaluations.report.analysisHint')} defaultValue={analysis.initial.analysis ?? period.analysis} errors={analysis.errors('analysis')} rows={8} />
            <button type="submit" className="button button--secondary">
              {t('evaluations.report.saveAnalysis')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="tindak-lanjut-judul" className="panel" id="tindak-lanjut">
        <h2 id="tindak-lanjut-judul">{t('evaluations.report.followUps')}</h2>
        {followUps.length === 0 ? <p className="muted">{t('evaluations.report.noFollowUps')}</p> : null}
        <ul className="follow-up-list">
          {followUps.map((f) => (
            <li key={f.id}>
              <p>
                <strong>{f.action}</strong> — {f.owner}, {t('evaluations.followUp.due', { date: f.dueText })}
              </p>
              <p className="muted">
                {t('evaluations.followUp.finding')}: {f.finding}
                {f.element ? ` (${element(f.element)})` : f.indicator_name ? ` (${f.indicator_name})` : ''}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="followUpStatus" />
                <input type="hidden" name="followUpId" value={f.id} />
                <Select
                  id={`status-${f.id}`}
                  name="status"
                  label={t('evaluations.followUp.status')}
                  defaultValue={f.status}
                  options={FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: t(`evaluations.followUp.status.${s}`) }))}
                />
                <button type="submit" className="button button--secondary button--small">
                  {t('evaluations.followUp.saveStatus')}
                  <span className="visually-hidden">: {f.action}</span>
                </button>
              </Form>
              {period.published ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="removeFollowUp" />
                  <input type="hidden" name="followUpId" value={f.id} />
                  <button type="submit" className="button button--link">
                    {t('evaluations.followUp.remove')}
                    <span className="visually-hidden">: {f.action}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {period.published ? null : (
          <Form method="post" {...getFormProps(followUp.form)} className="stack">
            <h3>{t('evaluations.followUp.add')}</h3>
            <FormErrors id={followUp.form.errorId} errors={followUp.form.errors} />
            <input type="hidden" name="intent" value="followUp" />
            <TextArea id="tl-temuan" name="finding" label={t('evaluations.followUp.finding')} hint={t('evaluations.followUp.findingHint')} defaultValue={followUp.initial.finding} errors={followUp.errors('finding')} rows={2} />
            <Select
              id="tl-unsur"
              name="element"
              label={t('evaluations.followUp.element')}
              placeholder={t('evaluations.followUp.none')}
              defaultValue={followUp.initial.element ?? ''}
              errors={followUp.errors('element')}
              options={SKM_ELEMENTS.map((e) => ({ value: String(e), label: element(e) }))}
            />
            {indicators.length ? (
              <Select
                id="tl-indikator"
                name="indicatorId"
                label={t('evaluations.followUp.indicator')}
                placeholder={t('evaluations.followUp.none')}
                defaultValue={followUp.initial.indicatorId ?? ''}
                errors={followUp.errors('indicatorId')}
                options={indicators.map((i) => ({ value: String(i.id), label: i.name }))}
              />
            ) : null}
            <TextArea id="tl-tindakan" name="action" label={t('evaluations.followUp.action')} defaultValue={followUp.initial.action} errors={followUp.errors('action')} rows={2} />
            <TextInput id="tl-pj" name="owner" label={t('evaluations.followUp.owner')} hint={t('evaluations.followUp.ownerHint')} defaultValue={followUp.initial.owner} errors={followUp.errors('owner')} maxLength={200} />
            <TextInput id="tl-tenggat" name="dueOn" type="date" label={t('evaluations.followUp.dueOn')} defaultValue={followUp.initial.dueOn} errors={followUp.errors('dueOn')} />
            <button type="submit" className="button button--secondary">
              {t('evaluations.followUp.addSubmit')}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="terbit-judul" className="panel panel--publish">
        <h2 id="terbit-judul">{period.published ? t('evaluations.report.nextRevision') : t('evaluations.report.publish')}</h2>
        {period.published ? (
          revision ? (
            <p>
              {t('evaluations.report.revisionStarted', { number: revision.number })}{' '}
              {revision.draft ? <Link to={`${editorPath(policy.slug, revision.number)}`}>{t('evaluations.report.openDraft', { number: revision.number })}</Link> : null}
            </p>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="revision" />
              <p className="field__hint" id="revisi-petunjuk">
                {t('evaluations.report.revisionHint', { stage: t(`stage.${period.policyStage}`) })}
              </p>
              <button type="submit" className="button" aria-describedby="revisi-petunjuk">
                {t('evaluations.report.startRevision')}
              </button>
            </Form>
          )
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="publish" />
            <p className="field__hint" id="terbit-petunjuk">
              {period.state === 'closed' ? t('evaluations.report.publishHint') : t('evaluations.report.publishWhenClosed')}
            </p>
            <button type="submit" className="button" aria-describedby="terbit-petunjuk">
              {t('evaluations.report.publishSubmit')}
            </button>
          </Form>
        )}
      </section>
    </div>
  )
}
