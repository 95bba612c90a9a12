import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/register'
import { FormErrors, TextField } from '~/components/Field'
import { normaliseEmail } from '~/domain/auth.server'
import { registerOrNotify, registrationAllowed } from '~/domain/registration.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { RegisterSchema } from '~/lib/schemas'
import { getActor } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import { parseSubmission, readForm } from '~/lib/form-submission.server'
import { passwordProblem } from '~/domain/passwords.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['accounts'] }

export const meta: Route.MetaFunction = ({ data }) => pageMeta(data?.title ?? 'Daftar', data?.description)

export async function loader({ request }: Route.LoaderArgs) {
  if (await getActor(request)) throw redirect('/')
  const t = translator(getLocale(request))
  return { title: t('auth.register.title'), description: describePage(t, 'register') }
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readForm(request)
  const submission = parseSubmission(formData, { schema: RegisterSchema })
  if (submission.status !== 'success') {
    return { result: submission.reply({ hideFields: ['password'] }) }
  }
  const { displayName, email, password, redirectTo } = submission.value
  const weak = passwordProblem(password, { email, displayName })
  if (weak) return { result: submission.reply({ fieldErrors: { password: [weak] }, hideFields: ['password'] }) }
  const db = getDb()
  const limit = await registrationAllowed(db, context?.clientAddress ?? null)
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterMs / 60_000))
    return { result: submission.reply({ formErrors: [`auth.error.registerThrottled|${minutes}`], hideFields: ['password'] }) }
  }
  // The same answer whether or not the address has an account (its owner gets a mail instead).
  await registerOrNotify(db, { displayName, email, password, locale: getLocale(request), redirectTo: safeRedirect(redirectTo) })
  return { sent: normaliseEmail(email) }
}

export default function Register({ actionData }: Route.ComponentProps) {
  const t = useT()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const [form, fields] = useForm({
    id: 'daftar',
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(RegisterSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
  })
  if (actionData && 'sent' in actionData) {
    return (
      <div className="page narrow">
        <h1>{t('auth.register.sent.title')}</h1>
        <p className="notice notice--done" role="status">
          {t('auth.register.sent', { email: actionData.sent ?? '' })}
        </p>
        <p>
          <Link to={redirectTo ? `/masuk?redirectTo=${encodeURIComponent(redirectTo)}` : '/masuk'}>{t('auth.register.sent.signIn')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page narrow">
      <h1>{t('auth.register.title')}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.displayName} label={t('auth.displayName')} hint={t('auth.displayNameHint')} autoComplete="name" />
        <TextField field={fields.email} label={t('auth.email')} type="email" autoComplete="email" />
        <TextField
          field={fields.password}
          label={t('auth.password')}
          hint={t('account.password.hint.register')}
          type="password"
          clearOn={actionData}
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t('auth.register.submit')}
        </button>
      </Form>
      <p>
        {t('auth.register.haveAccount')} <Link to="/masuk">{t('nav.signIn')}</Link>
      </p>
    </div>
  )
}
