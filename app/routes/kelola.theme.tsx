import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, data, redirect } from 'react-router'
import type { Route } from './+types/kelola.theme'
import { FormErrors } from '~/components/Field'
import { type ChecklistInput, InputChecklist } from '~/components/InputChecklist'
import { InputFilterFields } from '~/components/InputContentFields'
import { TextArea, TextInput } from '~/components/form-controls'
import { getSections } from '~/domain/policies.server'
import {
  ThemeError,
  assignInputsToTheme,
  deleteTheme,
  getTheme,
  listInputsInPlace,
  updateTheme,
} from '~/domain/themes.server'
import { getLocale } from '~/i18n/locale.server'
import type { Translate } from '~/i18n/messages'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { readInputFilters } from '~/lib/input-filters'
import { loadManagedConsultation } from '~/lib/managed-consultation.server'
import { inputExcerpt } from '~/lib/text'
import { ThemeSummarySchema, checkedIds } from '~/lib/theme-form'
import { THEME_SUMMARY_MAX, THEME_TITLE_MAX } from '~/lib/theme-limits'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'themes'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.theme.title} · Rembuk` : 'Rembuk' }]

const FILTER_NAMES = ['jenis', 'topik', 'bagian', 'cari', 'setelah'] as const

async function load(request: Request, params: { id: string; themeId: string }) {
  const loaded = await loadManagedConsultation(request, params.id, 'theme.manage')
  const themeId = Number(params.themeId)
  const theme = Number.isSafeInteger(themeId) && themeId > 0 ? await getTheme(loaded.db, themeId) : null
  if (!theme || theme.consultation_id !== loaded.consultation.id) throw new Response('Not found', { status: 404 })
  return { ...loaded, theme }
}

function toChecklist(
  rows: { id: number; tracking_number: string; kind: string; status: string; proposed_text: string; reason: string; section_key: string; topic: string }[],
  headingOf: Map<string, string>,
  t: Translate,
  length = 220,
): ChecklistInput[] {
  return rows.map((r) => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    kind: r.kind,
    status: r.status,
    excerpt: inputExcerpt(r, length),
    meta: `${r.section_key ? (headingOf.get(r.section_key) ?? r.section_key) : t('input.section.whole')} · ${r.topic}`,
  }))
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, consultation, policy, theme } = await load(request, params)
  const t = translator(getLocale(request))
  const url = new URL(request.url)
  const sections = await getSections(db, consultation.version_id)
  const headingOf = new Map(sections.map((s) => [s.key, s.heading]))

  const inThemeAfter = Number(url.searchParams.get('isi-setelah')) || undefined
  const inTheme = await listInputsInPlace(db, consultation.id, theme.id, { after: inThemeAfter, limit: 100 })
  const filters = readInputFilters(url.searchParams)
  const search = (url.searchParams.get('cari') ?? '').slice(0, 200)
  const free = await listInputsInPlace(db, consultation.id, null, {
    kind: filters.kind,
    topic: filters.topic,
    sectionKey: filters.sectionKey,
    search,
    after: Number(url.searchParams.get('setelah')) || undefined,
    limit: 50,
  })
  // Citations are chosen among the theme's inputs (a duplicate group by its representative);
  // inputs cited earlier stay offered.
  const offered = await listInputsInPlace(db, consultation.id, theme.id, { limit: 200 })
  const offeredIds = new Set(offered.items.map((i) => i.id))
  const citedElsewhere = theme.citations.filter((c) => !offeredIds.has(c.inputId)).map((c) => c.inputId)
  const extra = citedElsewhere.length
    ? await db
        .selectFrom('inputs')
        .select(['id', 'tracking_number', 'kind', 'status', 'proposed_text', 'reason', 'section_key', 'topic'])
        .where('id', 'in', citedElsewhere)
        .execute()
    : []

  const keep = new URLSearchParams()
  for (const name of FILTER_NAMES) {
    const v = url.searchParams.get(name)
    if (v && name !== 'setelah') keep.set(name, v)
  }
  const nextFree = new URLSearchParams(keep)
  if (free.nextCursor) nextFree.set('setelah', String(free.nextCursor))
  const nextInTheme = new URLSearchParams(keep)
  if (inTheme.nextCursor) nextInTheme.set('isi-setelah', String(inTheme.nextCursor))

  const count = await db
    .selectFrom('inputs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('theme_id', '=', theme.id)
    .executeTakeFirstOrThrow()
  return {
    consultation: { id: consultation.id, title: consultation.title, topics: consultation.topics },
    policy: { slug: policy.slug, title: policy.title },
    theme: {
      id: theme.id,
      title: theme.title,
      summary: theme.summary,
      citedIds: theme.citations.map((c) => c.inputId),
      inputCount: Number(count.n),
    },
    sections: sections.map((s) => ({ key: s.key, heading: s.heading })),
    citationChoices: toChecklist([...offered.items, ...extra], headingOf, t, 140),
    inTheme: toChecklist(inTheme.items, headingOf, t).map((item, i) => ({ ...item, moves: inTheme.items[i].moves })),
    free: toChecklist(free.items, headingOf, t).map((item, i) => ({ ...item, moves: free.items[i].moves })),
    filters: {
      section: url.searchParams.get('bagian') ?? 'semua',
      kind: filters.kind ?? '',
      topic: filters.topic ?? '',
      search,
    },
    query: keep.toString(),
    nextFreeHref: free.nextCursor ? `?${nextFree}` : null,
    firstFreeHref: url.searchParams.has('setelah') ? `?${keep}` : null,
    nextInThemeHref: inTheme.nextCursor ? `?${nextInTheme}` : null,
    notice: noticeFrom(url.searchParams, t),
  }
}

function noticeFrom(params: URLSearchParams, t: Translate): string | null {
  if (params.get('tersimpan') === '1') return t('theme.saved')
  const made = Number(params.get('dibuat'))
  if (params.has('dibuat') && Number.isInteger(made)) return t('theme.createdWith', { count: made })
  const added = Number(params.get('ditambah'))
  if (params.has('ditambah') && Number.isInteger(added)) return t('theme.add.added', { count: added })
  const removed = Number(params.get('dikeluarkan'))
  if (params.has('dikeluarkan') && Number.isInteger(removed)) return t('theme.inputs.removed', { count: removed })
  return null
}

const CODE_TO_ERROR: Record<string, { field: string; message: string }> = {
  citation_required: { field: 'citedInputIds', message: 'theme.error.citationRequired' },
  summary_required: { field: 'summary', message: 'theme.error.summaryRequired' },
  citation_outside: { field: 'citedInputIds', message: 'theme.error.citationOutside' },
  title_required: { field: 'title', message: 'validation.required' },
  title_too_long: { field: 'title', message: `validation.tooLong|${THEME_TITLE_MAX}` },
  summary_too_long: { field: 'summary', message: `validation.tooLong|${THEME_SUMMARY_MAX}` },
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, consultation, theme, actor } = await load(request, params)
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const t = translator(getLocale(request))
  const here = `/kelola/konsultasi/${consultation.id}/tema/${theme.id}`
  const query = new URL(request.url).searchParams
  const back = (flag: string, value: string | number) => {
    const keep = new URLSearchParams()
    for (const name of FILTER_NAMES) {
      const v = query.get(name)
      if (v && name !== 'setelah') keep.set(name, v)
    }
    keep.set(flag, String(value))
    return redirect(`${here}?${keep}`)
  }

  if (intent === 'assign' || intent === 'unassign') {
    try {
      const { moved } = await assignInputsToTheme(db, {
        consultationId: consultation.id,
        themeId: intent === 'assign' ? theme.id : null,
        inputIds: checkedIds(formData),
        actorId: actor.id,
      })
      return back(intent === 'assign' ? 'ditambah' : 'dikeluarkan', moved)
    } catch (error) {
      if (!(error instanceof ThemeError)) throw error
      const message = error.code === 'nothing_to_assign' ? t('theme.error.nothingSelected') : t('theme.error.inputsOutside')
      return data({ intent, result: undefined, message }, { status: 400 })
    }
  }
  if (intent === 'delete') {
    try {
      await deleteTheme(db, { themeId: theme.id, actorId: actor.id })
    } catch (error) {
      if (!(error instanceof ThemeError) || error.code !== 'has_response') throw error
      return data({ intent, result: undefined, message: t('theme.error.hasResponse') }, { status: 409 })
    }
    return redirect(`/kelola/konsultasi/${consultation.id}/tema?dihapus=${encodeURIComponent(theme.title)}`)
  }

  const submission = parseSubmission(formData, { schema: ThemeSummarySchema })
  if (submission.status !== 'success') return data({ intent: 'save', result: submission.reply(), message: null }, { status: 400 })
  try {
    await updateTheme(db, {
      themeId: theme.id,
      title: submission.value.title,
      summary: submission.value.summary,
      citedInputIds: submission.value.citedInputIds,
      actorId: actor.id,
    })
  } catch (error) {
    if (!(error instanceof ThemeError) || !CODE_TO_ERROR[error.code]) throw error
    const { field, message } = CODE_TO_ERROR[error.code]
    return data({ intent: 'save', result: submission.reply({ fieldErrors: { [field]: [message] } }), message: null }, { status: 400 })
  }
  return redirect(`${here}?tersimpan=1`)
}

export default function ManageTheme({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { consultation, theme, filters } = loaderData
  const ad = actionData as { intent?: string; result?: any; message?: string | null } | undefined
  const [form, fields] = useForm({
    id: 'ringkasan',
    lastResult: ad?.intent === 'save' ? ad.result : undefined,
    constraint: getZodConstraint(ThemeSummarySchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThemeSummarySchema }),
  })
  const initial = form.initialValue as { title?: string; summary?: string; citedInputIds?: string | string[] } | undefined
  const typedCitations = initial?.citedInputIds === undefined ? undefined : [initial.citedInputIds].flat().map(Number)
  const here = `/kelola/konsultasi/${consultation.id}/tema/${theme.id}`
  const action = loaderData.query ? `${here}?${loaderData.query}` : here
  const cited = new Set(theme.citedIds)
  return (
    <div className="page theme-page">
      <p className="breadcrumb">
        <Link to={`/kelola/konsultasi/${consultation.id}`}>{consultation.title}</Link> ›{' '}
        <Link to={`/kelola/konsultasi/${consultation.id}/tema`}>{t('themes.title')}</Link>
      </p>
      <h1>{theme.title}</h1>
      {loaderData.notice ? (
        <p className="notice" role="status">
          {loaderData.notice}
        </p>
      ) : null}

      <section aria-labelledby="ringkasan-judul" className="panel">
        <h2 id="ringkasan-judul">{t('theme.summaryPanel')}</h2>
        <Form method="post" action={here} {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="save" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextInput
            id={fields.title.id}
            name={fields.title.name}
            label={t('themes.field.title')}
            defaultValue={initial?.title ?? theme.title}
            errors={fields.title.errors}
            maxLength={THEME_TITLE_MAX}
          />
          <TextArea
            id={fields.summary.id}
            name={fields.summary.name}
            label={t('theme.field.summary')}
            hint={t('theme.field.summary.hint')}
            defaultValue={initial?.summary ?? theme.summary}
            errors={fields.summary.errors}
            maxLength={THEME_SUMMARY_MAX}
            rows={6}
          />
          {loaderData.citationChoices.length ? (
            <InputChecklist
              id={fields.citedInputIds.id}
              name={fields.citedInputIds.name}
              legend={t('theme.field.citations')}
              hint={t('theme.field.citations.hint')}
              errors={fields.citedInputIds.errors}
              items={loaderData.citationChoices}
              checked={typedCitations ?? theme.citedIds}
              compact
            />
          ) : (
            <div className={`field${fields.citedInputIds.errors ? ' field--invalid' : ''}`}>
              <p className="field__hint">{t('theme.field.citations.empty')}</p>
              {fields.citedInputIds.errors ? (
                <p className="field__error" id={`${fields.citedInputIds.id}-error`}>
                  {t('theme.error.citationRequired')}
                </p>
              ) : null}
            </div>
          )}
          <div>
            <button type="submit" className="button">
              {t('theme.save')}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="isi-tema" className="panel">
        <h2 id="isi-tema">{t('theme.inputs', { count: theme.inputCount })}</h2>
        {loaderData.inTheme.length === 0 ? (
          <p>{t('theme.inputs.none')}</p>
        ) : (
          <Form method="post" action={action} className="stack">
            <input type="hidden" name="intent" value="unassign" />
            {ad?.intent === 'unassign' && ad.message ? (
              <p className="field__error" role="alert">
                {ad.message}
              </p>
            ) : null}
            <InputChecklist
              id="isi"
              name="inputIds"
              legend={t('theme.inputs.choose')}
              items={loaderData.inTheme.map((item) => ({
                ...item,
                note: item.moves > 1 ? <strong>{t('theme.moves', { count: item.moves })}</strong> : undefined,
              }))}
              mark={(item) => (cited.has(item.id) ? <span className="cited-tag"> {t('theme.citedMark')}</span> : null)}
            />
            <div>
              <button type="submit" className="button button--secondary">
                {t('theme.inputs.remove')}
              </button>
            </div>
            {loaderData.nextInThemeHref ? (
              <p>
                <Link to={loaderData.nextInThemeHref}>{t('theme.inputs.more')}</Link>
              </p>
            ) : null}
          </Form>
        )}
      </section>

      <section aria-labelledby="tambah-masukan" className="panel">
        <h2 id="tambah-masukan">{t('theme.add')}</h2>
        <p className="field__hint">{t('theme.add.intro')}</p>
        <Form method="get" action={here} className="filters" aria-label={t('inputs.filters')}>
          <InputFilterFields
            sections={loaderData.sections}
            topics={consultation.topics}
            values={{ section: filters.section, kind: filters.kind, topic: filters.topic }}
            allSections="semua"
          />
          <TextInput id="saring-cari" name="cari" type="search" label={t('theme.add.search')} defaultValue={filters.search} maxLength={200} />
          <button type="submit" className="button button--secondary">
            {t('theme.add.filter')}
          </button>
        </Form>
        {loaderData.free.length === 0 ? (
          <p>{t('theme.add.none')}</p>
        ) : (
          <Form method="post" action={action} className="stack">
            <input type="hidden" name="intent" value="assign" />
            {ad?.intent === 'assign' && ad.message ? (
              <p className="field__error" role="alert">
                {ad.message}
              </p>
            ) : null}
            <InputChecklist
              id="bebas"
              name="inputIds"
              legend={t('theme.add.choose')}
              items={loaderData.free.map((item) => ({
                ...item,
                note: item.moves > 1 ? <strong>{t('theme.moves', { count: item.moves })}</strong> : undefined,
              }))}
            />
            <div>
              <button type="submit" className="button">
                {t('theme.add.submit')}
              </button>
            </div>
          </Form>
        )}
        <nav className="pager" aria-label={t('theme.add.more')}>
          {loaderData.firstFreeHref ? <Link to={loaderData.firstFreeHref}>{t('theme.add.first')}</Link> : null}
          {loaderData.nextFreeHref ? (
            <Link to={loaderData.nextFreeHref} className="button button--secondary">
              {t('theme.add.more')}
            </Link>
          ) : null}
        </nav>
      </section>

      <section aria-labelledby="hapus-tema" className="panel">
        <h2 id="hapus-tema">{t('theme.delete')}</h2>
        <Form method="post" action={here} className="stack">
          <input type="hidden" name="intent" value="delete" />
          <p className="field__hint">{t('theme.delete.hint')}</p>
          {ad?.intent === 'delete' && ad.message ? (
            <p className="field__error" role="alert">
              {ad.message}
            </p>
          ) : null}
          <div>
            <button type="submit" className="button button--secondary">
              {t('theme.delete')}
            </button>
          </div>
        </Form>
      </section>
    </div>
  )
}
