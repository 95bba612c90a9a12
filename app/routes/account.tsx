import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/account'
import type { Role } from '~db/schema'
import { ClaimStatus } from '~/components/ClaimStatus'
import { FormErrors, TextField } from '~/components/Field'
import { sendVerificationMail } from '~/domain/registration.server'
import { changePassword, invalidateOtherSessions, invalidateOwnSession, listSessions } from '~/domain/auth.server'
import {
  countPendingClaims,
  getVerifiedRole,
  listMemberships,
  listMyClaims,
  listOrganisationChoices,
  withdrawClaim,
} from '~/domain/employees.server'
import { assertCan, can } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { WithdrawSchema } from '~/lib/employee-schemas'
import { ChangePasswordSchema } from '~/lib/schemas'
import { currentSessionId, getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import { describeUserAgent } from '~/lib/user-agent'
import type { PageHandle } from '~/lib/page-handle'
import { parseSubmission, readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['employees', 'accounts'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Akun'} · Rembuk` }]

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await getActor(request)
  assertCan(actor, 'account.view', {}, '/akun')
  const db = getDb()
  const [memberships, claims] = await Promise.all([listMemberships(db, actor!.id), listMyClaims(db, actor!.id)])

  const organisations = new Map<number, { slug: string; name: string; roles: Role[] }>()
  for (const m of memberships) {
    const entry = organisations.get(m.id) ?? { slug: m.slug, name: m.name, roles: [] }
    entry.roles.push(m.role)
    organisations.set(m.id, entry)
  }
  // Where this person verifies employees: their own organisations, or all of them for a platform admin.
  const verifiable = (actor!.isPlatformAdmin ? await listOrganisationChoices(db) : memberships).filter(
    (o, i, all) => all.findIndex((x) => x.id === o.id) === i && can(actor, 'employee.verify', { organisationId: o.id }),
  )
  const pending = await countPendingClaims(db, verifiable.map((o) => o.id))

  const current = currentSessionId(request)
  const sessions = (await listSessions(db, actor!.id)).map((row) => ({
    id: row.id,
    current: row.id === current,
    createdAt: row.created_at,
    lastUsedAt: row.last_verified_at,
    ...describeUserAgent(row.user_agent),
  }))

  const roles = new Map<number, string | null>()
  for (const claim of claims) {
    if (claim.status === 'approved') roles.set(claim.id, await getVerifiedRole(db, actor!.id, claim.organisation_id))
  }

  return {
    title: translator(getLocale(request))('account.title'),
    user: {
      displayName: actor!.displayName,
      email: actor!.email,
      isPlatformAdmin: actor!.isPlatformAdmin,
      emailVerified: actor!.emailVerified !== false,
    },
    organisations: [...organisations.values()],
    verifyQueues: verifiable.map((o) => ({ slug: o.slug, name: o.name, pending: pending.get(o.id) ?? 0 })),
    claims: claims.map((c) => ({ ...c, verifiedRole: roles.get(c.id) ?? null })),
    sessions,
  }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await getActor(request)
  assertCan(actor, 'account.view', {}, '/akun')
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const db = getDb()
  const current = currentSessionId(request)!

  if (intent === 'signOutSession') {
    const sessionId = formData.get('sessionId')
    if (typeof sessionId !== 'string' || sessionId === current || !(await invalidateOwnSession(db, actor!.id, sessionId))) {
      return { error: 'account.sessions.notFound' as const }
    }
    throw redirect('/akun?sesi=keluar#perangkat')
  }
  if (intent === 'resendVerification') {
    if (actor!.emailVerified !== false) throw redirect('/akun')
    const sent = await sendVerificationMail(
      db,
      { id: actor!.id, email: actor!.email, displayName: actor!.displayName },
      getLocale(request),
    )
    if (!sent) return { error: 'account.verify.resendLimited' as const }
    throw redirect('/akun?tautan=dikirim')
  }
  if (intent === 'signOutOthers') {
    await invalidateOtherSessions(db, actor!.id, current)
    throw redirect('/akun?sesi=semua#perangkat')
  }
  if (intent === 'password') {
    const submission = parseSubmission(formData, { schema: ChangePasswordSchema })
    if (submission.status !== 'success') {
      return { password: submission.reply({ hideFields: ['currentPassword', 'newPassword'] }) }
    }
    const outcome = await changePassword(db, {
      userId: actor!.id,
      sessionId: current,
      currentPassword: submission.value.currentPassword,
      newPassword: submission.value.newPassword,
    })
    if (!outcome.ok) {
      return { password: submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] }, hideFields: ['currentPassword', 'newPassword'] }) }
    }
    throw redirect('/akun?sandi=diganti')
  }

  assertCan(actor, 'employee.claim', {}, '/akun')
  const submission = parseSubmission(formData, { schema: WithdrawSchema })
  if (submission.status !== 'success') return { error: 'account.claim.cannotWithdraw' as const }
  const withdrawn = await withdrawClaim(db, { claimId: submission.value.claimId, userId: actor!.id })
  if (!withdrawn) return { error: 'account.claim.cannotWithdraw' as const }
  throw redirect('/akun?dibatalkan=1')
}

