import type { Route } from './+types/api.policy-diff'
import { assertCan } from '~/domain/permissions.server'
import { getPolicyBySlug, getPublishedVersion } from '~/domain/policies.server'
import { getVersionRedline } from '~/domain/redline.server'
import { apiError, json, notFound } from '~/lib/api.server'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'

const versionNumber = (text: string) => (/^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : null)

export async function loader({ request, params }: Route.LoaderArgs) {
  const db = getDb()
  const policy = await getPolicyBySlug(db, params.slug)
  if (!policy) return notFound(`No policy "${params.slug}".`)
  assertCan(await getActor(request), 'policy.read', { organisationId: policy.organisation_id })
  const a = versionNumber(params.a)
  const b = versionNumber(params.b)
  const noVersion = (text: string) => notFound(`Policy "${policy.slug}" has no published version "${text}".`)
  if (a === null) return noVersion(params.a)
  if (b === null) return noVersion(params.b)
  if (a === b) {
    if (!(await getPublishedVersion(db, policy.id, a))) return noVersion(params.a)
    return apiError(400, 'Choose two different versions to compare.')
  }
  const found = await getVersionRedline(db, policy.id, a, b)
  if (!found.ok) return noVersion(found.missing[0] === 'from' ? params.a : params.b)
  const { from, to, redline } = found
  const base = `/api/v1/policies/${policy.slug}`
  return json({
    data: {
      policy: policy.slug,
      from: { number: from.number, title: from.title, publishedAt: from.published_at, url: `${base}/versions/${from.number}` },
      to: { number: to.number, title: to.title, publishedAt: to.published_at, url: `${base}/versions/${to.number}` },
      summary: redline.summary,
      sections: redline.sections.map((c) => ({
        key: c.key,
        anchor: c.anchor,
        url: `/kebijakan/${policy.slug}/perbandingan?dari=${from.number}&ke=${to.number}#${c.anchor}`,
        status: c.status,
        moved: c.moved,
        renamed: c.renamed,
        fromPosition: c.fromPosition,
        toPosition: c.toPosition,
        fromHeading: c.fromHeading,
        toHeading: c.toHeading,
        textFrom: c.textFrom,
        textMovedTo: c.textMovedTo,
        heading: c.headingOps,
        body: c.bodyOps,
      })),
    },
  })
}
