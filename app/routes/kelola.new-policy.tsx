import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/kelola.new-policy'
import { FormErrors, RadioGroupField, SelectField, TextAreaField, TextField } from '~/components/Field'
import { createPolicy, listOrganisationsByIds } from '~/domain/drafting.server'
import { assertCan, teamOrganisationIds } from '~/domain/permissions.server'
import { STARTING_STAGES } from '~/domain/stages'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { CreatePolicySchema } from '~/lib/drafting-schemas'
import { editorPath, requireWorkspace, withNotice } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['drafting'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Kebijakan baru'} · Rembuk` }]

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireWorkspace(request)
  const organisations = await listOrganisationsByIds(getDb(), teamOrganisationIds(actor))
  const wanted = new URL(request.url).searchParams.get('instansi')
  return {
    title: translator(getLocale(request))('drafting.new.title'),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    preselected: organisations.find((o) => o.slug === wanted)?.id ?? (organisations.length === 1 ? organisations[0].id : null),
  }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireWorkspace(request)
  const submission = await parseForm(request, CreatePolicySchema)
  if (submission.status !== 'success') return { result: submission.reply() }
  const { organisationId, title, summary, topic, stage } = submission.value
  const organisation = await getDb().selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst()
  if (!organisation) return { result: submission.reply({ fieldErrors: { organisationId: ['drafting.error.chooseOrganisation'] } }) }
  assertCan(actor, 'policy.create', { organisationId })
  const policy = await createPolicy(getDb(), { organisationId, title, summary, topic: topic ?? '', stage, actorId: actor.id })
  throw redirect(withNotice(editorPath(policy.slug, policy.versionNumber), 'dibuat'))
}

export default function NewPolicy({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { organisations, preselected } = loaderData
  const [form, fields] = useForm({
    id: 'kebijakan-baru',
    lastResult: actionData?.result,
    defaultValue: { organisationId: preselected ? String(preselected) : '', stage: 'penyusunan' },
    constraint: getZodConstraint(CreatePolicySchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreatePolicySchema }),
  })
  return (
    <div className="page narrow">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to="/kelola">{t('drafting.workspace.title')}</Link>
      </nav>
      <h1>{t('drafting.new.title')}</h1>
      <p className="lead">{t('drafting.new.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.organisationId}
          label={t('drafting.field.organisation')}
          options={[
            ...(preselected ? [] : [{ value: '', label: t('drafting.field.organisationChoose') }]),
            ...organisations.map((o) => ({ value: String(o.id), label: o.name })),
          ]}
        />
        <TextField field={fields.title} label={t('drafting.field.title')} hint={t('drafting.field.titleHint')} />
        <TextAreaField field={fields.summary} label={t('drafting.field.summary')} hint={t('drafting.field.summaryHint')} rows={3} />
        <TextField field={fields.topic} label={t('drafting.field.topic')} hint={t('drafting.field.topicHint')} />
        <RadioGroupField
          field={fields.stage}
          legend={t('drafting.field.startStage')}
          options={STARTING_STAGES.map((stage) => ({
            value: stage,
            label: t(`stage.${stage}`),
            hint: t(`drafting.field.startStage.${stage}`),
          }))}
        />
        <button type="submit" className="button">
          {t('drafting.new.submit')}
        </button>
      </Form>
    </div>
  )
}
