import { Link } from 'react-router'
import type { Route } from './+types/home'
import { getDb } from '~/lib/db.server'
import { assertCan } from '~/domain/permissions.server'
import { listOrganisationsWithPolicies } from '~/domain/policies.server'
import { getActor } from '~/lib/session.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useContentLang, useLocale, useT } from '~/i18n/use-t'
import { formatDate } from '~/lib/time'
import { StageBadge } from '~/components/StageBadge'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `${data.heading} · Rembuk` : 'Rembuk' },
  { name: 'description', content: data?.description ?? '' },
]

export async function loader({ request }: Route.LoaderArgs) {
  assertCan(await getActor(request), 'policy.read')
  const t = translator(getLocale(request))
  const organisations = await listOrganisationsWithPolicies(getDb())
  return { organisations, heading: t('home.title'), description: t('app.tagline') }
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const lang = useContentLang()
  const locale = useLocale()
  const { organisations } = loaderData
  return (
    <div className="page">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {organisations.length === 0 ? <p>{t('home.empty')}</p> : null}
      <div className="org-list">
        {organisations.map((org) => (
          <section key={org.id} className="org" aria-labelledby={`org-${org.slug}`}>
            <h2 id={`org-${org.slug}`}>{org.name}</h2>
            <p className="muted">
              {t(`orgKind.${org.kind}`)} · {t('home.policyCount', { count: org.policies.length })}
            </p>
            {org.policies.length === 0 ? (
              <p>{t('home.noPolicies')}</p>
            ) : (
              <ul className="policy-cards">
                {org.policies.map((policy) => (
                  <li key={policy.id} className="policy-card">
                    <h3>
                      <Link to={`/kebijakan/${policy.slug}`} lang={lang}>
                        {policy.title}
                      </Link>
                    </h3>
                    <p>{policy.summary}</p>
                    <p className="policy-card__meta">
                      <StageBadge stage={policy.stage} />
                      {policy.version_number ? (
                        <span>{t('policy.version', { number: policy.version_number })}</span>
                      ) : null}
                      <span>{t('policy.updatedAt', { date: formatDate(policy.updated_at, org.time_zone, locale) })}</span>
                    </p>
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