// Sessions have no organisation to take a time zone from; the portal's home zone (WIB).
const SESSION_TIME_ZONE = 'Asia/Jakarta'

const ROLE_KEYS = {
  employee: 'account.role.employee',
  moderator: 'account.role.moderator',
  admin: 'account.role.admin',
} as const satisfies Record<Role, string>

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const [searchParams] = useSearchParams()
  const { user, organisations, verifyQueues, claims, sessions } = loaderData
  const passwordResult = actionData && 'password' in actionData ? actionData.password : undefined
  const [passwordForm, passwordFields] = useForm({
    id: 'ganti-sandi',
    lastResult: passwordResult,
    constraint: getZodConstraint(ChangePasswordSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  })
  const notice = searchParams.has('dikirim')
    ? t('account.claim.submitted')
    : searchParams.has('dibatalkan')
      ? t('account.claim.withdrawn')
      : searchParams.get('sesi') === 'keluar'
        ? t('account.sessions.signedOutOne')
        : searchParams.get('sesi') === 'semua'
          ? t('account.sessions.signedOutOthers')
          : searchParams.has('sandi')
            ? t('account.password.changed')
            : searchParams.get('email') === 'terverifikasi'
              ? t('account.verify.done')
              : searchParams.has('tautan')
                ? t('account.verify.resent')
                : null
  const error = actionData && 'error' in actionData ? actionData.error : null
  return (
    <div className="page account">
      <h1>{t('account.title')}</h1>
      {notice ? (
        <p className="notice notice--done" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p className="form-errors" role="alert">
          {t(error)}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="data-akun">
        <h2 id="data-akun">{t('account.details')}</h2>
        <dl className="facts">
          <dt>{t('auth.displayName')}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t('auth.email')}</dt>
          <dd>{user.email}</dd>
        </dl>
        {user.emailVerified ? null : (
          <div className="notice">
            <p>{t('account.verify.pending')}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="resendVerification" />
              <button type="submit" className="button button--secondary">
                {t('account.verify.resend')}
              </button>
            </Form>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="perangkat">
        <h2 id="perangkat">{t('account.sessions.title')}</h2>
        <p>{t('account.sessions.intro')}</p>
        <ul className="claim-list">
          {sessions.map((s) => {
            const device =
              s.browser && s.system
                ? t('account.sessions.device', { browser: s.browser, system: s.system })
                : (s.browser ?? s.system ?? t('account.sessions.unknownDevice'))
            return (
              <li key={s.id} className="claim">
                <p className="claim__head">
                  <strong>{device}</strong>
                  {s.current ? <span className="tag">{t('account.sessions.current')}</span> : null}
                </p>
                <p className="claim__meta muted">
                  {t('account.sessions.lastUsed', { date: formatDateTime(s.lastUsedAt, SESSION_TIME_ZONE, locale) })} ·{' '}
                  {t('account.sessions.started', { date: formatDateTime(s.createdAt, SESSION_TIME_ZONE, locale) })}
                </p>
                {s.current ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="signOutSession" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" className="button button--quiet">
                      {t('account.sessions.signOut')}
                      <span className="visually-hidden"> ({device})</span>
                    </button>
                  </Form>
                )}
              </li>
            )
          })}
        </ul>
        {sessions.some((s) => !s.current) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="signOutOthers" />
            <button type="submit" className="button button--secondary">
              {t('account.sessions.signOutOthers')}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="ganti-sandi-judul">
        <h2 id="ganti-sandi-judul">{t('account.password.title')}</h2>
        <Form method="post" {...getFormProps(passwordForm)} className="stack">
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <TextField
            field={passwordFields.currentPassword}
            label={t('account.password.current')}
            type="password"
            autoComplete="current-password"
            clearOn={actionData}
          />
          <TextField
            field={passwordFields.newPassword}
            label={t('account.password.new')}
            hint={t('account.password.hint')}
            type="password"
            autoComplete="new-password"
            clearOn={actionData}
          />
          <button type="submit" className="button">
            {t('account.password.submit')}
          </button>
        </Form>
      </section>

      <section className="panel" aria-labelledby="instansi-peran">
        <h2 id="instansi-peran">{t('account.organisations')}</h2>
        {user.isPlatformAdmin ? <p>{t('account.platformAdmin')}</p> : null}
        {organisations.length === 0 ? (
          <p>{t('account.noOrganisations')}</p>
        ) : (
          <ul className="role-list">
            {organisations.map((o) => (
              <li key={o.slug}>
                <strong>{o.name}</strong>: {o.roles.map((r) => t(ROLE_KEYS[r])).join(', ')}
              </li>
            ))}
          </ul>
        )}
        {verifyQueues.length > 0 ? (
          <ul className="link-list">
            {verifyQueues.map((q) => (
              <li key={q.slug}>
                <Link to={`/kelola/organisasi/${q.slug}/verifikasi`}>
                  {t('account.verifyQueue', { organisation: q.name, count: q.pending })}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="verifikasi-asn">
        <h2 id="verifikasi-asn">{t('account.claims')}</h2>
        <p>{t('account.claimsIntro')}</p>
        {claims.length === 0 ? (
          <p className="muted">{t('account.noClaims')}</p>
        ) : (
          <ul className="claim-list">
            {claims.map((c) => (
              <li key={c.id} className="claim">
                <p className="claim__head">
                  <strong>{c.organisation_name}</strong> <ClaimStatus status={c.status} />
                </p>
                <p className="claim__meta">
                  {c.unit} · {c.position}
                </p>
                <p className="claim__meta muted">
                  {t('account.claim.submittedAt', { date: formatDateTime(c.created_at, c.time_zone, locale) })}
                  {c.decided_at ? ` · ${t('account.claim.decidedAt', { date: formatDateTime(c.decided_at, c.time_zone, locale) })}` : null}
                </p>
                {c.verifiedRole ? (
                  <p>
                    {t('account.claim.shownAs')} <strong>{c.verifiedRole}</strong>
                  </p>
                ) : null}
                {c.status === 'rejected' && c.decision_reason ? (
                  <p className="claim__reason">{t('account.claim.reason', { reason: c.decision_reason })}</p>
                ) : null}
                {c.status === 'pending' ? (
                  <Form method="post" className="claim__withdraw">
                    <input type="hidden" name="intent" value="withdraw" />
                    <input type="hidden" name="claimId" value={c.id} />
                    <button type="submit" className="button button--quiet">
                      {t('account.claim.withdraw')}
                      <span className="visually-hidden"> ({c.organisation_name})</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/akun/verifikasi-asn" className="button button--secondary">
            {t('account.claimLink')}
          </Link>
        </p>
      </section>
    </div>
  )
}
