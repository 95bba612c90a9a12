import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, redirect } from 'react-router'
import type { Route } from './+types/kelola.verification'
import { ClaimStatus } from '~/components/ClaimStatus'
import { FormErrors, TextAreaField } from '~/components/Field'
import { DecisionError, decideClaim, getClaim, getOrganisationBySlug, listClaims } from '~/domain/employees.server'
import { assertCan } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { DecisionSchema } from '~/lib/employee-schemas'
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['employees'] }

const DECIDED_SHOWN = 100

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name} · Rembuk` : 'Rembuk' },
]

async function organisationFor(request: Request, slug: string) {
  const organisation = await getOrganisationBySlug(getDb(), slug)
  if (!organisation) throw new Response('Not found', { status: 404 })
  const actor = await getActor(request)
  assertCan(actor, 'employee.verify', { organisationId: organisation.id }, `/kelola/organisasi/${slug}/verifikasi`)
  return { organisation, actor: actor! }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { organisation } = await organisationFor(request, params.slug)
  const db = getDb()
  const [pending, decided] = await Promise.all([
    listClaims(db, organisation.id, 'pending'),
    listClaims(db, organisation.id, 'decided', { limit: DECIDED_SHOWN }),
  ])
  // After a decision the page says what happened, naming the person.
  const decidedId = Number(new URL(request.url).searchParams.get('diputuskan'))
  const justDecided = Number.isInteger(decidedId) && decidedId > 0 ? await getClaim(db, decidedId) : undefined
  return {
    title: translator(getLocale(request))('employees.admin.title'),
    organisation,
    pending,
    decided,
    decidedShown: DECIDED_SHOWN,
    justDecided:
      justDecided && justDecided.organisation_id === organisation.id && justDecided.status !== 'pending'
        ? { name: justDecided.display_name, status: justDecided.status }
        : null,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { organisation, actor } = await organisationFor(request, params.slug)
  const formData = await readForm(request)
  const claimId = Number(formData.get('claimId'))
  const submission = parseSubmission(formData, { schema: DecisionSchema })
  if (submission.status !== 'success') return { claimId, result: submission.reply() }
  const db = getDb()
  const claim = await getClaim(db, submission.value.claimId)
  if (!claim || claim.organisation_id !== organisation.id) {
    return { claimId, result: submission.reply({ formErrors: ['employees.decide.error.notFound'] }) }
  }
  try {
    await decideClaim(db, {
      claimId: claim.id,
      actorId: actor.id,
      approve: submission.value.intent === 'approve',
      reason: submission.value.reason,
    })
  } catch (error) {
    if (!(error instanceof DecisionError)) throw error
    const onReason = error.code === 'employees.decide.error.reasonRequired' || error.code.startsWith('validation.')
    return {
      claimId,
      result: submission.reply(onReason ? { fieldErrors: { reason: [error.code] } } : { formErrors: [error.code] }),
    }
  }
  throw redirect(`/kelola/organisasi/${organisation.slug}/verifikasi?diputuskan=${claim.id}`)
}

type LoaderData = Route.ComponentProps['loaderData']
type ActionData = Route.ComponentProps['actionData']

function PendingClaim({
  claim,
  timeZone,
  actionData,
}: {
  claim: LoaderData['pending'][number]
  timeZone: string
  actionData: ActionData
}) {
  const t = useT()
  const locale = useLocale()
  const [form, fields] = useForm({
    id: `keputusan-${claim.id}`,
    lastResult: actionData?.claimId === claim.id ? actionData.result : undefined,
    constraint: getZodConstraint(DecisionSchema),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
  })
  const headingId = `pemohon-${claim.id}`
  return (
    <li className="claim claim--pending">
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>{claim.display_name}</h3>
        <dl className="facts facts--compact">
          <dt>{t('auth.email')}</dt>
          <dd>{claim.email}</dd>
          <dt>{t('employees.claim.unit')}</dt>
          <dd>{claim.unit}</dd>
          <dt>{t('employees.claim.position')}</dt>
          <dd>{claim.position}</dd>
          <dt>{t('employees.admin.submittedAt')}</dt>
          <dd>{formatDateTime(claim.created_at, timeZone, locale)}</dd>
        </dl>
        <Form method="post" {...getFormProps(form)} className="stack decision-form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="claimId" value={claim.id} />
          <TextAreaField field={fields.reason} label={t('employees.admin.reason')} hint={t('employees.admin.reasonHint')} rows={2} />
          <div className="button-row">
            <button type="submit" name="intent" value="approve" className="button">
              {t('employees.admin.approve')}
              <span className="visually-hidden"> {t('employees.admin.forName', { name: claim.display_name })}</span>
            </button>
            <button type="submit" name="intent" value="reject" className="button button--danger">
              {t('employees.admin.reject')}
              <span className="visually-hidden"> {t('employees.admin.forName', { name: claim.display_name })}</span>
            </button>
          </div>
        </Form>
      </article>
    </li>
  )
}

export default function ManageVerification({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { organisation, pending, decided, decidedShown, justDecided } = loaderData
  return (
    <div className="page verification">
      <p className="policy__org">{organisation.name}</p>
      <h1>{t('employees.admin.title')}</h1>
      <p className="lead">{t('employees.admin.intro')}</p>
      {justDecided ? (
        <p className="notice notice--done" role="status">
          {t(justDecided.status === 'approved' ? 'employees.admin.approved' : 'employees.admin.rejected', {
            name: justDecided.name,
          })}
        </p>
      ) : null}

      {actionData && !pending.some((c) => c.id === actionData.claimId) ? (
        // The request was decided meanwhile (or never existed): say so here, as its form is gone.
        <FormErrors id="keputusan-errors" errors={actionData.result.error?.[''] ?? ['employees.decide.error.notFound']} />
      ) : null}

      <section aria-labelledby="menunggu">
        <h2 id="menunggu">{t('employees.admin.pending', { count: pending.length })}</h2>
        {pending.length === 0 ? (
          <p className="muted">{t('employees.admin.noPending')}</p>
        ) : (
          <ul className="claim-list claim-list--cards">
            {pending.map((claim) => (
              <PendingClaim key={claim.id} claim={claim} timeZone={organisation.time_zone} actionData={actionData} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sudah-diputuskan">
        <h2 id="sudah-diputuskan">{t('employees.admin.decided')}</h2>
        {decided.length === 0 ? (
          <p className="muted">{t('employees.admin.noDecided')}</p>
        ) : (
          <>
            {decided.length >= decidedShown ? <p className="muted">{t('employees.admin.latestOnly', { count: decidedShown })}</p> : null}
            <ul className="claim-list">
              {decided.map((c) => (
                <li key={c.id} className="claim">
                  <p className="claim__head">
                    <strong>{c.display_name}</strong> <ClaimStatus status={c.status} />
                  </p>
                  <p className="claim__meta">
                    {c.email} · {c.unit} · {c.position}
                  </p>
                  <p className="claim__meta muted">
                    {t('account.claim.submittedAt', { date: formatDateTime(c.created_at, organisation.time_zone, locale) })}
                    {c.decided_at
                      ? ` · ${t('account.claim.decidedAt', { date: formatDateTime(c.decided_at, organisation.time_zone, locale) })}`
                      : null}
                    {c.decided_by_name ? ` ${t('employees.admin.by', { name: c.decided_by_name })}` : null}
                  </p>
                  {c.decision_reason ? <p className="claim__reason">{t('account.claim.reason', { reason: c.decision_reason })}</p> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  )
}
