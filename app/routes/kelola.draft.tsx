import { type SubmissionResult, getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect, useLocation, useSearchParams } from 'react-router'
import type { Route } from './+types/kelola.draft'
import { CheckboxField, FileField, FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from '~/components/Field'
import {
  EmptyDraftError,
  EmptyImportError,
  EmptySectionError,
  PublishedVersionError,
  SectionNotFoundError,
  type SectionPlace,
  addSection,
  getDraftForEditing,
  importPlainText,
  moveSection,
  publishVersion,
  updateSection,
} from '~/domain/drafting.server'
import { can } from '~/domain/permissions.server'
import { announceVersionPublished } from '~/domain/policy-announcements.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import {
  AddSectionSchema,
  ImportSchema,
  LIMITS,
  MoveSectionSchema,
  PublishSchema,
  UpdateSectionSchema,
} from '~/lib/drafting-schemas'
import { editorPath, managePath, previewPath } from '~/lib/workspace-paths'
import { requirePolicyTeam, versionNumber, withNotice } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['drafting', 'revisions'] }

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.pageTitle} · Rembuk` }] : [])

export async function loader({ request, params }: Route.LoaderArgs) {
  const { actor } = await requirePolicyTeam(request, params.slug, 'policy.edit')
  const number = versionNumber(params.number)
  const editing = await getDraftForEditing(getDb(), { slug: params.slug, number })
  if (!editing) throw new Response('Not found', { status: 404 })
  // A published version is read, never edited.
  if (editing.version.status !== 'draft') throw redirect(`/kebijakan/${params.slug}/versi/${number}`)
  return {
    ...editing,
    pageTitle: translator(getLocale(request))('drafting.editor.title', { number, title: editing.policy.title }),
    canPublish: can(actor, 'policy.publish', { organisationId: editing.policy.organisation_id }),
  }
}

type Reply = { form: string; result: SubmissionResult<string[]> }

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const { actor, policy } = await requirePolicyTeam(request, params.slug, intent === 'publish' ? 'policy.publish' : 'policy.edit')
  const number = versionNumber(params.number)
  const editing = await getDraftForEditing(getDb(), { slug: policy.slug, number })
  if (!editing) throw new Response('Not found', { status: 404 })
  const here = editorPath(policy.slug, number)
  const alreadyPublished = () => redirect(withNotice(managePath(policy.slug), 'sudahTerbit', { versi: number }))
  if (editing.version.status !== 'draft') throw alreadyPublished()
  const versionId = editing.version.id

  try {
    switch (intent) {
      case 'update': {
        const submission = parseSubmission(formData, { schema: UpdateSectionSchema })
        const form = `bagian-${formData.get('sectionId')}`
        if (submission.status !== 'success') return { form, result: submission.reply() } satisfies Reply
        const { sectionId, heading, body } = submission.value
        try {
          await updateSection(getDb(), { versionId, sectionId, heading: heading ?? '', body: body ?? '' })
        } catch (error) {
          if (error instanceof EmptySectionError) {
            return { form, result: submission.reply({ fieldErrors: { heading: ['drafting.error.emptySection'] } }) }
          }
          throw error
        }
        const key = editing.sections.find((s) => s.id === sectionId)?.key ?? ''
        throw redirect(withNotice(here, 'disimpan', { bagian: key }, `bagian-${key}`))
      }
      case 'add': {
        const submission = parseSubmission(formData, { schema: AddSectionSchema })
        if (submission.status !== 'success') return { form: 'tambah', result: submission.reply() } satisfies Reply
        const { heading, body, place } = submission.value
        let added
        try {
          added = await addSection(getDb(), { versionId, heading: heading ?? '', body: body ?? '', place: toPlace(place) })
        } catch (error) {
          if (error instanceof EmptySectionError) {
            return { form: 'tambah', result: submission.reply({ fieldErrors: { heading: ['drafting.error.emptySection'] } }) }
          }
          if (error instanceof SectionNotFoundError) {
            return { form: 'tambah', result: submission.reply({ fieldErrors: { place: ['drafting.error.choosePlace'] } }) }
          }
          throw error
        }
        throw redirect(withNotice(here, 'ditambah', { bagian: added.key }, `bagian-${added.key}`))
      }
      case 'move': {
        const submission = parseSubmission(formData, { schema: MoveSectionSchema })
        if (submission.status !== 'success') throw new Response('Bad request', { status: 400 })
        const { sectionId, direction } = submission.value
        await moveSection(getDb(), { versionId, sectionId, direction })
        const key = editing.sections.find((s) => s.id === sectionId)?.key ?? ''
        throw redirect(withNotice(here, 'dipindah', { bagian: key }, `bagian-${key}`))
      }
      case 'import': {
        const submission = parseSubmission(formData, { schema: ImportSchema })
        if (submission.status !== 'success') return { form: 'impor', result: submission.reply() } satisfies Reply
        const { file, mode } = submission.value
        let text = submission.value.text ?? ''
        if (file) {
          try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer())
          } catch {
            return { form: 'impor', result: submission.reply({ fieldErrors: { file: ['drafting.error.fileEncoding'] } }) }
          }
          if (text.length > LIMITS.importText) {
            return { form: 'impor', result: submission.reply({ fieldErrors: { file: ['drafting.error.fileTooLarge'] } }) }
          }
        }
        let outcome
        try {
          outcome = await importPlainText(getDb(), { versionId, text, mode })
        } catch (error) {
          if (error instanceof EmptyImportError) {
            const field = file ? 'file' : 'text'
            return { form: 'impor', result: submission.reply({ fieldErrors: { [field]: ['drafting.error.importNothing'] } }) }
          }
          throw error
        }
        const extra: Record<string, string | number> = { bagian: outcome.imported, lanjut: outcome.continued, dibuang: outcome.dropped.length }
        if (outcome.title) extra.judul = outcome.title
        throw redirect(withNotice(here, mode === 'replace' ? 'diganti' : 'diimpor', extra))
      }
      case 'publish': {
        const submission = parseSubmission(formData, { schema: PublishSchema })
        if (submission.status !== 'success') return { form: 'terbit', result: submission.reply() } satisfies Reply
        try {
          await publishVersion(getDb(), { versionId, actorId: actor.id, note: submission.value.note ?? '' })
        } catch (error) {
          if (error instanceof EmptyDraftError) {
            return { form: 'terbit', result: submission.reply({ formErrors: ['drafting.error.emptyDraft'] }) }
          }
          throw error
        }
        await announceVersionPublished(getDb(), { policyId: policy.id, versionNumber: number, actorId: actor.id })
        throw redirect(withNotice(managePath(policy.slug), 'diterbitkan', { versi: number }))
      }
      default:
        throw new Response('Bad request', { status: 400 })
    }
  } catch (error) {
    if (error instanceof PublishedVersionError) throw alreadyPublished()
    if (error instanceof SectionNotFoundError) throw redirect(withNotice(here, 'hilang'))
    throw error
  }
}

function toPlace(place: string | undefined): SectionPlace {
  if (!place || place === 'end') return 'end'
  if (place === 'start') return 'start'
  return { after: Number(place.slice('after-'.length)) }
}

type LoaderData = Route.ComponentProps['loaderData']
type ActionData = Route.ComponentProps['actionData']
type DraftSection = LoaderData['sections'][number]

function lastResultFor(actionData: ActionData, form: string) {
  return actionData && 'form' in actionData && actionData.form === form ? actionData.result : undefined
}

const SECTION_NOTICES = {
  disimpan: 'drafting.notice.saved',
  ditambah: 'drafting.notice.added',
  dipindah: 'drafting.notice.moved',
} as const

function PageNotice() {
  const t = useT()
  const [params] = useSearchParams()
  const notice = params.get('selesai')
  const count = (name: string) => Number(params.get(name) ?? 0)
  let lines: string[] = []
  switch (notice) {
    case 'dibuat':
      lines = [t('drafting.notice.created')]
      break
    case 'versiBaru':
      lines = [t('drafting.notice.nextVersion')]
      break
    case 'drafAda':
      lines = [t('drafting.notice.draftExists')]
      break
    case 'dihapus':
      lines = [t('drafting.notice.removed')]
      break
    case 'hilang':
      lines = [t('drafting.notice.sectionGone')]
      break
    case 'diimpor':
    case 'diganti':
      lines = [
        t(notice === 'diganti' ? 'drafting.notice.replaced' : 'drafting.notice.imported', { count: count('bagian') }),
        count('lanjut') ? t('drafting.notice.continued', { count: count('lanjut') }) : '',
        params.get('judul') ? t('drafting.notice.titleSkipped', { title: params.get('judul')! }) : '',
        count('dibuang') ? t('drafting.notice.dropped', { count: count('dibuang') }) : '',
      ].filter(Boolean)
      break
  }
  if (lines.length === 0) return null
  return (
    <div className="notice notice--success" role="status">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  )
}

function SectionEditor({
  section,
  index,
  total,
  actionData,
  editHref,
}: {
  section: DraftSection
  index: number
  total: number
  actionData: ActionData
  editHref: string
}) {
  const t = useT()
  const [params] = useSearchParams()
  const id = `bagian-${section.id}`
  const [form, fields] = useForm({
    id,
    lastResult: lastResultFor(actionData, id),
    defaultValue: { heading: section.heading, body: section.body },
    constraint: getZodConstraint(UpdateSectionSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UpdateSectionSchema }),
  })
  const notice = params.get('bagian') === section.key ? params.get('selesai') : null
  const noticeKey = notice && notice in SECTION_NOTICES ? SECTION_NOTICES[notice as keyof typeof SECTION_NOTICES] : null
  const name = section.heading || t('policy.untitledSection')
  const headingId = `bagian-${section.key}-judul`
  return (
    <li>
      <section id={`bagian-${section.key}`} className="draft-section" aria-labelledby={headingId}>
        <div className="draft-section__header">
          <h3 id={headingId}>
            <span className="draft-section__number">{index + 1}.</span> {name}
          </h3>
          <div className="draft-section__tools">
            {(['up', 'down'] as const).map((direction) => (
              <Form method="post" key={direction}>
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="sectionId" value={section.id} />
                <input type="hidden" name="direction" value={direction} />
                <button
                  type="submit"
                  className="button button--small button--secondary"
                  disabled={direction === 'up' ? index === 0 : index === total - 1}
                >
                  {t(direction === 'up' ? 'drafting.editor.up' : 'drafting.editor.down')}
                  <span className="visually-hidden">: {name}</span>
                </button>
              </Form>
            ))}
            <Link to={`${editHref}/hapus/${section.key}`} className="button button--small button--danger">
              {t('drafting.editor.remove')}
              <span className="visually-hidden">: {name}</span>
            </Link>
          </div>
        </div>
        {noticeKey ? (
          <p className="notice notice--success" role="status">
            {t(noticeKey)}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="sectionId" value={section.id} />
          <TextField field={fields.heading} label={t('drafting.field.heading')} />
          <TextAreaField field={fields.body} label={t('drafting.field.body')} rows={Math.min(16, Math.max(4, Math.ceil(section.body.length / 90)))} />
          <button type="submit" className="button">
            {t('drafting.editor.save')}
            <span className="visually-hidden">: {name}</span>
          </button>
        </Form>
      </section>
    </li>
  )
}

function AddSectionForm({ sections, actionData }: { sections: DraftSection[]; actionData: ActionData }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'tambah',
    lastResult: lastResultFor(actionData, 'tambah'),
    defaultValue: { place: 'end' },
    constraint: getZodConstraint(AddSectionSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddSectionSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add" />
      <TextField field={fields.heading} label={t('drafting.field.heading')} hint={t('drafting.field.headingHint')} />
      <TextAreaField field={fields.body} label={t('drafting.field.body')} hint={t('drafting.field.bodyHint')} rows={6} />
      {sections.length > 0 ? (
        <SelectField
          field={fields.place}
          label={t('drafting.field.place')}
          options={[
            { value: 'end', label: t('drafting.field.placeEnd') },
            { value: 'start', label: t('drafting.field.placeStart') },
            ...sections.map((s, i) => ({
              value: `after-${s.id}`,
              label: t('drafting.field.placeAfter', { name: `${i + 1}. ${s.heading || t('policy.untitledSection')}` }),
            })),
          ]}
        />
      ) : null}
      <button type="submit" className="button">
        {t('drafting.editor.add')}
      </button>
    </Form>
  )
}

function ImportForm({ sectionCount, actionData }: { sectionCount: number; actionData: ActionData }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'impor',
    lastResult: lastResultFor(actionData, 'impor'),
    defaultValue: { mode: sectionCount === 0 ? 'replace' : 'append' },
    constraint: getZodConstraint(ImportSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ImportSchema }),
  })
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="import" />
      <TextAreaField field={fields.text} label={t('drafting.field.importText')} hint={t('drafting.field.importTextHint')} rows={8} />
      <FileField field={fields.file} label={t('drafting.field.importFile')} hint={t('drafting.field.importFileHint')} accept=".txt,text/plain" />
      <RadioGroupField
        field={fields.mode}
        legend={t('drafting.field.importMode')}
        options={[
          { value: 'append', label: t('drafting.field.importAppend'), hint: t('drafting.field.importAppendHint') },
          {
            value: 'replace',
            label: t('drafting.field.importReplace'),
            hint: t('drafting.field.importReplaceHint', { count: sectionCount }),
          },
        ]}
      />
      <button type="submit" className="button">
        {t('drafting.editor.import')}
      </button>
    </Form>
  )
}

function PublishForm({ number, empty, actionData }: { number: number; empty: boolean; actionData: ActionData }) {
  const t = useT()
  const [form, fields] = useForm({
    id: 'terbit',
    lastResult: lastResultFor(actionData, 'terbit'),
    constraint: getZodConstraint(PublishSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      {empty ? <p className="muted">{t('drafting.editor.publishEmpty')}</p> : null}
      <input type="hidden" name="intent" value="publish" />
      <TextAreaField field={fields.note} label={t('drafting.field.versionNote')} hint={t('drafting.field.versionNoteHint')} rows={3} />
      <CheckboxField field={fields.confirm} label={t('drafting.field.confirmPublish')} />
      <button type="submit" className="button">
        {t('drafting.editor.publish', { number })}
      </button>
    </Form>
  )
}

export default function DraftEditor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  // After each completed step the add, import and publish forms start empty again; the section
  // forms keep whatever is being typed in them.
  const { key: visit } = useLocation()
  const { policy, version, sections, canPublish } = loaderData
  const editHref = editorPath(policy.slug, version.number)
  return (
    <div className="page editor">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to="/kelola">{t('drafting.workspace.title')}</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={managePath(policy.slug)}>{policy.title}</Link>
      </nav>
      <header className="policy__header">
        <p className="policy__org">{policy.organisation_name}</p>
        <h1>{t('drafting.editor.title', { number: version.number, title: policy.title })}</h1>
        <p>{t('drafting.editor.intro')}</p>
        <p className="editor__links">
          <Link to={previewPath(policy.slug, version.number)}>{t('drafting.editor.preview')}</Link>
          {version.number > 1 ? (
            <Link to={`/kelola/kebijakan/${policy.slug}/versi/${version.number}/alasan`}>{t('revisions.reasons.link')}</Link>
          ) : null}
          <Link to={`/kebijakan/${policy.slug}`}>{t('drafting.manage.publicPage')}</Link>
        </p>
        <PageNotice />
      </header>

      <div className="editor__layout">
        <nav aria-labelledby="isi-draf" className="toc editor__toc">
          <h2 id="isi-draf">{t('drafting.editor.contents')}</h2>
          {sections.length > 0 ? (
            <ol>
              {sections.map((s) => (
                <li key={s.id}>
                  <a href={`#bagian-${s.key}`}>{s.heading || t('policy.untitledSection')}</a>
                </li>
              ))}
            </ol>
          ) : null}
          <ul className="editor__jumps">
            <li>
              <a href="#tambah-bagian">{t('drafting.editor.addTitle')}</a>
            </li>
            <li>
              <a href="#impor-teks">{t('drafting.editor.importTitle')}</a>
            </li>
            {canPublish ? (
              <li>
                <a href="#terbitkan">{t('drafting.editor.publishTitle', { number: version.number })}</a>
              </li>
            ) : null}
          </ul>
        </nav>

        <div className="editor__main">
          <section aria-labelledby="bagian-draf">
            <h2 id="bagian-draf">{t('drafting.editor.sections', { count: sections.length })}</h2>
            {sections.length === 0 ? (
              <p className="empty-state">{t('drafting.editor.empty')}</p>
            ) : (
              <>
                <p className="muted">{t('drafting.field.bodyHint')}</p>
                <ol className="draft-sections">
                  {sections.map((section, i) => (
                    <SectionEditor
                      key={section.id}
                      section={section}
                      index={i}
                      total={sections.length}
                      actionData={actionData}
                      editHref={editHref}
                    />
                  ))}
                </ol>
              </>
            )}
          </section>

          <section aria-labelledby="tambah-bagian-judul" id="tambah-bagian" className="panel">
            <h2 id="tambah-bagian-judul">{t('drafting.editor.addTitle')}</h2>
            <AddSectionForm key={visit} sections={sections} actionData={actionData} />
          </section>

          <section aria-labelledby="impor-teks-judul" id="impor-teks" className="panel">
            <h2 id="impor-teks-judul">{t('drafting.editor.importTitle')}</h2>
            <p>{t('drafting.editor.importIntro')}</p>
            <ImportForm key={visit} sectionCount={sections.length} actionData={actionData} />
          </section>

          {canPublish ? (
            <section aria-labelledby="terbitkan-judul" id="terbitkan" className="panel panel--publish">
              <h2 id="terbitkan-judul">{t('drafting.editor.publishTitle', { number: version.number })}</h2>
              <p>{t('drafting.editor.publishIntro')}</p>
              <PublishForm key={visit} number={version.number} empty={sections.length === 0} actionData={actionData} />
            </section>
          ) : null}
        </div>
      </div>
    </div>
  )
}
