import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/input-new'
import { QuestionnaireFields } from '~/components/QuestionnaireFields'
import { FormErrors } from '~/components/Field'
import { GroupFields, InputContentFields } from '~/components/InputContentFields'
import { Checkbox, ChoiceGroup, TextInput } from '~/components/form-controls'
import { getVerifiedRole } from '~/domain/employees.server'
import { LIMITS } from '~/domain/input-rules'
import { type ConsentPurpose, submitInput } from '~/domain/inputs.server'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, getSections } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { inputErrorsForForm } from '~/lib/input-errors'
import { inputFormSchema } from '~/lib/input-form'
import { loadParticipation } from '~/lib/participation.server'
import { getActor } from '~/lib/session.server'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'employees', 'verification'] }

export const meta: Route.MetaFunction = ({ data }) => pageMeta(data ? `${data.title} · ${data.policy.title}` : null, data?.description)

async function load(request: Request, slug: string) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, slug)
  if (!policy) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: policy.organisation_id })
  const locale = getLocale(request)
  const participation = await loadParticipation(db, policy, actor, locale)
  const sections = policy.current_version_id ? await getSections(db, policy.current_version_id) : []
  return { db, policy, actor, locale, participation, sections }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { policy, actor, locale, participation, sections } = await load(request, params.slug)
  const url = new URL(request.url)
  const requested = url.searchParams.get('bagian') ?? ''
  const section = sections.find((s) => s.key === requested) ?? null
  return {
    title: translator(locale)('input.new.title'),
    description: describePage(translator(locale), 'inputNew', { title: policy.title, organisation: policy.organisation_name }),
    policy: { slug: policy.slug, title: policy.title, organisation_name: policy.organisation_name },
    signedIn: Boolean(actor),
    actorName: actor?.displayName ?? '',
    participation,
    sections: sections.map((s) => ({ key: s.key, heading: s.heading })),
    section,
    here: url.pathname + url.search,
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, policy, actor, locale, participation } = await load(request, params.slug)
  if (!actor) throw redirect(`/masuk?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`)
  if (!participation) throw new Response('Not found', { status: 404 })
  const formData = await readForm(request)
  const submission = parseSubmission(formData, { schema: inputFormSchema(participation.questions) })
  const errorContext = {
    opensAt: participation.opensAtText,
    closesAt: participation.closesAtText,
    organisation: policy.organisation_name,
  }
  // Only a verified e-mail may give input; what was typed comes back in the form.
  if (actor.emailVerified === false) {
    return { result: submission.reply({ formErrors: [`account.verify.needed|email=${actor.email}`] }) }
  }
  if (submission.status !== 'success') return { result: submission.reply() }

  const t = translator(locale)
  const value = submission.value
  const consents = (['processing', 'publication', 'contact'] as ConsentPurpose[])
    .filter((purpose) => value.consent[purpose] === 'on')
    .map((purpose) => ({ purpose, statement: t(`input.consent.${purpose}`, { organisation: policy.organisation_name }) }))
  const result = await submitInput(
    db,
    {
      consultationId: participation.consultation.id,
      sectionKey: value.sectionKey,
      kind: value.kind as never,
      proposedText: value.proposedText,
      reason: value.reason,
      topic: value.topic,
      groupName: value.groupName,
      groupType: value.groupType as never,
      answers: value.answers as Record<string, unknown>,
      displayMode: value.displayMode as never,
      pseudonym: value.pseudonym,
      consents,
      clientToken: value.clientToken ?? null,
    },
    {
      actor,
      address: context?.clientAddress ?? null,
      verifiedRole: (organisationId) => getVerifiedRole(db, actor.id, organisationId),
    },
  )
  if (!result.ok) return { result: submission.reply(inputErrorsForForm(result.errors, errorContext)) }
  throw redirect(`/masukan/${result.trackingNumber}?baru=1`)
}

