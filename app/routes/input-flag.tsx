import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, data, redirect } from 'react-router'
import type { Route } from './+types/input-flag'
import { FormErrors } from '~/components/Field'
import { ChoiceGroup } from '~/components/form-controls'
import { getInputByTrackingNumber, normaliseTrackingNumber } from '~/domain/inputs.server'
import { FLAG_REASONS } from '~/domain/moderation-rules'
import { FlagError, flagInput, flagStateFor } from '~/domain/moderation.server'
import { assertCan } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { FlagSchema } from '~/lib/moderation-form'
import { getActor } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['consultations', 'moderation', 'verification'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} · Rembuk` : 'Rembuk' }]

/** A reader reports (flags) a published input. The inline forms on input pages post here too. */
async function load(request: Request, param: string) {
  const number = normaliseTrackingNumber(param)
  const input = number ? await getInputByTrackingNumber(getDb(), number) : null
  if (!input) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'policy.read', { organisationId: input.organisation_id })
  assertCan(actor, 'input.flag', {}, `/masukan/${input.tracking_number}/laporkan`)
  return { input, actor: actor! }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { input, actor } = await load(request, params.trackingNumber)
  const state = await flagStateFor(getDb(), actor.id, [input.id])
  const t = translator(getLocale(request))
  return {
    title: t('flag.title', { number: input.tracking_number }),
    trackingNumber: input.tracking_number,
    // Why it cannot be reported, if it cannot.
    refusal: state.flagged.length
      ? 'flag.error.already_flagged'
      : state.own.length
        ? 'flag.error.own_input'
        : input.status !== 'published'
          ? 'flag.error.not_published'
          : null,
  }
}

/** Back where the reader came from, with a word that the report arrived. */
function backTo(target: string, trackingNumber: string) {
  const url = new URL(target, 'http://rembuk.invalid')
  url.searchParams.set('dilaporkan', trackingNumber)
  return `${url.pathname}${url.search}`
}

export async function action({ request, params }: Route.ActionArgs) {
  const { input, actor } = await load(request, params.trackingNumber)
  const submission = await parseForm(request, FlagSchema)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  if (actor.emailVerified === false) {
    return data({ result: submission.reply({ formErrors: [`account.verify.neededFlag|email=${actor.email}`] }) }, { status: 403 })
  }
  try {
    await flagInput(getDb(), { inputId: input.id, userId: actor.id, reason: submission.value.reason })
  } catch (error) {
    if (!(error instanceof FlagError)) throw error
    const message = `flag.error.${error.code}`
    const reply = error.code === 'unknown_reason' ? submission.reply({ fieldErrors: { reason: [message] } }) : submission.reply({ formErrors: [message] })
    return data({ result: reply }, { status: error.code === 'not_found' ? 404 : 409 })
  }
  throw redirect(backTo(safeRedirect(submission.value.redirectTo, `/masukan/${input.tracking_number}`), input.tracking_number))
}

export default function FlagPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { trackingNumber, refusal } = loaderData
  const [form, fields] = useForm({
    id: 'laporkan',
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FlagSchema }),
  })
  // A refusal the page already knows of (own input, flagged before) replaces the form.
  const errors = form.errors?.length ? form.errors : refusal ? [refusal] : undefined
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/masukan/${trackingNumber}`}>{t('flag.back', { number: trackingNumber })}</Link>
      </p>
      <h1>{loaderData.title}</h1>
      <FormErrors id={form.errorId} errors={errors} />
      {refusal ? null : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="redirectTo" value={`/masukan/${trackingNumber}`} />
          <ChoiceGroup
            id="laporkan-alasan"
            name="reason"
            type="radio"
            legend={t('flag.reason')}
            hint={t('flag.intro')}
            required
            errors={fields.reason.errors}
            options={FLAG_REASONS.map((r) => ({ value: r, label: t(`moderation.reason.${r}`) }))}
          />
          <button type="submit" className="button">
            {t('flag.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}
