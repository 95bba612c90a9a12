import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/kelola.offline-input'
import { FormErrors } from '~/components/Field'
import { GroupFields, InputContentFields } from '~/components/InputContentFields'
import { Checkbox, ChoiceGroup, TextInput } from '~/components/form-controls'
import { INPUT_KINDS, LIMITS, OFFLINE_CHANNELS } from '~/domain/input-rules'
import { recordOfflineInput } from '~/domain/inputs.server'
import { getSections } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { requireConsultationTeam } from '~/lib/consultation-team.server'
import { inputErrorsForForm } from '~/lib/input-errors'
import { formatDateTime, nowIso, utcToZonedLocal, zoneName, zonedLocalToUtc } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultation-admin', 'consultations'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? ''} · Rembuk` }]

const OfflineSchema = z
  .object({
    channel: z.enum(OFFLINE_CHANNELS as [string, ...string[]], { error: 'validation.required' }),
    receivedAt: z.string({ error: 'cadmin.error.badTime' }),
    submitterName: z.string({ error: 'validation.required' }).trim().max(LIMITS.submitterName, `validation.tooLong|${LIMITS.submitterName}`),
    submitterContact: z.string().trim().max(LIMITS.submitterContact, `validation.tooLong|${LIMITS.submitterContact}`).default(''),
    showName: z.literal('on').optional(),
    consentRecorded: z.literal('on', { error: 'input.error.consent' }),
    sectionKey: z.string().default(''),
    kind: z.enum(INPUT_KINDS as [string, ...string[]], { error: 'validation.required' }),
    proposedText: z.string().max(LIMITS.proposedText, `validation.tooLong|${LIMITS.proposedText}`).default(''),
    reason: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(LIMITS.reason, `validation.tooLong|${LIMITS.reason}`),
    topic: z.string({ error: 'input.error.unknownTopic' }),
    groupName: z.string().trim().max(LIMITS.groupName, `validation.tooLong|${LIMITS.groupName}`).default(''),
    groupType: z.string().default(''),
    clientToken: z.string().max(100).optional(),
  })

const load = (request: Request, id: string) => requireConsultationTeam(request, id, 'input.recordOffline')

export async function loader({ request, params }: Route.LoaderArgs) {
  const { db, consultation, policy } = await load(request, params.id)
  const sections = await getSections(db, consultation.version_id)
  const url = new URL(request.url)
  return {
    title: translator(getLocale(request))('offline.title'),
    consultation: { id: consultation.id, title: consultation.title, topics: consultation.topics },
    policy: { slug: policy.slug, title: policy.title },
    zone: zoneName(policy.time_zone),
    sections: sections.map((s) => ({ key: s.key, heading: s.heading })),
    now: utcToZonedLocal(nowIso(), policy.time_zone),
    saved: url.searchParams.get('nomor'),
    clientToken: crypto.randomUUID(),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { db, consultation, policy, actor } = await load(request, params.id)
  const submission = await parseForm(request, OfflineSchema)
  if (submission.status !== 'success') return { result: submission.reply() }
  const v = submission.value
  const receivedAt = zonedLocalToUtc(v.receivedAt, policy.time_zone)
  if (!receivedAt) return { result: submission.reply({ fieldErrors: { receivedAt: ['cadmin.error.badTime'] } }) }
  const result = await recordOfflineInput(
    db,
    {
      consultationId: consultation.id,
      channel: v.channel as never,
      receivedAt,
      submitterName: v.submitterName,
      submitterContact: v.submitterContact,
      showName: v.showName === 'on',
      consentRecorded: v.consentRecorded === 'on',
      sectionKey: v.sectionKey,
      kind: v.kind as never,
      proposedText: v.proposedText,
      reason: v.reason,
      topic: v.topic,
      groupName: v.groupName,
      groupType: v.groupType as never,
      clientToken: v.clientToken ?? null,
    },
    { staffId: actor.id },
  )
  if (!result.ok) {
    const locale = getLocale(request)
    return {
      result: submission.reply(
        inputErrorsForForm(result.errors, {
          opensAt: formatDateTime(consultation.opens_at, policy.time_zone, locale),
          closesAt: formatDateTime(consultation.closes_at, policy.time_zone, locale),
          organisation: policy.organisation_name,
        }),
      ),
    }
  }
  return { result: submission.reply({ resetForm: true }), trackingNumber: result.trackingNumber }
}

export default function OfflineInput({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { consultation, policy, zone, sections } = loaderData
  const [form] = useForm({
    id: 'masukan-luring',
    lastResult: actionData?.result,
    constraint: getZodConstraint(OfflineSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfflineSchema }),
  })
  const initial = (form.initialValue ?? {}) as Record<string, string>
  const errors = (name: string) => form.allErrors[name]
  const saved = actionData && 'trackingNumber' in actionData ? actionData.trackingNumber : null
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/kelola/konsultasi/${consultation.id}`}>{consultation.title}</Link>
      </p>
      <h1>{t('offline.title')}</h1>
      {saved ? (
        <div className="receipt" role="status">
          <p>{t('offline.saved', { number: saved })}</p>
          <p>
            <Link to={`/masukan/${saved}`}>{t('inputs.permalink', { number: saved })}</Link>
          </p>
        </div>
      ) : (
        <p>{t('offline.intro')}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack" key={saved ?? 'form'}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="clientToken" value={loaderData.clientToken} />
        <ChoiceGroup
          id="l-saluran"
          name="channel"
          type="radio"
          legend={t('offline.channel')}
          defaultValue={initial.channel}
          errors={errors('channel')}
          options={OFFLINE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <TextInput id="l-diterima" name="receivedAt" type="datetime-local" label={t('offline.receivedAt', { zone })} defaultValue={initial.receivedAt ?? loaderData.now} errors={errors('receivedAt')} />
        <TextInput id="l-nama" name="submitterName" label={t('offline.submitterName')} hint={t('offline.submitterName.hint')} defaultValue={initial.submitterName} errors={errors('submitterName')} />
        <TextInput id="l-kontak" name="submitterContact" label={t('offline.submitterContact')} hint={t('offline.submitterContact.hint')} defaultValue={initial.submitterContact} errors={errors('submitterContact')} />
        <Checkbox id="l-tampil" name="showName" label={t('offline.showName')} defaultChecked={initial.showName === 'on'} />
        <InputContentFields prefix="l" sections={sections} topics={consultation.topics} initial={initial} errors={errors} />
        <GroupFields prefix="l" initial={initial} errors={errors} />
        <Checkbox id="l-persetujuan" name="consentRecorded" label={t('offline.consentRecorded')} errors={errors('consentRecorded')} defaultChecked={initial.consentRecorded === 'on'} />
        <button type="submit" className="button">
          {t('offline.submit')}
        </button>
      </Form>
      <p>
        <Link to={`/kebijakan/${policy.slug}`}>{t('cadmin.publicPage')}</Link>
      </p>
    </div>
  )
}
