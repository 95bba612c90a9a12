import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/account.claim'
import { FormErrors, SelectField, TextField } from '~/components/Field'
import { ClaimRefusedError, claimEmployment, listOrganisationChoices } from '~/domain/employees.server'
import { assertCan } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { ClaimSchema } from '~/lib/employee-schemas'
import { getActor } from '~/lib/session.server'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['employees'] }

const PATH = '/akun/verifikasi-asn'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Verifikasi sebagai ASN'} · Rembuk` }]

export async function loader({ request }: Route.LoaderArgs) {
  assertCan(await getActor(request), 'employee.claim', {}, PATH)
  const organisations = await listOrganisationChoices(getDb())
  // "?instansi=<slug>" preselects an organisation, for links from an organisation's pages.
  const wanted = new URL(request.url).searchParams.get('instansi')
  return {
    title: translator(getLocale(request))('employees.claim.title'),
    organisations,
    preselected: organisations.find((o) => o.slug === wanted)?.id ?? null,
  }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await getActor(request)
  assertCan(actor, 'employee.claim', {}, PATH)
  const submission = await parseForm(request, ClaimSchema)
  // The NIP is never sent back to the page, not even after a mistake.
  if (submission.status !== 'success') return { result: submission.reply({ hideFields: ['nip'] }) }
  try {
    await claimEmployment(getDb(), { userId: actor!.id, ...submission.value })
  } catch (error) {
    if (error instanceof ClaimRefusedError) {
      return { result: submission.reply({ fieldErrors: { [error.field]: [error.code] }, hideFields: ['nip'] }) }
    }
    throw error
  }
  throw redirect('/akun?dikirim=1')
}

export default function ClaimEmployment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const { organisations, preselected } = loaderData
  const [form, fields] = useForm({
    id: 'verifikasi-asn',
    lastResult: actionData?.result,
    defaultValue: { organisationId: preselected === null ? '' : String(preselected) },
    constraint: getZodConstraint(ClaimSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClaimSchema }),
  })
  return (
    <div className="page narrow claim-page">
      <p className="breadcrumb">
        <Link to="/akun">{t('employees.claim.backToAccount')}</Link>
      </p>
      <h1>{t('employees.claim.title')}</h1>
      <p>{t('employees.claim.intro')}</p>
      <section className="privacy-note" aria-labelledby="mengapa-nip">
        <h2 id="mengapa-nip">{t('employees.claim.privacyTitle')}</h2>
        <ul>
          <li>{t('employees.claim.privacyWhy')}</li>
          <li>{t('employees.claim.privacyHash')}</li>
          <li>
            <strong>{t('employees.claim.privacyNik')}</strong>
          </li>
        </ul>
      </section>
      {organisations.length === 0 ? (
        <p>{t('employees.claim.noOrganisations')}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <SelectField
            field={fields.organisationId}
            label={t('employees.claim.organisation')}
            placeholder={t('employees.claim.organisationChoose')}
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          />
          <TextField
            field={fields.nip}
            label={t('employees.claim.nip')}
            hint={t('employees.claim.nipHint')}
            inputMode="numeric"
            autoComplete="off"
            clearOn={actionData}
          />
          <TextField field={fields.unit} label={t('employees.claim.unit')} hint={t('employees.claim.unitHint')} />
          <TextField
            field={fields.position}
            label={t('employees.claim.position')}
            hint={t('employees.claim.positionHint')}
            autoComplete="organization-title"
          />
          <p className="muted">{t('employees.claim.next')}</p>
          <button type="submit" className="button">
            {t('employees.claim.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}
