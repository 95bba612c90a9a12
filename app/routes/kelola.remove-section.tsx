import { Form, Link, redirect } from 'react-router'
import type { Route } from './+types/kelola.remove-section'
import { PublishedVersionError, SectionNotFoundError, getDraftForEditing, removeSection } from '~/domain/drafting.server'
import { getLocale } from '~/i18n/locale.server'
import { translator } from '~/i18n/messages.server'
import { useT } from '~/i18n/use-t'
import { getDb } from '~/lib/db.server'
import { RemoveSectionSchema } from '~/lib/drafting-schemas'
import { editorPath, managePath, requirePolicyTeam, versionNumber, withNotice } from '~/lib/workspace.server'
import type { PageHandle } from '~/lib/page-handle'
import { readForm } from '~/lib/form-submission.server'

export const handle: PageHandle = { i18n: ['drafting'] }

// Removing a section asks first, on a page of its own, so it works the same without JavaScript.

export const meta: Route.MetaFunction = ({ data }) => (data ? [{ title: `${data.title} · Rembuk` }] : [])

async function load(request: Request, params: Route.LoaderArgs['params']) {
  const { policy } = await requirePolicyTeam(request, params.slug, 'policy.edit')
  const number = versionNumber(params.number)
  const editing = await getDraftForEditing(getDb(), { slug: policy.slug, number })
  if (!editing) throw new Response('Not found', { status: 404 })
  if (editing.version.status !== 'draft') throw redirect(withNotice(managePath(policy.slug), 'sudahTerbit', { versi: number }))
  const index = editing.sections.findIndex((s) => s.key === params.key)
  const back = editorPath(policy.slug, number)
  if (index === -1) throw redirect(withNotice(back, 'hilang'))
  return { ...editing, section: editing.sections[index], index, back }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { policy, version, section, index, back } = await load(request, params)
  return {
    title: translator(getLocale(request))('drafting.remove.title'),
    policy: { title: policy.title, slug: policy.slug },
    version: { number: version.number },
    section: { key: section.key, heading: section.heading, body: section.body, number: index + 1 },
    back,
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const { version, section, back } = await load(request, params)
  const confirmed = RemoveSectionSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!confirmed.success) throw redirect(`${back}#bagian-${section.key}`)
  try {
    await removeSection(getDb(), { versionId: version.id, sectionId: section.id })
  } catch (error) {
    if (error instanceof SectionNotFoundError) throw redirect(withNotice(back, 'hilang'))
    if (error instanceof PublishedVersionError) throw redirect(back)
    throw error
  }
  throw redirect(withNotice(back, 'dihapus'))
}

export default function RemoveSection({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { policy, version, section, back } = loaderData
  const name = section.heading || t('policy.untitledSection')
  return (
    <div className="page narrow">
      <nav aria-label={t('drafting.breadcrumb')} className="breadcrumb">
        <Link to="/kelola">{t('drafting.workspace.title')}</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={back}>{t('drafting.editor.title', { number: version.number, title: policy.title })}</Link>
      </nav>
      <h1>{t('drafting.remove.title')}</h1>
      <p>{t('drafting.remove.explain', { number: version.number })}</p>
      <blockquote className="clause clause--quoted">
        <p>
          <strong>
            {section.number}. {name}
          </strong>
        </p>
        {section.body
          .split(/\n{2,}/)
          .slice(0, 3)
          .map((paragraph, i) => (paragraph ? <p key={i}>{paragraph}</p> : null))}
        {section.body.split(/\n{2,}/).length > 3 ? <p className="muted">…</p> : null}
      </blockquote>
      <Form method="post" className="button-row">
        <input type="hidden" name="confirm" value="ya" />
        <button type="submit" className="button button--danger">
          {t('drafting.remove.confirm')}
        </button>
        <Link to={`${back}#bagian-${section.key}`} className="button button--secondary">
          {t('drafting.remove.cancel')}
        </Link>
      </Form>
    </div>
  )
}
