import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/sign-in'
import { CheckboxField, FormErrors, TextField } from '~/components/Field'
import { signIn } from '~/domain/auth.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { pageMeta } from '~/lib/meta'
import { describePage } from '~/lib/meta.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { SignInSchema } from '~/lib/schemas'
import { getActor, startSession } from '~/lib/session.server'
import { safeRedirect } from '~/lib/safe-redirect'
import { parseSubmission, readForm } from '~/lib/form-submission.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['accounts'] }

export const meta: Route.MetaFunction = ({ data }) => pageMeta(data?.title ?? 'Masuk', data?.description)

export async function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url)
  if (await getActor(request)) throw redirect(safeRedirect(url.searchParams.get('redirectTo')))
  const t = translator(getLocale(request))
  return { title: t('auth.signIn.title'), description: describePage(t, 'signIn') }
}

export async function action({ request, context }: Route.ActionArgs) {
  const formData = await readForm(request)
  const submission = parseSubmission(formData, { schema: SignInSchema })
  if (submission.status !== 'success') {
    return { result: submission.reply({ hideFields: ['password'] }) }
  }
  const { email, password, redirectTo, signOutOthers } = submission.value
  const outcome = await signIn(getDb(), { email, password, address: context?.clientAddress ?? null })
  if (!outcome.ok) {
    const error =
      outcome.reason === 'throttled'
        ? `auth.error.throttled|${Math.max(1, Math.ceil(outcome.retryAfterMs / 60_000))}`
        : 'auth.error.invalid'
    return { result: submission.reply({ formErrors: [error], hideFields: ['password'] }) }
  }
  throw redirect(safeRedirect(redirectTo), {
    headers: { 'Set-Cookie': await startSession(request, outcome.user.id, { signOutOthers }) },
  })
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const t = useT()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const [form, fields] = useForm({
    id: 'masuk',
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  })
  return (
    <div className="page narrow">
      <h1>{t('auth.signIn.title')}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label={t('auth.email')} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t('auth.password')} type="password" autoComplete="current-password" clearOn={actionData} />
        <CheckboxField field={fields.signOutOthers} label={t('auth.signIn.signOutOthers')} />
        <button type="submit" className="button">
          {t('auth.signIn.submit')}
        </button>
      </Form>
      <p>
        {t('auth.signIn.noAccount')}{' '}
        <Link to={redirectTo ? `/daftar?redirectTo=${encodeURIComponent(redirectTo)}` : '/daftar'}>
          {t('nav.register')}
        </Link>
      </p>
    </div>
  )
}
