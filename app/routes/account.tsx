import { Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/account'
import type { Role } from '~db/schema'
import { ClaimStatus } from '~/components/ClaimStatus'
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
import { getActor } from '~/lib/session.server'
import { formatDateTime } from '~/lib/time'
import type { PageHandle } from '~/lib/page-handle'
import { parseForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['employees'] }

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

  const roles = new Map<number, string | null>()
  for (const claim of claims) {
    if (claim.status === 'approved') roles.set(claim.id, await getVerifiedRole(db, actor!.id, claim.organisation_id))
  }

  return {
    title: translator(getLocale(request))('account.title'),
    user: { displayName: actor!.displayName, email: actor!.email, isPlatformAdmin: actor!.isPlatformAdmin },
    organisations: [...organisations.values()],
    verifyQueues: verifiable.map((o) => ({ slug: o.slug, name: o.name, pending: pending.get(o.id) ?? 0 })),
    claims: claims.map((c) => ({ ...c, verifiedRole: roles.get(c.id) ?? null })),
  }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await getActor(request)
  assertCan(actor, 'employee.claim', {}, '/akun')
  const submission = await parseForm(request, WithdrawSchema)
  if (submission.status !== 'success') return { error: 'account.claim.cannotWithdraw' as const }
  const withdrawn = await withdrawClaim(getDb(), { claimId: submission.value.claimId, userId: actor!.id })
  if (!withdrawn) return { error: 'account.claim.cannotWithdraw' as const }
  throw redirect('/akun?dibatalkan=1')
}

const ROLE_KEYS = {
  employee: 'account.role.employee',
  moderator: 'account.role.moderator',
  admin: 'account.role.admin',
} as const satisfies Record<Role, string>

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const [searchParams] = useSearchParams()
  const { user, organisations, verifyQueues, claims } = loaderData
  const notice = searchParams.has('dikirim')
    ? t('account.claim.submitted')
    : searchParams.has('dibatalkan')
      ? t('account.claim.withdrawn')
      : null
  return (
    <div className="page account">
      <h1>{t('account.title')}</h1>
      {notice ? (
        <p className="notice notice--done" role="status">
          {notice}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          {t(actionData.error)}
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
