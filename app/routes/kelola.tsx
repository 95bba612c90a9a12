import { Link } from 'react-router'
import type { Route } from './+types/kelola'
import { StageBadge } from '~/components/StageBadge'
import { listWorkspace } from '~/domain/drafting.server'
import { can, teamOrganisationIds } from '~/domain/permissions.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useLocale, useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { formatDate } from '~/lib/time'
import { editorPath, managePath, requireWorkspace } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['drafting', 'moderation'] }

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.title ?? 'Kelola'} · Rembuk` }]

export async function loader({ request }: Route.LoaderArgs) {
  const actor = await requireWorkspace(request)
  const organisations = await listWorkspace(getDb(), teamOrganisationIds(actor))
  return {
    title: translator(getLocale(request))('drafting.workspace.title'),
    organisations: organisations.map((org) => ({
      ...org,
      auditHref: can(actor, 'audit.read', { organisationId: org.id }) ? `/kelola/organisasi/${org.slug}/audit` : null,
      policies: org.policies.map((p) => ({
        ...p,
        manageHref: managePath(p.slug),
        editHref: p.draft_number ? editorPath(p.slug, p.draft_number) : null,
      })),
    })),
  }
}

export default function Workspace({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const locale = useLocale()
  const { organisations } = loaderData
  return (
    <div className="page workspace">
      <div className="page-heading">
        <h1>{t('drafting.workspace.title')}</h1>
        <Link to="/kelola/kebijakan/baru" className="button">
          {t('drafting.workspace.newPolicy')}
        </Link>
      </div>
      <p className="lead">{t('drafting.workspace.intro')}</p>
      {organisations.length === 0 ? <p>{t('drafting.workspace.noOrganisations')}</p> : null}
      <div className="org-list">
        {organisations.map((org) => (
          <section key={org.id} className="org" aria-labelledby={`instansi-${org.slug}`}>
            <h2 id={`instansi-${org.slug}`}>{org.name}</h2>
            {org.auditHref ? (
              <p className="org__links">
                <Link to={org.auditHref}>
                  {t('audit.workspaceLink')}
                  <span className="visually-hidden">: {org.name}</span>
                </Link>
              </p>
            ) : null}
            {org.policies.length === 0 ? (
              <p>
                {t('drafting.workspace.noPolicies')}{' '}
                <Link to={`/kelola/kebijakan/baru?instansi=${org.slug}`}>{t('drafting.workspace.newPolicyHere')}</Link>
              </p>
            ) : (
              <ul className="policy-cards">
                {org.policies.map((policy) => (
                  <li key={policy.id} className="policy-card">
                    <h3>
                      <Link to={policy.manageHref}>{policy.title}</Link>
                    </h3>
                    <p className="policy-card__meta">
                      <StageBadge stage={policy.stage} />
                      <span>
                        {policy.published_number
                          ? t('drafting.state.published', { number: policy.published_number })
                          : t('drafting.state.unpublished')}
                      </span>
                      <span>{t('policy.updatedAt', { date: formatDate(policy.updated_at, org.time_zone, locale) })}</span>
                    </p>
                    {policy.editHref ? (
                      <p>
                        <span className="draft-badge">{t('drafting.state.draft', { number: policy.draft_number ?? '' })}</span>{' '}
                        <Link to={policy.editHref}>
                          {t('drafting.workspace.continueEditing')}
                          <span className="visually-hidden">: {policy.title}</span>
                        </Link>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </div>
  )
}