export default function InputNew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { policy, participation, sections, section } = loaderData
  const questions = participation?.questions ?? []
  const schema = inputFormSchema(questions)
  const [form] = useForm({
    id: 'masukan',
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const errors = (name: string) => form.allErrors[name]
  const initial = (form.initialValue ?? {}) as Record<string, any>

  const header = (
    <>
      <p className="breadcrumb">
        <Link to={`/kebijakan/${policy.slug}`}>{policy.title}</Link>
      </p>
      <h1>{t('input.new.title')}</h1>
    </>
  )

  if (!participation) {
    return (
      <div className="page narrow">
        {header}
        <p>{t('input.noConsultation')}</p>
      </div>
    )
  }
  const { consultation, state } = participation
  if (!loaderData.signedIn) {
    return (
      <div className="page narrow">
        {header}
        <p className="notice">{t('input.signInFirst')}</p>
        <p className="actions">
          <Link className="button" to={`/masuk?redirectTo=${encodeURIComponent(loaderData.here)}`}>
            {t('nav.signIn')}
          </Link>
          <Link to={`/daftar?redirectTo=${encodeURIComponent(loaderData.here)}`}>{t('nav.register')}</Link>
        </p>
      </div>
    )
  }
  // After a refused submission the form stays, with the reason on top and everything typed kept.
  if ((state !== 'open' || !participation.inAudience) && !actionData) {
    const message =
      state === 'upcoming'
        ? t('input.error.notYetOpen', { date: participation.opensAtText })
        : state === 'closed'
          ? t('input.error.closed', { date: participation.closesAtText })
          : t('input.error.audience', { organisation: policy.organisation_name })
    return (
      <div className="page narrow">
        {header}
        <p className="form-errors" role="alert">
          {message}
        </p>
      </div>
    )
  }

  const chosenSection = section?.key ?? ''
  return (
    <div className="page narrow input-form">
      {header}
      <p className="lead">{t('input.new.intro')}</p>
      <p className="muted">
        {consultation.title} · {t('consultation.openUntil', { date: participation.closesAtText })}
      </p>

      {section ? (
        <details className="section-quote" open>
          <summary>
            {t('input.section.quote')}: {section.heading}
          </summary>
          {section.body.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </details>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="clientToken" value={participation.clientToken} />

        <InputContentFields
          prefix="masukan"
          sections={sections}
          topics={consultation.topics}
          initial={initial}
          errors={errors}
          defaultSection={chosenSection}
          withHints
        />

        {questions.length > 0 ? (
          <fieldset className="fieldset">
            <legend>{t('input.questionnaire')}</legend>
            <p className="field__hint">{t('input.questionnaire.intro')}</p>
            <QuestionnaireFields questions={questions} initial={initial.answers} errors={errors} />
          </fieldset>
        ) : null}

        <ChoiceGroup
          id="masukan-tampilan"
          name="displayMode"
          type="radio"
          legend={t('input.display')}
          hint={participation.verifiedRole ? undefined : t('input.display.verifiedUnavailable')}
          defaultValue={initial.displayMode ?? 'name'}
          errors={errors('displayMode')}
          options={[
            { value: 'name', label: t('input.display.name', { name: loaderData.actorName }) },
            { value: 'pseudonym', label: t('input.display.pseudonym') },
            ...(participation.verifiedRole
              ? [{ value: 'verified_role', label: t('input.display.verified_role', { role: participation.verifiedRole }) }]
              : []),
          ]}
        />
        <TextInput
          id="masukan-samaran"
          name="pseudonym"
          label={t('input.pseudonym')}
          defaultValue={initial.pseudonym}
          errors={errors('pseudonym')}
          maxLength={LIMITS.pseudonym}
        />

        <GroupFields prefix="masukan" initial={initial} errors={errors} />

        <fieldset className="fieldset">
          <legend>{t('input.consent')}</legend>
          <p className="field__hint">{t('input.consent.intro')}</p>
          {(['processing', 'publication', 'contact'] as const).map((purpose) => (
            <Checkbox
              key={purpose}
              id={`persetujuan-${purpose}`}
              name={`consent.${purpose}`}
              defaultChecked={initial.consent?.[purpose] === 'on'}
              errors={errors(`consent.${purpose}`)}
              label={
                <>
                  {t(`input.consent.${purpose}`, { organisation: policy.organisation_name })}{' '}
                  <span className="muted">({purpose === 'contact' ? t('input.optional') : t('input.required')})</span>
                </>
              }
            />
          ))}
        </fieldset>

        <button type="submit" className="button">
          {t('input.submit')}
        </button>
      </Form>
    </div>
  )
}
