import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, data, redirect } from 'react-router'
import type { Route } from './+types/kelola.themes'
import { FormErrors } from '~/components/Field'
import { TextInput } from '~/components/form-controls'
import { ThemeError, createTheme, createThemeFromSuggestion, listThemesWithCitations, suggestThemes } from '~/domain/themes.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { loadManagedConsultation } from '~/lib/managed-consultation.server'
import { inputExcerpt } from '~/lib/text'
import { ThemeTitleSchema, checkedIds } from '~/lib/theme-form'
import { THEME_TITLE_MAX } from '~/lib/theme-limits'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['themes'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · ${data.consultation.title} · Rembuk` : 'Rembuk' }]

const PREVIEW = 5
// Beyond the first few, covered inputs are listed by tracking number only.
const ALSO = 45

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, consultation, policy } = await loadManagedConsultation(request, params.id, 'theme.manage')
  const t = translator(getLocale(request))
  const themes = await listThemesWithCitations(db, consultation.id)
  const suggestions = await suggestThemes(db, consultation.id, { limit: 8 })
  const previewIds = suggestions.flatMap((s) => s.inputIds.slice(0, PREVIEW + ALSO))
  const previews = previewIds.length
    ? await db.selectFrom('inputs').select(['id', 'tracking_number', 'proposed_text', 'reason']).where('id', 'in', previewIds).execute()
    : []
  const byId = new Map(previews.map((p) => [p.id, p]))
  const numberOf = (id: number) => byId.get(id)!.tracking_number
  const counts = await db
    .selectFrom('inputs')
    .select([(eb) => eb.fn.countAll<number>().as('total'), (eb) => eb.fn.count<number>('theme_id').as('assigned')])
    .where('consultation_id', '=', consultation.id)
    .where('status', '!=', 'hidden')
    .executeTakeFirstOrThrow()
  const url = new URL(request.url)
  return {
    title: t('themes.title'),
    consultation: { id: consultation.id, title: consultation.title },
    policy: { slug: policy.slug, title: policy.title },
    progress: { assigned: Number(counts.assigned), total: Number(counts.total) },
    themes,
    suggestions: suggestions.map((s) => ({
      key: s.key,
      label: s.label,
      keywords: s.keywords,
      inputIds: s.inputIds,
      preview: s.inputIds.slice(0, PREVIEW).map((id) => {
        const p = byId.get(id)!
        return { id, trackingNumber: p.tracking_number, excerpt: inputExcerpt(p, 160) }
      }),
      also: s.inputIds.slice(PREVIEW, PREVIEW + ALSO).map(numberOf),
    })),
    deleted: url.searchParams.get('dihapus'),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, consultation, actor } = await loadManagedConsultation(request, params.id, 'theme.manage')
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const base = `/kelola/konsultasi/${consultation.id}/tema`
  if (intent === 'fromSuggestion') {
    try {
      const made = await createThemeFromSuggestion(db, {
        consultationId: consultation.id,
        title: String(formData.get('title') ?? '').slice(0, THEME_TITLE_MAX),
        inputIds: checkedIds(formData),
        actorId: actor.id,
      })
      return redirect(`${base}/${made.id}?dibuat=${made.moved}`)
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error
      const t = translator(getLocale(request))
      return data({ intent, result: undefined, message: t('theme.error.nothingLeft') }, { status: 409 })
    }
  }
  const submission = parseSubmission(formData, { schema: ThemeTitleSchema })
  if (submission.status !== 'success') return data({ intent: 'create', result: submission.reply(), message: null }, { status: 400 })
  const { id } = await createTheme(db, { consultationId: consultation.id, title: submission.value.title, actorId: actor.id })
  return redirect(`${base}/${id}`)
}

export default function ManageThemes({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { consultation, policy, themes, suggestions, progress } = loaderData
  const ad = actionData as { intent?: string; result?: any; message?: string | null } | undefined
  const [form, fields] = useForm({
    id: 'tema-baru',
    lastResult: ad?.intent === 'create' ? ad.result : undefined,
    constraint: getZodConstraint(ThemeTitleSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThemeTitleSchema }),
  })
  return (
    <div className="page themes-page">
      <p className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}`}>{policy.title}</Link> ›{' '}
        <Link to={`/kelola/konsultasi/${consultation.id}`}>{consultation.title}</Link>
      </p>
      <h1>{t('themes.title')}</h1>
      <p className="lead">{t('themes.intro')}</p>
      {loaderData.deleted ? (
        <p className="notice" role="status">
          {t('themes.deleted', { title: loaderData.deleted })}
        </p>
      ) : null}
      {ad?.message ? (
        <p className="form-errors" role="alert">
          {ad.message}
        </p>
      ) : null}
      <p className="actions">
        <span>{t('themes.progress', progress)}</span>
        <Link to={`/kelola/konsultasi/${consultation.id}/duplikat`}>{t('dup.title')}</Link>
      </p>

      <div className="themes-layout">
        <section aria-labelledby="daftar-tema" className="themes-layout__main">
          <h2 id="daftar-tema">{t('themes.list')}</h2>
          {themes.length === 0 ? (
            <p>{t('themes.none')}</p>
          ) : (
            <ul className="theme-list">
              {themes.map((theme) => (
                <li key={theme.id} className="theme-card">
                  <h3 className="theme-card__title">
                    <Link to={`/kelola/konsultasi/${consultation.id}/tema/${theme.id}`}>{theme.title}</Link>
                  </h3>
                  <p className="theme-card__count">{t('themes.count', { count: theme.inputCount })}</p>
                  {theme.summary ? <p className="prewrap theme-card__summary">{theme.summary}</p> : <p className="muted">{t('themes.noSummary')}</p>}
                  {theme.citations.length ? (
                    <p className="citations">
                      {t('themes.cites')}{' '}
                      {theme.citations.map((c, i) => (
                        <span key={c.inputId}>
                          {i ? ', ' : ''}
                          <Link to={`/masukan/${c.trackingNumber}`}>{c.trackingNumber}</Link>
                        </span>
                      ))}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}

          <section aria-labelledby="tema-baru-judul" className="panel">
            <h2 id="tema-baru-judul">{t('themes.create')}</h2>
            <Form method="post" {...getFormProps(form)} className="stack">
              <input type="hidden" name="intent" value="create" />
              <FormErrors id={form.errorId} errors={form.errors} />
              <TextInput
                id={fields.title.id}
                name={fields.title.name}
                label={t('themes.field.title')}
                hint={t('themes.field.title.hint')}
                defaultValue={(form.initialValue as Record<string, string> | undefined)?.title}
                errors={fields.title.errors}
                maxLength={THEME_TITLE_MAX}
              />
              <div>
                <button type="submit" className="button">
                  {t('themes.create.submit')}
                </button>
              </div>
            </Form>
          </section>
        </section>

        <section aria-labelledby="saran-tema" className="themes-layout__side">
          <h2 id="saran-tema">{t('themes.suggestions')}</h2>
          <p className="field__hint">{t('themes.suggestions.intro')}</p>
          {suggestions.length === 0 ? (
            <p>{t('themes.suggestions.none')}</p>
          ) : (
            <ul className="suggestion-list">
              {suggestions.map((s) => (
                <li key={s.key} className="suggestion">
                  <h3 className="suggestion__title">{s.label}</h3>
                  <p className="suggestion__meta">
                    {t('themes.suggestion.covers', { count: s.inputIds.length })}
                  </p>
                  <details>
                    <summary>{t('themes.suggestion.show')}</summary>
                    <ul className="suggestion__inputs">
                      {s.preview.map((p) => (
                        <li key={p.id}>
                          <Link to={`/masukan/${p.trackingNumber}`}>{p.trackingNumber}</Link>: {p.excerpt}
                        </li>
                      ))}
                    </ul>
                    {s.also.length ? (
                      <p className="citations">
                        {t('themes.suggestion.also')}{' '}
                        {s.also.map((number, i) => (
                          <span key={number}>
                            {i ? ', ' : ''}
                            <Link to={`/masukan/${number}`}>{number}</Link>
                          </span>
                        ))}
                      </p>
                    ) : null}
                    {s.inputIds.length > s.preview.length + s.also.length ? (
                      <p className="muted">{t('themes.suggestion.more', { count: s.inputIds.length - s.preview.length - s.also.length })}</p>
                    ) : null}
                  </details>
                  <Form method="post">
                    <input type="hidden" name="intent" value="fromSuggestion" />
                    <input type="hidden" name="title" value={s.label} />
                    {s.inputIds.map((id) => (
                      <input key={id} type="hidden" name="inputIds" value={id} />
                    ))}
                    <button type="submit" className="button button--secondary">
                      {t('themes.suggestion.create')}
                      <span className="visually-hidden"> ({s.label})</span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  )
}
