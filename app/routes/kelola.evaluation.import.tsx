import type { PageHandle } from '~/lib/page-handle'
import { Form, Link, data, redirect } from 'react-router'
import type { Route } from './+types/kelola.evaluation.import'
import { FormErrors } from '~/components/Field'
import { FieldError } from '~/components/form-controls'
import { createSurveyImport, enqueueSurveyImport, importColumns, listSurveyImports } from '~/domain/evaluations/import.server'
import { IMPORT_LIMITS, PROFILE } from '~/domain/evaluations/skm'
import { getSurveyQuestions } from '~/domain/evaluations/survey.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { requirePeriodTeam, withEvaluationErrors } from '~/lib/evaluation-team.server'
import { formatDateTime } from '~/lib/time'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'evaluations'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

/** Staff upload paper questionnaires as a CSV file; the import runs away from the request, its progress on its own page. */
export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, period } = await requirePeriodTeam(request, params.id)
  const locale = getLocale(request)
  const questions = await getSurveyQuestions(db, period.id)
  return {
    title: translator(locale)('evaluations.import.title'),
    period: { id: period.id, name: period.name, published: period.report_status === 'published' },
    columns: importColumns(questions),
    questions: questions.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options })),
    imports: (await listSurveyImports(db, period.id)).map((i) => ({ ...i, createdAt: formatDateTime(i.created_at, period.time_zone, locale) })),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, period, actor } = await requirePeriodTeam(request, params.id)
  // The body is bounded before it is read: a file over the limit is refused with a clear message.
  if (Number(request.headers.get('Content-Length') ?? 0) > IMPORT_LIMITS.bytes + 64_000) {
    return data({ error: 'evaluations.import.error.tooLarge' }, { status: 413 })
  }
  const formData = await readForm(request)
  const file = formData.get('file')
  if (!(file instanceof File) || file.size === 0) return data({ error: 'evaluations.import.error.noFile' }, { status: 400 })
  if (file.size > IMPORT_LIMITS.bytes) return data({ error: 'evaluations.import.error.tooLarge' }, { status: 413 })
  let source: string
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer())
  } catch {
    return data({ error: 'evaluations.import.error.encoding' }, { status: 400 })
  }
  const created = await withEvaluationErrors(() => createSurveyImport(db, { periodId: period.id, fileName: file.name, source, actorId: actor.id }), 'file')
  if (!created.ok) return data({ error: Object.values(created.fieldErrors).flat()[0] }, { status: 400 })
  // Checked and imported by a background job; its page shows the progress (docs/decisions/041).
  await enqueueSurveyImport(db, { importId: created.value.id, organisationId: period.organisation_id })
  throw redirect(`/kelola/evaluasi/${period.id}/impor/${created.value.id}`)
}

export default function ImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { period, columns, questions, imports } = loaderData
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/evaluasi/${period.id}`}>{period.name}</Link>
      </p>
      <h1>{t('evaluations.import.title')}</h1>
      <p>{t('evaluations.import.intro')}</p>
      <h2>{t('evaluations.import.columns')}</h2>
      <pre className="csv-header">{columns.join(',')}</pre>
      <ul className="import-help">
        <li>{t('evaluations.import.help.scores')}</li>
        <li>{t('evaluations.import.help.profile', { age: PROFILE.age.join(', '), sex: PROFILE.sex.join(', '), education: PROFILE.education.join(', '), occupation: PROFILE.occupation.join(', ') })}</li>
        <li>{t('evaluations.import.help.comment')}</li>
        {questions.map((q) => (
          <li key={q.id}>
            q{q.id}: {q.prompt} ({q.kind === 'yesno' ? 'ya / tidak' : q.kind === 'scale' ? '1–5' : q.kind === 'multiple' ? `${q.options.join('; ')} (;)` : q.options.join(' / ') || t('cadmin.question.kind.text')})
          </li>
        ))}
        <li>{t('evaluations.import.help.all')}</li>
      </ul>
      {period.published ? (
        <p className="notice">{t('evaluations.error.report_published')}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack">
          <FormErrors id="impor-galat" errors={actionData?.error ? [actionData.error] : undefined} />
          <div className={`field${actionData?.error ? ' field--invalid' : ''}`}>
            <label htmlFor="impor-berkas">{t('evaluations.import.file')}</label>
            <p id="impor-berkas-hint" className="field__hint">
              {t('evaluations.import.fileHint', { rows: IMPORT_LIMITS.rows.toLocaleString('id-ID') })}
            </p>
            <input
              id="impor-berkas"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby={actionData?.error ? 'impor-berkas-hint impor-berkas-error' : 'impor-berkas-hint'}
              aria-invalid={actionData?.error ? true : undefined}
            />
            <FieldError id="impor-berkas" errors={actionData?.error ? [actionData.error] : undefined} />
          </div>
          <button type="submit" className="button">
            {t('evaluations.import.submit')}
          </button>
        </Form>
      )}
      {imports.length ? (
        <>
          <h2>{t('evaluations.import.previous')}</h2>
          <ul>
            {imports.map((i) => (
              <li key={i.id}>
                <Link to={`/kelola/evaluasi/${period.id}/impor/${i.id}`}>{i.file_name}</Link> · {i.createdAt} · {t(`evaluations.import.status.${i.status}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
