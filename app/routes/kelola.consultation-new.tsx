import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/kelola.consultation-new'
import { FormErrors } from '~/components/Field'
import { ChoiceGroup, Select, TextArea, TextInput } from '~/components/form-controls'
import { ConsultationError, createConsultation } from '~/domain/consultations.server'
import { AUDIENCES, DEFAULT_TOPICS, MODERATION_MODES } from '~/domain/input-rules'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, listPublishedVersions } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { ConsultationSchema, splitTopics } from '~/lib/consultation-form'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { clockNow, utcToZonedLocal, zoneName, zonedLocalToUtc } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? ''} · Rembuk` }]

async function load(request: Request, slug: string) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'consultation.manage', { organisationId: policy.organisation_id }, new URL(request.url).pathname)
  return { db, policy, actor: actor! }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, policy } = await load(request, params.slug)
  const versions = await listPublishedVersions(db, policy.id)
  const now = clockNow()
  return {
    title: translator(getLocale(request))('cadmin.new.title'),
    policy: { slug: policy.slug, title: policy.title, organisation: policy.organisation_name },
    zone: zoneName(policy.time_zone),
    versions: versions.map((v) => v.number),
    defaults: {
      versionNumber: String(versions[0]?.number ?? ''),
      opensAt: utcToZonedLocal(now.toISOString(), policy.time_zone),
      closesAt: utcToZonedLocal(new Date(now.getTime() + 30 * 24 * 60 * 60_000).toISOString(), policy.time_zone),
    },
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, policy, actor } = await load(request, params.slug)
  const submission = await parseForm(request, ConsultationSchema)
  if (submission.status !== 'success') return { result: submission.reply() }
  const v = submission.value
  const opensAt = zonedLocalToUtc(v.opensAt, policy.time_zone)
  const closesAt = zonedLocalToUtc(v.closesAt, policy.time_zone)
  const fieldErrors: Record<string, string[]> = {}
  if (!opensAt) fieldErrors.opensAt = ['cadmin.error.badTime']
  if (!closesAt) fieldErrors.closesAt = ['cadmin.error.badTime']
  const version = (await listPublishedVersions(db, policy.id)).find((x) => x.number === v.versionNumber)
  if (!version) fieldErrors.versionNumber = ['cadmin.error.versionNotPublished']
  if (Object.keys(fieldErrors).length) return { result: submission.reply({ fieldErrors }) }
  try {
    const created = await createConsultation(db, {
      policyId: policy.id,
      versionId: version!.id,
      title: v.title,
      description: v.description,
      opensAt: opensAt!,
      closesAt: closesAt!,
      audience: v.audience as never,
      moderation: v.moderation as never,
      topics: splitTopics(v.topics, v.extraTopics),
      actorId: actor.id,
    })
    throw redirect(`/kelola/konsultasi/${created.id}`)
  } catch (error) {
    if (!(error instanceof ConsultationError)) throw error
    const message = {
      closes_before_opens: ['closesAt', 'cadmin.error.closesBeforeOpens'],
      no_topics: ['topics', 'cadmin.error.noTopics'],
      version_not_published: ['versionNumber', 'cadmin.error.versionNotPublished'],
    }[error.code as 'no_topics'] ?? ['', 'error.server']
    return { result: submission.reply({ fieldErrors: { [message[0]]: [message[1]] } }) }
  }
}

export default function NewConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { policy, zone, defaults } = loaderData
  const [form] = useForm({
    id: 'konsultasi-baru',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ConsultationSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConsultationSchema }),
  })
  const initial = (form.initialValue ?? {}) as Record<string, any>
  const errors = (name: string) => form.allErrors[name]
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/kebijakan/${policy.slug}`}>{policy.title}</Link>
      </p>
      <h1>{t('cadmin.new.title')}</h1>
      <p>{t('cadmin.new.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Select
          id="k-versi"
          name="versionNumber"
          label={t('cadmin.version')}
          defaultValue={initial.versionNumber ?? defaults.versionNumber}
          errors={errors('versionNumber')}
          options={loaderData.versions.map((n) => ({ value: String(n), label: t('policy.version', { number: n }) }))}
        />
        <TextInput id="k-judul" name="title" label={t('cadmin.title')} defaultValue={initial.title} errors={errors('title')} maxLength={200} />
        <TextArea id="k-keterangan" name="description" label={t('cadmin.description')} hint={t('cadmin.description.hint')} defaultValue={initial.description} errors={errors('description')} rows={3} />
        <TextInput
          id="k-buka"
          name="opensAt"
          type="datetime-local"
          label={t('cadmin.opensAt', { zone })}
          hint={t('cadmin.time.hint', { zone, organisation: policy.organisation })}
          defaultValue={initial.opensAt ?? defaults.opensAt}
          errors={errors('opensAt')}
        />
        <TextInput
          id="k-tutup"
          name="closesAt"
          type="datetime-local"
          label={t('cadmin.closesAt', { zone })}
          defaultValue={initial.closesAt ?? defaults.closesAt}
          errors={errors('closesAt')}
        />
        <ChoiceGroup
          id="k-peserta"
          name="audience"
          type="radio"
          legend={t('cadmin.audience')}
          defaultValue={initial.audience ?? 'public'}
          errors={errors('audience')}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`cadmin.audience.${a}`) }))}
        />
        <ChoiceGroup
          id="k-moderasi"
          name="moderation"
          type="radio"
          legend={t('cadmin.moderation')}
          defaultValue={initial.moderation ?? 'pre'}
          errors={errors('moderation')}
          options={MODERATION_MODES.map((m) => ({ value: m, label: t(`cadmin.moderation.${m}`) }))}
        />
        <ChoiceGroup
          id="k-topik"
          name="topics"
          type="checkbox"
          legend={t('cadmin.topics')}
          hint={t('cadmin.topics.hint')}
          defaultValue={initial.topics ?? DEFAULT_TOPICS}
          errors={errors('topics')}
          options={DEFAULT_TOPICS.map((topic) => ({ value: topic, label: topic }))}
        />
        <TextInput id="k-topik-lain" name="extraTopics" label={t('cadmin.extraTopics')} hint={t('cadmin.extraTopics.hint')} defaultValue={initial.extraTopics} errors={errors('extraTopics')} />
        <button type="submit" className="button">
          {t('cadmin.create')}
        </button>
      </Form>
    </div>
  )
}
