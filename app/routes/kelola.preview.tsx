import { Link, redirect } from 'react-router'
import type { Route } from './+types/kelola.preview'
import { PolicyDocument } from '~/components/PolicyDocument'
import { getDraftForEditing } from '~/domain/drafting.server'
import { STAGES } from '~/domain/policies.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { editorPath, requirePolicyTeam, versionNumber } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'

export const handle: PageHandle = { i18n: ['drafting'] }

// The draft as readers will see it once published; only the policy team can open it.

export const meta: Route.MetaFunction = ({ data }) =>
  data ? [{ title: `${data.pageTitle} · ${data.policy.title} · Rembuk` }, { name: 'robots', content: 'noindex' }] : []

export async function loader({ request, params }: Route.LoaderArgs) {
  const { policy } = await requirePolicyTeam(request, params.slug, 'policy.edit')
  const number = versionNumber(params.number)
  const editing = await getDraftForEditing(getDb(), { slug: policy.slug, number })
  if (!editing) throw new Response('Not found', { status: 404 })
  if (editing.version.status !== 'draft') throw redirect(`/kebijakan/${policy.slug}/versi/${number}`)
  const version = { id: editing.version.id, number, published_at: null }
  return {
    policy: editing.policy,
    version,
    // Only the draft: links to other versions would leave the preview.
    versions: [version],
    currentNumber: number,
    sections: editing.sections,
    stages: STAGES,
    // A draft has no consultation yet.
    participation: null,
    editHref: editorPath(policy.slug, number),
    pageTitle: translator(getLocale(request))('drafting.preview.title', { number }),
  }
}

export default function PreviewDraft({ loaderData }: Route.ComponentProps) {
  const t = useT()
  return (
    <>
      <div className="page preview-banner">
        <p className="notice" role="note">
          {t('drafting.preview.banner', { number: loaderData.version.number })}{' '}
          <Link to={loaderData.editHref}>{t('drafting.preview.back')}</Link>
        </p>
      </div>
      <PolicyDocument reading={loaderData} />
    </>
  )
}
