import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/register'
import { FormErrors, TextField } from '~/components/Field'
import { EmailTakenError, registerUser } from '~/domain/auth.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { RegisterSchema } from '~/lib/schemas'
import { getActor, startSession } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import { parseSubmission, readForm } from '~/lib/form-submission.server'
import { passwordProblem } from '~/domain/passwords.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['accounts'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Daftar'} · Rembuk` }]

export async function loader({ request }: Route.LoaderArgs) {
  if (await getActor(request)) throw redirect('/')
  return { title: translator(getLocale(request))('auth.register.title') }
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await readForm(request)
  const submission = parseSubmission(formData, { schema: RegisterSchema })
  if (submission.status !== 'success') {
    return { result: submission.reply({ hideFields: ['password'] }) }
  }
  const { displayName, email, password, redirectTo } = submission.value
  const weak = passwordProblem(password, { email, displayName })
  if (weak) return { result: submission.reply({ fieldErrors: { password: [weak] }, hideFields: ['password'] }) }
  let user
  try {
    user = await registerUser(getDb(), { displayName, email, password })
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return { result: submission.reply({ fieldErrors: { email: ['auth.error.emailTaken'] }, hideFields: ['password'] }) }
    }
    throw error
  }
  throw redirect(safeRedirect(redirectTo), { headers: { 'Set-Cookie': await startSession(request, user.id) } })
}

export default function Register({ actionData }: Route.ComponentProps) {
  const t = useT()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const [form, fields] = useForm({
    id: 'daftar',
    lastResult: actionData?.result,
    constraint: getZodConstraint(RegisterSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
  })
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
